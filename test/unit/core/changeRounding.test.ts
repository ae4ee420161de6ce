/**
 * Changes against the previous period are rounded by the same rule as rates: a real change never reads
 * `no change`, `0.0` or `0%` (it reads `<0.1`), `no change` only when the exact values are equal, and a
 * fall reads 100 % only when the count fell to 0. Checked over every pair of small counts, not by examples.
 */
import assert from 'node:assert/strict';
import { delta, kpiDeltas, rateDelta } from '../../../src/comparison/compare';
import { parseBatch } from '../../../src/core/api/parseBatch';
import type { BatchedAnalyticsResponse } from '../../../src/core/api/schemas';
import { aBatch, type BatchBuilder } from '../builders/batchBuilder';

/** `▲ 2.1 pts` / `▼ <0.1%` read back (en-US): direction, bound and number. */
function read(text: string): { direction: number; bound: string; value: number } {
  const match = /^([▲▼]) ([<>]?)(\d{1,3}(?:,\d{3})*(?:\.\d)?)(?: pts|%)$/.exec(text);
  assert.ok(match, `unexpected change text ${JSON.stringify(text)}`);
  return { direction: match[1] === '▲' ? 1 : -1, bound: match[2]!, value: Number(match[3]!.replaceAll(',', '')) };
}

const sections = (b: BatchBuilder): Partial<BatchedAnalyticsResponse> => {
  const outcome = parseBatch(b.build());
  assert.ok(outcome.ok);
  return outcome.batch.sections;
};

describe('changes: never shown smaller, larger or more certain than they are', () => {
  it('a rate change from counts: `no change` exactly when a/b = c/d, never 0.0 or 100.0 otherwise (every pair of wholes ≤ 24)', () => {
    const shares: [number, number][] = [];
    for (let whole = 1; whole <= 24; whole++) for (let part = 0; part <= whole; part++) shares.push([part, whole]);
    for (const [a, b] of shares) {
      for (const [c, d] of shares) {
        const change = rateDelta({ part: a, whole: b }, { part: c, whole: d }, 'en-US')!;
        const cross = a * d - c * b; // the change is 100·cross/(b·d) points
        if (cross === 0) {
          assert.deepEqual(
            [change.text, change.value, change.tone],
            ['no change', 0, 'neutral'],
            `${a}/${b} vs ${c}/${d}`,
          );
          continue;
        }
        const where = `${a}/${b} vs ${c}/${d}: ${change.text}`;
        const { direction, bound, value } = read(change.text);
        assert.equal(direction, Math.sign(cross), where);
        assert.equal(Math.sign(change.value), Math.sign(cross), where);
        assert.equal(change.tone, cross > 0 ? 'better' : 'worse', where);
        assert.ok(value !== 0, where);
        assert.equal(value === 100, Math.abs(cross) === b * d, where); // from 0 % to 100 % or back
        const tenths = Math.round(value * 10);
        const exact = 1000 * Math.abs(cross); // the change in tenths of a point is exact/(b·d)
        if (bound === '') assert.ok(Math.abs(2 * (tenths * b * d - exact)) <= b * d, where);
        else if (bound === '<') assert.ok(exact < tenths * b * d, where);
        else assert.ok(exact > tenths * b * d, where);
      }
    }
  });

  it('a rate change from counts reads `<0.1 pts` when tiny and compares huge counts exactly', () => {
    assert.equal(rateDelta({ part: 19_999, whole: 20_000 }, { part: 1, whole: 1 }, 'en-US')?.text, '▼ <0.1 pts');
    assert.equal(rateDelta({ part: 2, whole: 4 }, { part: 1, whole: 2 }, 'en-US')?.text, 'no change');
    // (1e15 + 1)/(1e15 + 3) against 1e15/(1e15 + 2): the cross products differ by 2 near 1e30, where
    // doubles are 2^47 apart and would call them equal.
    assert.equal(
      rateDelta({ part: 1e15 + 1, whole: 1e15 + 3 }, { part: 1e15, whole: 1e15 + 2 }, 'en-US')?.text,
      '▲ <0.1 pts',
    );
    assert.equal(rateDelta({ part: 1, whole: 3 }, { part: 2, whole: 6 }, 'en-US')?.text, 'no change');
  });

  it('a rate sent without counts: any difference of the doubles is a change', () => {
    const next = (x: number) => x + Number.EPSILON * 64;
    for (const x of [0, 0.04, 50, 99.95, 99.999]) {
      const up = delta('rate', next(x), x, 'en-US')!;
      assert.equal(up.text, '▲ <0.1 pts', String(x));
      assert.ok(up.value > 0);
    }
    assert.equal(delta('rate', 99.99, 0.01, 'en-US')?.text, '▲ >99.9 pts');
    assert.equal(delta('rate', 100, 0, 'en-US')?.text, '▲ 100.0 pts');
  });

  it('a count change: never `0.0%`, `no change` only when equal, a fall of 100 % only to 0 (every previous ≤ 300 with every current ≤ 600)', () => {
    for (let previous = 1; previous <= 300; previous++) {
      for (let current = 0; current <= 600; current++) {
        const change = delta('count-lower-better', current, previous, 'en-US')!;
        if (current === previous) {
          assert.equal(change.text, 'no change');
          continue;
        }
        const where = `${previous} → ${current}: ${change.text}`;
        const { direction, bound, value } = read(change.text);
        assert.equal(direction, Math.sign(current - previous), where);
        assert.ok(value !== 0, where);
        if (current < previous) assert.equal(value === 100, current === 0, where);
        // One decimal below 10 %, whole percents above; either way on the right side of the exact change.
        const exact = (Math.abs(current - previous) * 1000) / previous; // tenths of a percent
        const unit = Number.isInteger(value) && !/\./.test(change.text) ? 10 : 1;
        const shown = Math.round(value * 10);
        if (bound === '') assert.ok(Math.abs(shown - exact) <= unit / 2 + 1e-9, where);
        else if (bound === '<') assert.ok(exact < shown, where);
        else assert.ok(exact > shown, where);
      }
    }
    assert.equal(delta('count-lower-better', 10_001, 10_000, 'en-US')?.text, '▲ <0.1%');
    assert.equal(delta('count-lower-better', 1, 1000, 'en-US')?.text, '▼ >99%');
    assert.equal(delta('count-lower-better', 0, 1000, 'en-US')?.text, '▼ 100%');
  });

  it('a duration change below a millisecond reads `<1 ms`, not `no change`', () => {
    const change = delta('duration', 1000.3, 1000, 'en-US')!;
    assert.equal(change.text, '▲ <1 ms');
    assert.ok(change.value > 0);
    assert.equal(change.tone, 'worse');
    assert.equal(delta('duration', 1000, 1000, 'en-US')?.text, 'no change');
  });

  it('the KPI deltas use the counts: a failure in 20,000 is a change, not `no change`', () => {
    const summary = {
      total_executions: 20_000,
      completed: 19_999,
      total_failures: 1,
      success_rate: 100,
      avg_duration_ms: 1000,
      active_today: 1,
      total_tokens: 10_001,
    };
    const before = { ...summary, completed: 20_000, total_failures: 0, total_tokens: 10_000 };
    const d = kpiDeltas(sections(aBatch().set('summary', summary)), sections(aBatch().set('summary', before)), 'en-US');
    assert.equal(d.rate?.text, '▼ <0.1 pts');
    assert.equal(d.rate?.tone, 'worse');
    assert.equal(d.tokens?.text, '▲ <0.1%');
    assert.equal(d.failures?.text, '▲ 1');
  });
});
