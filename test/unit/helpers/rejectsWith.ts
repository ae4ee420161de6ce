/**
 * Awaits a call that must fail with a `GraniteError` of the given kind, and returns the error so the test
 * can check its message, status or retry time. Shared by the client and route-module tests.
 */
import assert from 'node:assert/strict';
import { GraniteError, type GraniteErrorKind } from '../../../src/core/api/errors';

export async function rejectsWith(promise: Promise<unknown>, kind: GraniteErrorKind): Promise<GraniteError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof GraniteError, `expected a GraniteError, got ${String(error)}`);
    assert.equal(error.kind, kind, `expected ${kind}, got ${error.kind}: ${error.message}`);
    return error;
  }
  assert.fail(`expected ${kind}, but the request succeeded`);
}
