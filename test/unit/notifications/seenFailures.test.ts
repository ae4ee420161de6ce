import assert from 'node:assert/strict';
import type { RecentFailureItem } from '../../../src/core/api/schemas';
import { detectNewFailures, rememberFailures, sanitizeSeen } from '../../../src/notifications/seenFailures';

const failure = (id: string, startedAt: string, workflow = 'Invoice Intake'): RecentFailureItem => ({
  execution_id: id,
  run_id: `run_${id}`,
  workflow_name: workflow,
  error_category: 'timeout',
  error_message: 'Timed out',
  triggered_by: 'scheduled',
  started_at: startedAt,
  duration_ms: 10,
});

describe('seen-failure memory', () => {
  const old = [failure('a', '2026-11-26T10:00:00Z'), failure('b', '2026-11-26T09:00:00Z')];

  it('finds nothing new on the first load: the memory starts from it', () => {
    const result = detectNewFailures(undefined, old, 2);
    assert.equal(result.count, 0);
    assert.deepEqual(result.failures, []);
    assert.equal(result.next.newestAt, Date.parse('2026-11-26T10:00:00Z'));
    assert.deepEqual(result.next.idsAtNewest, ['a']);
  });

  it('finds failures newer than the newest seen, newest first', () => {
    const seen = rememberFailures(old, 2);
    const batch = [failure('d', '2026-11-26T11:30:00Z', 'Payroll'), failure('c', '2026-11-26T11:00:00Z'), ...old];
    const result = detectNewFailures(seen, batch, 4);
    assert.deepEqual(
      result.failures.map((f) => f.execution_id),
      ['d', 'c'],
    );
    assert.equal(result.count, 2);
    assert.equal(result.next.newestAt, Date.parse('2026-11-26T11:30:00Z'));
  });

  it('tells failures at the same instant apart by execution id', () => {
    const seen = rememberFailures(old, 2);
    const result = detectNewFailures(seen, [failure('a2', '2026-11-26T10:00:00Z'), ...old], 3);
    assert.deepEqual(
      result.failures.map((f) => f.execution_id),
      ['a2'],
    );
    assert.deepEqual(new Set(result.next.idsAtNewest), new Set(['a', 'a2']));
    assert.equal(detectNewFailures(result.next, [failure('a2', '2026-11-26T10:00:00Z'), ...old], 3).count, 0);
  });

  it('does not call the same batch new twice', () => {
    const seen = rememberFailures(old, 2);
    assert.equal(detectNewFailures(seen, old, 2).count, 0);
  });

  it('counts by the growth of the total when the capped list is new from end to end', () => {
    const seen = rememberFailures(old, 2);
    const batch = [failure('x', '2026-11-26T12:00:00Z'), failure('y', '2026-11-26T11:59:00Z')]; // limit 2
    const result = detectNewFailures(seen, batch, 9);
    assert.equal(result.failures.length, 2);
    assert.equal(result.count, 7);
  });

  it('ignores unparseable timestamps instead of calling them new', () => {
    const seen = rememberFailures(old, 2);
    assert.equal(detectNewFailures(seen, [failure('z', 'not a time'), ...old], 3).count, 0);
  });

  it('reads back only a well-formed memory', () => {
    const seen = rememberFailures(old, 2);
    assert.deepEqual(sanitizeSeen(JSON.parse(JSON.stringify(seen))), seen);
    assert.equal(sanitizeSeen({ newestAt: 'x' }), undefined);
    assert.equal(sanitizeSeen(null), undefined);
  });
});
