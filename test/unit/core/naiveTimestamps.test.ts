/**
 * Times without a zone are UTC everywhere: ISO with a T, and ClickHouse's `2026-11-26 09:58:00` with a
 * space. The tests run in a zone far from UTC (Node reads `TZ` when it changes), so reading a naive time as
 * local time fails them even on a machine set to UTC. Expectations are computed with Date.UTC.
 */
import assert from 'node:assert/strict';
import { parseRetryAfter } from '../../../src/core/api/rateLimit';
import type { RecentFailureItem } from '../../../src/core/api/schemas';
import { parseTimestamp } from '../../../src/core/format';
import { detectNewFailures, rememberFailures } from '../../../src/notifications/seenFailures';

const failure = (id: string, startedAt: string): RecentFailureItem => ({
  execution_id: id,
  run_id: `run_${id}`,
  workflow_name: 'Invoice Intake',
  error_category: 'timeout',
  error_message: 'Timed out',
  triggered_by: 'scheduled',
  started_at: startedAt,
  duration_ms: 10,
});

describe('naive timestamps are UTC, in a zone far from UTC', () => {
  const zone = process.env.TZ;
  before(() => {
    process.env.TZ = 'Pacific/Auckland';
    // The premise: in this zone, local and UTC readings of a naive time differ (by 13 hours in November).
    assert.notEqual(new Date(2026, 10, 26, 9, 58).getTime(), Date.UTC(2026, 10, 26, 9, 58));
  });
  after(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it('parseTimestamp reads `YYYY-MM-DD HH:MM[:SS[.fff]]` and its T form as UTC', () => {
    assert.equal(parseTimestamp('2026-11-26 09:58:00'), Date.UTC(2026, 10, 26, 9, 58, 0));
    assert.equal(parseTimestamp('2026-11-26 09:58'), Date.UTC(2026, 10, 26, 9, 58));
    assert.equal(parseTimestamp('2026-11-26 09:58:07.250'), Date.UTC(2026, 10, 26, 9, 58, 7, 250));
    assert.equal(parseTimestamp(' 2026-11-26 09:58:07 '), Date.UTC(2026, 10, 26, 9, 58, 7));
    assert.equal(parseTimestamp('2026-11-26T09:58:07'), Date.UTC(2026, 10, 26, 9, 58, 7));
    assert.equal(parseTimestamp('2026-11-26T09:58:07.250'), Date.UTC(2026, 10, 26, 9, 58, 7, 250));
  });

  it('parseTimestamp keeps a zone that is given, with a T or a space', () => {
    assert.equal(parseTimestamp('2026-11-26 09:58:00Z'), Date.UTC(2026, 10, 26, 9, 58));
    assert.equal(parseTimestamp('2026-11-26 09:58:00+02:00'), Date.UTC(2026, 10, 26, 7, 58));
    assert.equal(parseTimestamp('2026-11-26T09:58:00-05:00'), Date.UTC(2026, 10, 26, 14, 58));
    assert.equal(parseTimestamp('2026-11-26 25:61:00'), undefined);
  });

  it('the seen-failure memory reads ClickHouse times as UTC', () => {
    const seen = rememberFailures([failure('a', '2026-11-26 09:58:00'), failure('b', '2026-11-26 08:00:00')], 2);
    assert.equal(seen.newestAt, Date.UTC(2026, 10, 26, 9, 58));
    assert.deepEqual(seen.idsAtNewest, ['a']);
    // The same instant written with a zone is not new; a later one in the space form is.
    const batch = [failure('c', '2026-11-26 10:05:00'), failure('a', '2026-11-26T09:58:00Z')];
    const found = detectNewFailures(seen, batch, 3);
    assert.deepEqual(
      found.failures.map((f) => f.execution_id),
      ['c'],
    );
    assert.equal(found.next.newestAt, Date.UTC(2026, 10, 26, 10, 5));
  });

  it('Retry-After as a date without a zone is UTC too', () => {
    const now = Date.UTC(2026, 10, 26, 9, 0);
    assert.equal(parseRetryAfter('2026-11-26 09:02:00', now), Date.UTC(2026, 10, 26, 9, 2));
    assert.equal(parseRetryAfter(new Date(now + 30_000).toUTCString(), now), now + 30_000);
  });
});
