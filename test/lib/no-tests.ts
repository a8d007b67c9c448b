// What `make test-integration` says when the forker has no tests yet (test/lib/run.mjs), word for
// word: a fork without tests (test/fork.test.ts) and one whose gate then fails
// (test/make-integration.test.ts) both expect it.
export const NO_TESTS = 'No tests of yours yet: write them in test/integration.test.ts or test/integration/*.test.ts (README: "Write your integration", step 7).\n';
