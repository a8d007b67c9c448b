# The relay's commands. `make help` lists them; `make serve` and `make test` are the two to know.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DELETE_ON_ERROR:
.DEFAULT_GOAL := help
MAKEFLAGS += --no-builtin-rules --warn-undefined-variables

SOURCES := $(wildcard handler/*.ts) package.json scripts/build.mjs scripts/zip.mjs
UVU := node_modules/.bin/uvu -r $(CURDIR)/scripts/register.cjs

.PHONY: help serve test build typecheck test-unit clean

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
	node_modules/.bin/tsc -p .

test-unit: dist/relay.zip | node_modules/.package-lock.json ## Unit, contract, bundle and serve tests, with the 100% coverage gate
	node_modules/.bin/c8 $(UVU) test '\.test\.ts$$'

test: typecheck test-unit ## Run every test (what CI runs)

clean: ## Remove dist/ and coverage/
	rm -rf dist coverage
