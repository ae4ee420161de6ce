/** The pure helpers behind the dashboard (src/core/dashboard), in plain Node. */
import * as assert from 'node:assert/strict';
import { executionSeries, groupSize, successSeries, sumGroups } from '../../src/dashboard/series';
import { sortRows } from '../../src/dashboard/sortRows';
import { isHostMessage } from '../../src/dashboard/protocol';
import { bucketLabels, safeLocale } from '../../src/dashboard/timeBuckets';

describe('dashboard helpers', () => {
  it('stacks executions so the parts add up to the total (the rest is "other")', () => {
    const s = executionSeries([
      { time: 't', total: 10, completed: 5, failed: 2, running: 1, pending: 1 },
      { time: 'u', total: 3, completed: 3, failed: 1, running: 0, pending: 0 },
    ]);
    assert.deepEqual(s.other, [1, 0]);
    assert.equal(s.completed[0]! + s.failed[0]! + s.running[0]! + s.pending[0]! + s.other[0]!, 10);
  });

  it('leaves a gap (null) for buckets without runs and clamps rates to 0–100', () => {
    assert.deepEqual(
      successSeries([
        { time: 'a', total: 0, completed: 0, success_rate: 0 },
        { time: 'b', total: 4, completed: 3, success_rate: 75 },
        { time: 'c', total: 1, completed: 1, success_rate: 100.0001 },
      ]),
      [null, 75, 100],
    );
  });

  it('groups long series into nice, exact, wider bars', () => {
    assert.equal(groupSize(150, 'hour'), 1);
    assert.equal(groupSize(2160, 'hour'), 12);
    assert.equal(groupSize(365, 'day'), 2);
    assert.equal(groupSize(5000, 'unknown'), 25);
    assert.deepEqual(sumGroups([1, 2, 3, 4, 5], 2), [3, 7, 5]);
  });

  it('labels day buckets by their UTC date and hour buckets in local time', () => {
    const day = bucketLabels(['2026-03-01T00:00:00Z'], 'day', 'en-GB');
    assert.equal(day.short[0], '1 Mar');
    assert.equal(day.long(0), '1 Mar 2026');
    const week = bucketLabels(['2026-03-02'], 'week', 'en-GB');
    assert.equal(week.long(0), 'Week of 2 Mar 2026');
    const hour = bucketLabels(['2026-03-01T13:00:00Z'], 'hour', 'en-GB');
    const local = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' }).format(
      Date.UTC(2026, 2, 1, 13),
    );
    assert.ok(hour.short[0]!.endsWith(local));
    assert.equal(bucketLabels(['not a time'], 'day').short[0], 'not a time');
    assert.equal(safeLocale('not a locale!'), undefined);
  });

  it('sorts numbers and text, missing values last, ties stable', () => {
    const rows = [
      { n: 2, s: 'b' },
      { n: undefined, s: 'a' },
      { n: 10, s: 'B' },
      { n: 2, s: 'c' },
    ];
    assert.deepEqual(
      sortRows(rows, (r) => r.n, 'desc').map((r) => r.s),
      ['B', 'b', 'c', 'a'],
    );
    assert.deepEqual(
      sortRows(rows, (r) => r.n, 'asc').map((r) => r.s),
      ['b', 'c', 'B', 'a'],
    );
    assert.deepEqual(
      sortRows(rows, (r) => r.s, 'asc').map((r) => r.s),
      ['a', 'b', 'B', 'c'],
    );
  });

  it("checks the host envelope with the shared protocol's zod-free check", () => {
    const accepted: unknown[] = [{ type: 'state', state: {} }];
    const rejected: unknown[] = [
      null,
      1,
      'state',
      {},
      { type: 'state' },
      { type: 'state', state: null },
      { type: 'other', state: {} },
    ];
    for (const sample of accepted) assert.equal(isHostMessage(sample), true, JSON.stringify(sample));
    for (const sample of rejected) assert.equal(isHostMessage(sample), false, JSON.stringify(sample));
  });
});
