# The relay's commands. `make help` lists them; `make serve` and `make test` are the two to know.
# Written for GNU make 3.81 and later (macOS ships 3.81): no grouped targets (`&:`, 4.3), and no
# recipe relies on .SHELLFLAGS (3.82; 3.81 ignores it).
SHELL := bash
# --norc: bash started with a socket for stdin and no SHLVL (make run by a program) would read
# bash.bashrc as if run by sshd, which fails under -u (`PS1: unbound variable`).
.SHELLFLAGS := --norc -eu -o pipefail -c
.DELETE_ON_ERROR:
.DEFAULT_GOAL := help
MAKEFLAGS += --no-builtin-rules --warn-undefined-variables

# What the recipes need, checked once, each a line that names the fix.
ifeq ($(filter 3.81% 3.82% 4.% 5.% 6.%,$(MAKE_VERSION)),)
$(error GNU make $(MAKE_VERSION) is too old: this Makefile needs 3.81 or later (on macOS: brew install make, then run gmake))
endif
ifneq ($(wildcard Makefile),Makefile)
$(error run make in the repository's root, the folder of the Makefile: make -C $(dir $(lastword $(MAKEFILE_LIST))) $(or $(MAKECMDGOALS),help))
endif
# Node older than package.json's engines fails in obscure ways (Node 18: a SyntaxError about node:zlib).
ifeq ($(firstword $(wildcard $(addsuffix /node,$(subst :, ,$(PATH))))),)
$(error Node.js is not installed: install the version package.json's engines names (https://nodejs.org))
endif
# Checked once per tree of makes: a make started under this one (a recipe's, a test's) with the
# same Node and the same engines range skips the check, which costs a Node.js start (~0.1 s of CPU).
NODE_CHECKED := $(shell node --version) $(shell grep '"node"' package.json)
ifneq ($(RELAY_NODE_CHECKED),$(NODE_CHECKED))
NODE_PROBLEM := $(shell node scripts/lib/engines.cjs)
ifneq ($(NODE_PROBLEM),)
$(error $(NODE_PROBLEM))
endif
endif
export RELAY_NODE_CHECKED := $(NODE_CHECKED)

# Your integration's coverage gate, in percent of lines, branches and functions of your code:
# handler/integration.ts and every other file of yours under handler/ (`make test` reports it
# either way). The template's own code (test/lib/owners.cjs lists it) is gated at 100.
INTEGRATION_COVERAGE ?= 0
# To the recipes through the environment, like the user's variables below: a value set on the
# command line is never pasted into a shell line.
export INTEGRATION_COVERAGE

# Every TypeScript file under handler/, at any depth: an integration may add folders.
SOURCES := $(shell find handler -name '*.ts') package.json scripts/build.mjs scripts/lib/dist.mjs scripts/lib/zip.mjs
UVU := node_modules/.bin/uvu -r $(CURDIR)/test/lib/register.cjs
# Incremental: tsc re-checks only what changed since its last run, whose state it keeps in
# dist/.tsc/ (ignored, removed by make clean).
TSC := node_modules/.bin/tsc --noEmit --incremental

# The user's variables reach the recipes through the environment only ("$$STAGE"), never pasted
# into a command line, and are taken literally: every variable set on make's command line (STAGE,
# FILE, PORT, XDR_CLIENT_SECRET, a setting of your integration...) is redefined as its own text
# (`$$(value ...)`), so make expands nothing in it: a stage named `dev$$(touch x)` or `dev;rm x` is
# refused as a name, `PORT=$$(shell ...)` runs nothing, and a secret holding `$$` reaches the
# script whole. (Variables in the environment are never expanded by make.) The verbs' own
# variables are defined, empty, even when unset. Secrets belong in the environment
# (`XDR_CLIENT_SECRET=... make register`), never on make's command line: others can read it in ps.
USER_VARIABLES := STAGE FILE ROTATE FINISH SHOW_SECRET AUTH XDR_REGION ORG RELAY_URL OBSERVABLES CHECK_TIMEOUT EXAMPLE \
  $(foreach name,$(.VARIABLES),$(if $(filter command line,$(origin $(name))),$(name)))
$(foreach name,$(sort $(USER_VARIABLES)),$(eval override $(name) := $$(value $(name)))$(eval export $(name)))

.PHONY: help serve test build typecheck test-unit test-integration coverage-gates test-terraform test-deploy bench clean deploy status logs undeploy jwt module-type register instances unregister check lines

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  %-17s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

# npm writes node_modules/.package-lock.json on every install: a real file to depend on.
node_modules/.package-lock.json: package-lock.json
	npm ci --no-fund --no-audit
	@touch $@

# scripts/build.mjs type-checks handler/ first. One target: dist/index.mjs is written beside the zip.
dist/relay.zip: $(SOURCES) tsconfig.json tsconfig.build.json | node_modules/.package-lock.json
	node scripts/build.mjs

build: dist/relay.zip ## Type-check handler/, bundle it into dist/index.mjs and zip it into dist/relay.zip

serve: dist/relay.zip ## Run the relay and its console on 127.0.0.1:9090 (PORT; STAGE=dev: a stage's JWT; EXAMPLE=example: a worked example)
	node scripts/serve.mjs

typecheck: | node_modules/.package-lock.json ## Type-check handler/ and test/ with tsc
	$(TSC) -p . --tsBuildInfoFile dist/.tsc/all.tsbuildinfo

# Which suites are the template's and which code is whose: test/lib/owners.cjs, read by the runner.
test-unit: dist/relay.zip | node_modules/.package-lock.json ## The template's suites, in parallel (unit, contract, bundle, scripts, forks), with its coverage gate
	@for tool in git openssl; do command -v $$tool >/dev/null || { echo "test-unit: error: $$tool is not installed (the fork tests copy the files git knows; the TLS tests make certificates with openssl)" >&2; exit 1; }; done
	@# The checkout before and after: no test may write outside a temporary folder.
	@before=$$(mktemp) && trap 'rm -f "$$before"' EXIT && node test/lib/untouched.mjs >"$$before" && \
	  node test/lib/run.mjs unit && \
	  node test/lib/untouched.mjs --compare "$$before"

test-integration: | node_modules/.package-lock.json ## Your own tests alone, in seconds: test/integration.test.ts and test/integration/, with your code's coverage
	@node test/lib/run.mjs integration

coverage-gates: | node_modules/.package-lock.json ## Check the last test runs' coverage: the template's at 100%, yours at INTEGRATION_COVERAGE
	@node test/lib/run.mjs gates

test-terraform: ## terraform fmt -check and validate (provider from a local mirror when offline)
	@command -v terraform >/dev/null || { echo 'test-terraform: error: terraform is not installed (https://developer.hashicorp.com/terraform/install)' >&2; exit 1; }
	terraform fmt -check -recursive terraform
	# Terraform's working data (.terraform/: the provider) in a temporary folder, not the checkout.
	tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && export TF_DATA_DIR="$$tmp/data" && \
	  TF_CLI_CONFIG_FILE=$$(test/lib/provider-mirror.sh "$$tmp/terraformrc") terraform -chdir=terraform init -input=false -backend=false >/dev/null && \
	  terraform -chdir=terraform validate -no-color

test-deploy: dist/relay.zip | node_modules/.package-lock.json ## Deploy, check, redeploy and undeploy against moto on 127.0.0.1
	@missing=; \
	  command -v terraform >/dev/null || missing="$$missing, terraform (https://developer.hashicorp.com/terraform/install)"; \
	  command -v aws >/dev/null || missing="$$missing, the AWS CLI (https://aws.amazon.com/cli/)"; \
	  python3 -c 'import moto.server' >/dev/null 2>&1 || missing="$$missing, moto (pip install 'moto[server]')"; \
	  test -z "$$missing" || { echo "test-deploy: error: needs $${missing#, }; make test-unit runs everything else" >&2; exit 1; }
	$(UVU) test '\.e2e\.ts$$'

lines: ## Each worked example's code lines, and its ratio to the Python of the Cisco relay it ports (scripts/lines.json)
	@node scripts/lines.mjs

bench: dist/relay.zip | node_modules/.package-lock.json ## Measure every target (handler CPU per stage, bundle, cold start, crash, 1000 observables in 128 MB, load), rewrite README's table (~1 min)
	node scripts/bench.mjs

# Each phase in turn, with its time (date +%s: macOS's date has it too).
test: ## Run every test (what CI runs): typecheck, test-unit, test-integration, test-terraform, test-deploy, each timed
	@for phase in typecheck test-unit test-integration test-terraform test-deploy; do \
	  start=$$(date +%s); \
	  echo "== make $$phase"; \
	  $(MAKE) --no-print-directory $$phase || { echo "== make $$phase failed after $$(( $$(date +%s) - start )) s" >&2; exit 1; }; \
	  echo "== make $$phase: passed in $$(( $$(date +%s) - start )) s"; \
	done

jwt: dist/relay.zip ## Make a stage's secret and a JWT for XDR: make jwt STAGE=dev [FILE=.secrets/creds.json] [ROTATE=1] [FINISH=1]
	@node scripts/jwt.mjs "$$STAGE" $${FILE:+--file "$$FILE"} $${ROTATE:+--rotate} $${FINISH:+--finish-rotation} $${SHOW_SECRET:+--show-secret} $${AUTH:+--auth "$$AUTH"}

module-type: dist/relay.zip ## Write dist/module-type.json for XDR: make module-type [STAGE=dev] [AUTH=bearer|hs256|rs256]
	@node scripts/module-type.mjs

register: dist/relay.zip ## The module type and the stage's module instance in XDR, made or updated: make register STAGE=dev [AUTH=...] [ORG=name] (XDR_CLIENT_ID, XDR_CLIENT_SECRET)
	@node scripts/register.mjs

instances: ## List the stage's module instances in XDR: make instances STAGE=dev [ORG=name]
	@node scripts/instances.mjs

unregister: ## Remove the stage's module instance from XDR, and its type when none is left: make unregister STAGE=dev [ORG=name]
	@node scripts/unregister.mjs

# esbuild bundles the CTIM check (test/lib/ctim-check.ts) at run time: node_modules is needed.
check: dist/relay.zip | node_modules/.package-lock.json ## Call the relay as XDR does, every API through the CTIM check: make check STAGE=dev [RELAY_URL=http://127.0.0.1:9090]
	@node scripts/check.mjs

deploy: dist/relay.zip ## Deploy to AWS with Terraform: make deploy STAGE=dev
	@scripts/deploy.sh deploy "$$STAGE"

status: ## Show a deployed stage's URL, function and console link: make status STAGE=dev
	@scripts/deploy.sh status "$$STAGE"

logs: ## Follow a stage's function logs: make logs STAGE=dev
	@scripts/deploy.sh logs "$$STAGE"

undeploy: ## Destroy a stage (terraform destroy): make undeploy STAGE=dev
	@scripts/deploy.sh undeploy "$$STAGE"

clean: ## Remove dist/ and coverage/
	rm -rf dist coverage
