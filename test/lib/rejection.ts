// The error a promise rejects with: a test of a failure asserts its exact code and message.
import * as assert from 'uvu/assert';
import { RelayError } from '../../handler/errors.ts';

/**
 * The RelayError `promise` rejects with (or the error of class `type`: a script's UsageError);
 * any other outcome fails the test.
 */
export async function rejection(promise: Promise<unknown>): Promise<RelayError>;
export async function rejection<T extends Error>(promise: Promise<unknown>, type: new (...args: never[]) => T): Promise<T>;
export async function rejection(promise: Promise<unknown>, type: new (...args: never[]) => Error = RelayError): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    assert.instance(error, type);
    return error as Error;
  }
  throw new Error('resolved');
}
