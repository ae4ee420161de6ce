/**
 * UTC bucketing and the seeded PRNG: the two low-level pieces everything else stands on.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { hashString, mulberry32, Rng } from '../../simulator/random';
import { bucketCount, bucketIndex, bucketStart, bucketStarts, isoSeconds, nextBucketStart } from '../../simulator/time';

const utc = (text: string) => Date.parse(text);

describe('simulator time buckets (UTC)', () => {
  it('weeks start on Monday 00:00 UTC (ISO weeks)', () => {
    // 2026-11-23 is a Monday, 2026-11-29 a Sunday.
    for (const t of ['2026-11-23T00:00:00Z', '2026-11-26T12:34:00Z', '2026-11-29T23:59:59.999Z']) {
      assert.equal(isoSeconds(bucketStart(utc(t), 'week')), '2026-11-23T00:00:00Z', t);
    }
    assert.equal(isoSeconds(bucketStart(utc('2026-11-22T23:59:59Z'), 'week')), '2026-11-16T00:00:00Z');
    // Across a year boundary: 2027-01-01 is a Friday, its week started Monday 2026-12-28.
    assert.equal(isoSeconds(bucketStart(utc('2027-01-01T08:00:00Z'), 'week')), '2026-12-28T00:00:00Z');
    assert.equal(new Date(bucketStart(utc('1969-12-31T00:00:00Z'), 'week')).getUTCDay(), 1, 'before the epoch too');
  });

  it('months are calendar months, December rolls into January', () => {
    assert.equal(isoSeconds(bucketStart(utc('2026-12-31T23:59:59Z'), 'month')), '2026-12-01T00:00:00Z');
    assert.equal(isoSeconds(nextBucketStart(utc('2026-12-01T00:00:00Z'), 'month')), '2027-01-01T00:00:00Z');
    assert.equal(isoSeconds(nextBucketStart(utc('2028-02-01T00:00:00Z'), 'month')), '2028-03-01T00:00:00Z');
    assert.equal(bucketIndex(utc('2027-02-10T00:00:00Z'), utc('2026-11-01T00:00:00Z'), 'month'), 3);
  });

  it('hours and days', () => {
    assert.equal(isoSeconds(bucketStart(utc('2026-11-26T10:59:59.999Z'), 'hour')), '2026-11-26T10:00:00Z');
    assert.equal(isoSeconds(bucketStart(utc('2026-11-26T00:00:00Z'), 'day')), '2026-11-26T00:00:00Z');
    assert.equal(bucketCount(utc('2026-11-26T00:30:00Z'), utc('2026-11-26T02:00:00Z'), 'hour'), 3);
    assert.equal(bucketCount(utc('2026-11-26T00:30:00Z'), utc('2026-11-26T00:10:00Z'), 'hour'), 0);
  });

  it('property: buckets are aligned, strictly increasing, contiguous and contain their timestamps', () => {
    const granularity = fc.constantFrom('hour' as const, 'day' as const, 'week' as const, 'month' as const);
    const instant = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) });
    fc.assert(
      fc.property(granularity, instant, fc.integer({ min: 0, max: 60 * 86_400_000 }), (g, start, span) => {
        const end = start + span;
        const starts = bucketStarts(start, end, g);
        assert.equal(starts.length, bucketCount(start, end, g));
        assert.ok((starts[0] ?? NaN) <= start && start < nextBucketStart(starts[0] ?? NaN, g));
        for (let i = 1; i < starts.length; i++) {
          assert.equal(starts[i], nextBucketStart(starts[i - 1] as number, g));
          assert.equal(bucketStart(starts[i] as number, g), starts[i], 'aligned');
        }
        const last = starts.at(-1) as number;
        assert.ok(last <= end && end < nextBucketStart(last, g));
        assert.equal(bucketIndex(end, starts[0] as number, g), starts.length - 1);
      }),
      { numRuns: 200 },
    );
  });
});

describe('simulator PRNG', () => {
  it('mulberry32 is deterministic per seed and stays in [0, 1)', () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const c = mulberry32(8);
    const xs = Array.from({ length: 1000 }, () => a());
    assert.deepEqual(
      xs,
      Array.from({ length: 1000 }, () => b()),
    );
    assert.notDeepEqual(
      xs.slice(0, 10),
      Array.from({ length: 10 }, () => c()),
    );
    assert.ok(xs.every((x) => x >= 0 && x < 1));
  });

  it('helpers respect their ranges; log-normal has the requested median', () => {
    const rng = new Rng(99);
    for (let i = 0; i < 2000; i++) {
      const n = rng.int(3, 5);
      assert.ok(n >= 3 && n <= 5 && Number.isInteger(n));
    }
    assert.match(rng.hex(20), /^[0-9a-f]{20}$/);
    const draws = Array.from({ length: 4001 }, () => rng.logNormal(1000, 0.5)).sort((x, y) => x - y);
    const median = draws[2000] as number;
    assert.ok(median > 900 && median < 1100, `median ${median}`);
    assert.deepEqual(new Rng(1).shuffle([1, 2, 3, 4, 5]).sort(), [1, 2, 3, 4, 5]);
    assert.notEqual(hashString('exec_a'), hashString('exec_b'));
  });
});
