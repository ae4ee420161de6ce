import assert from 'node:assert/strict';
import { rateOf } from '../../../src/core/format';
import { checkRate } from '../../../src/core/rates';

describe('success-rate cross-check', () => {
  it('computes the percentage from counts, and nothing without runs', () => {
    assert.equal(rateOf(97, 100), 97);
    assert.equal(rateOf(0, 0), undefined);
  });

  it('accepts a percentage consistent with its counts, within rounding', () => {
    assert.deepEqual(checkRate(66.67, 2, 3), { kind: 'consistent' });
    assert.deepEqual(checkRate(100, 5, 5), { kind: 'consistent' });
  });

  it('flags a 0–1 fraction sent instead of a percentage', () => {
    const check = checkRate(0.97, 97, 100);
    assert.equal(check.kind, 'fraction');
    if (check.kind === 'fraction') assert.equal(check.expectedPercent, 97);
  });

  it('flags a rate that matches neither reading', () => {
    assert.equal(checkRate(50, 97, 100).kind, 'mismatch');
    assert.equal(checkRate(140, 1, 1).kind, 'mismatch');
  });

  it('says nothing about a rate without runs', () => {
    assert.deepEqual(checkRate(0, 0, 0), { kind: 'no-runs' });
  });
});
