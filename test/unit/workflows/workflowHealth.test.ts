import assert from 'node:assert/strict';
import { parseBatch } from '../../../src/core/api/parseBatch';
import type { BatchedAnalyticsResponse } from '../../../src/core/api/schemas';
import { formatRate } from '../../../src/core/format';
import {
  buildWorkflowRows,
  healthOf,
  rowFromWorkflowBatch,
  topAutomationsComplete,
  truthfulRate,
} from '../../../src/workflows/workflowHealth';
import { aBatch, type BatchBuilder } from '../builders/batchBuilder';

const thresholds = { warning: 95, error: 80 };

function sections(builder: BatchBuilder): Partial<BatchedAnalyticsResponse> {
  const outcome = parseBatch(builder.build());
  assert.ok(outcome.ok);
  return outcome.batch.sections;
}

const top = (workflow_name: string, executions: number, completed: number, last = '2026-11-02T10:00:00Z') => ({
  workflow_name,
  executions,
  completed,
  failures: executions - completed,
  success_rate: (completed / executions) * 100,
  avg_duration_ms: 1000,
  last_execution: last,
});

describe('workflow health view-model', () => {
  it('grades a rate by the thresholds', () => {
    assert.equal(healthOf(99, thresholds), 'pass');
    assert.equal(healthOf(95, thresholds), 'pass');
    assert.equal(healthOf(94.9, thresholds), 'warning');
    assert.equal(healthOf(79.9, thresholds), 'error');
    assert.equal(healthOf(undefined, thresholds), 'unknown');
  });

  it('joins names with top automations, complexity and actions, worst first', () => {
    const s = sections(
      aBatch()
        .set('summary.total_executions', 300)
        .section('top_automations', {
          data: [top('Good', 100, 99), top('Bad', 100, 70), top('Meh', 100, 90)],
          sort_by: 'executions',
        })
        .section('workflow_complexity', { data: [] })
        .section('workflows', ['Good', 'Bad', 'Meh']),
    );
    const rows = buildWorkflowRows(s, { thresholds, sort: 'worst' });
    assert.deepEqual(
      rows.map((r) => [r.name, r.health]),
      [
        ['Bad', 'error'],
        ['Meh', 'warning'],
        ['Good', 'pass'],
      ],
    );
    assert.equal(rows[0]?.executions, 100);
    assert.equal(rows[0]?.failures, 30);
  });

  it('shows workflows the capped sections do not cover without a rate, after the known ones', () => {
    const many = Array.from({ length: 10 }, (_, i) => top(`W${i}`, 100, 95 + (i % 5)));
    const s = sections(
      aBatch()
        .set('summary.total_executions', 1500)
        .section('top_automations', { data: many, sort_by: 'executions' })
        .section('workflow_complexity', { data: [] })
        .section('workflows', [...many.map((m) => m.workflow_name), 'Uncovered']),
    );
    assert.equal(topAutomationsComplete(s), false);
    const rows = buildWorkflowRows(s, { thresholds, sort: 'worst' });
    const last = rows.at(-1)!;
    assert.equal(last.name, 'Uncovered');
    assert.equal(last.coverage, 'not-in-batch');
    assert.equal(last.successRate, undefined);
    assert.equal(last.executions, undefined, 'not shown as 0 runs: that is not known');
  });

  it('knows a workflow has no runs when top automations account for every run', () => {
    const s = sections(
      aBatch()
        .set('summary.total_executions', 10)
        .section('top_automations', { data: [top('Invoice Intake', 10, 9)], sort_by: 'executions' })
        .section('workflows', ['Invoice Intake', 'Idle']),
    );
    const idle = buildWorkflowRows(s, { thresholds, sort: 'worst' }).find((r) => r.name === 'Idle');
    assert.equal(idle?.coverage, 'no-runs');
    assert.equal(idle?.executions, 0);
    assert.equal(idle?.successRate, undefined);
  });

  it('takes a rate from workflow complexity when top automations do not list the workflow', () => {
    const many = Array.from({ length: 10 }, (_, i) => top(`W${i}`, 100, 99));
    const s = sections(
      aBatch()
        .set('summary.total_executions', 2000)
        .section('top_automations', { data: many, sort_by: 'executions' })
        .section('workflow_complexity', {
          data: [
            {
              workflow_name: 'Deep',
              complexity_score: 9,
              total_steps: 3,
              total_iterations: 4,
              parameters_count: 1,
              success_rate: 60,
              avg_duration_ms: 10,
            },
          ],
        })
        .section('workflows', ['Deep']),
    );
    const deep = buildWorkflowRows(s, { thresholds, sort: 'worst' }).find((r) => r.name === 'Deep');
    assert.equal(deep?.coverage, 'covered');
    assert.equal(deep?.successRate, 60);
    assert.equal(deep?.health, 'error');
    assert.equal(deep?.complexity?.steps, 3);
  });

  it('uses a row fetched on demand for an uncovered workflow', () => {
    const s = sections(
      aBatch().set('summary.total_executions', 9999).section('workflows', ['Invoice Intake', 'Other']),
    );
    const demand = rowFromWorkflowBatch(
      'Other',
      sections(
        aBatch()
          .section('summary', { total_executions: 4, completed: 3, total_failures: 1, success_rate: 75 })
          .section('top_automations', { data: [top('Other', 4, 3, '2026-11-20T00:00:00Z')], sort_by: 'executions' }),
      ),
      thresholds,
    );
    const rows = buildWorkflowRows(s, { thresholds, sort: 'worst', onDemand: new Map([['Other', demand]]) });
    const other = rows.find((r) => r.name === 'Other');
    assert.equal(other?.successRate, 75);
    assert.equal(other?.executions, 4);
    assert.equal(other?.lastExecution, '2026-11-20T00:00:00Z');
  });

  it('says "no runs" for an on-demand batch with no executions', () => {
    const row = rowFromWorkflowBatch(
      'Idle',
      sections(aBatch().section('summary', {}).section('top_automations', { data: [], sort_by: 'executions' })),
      thresholds,
    );
    assert.equal(row.coverage, 'no-runs');
  });

  it('lists only the filtered workflow under a workflow filter, and its recent failures', () => {
    const s = sections(aBatch());
    const rows = buildWorkflowRows(s, { thresholds, sort: 'name', workflowFilter: 'Invoice Intake' });
    assert.deepEqual(
      rows.map((r) => r.name),
      ['Invoice Intake'],
    );
    assert.equal(rows[0]?.recentFailures.length, 1);
  });

  it('sorts by runs and by name', () => {
    const s = sections(
      aBatch()
        .set('summary.total_executions', 300)
        .section('top_automations', {
          data: [top('b', 50, 50), top('a', 200, 100), top('c', 50, 20)],
          sort_by: 'executions',
        })
        .section('workflow_complexity', { data: [] })
        .section('workflows', ['a', 'b', 'c']),
    );
    assert.deepEqual(
      buildWorkflowRows(s, { thresholds, sort: 'runs' }).map((r) => r.name),
      ['a', 'b', 'c'],
    );
    assert.deepEqual(
      buildWorkflowRows(s, { thresholds, sort: 'name' }).map((r) => r.name),
      ['a', 'b', 'c'],
    );
    assert.deepEqual(
      buildWorkflowRows(s, { thresholds, sort: 'worst' }).map((r) => r.name),
      ['c', 'a', 'b'],
    );
  });
});

describe('truthful rates', () => {
  it('derive the rate from the counts, so one failure in 100,000 never reads 100 %', () => {
    const { rate, note } = truthfulRate(100, 99_999, 100_000);
    assert.ok(rate! < 100);
    assert.equal(formatRate({ part: 99_999, whole: 100_000 }, 'en-US'), '>99.9%');
    assert.equal(note, undefined, 'a rounded rate is not a disagreement');
  });

  it('note a 0–1 fraction or a mismatch, and show no rate without runs', () => {
    assert.match(truthfulRate(0.97, 97, 100).note ?? '', /fraction/);
    assert.equal(truthfulRate(0.97, 97, 100).rate, 97);
    assert.match(truthfulRate(50, 97, 100).note ?? '', /does not match/);
    assert.deepEqual(truthfulRate(0, 0, 0), {});
    assert.deepEqual(truthfulRate(88, undefined, undefined), { rate: 88 });
  });
});
