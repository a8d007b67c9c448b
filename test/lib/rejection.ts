// The RelayError a promise rejects with: a test of a failure asserts its exact code and message.
import * as assert from 'uvu/assert';
import { RelayError } from '../../handler/errors.ts';

/** The RelayError `promise` rejects with; any other outcome fails the test. */
export async function rejection(promise: Promise<unknown>): Promise<RelayError> {
  try {
    await promise;
  } catch (error) {
    assert.instance(error, RelayError);
    return error as RelayError;
  }
  throw new Error('resolved');
}
