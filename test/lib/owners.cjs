// Which files are the template's and which are the forker's: written once, here, and read by
// everything that must know (the test runner test/lib/run.mjs and so `make test-unit`,
// `make test-integration` and `make coverage-gates`; the trap in test/lib/register.cjs; the
// untouched-checkout check; the fork tests; the README's "Keep your fork up to date", which a test
// compares with this file). The model is copier's `_skip_if_exists`: a template knows the files its
// users own, so its own checks never lean on them.
//
// Adding a template test suite (a file, or a folder of `*.test.ts`) is one line in TEMPLATE_SUITES;
// a template source file under handler/, one line in TEMPLATE_HANDLER. CommonJS, so that the
// Makefile's scripts, the .mjs runner and the TypeScript tests all load it as it is.
'use strict';
const { readdirSync } = require('node:fs');
const { join, relative, sep } = require('node:path');

/** The template's code under handler/: every other file there is the forker's. */
const TEMPLATE_HANDLER = [
  'handler/actions.ts',
  'handler/capped.ts',
  'handler/config.ts',
  'handler/contract.ts',
  'handler/crash.ts',
  'handler/demand.ts',
  'handler/errors.ts',
  'handler/event.ts',
  'handler/index.ts',
  'handler/invalid.ts',
  'handler/jwks.ts',
  'handler/log.ts',
  'handler/observables.ts',
  'handler/policy.ts',
  'handler/redact.ts',
  'handler/respond.ts',
  'handler/response.ts',
  'handler/router.ts',
  'handler/routes.ts',
  'handler/schema.ts',
  'handler/scope.ts',
  'handler/stack.ts',
  'handler/tokens.ts',
  'handler/kit/',
];

/**
 * The template's own test suites, files or folders (every `*.test.ts` under it), the slowest first:
 * the runner starts them in this order, so that the long ones do not end the run alone.
 */
const TEMPLATE_SUITES = [
  'test/fork.test.ts',
  'test/jwt-cli.test.ts',
  'test/jwt-input.test.ts',
  'test/console-browser.test.ts',
  'test/module-type.test.ts',
  'test/registration.test.ts',
  'test/check.test.ts',
  'test/makefile.test.ts',
  'test/make-integration.test.ts',
  'test/kit/',
  'test/serve.test.ts',
  'test/bench.test.ts',
  'test/jwks.test.ts',
  'test/index.test.ts',
  'test/example.test.ts',
  'test/defender.test.ts',
  'test/console.test.ts',
  'test/make-literal.test.ts',
  'test/pulsedive.test.ts',
  'test/bundle.test.ts',
  'test/respond.test.ts',
  'test/console-extract.test.ts',
  'test/redact.test.ts',
  'test/lines.test.ts',
  'test/v2.test.ts',
  'test/owners.test.ts',
  'test/event.test.ts',
  'test/register.test.ts',
  'test/iroh-request.test.ts',
  'test/configuration-token.test.ts',
  'test/fuzz.test.ts',
  'test/lib/',
  'test/log.test.ts',
  'test/policy.test.ts',
  'test/tokens.test.ts',
  'test/errors.test.ts',
  'test/secrets.test.ts',
  'test/config.test.ts',
  'test/schema.test.ts',
  'test/stack.test.ts',
  'test/observables.test.ts',
  'test/routes.test.ts',
  'test/router.test.ts',
  'test/demand.test.ts',
  'test/response.test.ts',
];

/** The template's end-to-end suites (`make test-deploy`). */
const TEMPLATE_E2E = ['test/deploy.e2e.ts'];

/** The forker's tests: `make test-integration` runs them, and `make test-unit` never does. */
const FORKER_TESTS = ['test/integration.test.ts', 'test/integration/'];

/**
 * The forker's files, besides every file under handler/ that TEMPLATE_HANDLER does not list (their
 * integration, and their helpers, in a folder or at the top). package.json is shared: its `name`,
 * `version` and `description` are the forker's, the rest the template's.
 */
const FORKER_FILES = ['handler/integration.ts', ...FORKER_TESTS];
const FORKER_PACKAGE_FIELDS = ['name', 'version', 'description'];

/** The template's own name (package.json): a checkout still named so is the template itself. */
const TEMPLATE_NAME = 'xdr-relay';

/** Tools' folders no one edits: never compared, copied or classified. */
const TOOL_FOLDERS = ['.git', 'node_modules', 'coverage'];

const TEST_FILE = /\.test\.ts$/;

/** Whether `path` (relative, `/`-separated) is `entry` or, for an entry ending in `/`, inside it. */
function within(path, entry) {
  return entry.endsWith('/') ? path.startsWith(entry) : path === entry;
}

/** 'template', 'forker' or undefined (neither: a test file the map cannot place), for a relative path. */
function ownerOf(path) {
  if (path.startsWith('handler/')) return TEMPLATE_HANDLER.some((entry) => within(path, entry)) ? 'template' : 'forker';
  if (FORKER_TESTS.some((entry) => within(path, entry))) return 'forker';
  if (path.startsWith('test/') && (TEST_FILE.test(path) || /\.e2e\.ts$/.test(path))) {
    return [...TEMPLATE_SUITES, ...TEMPLATE_E2E].some((entry) => within(path, entry)) ? 'template' : undefined;
  }
  return 'template';
}

/** Every file under `folder` of the checkout at `root`, relative and `/`-separated; [] if none. */
function filesUnder(root, folder) {
  const found = [];
  const walk = (directory) => {
    let entries;
    try {
      entries = readdirSync(directory, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) walk(path);
      else found.push(relative(root, path).split(sep).join('/'));
    }
  };
  walk(join(root, folder));
  return found.sort();
}

/** The test files found in the checkout at `root`, by owner: template, forker, and unplaced. */
function testFiles(root) {
  const tests = filesUnder(root, 'test').filter((path) => TEST_FILE.test(path));
  // The template's in the order TEMPLATE_SUITES lists them (a folder's files in name order).
  const template = TEMPLATE_SUITES.flatMap((entry) => tests.filter((path) => within(path, entry)));
  return {
    template: [...new Set(template)],
    forker: tests.filter((path) => ownerOf(path) === 'forker'),
    unplaced: tests.filter((path) => ownerOf(path) === undefined),
  };
}

/** The files under handler/ of the checkout at `root` that are the forker's. */
function forkerHandlerFiles(root) {
  return filesUnder(root, 'handler').filter((path) => ownerOf(path) === 'forker');
}

/** c8's --include/--exclude arguments for one owner's code under handler/. */
function coverageArguments(owner) {
  const glob = (entry) => (entry.endsWith('/') ? `${entry}**` : entry);
  if (owner === 'template') return TEMPLATE_HANDLER.flatMap((entry) => ['--include', glob(entry)]);
  return ['--include', 'handler/**', ...TEMPLATE_HANDLER.flatMap((entry) => ['--exclude', glob(entry)])];
}

/** The one line for a test file the map cannot place. */
function unplacedLine(path) {
  const name = path.split('/').pop();
  return `${path}: neither a template suite (test/lib/owners.cjs) nor one of your tests: it runs with yours in make test-integration; move it to test/integration/${name}`;
}

module.exports = {
  TEMPLATE_HANDLER,
  TEMPLATE_SUITES,
  TEMPLATE_E2E,
  FORKER_TESTS,
  FORKER_FILES,
  FORKER_PACKAGE_FIELDS,
  TEMPLATE_NAME,
  TOOL_FOLDERS,
  ownerOf,
  testFiles,
  forkerHandlerFiles,
  coverageArguments,
  unplacedLine,
};
