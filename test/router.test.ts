import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { RelayError } from '../handler/errors.ts';
import { createRouter } from '../handler/router.ts';
import type { Route } from '../handler/routes.ts';

const run = async () => ({});
const row = (path: string): Route => ({ method: 'POST', path, auth: true, run });

const router = suite('createRouter');

router('matches exact paths', () => {
  const health = row('/health');
  const match = createRouter([health, row('/tiles/tile')]);
  assert.is(match('POST', '/health'), health);
});

router('never matches Object.prototype', () => {
  const match = createRouter([row('/health')]);
  for (const path of ['constructor', '__proto__', 'toString', '/constructor', '/hasOwnProperty']) {
    try {
      match('POST', path);
      assert.unreachable(path);
    } catch (error) {
      assert.instance(error, RelayError);
      assert.is((error as RelayError).status, 404);
    }
  }
});

router('a known path with another method is 405 with Allow', () => {
  const match = createRouter([row('/health')]);
  try {
    match('DELETE', '/health');
    assert.unreachable();
  } catch (error) {
    assert.instance(error, RelayError);
    assert.equal((error as RelayError).headers, { allow: 'POST' });
    assert.is((error as RelayError).status, 405);
  }
});

router('refuses a table with a bad path, at start', () => {
  for (const path of ['health', '/health/', '/', '/Health', '/a b']) {
    assert.throws(() => createRouter([row(path)]), /Route path must be absolute/, path);
  }
});

router('refuses a duplicate route, at start', () => {
  assert.throws(() => createRouter([row('/health'), row('/health')]), /Duplicate route: POST \/health/);
});

router.run();
