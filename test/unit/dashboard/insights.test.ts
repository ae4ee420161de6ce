import assert from 'node:assert/strict';
import { parseBatch } from '../../../src/core/api/parseBatch';
import type { BatchedAnalyticsResponse } from '../../../src/core/api/schemas';
import { quickInsights } from '../../../src/dashboard/insights';
import { aBatch, type BatchBuilder } from '../builders/batchBuilder';

const sections = (b: BatchBuilder): Partial<BatchedAnalyticsResponse> => {
  const outcome = parseBatch(b.build());
  assert.ok(outcome.ok);
  return outcome.batch.sections;
};
const top = (workflow_name: string, executions: number, completed: number) => ({
  workflow_name,
  executions,
  completed,
  failures: executions - completed,
  success_rate: (completed / executions) * 100,
  avg_duration_ms: 1000,
  last_execution: '2026-11-02T10:00:00Z',
});

describe('quick insights', () => {
  const previous = sections(
    aBatch()
      .set('top_automations.data', [top('Invoice Intake', 100, 95), top('Payroll', 50, 50), top('Tiny', 2, 2)])
      .set('failure_breakdown.data', [
        { category: 'element_not_found', count: 3 },
        { category: 'timeout', count: 0 },
      ]),
  );

  it('name the largest drop, a new category and a p95 that grew by half, each with its target', () => {
    const current = sections(
      aBatch()
        .set('top_automations.data', [top('Invoice Intake', 100, 81), top('Payroll', 50, 45), top('Tiny', 4, 0)])
        .set('failure_breakdown.data', [
          { category: 'element_not_found', count: 3 },
          { category: 'timeout', count: 5 },
          { category: 'login_failed', count: 2 },
        ])
        .set('duration_distribution.stats.p95_ms', 3500 * 1.6),
    );
    const insights = quickInsights(current, previous);
    assert.deepEqual(
      insights.map((i) => i.id),
      ['rate-drop', 'new-category', 'p95-growth'],
    );
    assert.equal(insights[0]!.subject, 'Invoice Intake');
    assert.equal(insights[0]!.text, '{subject}: success rate fell 14.0 pts to 81.0% (was 95.0%).');
    assert.deepEqual(insights[0]!.target, { kind: 'workflow', workflow: 'Invoice Intake' });
    assert.equal(insights[1]!.subject, 'Timeout');
    assert.deepEqual(insights[1]!.target, { kind: 'category', category: 'timeout' });
    assert.match(insights[2]!.text, /up 60%/);
  });

  it('say nothing without a previous period or when nothing got worse', () => {
    assert.deepEqual(quickInsights(previous, undefined), []);
    assert.deepEqual(quickInsights(previous, previous), []);
  });

  it('ignore p95 growth under half', () => {
    const current = sections(
      aBatch()
        .set('top_automations.data', [top('Invoice Intake', 100, 95)])
        .set('failure_breakdown.data', [{ category: 'element_not_found', count: 1 }])
        .set('duration_distribution.stats.p95_ms', 3500 * 1.49),
    );
    assert.deepEqual(quickInsights(current, previous), []);
  });
});
