# The relay's commands. `make help` lists them; `make serve` and `make test` are the two to know.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DELETE_ON_ERROR:
.DEFAULT_GOAL := help
MAKEFLAGS += --no-builtin-rules --warn-undefined-variables

# Every TypeScript file under handler/, at any depth: an integration may add folders.
SOURCES := $(shell find handler -name '*.ts') package.json scripts/build.mjs scripts/dist.mjs scripts/zip.mjs
UVU := node_modules/.bin/uvu -r $(CURDIR)/scripts/register.cjs

.PHONY: help serve test build typecheck test-unit test-terraform test-deploy bench clean deploy status logs undeploy jwt module-type

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  \033[1m%-14s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

# npm writes node_modules/.package-lock.json on every install: a real file to depend on.
node_modules/.package-lock.json: package-lock.json
	npm ci --no-fund --no-audit
	@touch $@

dist/index.mjs dist/relay.zip &: $(SOURCES) | node_modules/.package-lock.json
	node scripts/build.mjs

build: dist/relay.zip ## Bundle handler/ into dist/index.mjs and zip it into dist/relay.zip

serve: dist/relay.zip ## Run the relay on http://127.0.0.1:9090 (PORT, SECRET_KEY), no AWS needed
	node scripts/serve.mjs

typecheck: | node_modules/.package-lock.json ## Type-check handler/ and test/ with tsc
	node_modules/.bin/tsc --noEmit -p .

test-unit: dist/relay.zip | node_modules/.package-lock.json ## Unit, contract, bundle and serve tests, with the 100% coverage gate
	node_modules/.bin/c8 $(UVU) test '\.test\.ts$$'

test-terraform: ## terraform fmt -check and validate (provider from a local mirror when offline)
	terraform fmt -check -recursive terraform
	tfrc=$$(mktemp) && trap 'rm -f "$$tfrc"' EXIT && \
	  TF_CLI_CONFIG_FILE=$$(scripts/provider-mirror.sh "$$tfrc") terraform -chdir=terraform init -input=false -backend=false >/dev/null && \
	  terraform -chdir=terraform validate -no-color

test-deploy: dist/relay.zip | node_modules/.package-lock.json ## Deploy, check, redeploy and undeploy against moto on 127.0.0.1
	$(UVU) test '\.e2e\.ts$$'

bench: dist/relay.zip | node_modules/.package-lock.json ## Measure JWT verify, the handler, cold start and the local server under load (~1 min)
	node scripts/bench.mjs

test: typecheck test-unit test-terraform test-deploy ## Run every test (what CI runs)

STAGE ?=
FILE ?=
ROTATE ?=
FINISH ?=
SHOW_SECRET ?=

jwt: dist/relay.zip ## Make a stage's secret and a JWT for XDR: make jwt STAGE=dev [FILE=creds.json] [ROTATE=1] [FINISH=1]
	@node scripts/jwt.mjs "$(STAGE)" $(if $(FILE),--file "$(FILE)") $(if $(ROTATE),--rotate) $(if $(FINISH),--finish-rotation) $(if $(SHOW_SECRET),--show-secret)

module-type: dist/relay.zip ## Write dist/module-type.json, a custom XDR module type for this relay
	@node scripts/module-type.mjs

deploy: dist/relay.zip ## Deploy to AWS with Terraform: make deploy STAGE=dev
	@scripts/deploy.sh deploy "$(STAGE)"

status: ## Show a deployed stage's URL, function and console link: make status STAGE=dev
	@scripts/deploy.sh status "$(STAGE)"

logs: ## Follow a stage's function logs: make logs STAGE=dev
	@scripts/deploy.sh logs "$(STAGE)"

undeploy: ## Destroy a stage (terraform destroy): make undeploy STAGE=dev
	@scripts/deploy.sh undeploy "$(STAGE)"

clean: ## Remove dist/ and coverage/
	rm -rf dist coverage
