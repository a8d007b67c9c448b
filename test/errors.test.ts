import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { authorizationError, invalidArgument, KNOWN_ERROR_CODES, RelayError } from '../handler/errors.ts';

const errors = suite('RelayError');

errors('keeps its cause, status and headers', () => {
  const cause = new Error('socket hang up');
  const error = new RelayError('service unavailable', 'Service unavailable.', { status: 200, cause, headers: { a: 'b' } });
  assert.is(error.cause, cause);
  assert.is(error.status, 200);
  assert.equal(error.headers, { a: 'b' });
  assert.equal(error.toBody(), { type: 'fatal', code: 'service unavailable', message: 'Service unavailable.' });
  assert.not.ok('cause' in new RelayError('unknown', 'x'));
});

errors('the contract\'s two envelopes', () => {
  assert.equal(authorizationError('Wrong JWT structure').toBody(), {
    type: 'fatal', code: 'authorization error', message: 'Authorization failed: Wrong JWT structure',
  });
  const invalid = invalidArgument({ 0: { value: ['Field may not be blank.'] } });
  assert.equal([invalid.status, invalid.message], [200, 'Invalid JSON payload received. {"0":{"value":["Field may not be blank."]}}.']);
});

errors('open codes: any non-empty string, the known ones listed', () => {
  assert.equal([...KNOWN_ERROR_CODES], ['authorization error', 'invalid argument', 'not found', 'method not allowed', 'too many requests', 'service unavailable', 'unknown']);
  assert.equal(new RelayError('web server is down', 'Down.').toBody(), { type: 'fatal', code: 'web server is down', message: 'Down.' });
  for (const code of ['', undefined, 42]) {
    assert.throws(() => new RelayError(code as string, 'x'), (error: Error) => error instanceof TypeError && error.message === 'a RelayError needs a non-empty code');
  }
});

errors.run();
