import assert from 'node:assert/strict';
import { parseBatch } from '../../../src/core/api/parseBatch';
import type { BatchedAnalyticsResponse } from '../../../src/core/api/schemas';
import { comparisonDue, delta, kpiDeltas, previousPeriodFilters, rateTrend } from '../../../src/comparison/compare';
import { toRequestFilters, type FilterState } from '../../../src/filters/filters';
import { aBatch, type BatchBuilder } from '../builders/batchBuilder';

const sections = (b: BatchBuilder): Partial<BatchedAnalyticsResponse> => {
  const outcome = parseBatch(b.build());
  assert.ok(outcome.ok);
  return outcome.batch.sections;
};
const now = Date.parse('2026-11-26T12:00:00Z');

describe('previous-period comparison', () => {
  it('asks for the range of equal length that ends where a rolling range starts', () => {
    const state: FilterState = {
      range: { kind: 'preset', preset: '7d' },
      granularity: 'auto',
      workflow: 'Invoice Intake',
      trigger: 'manual',
    };
    const current = toRequestFilters(state, now);
    const previous = previousPeriodFilters(state, now);
    assert.equal(previous.end_date, new Date(Date.parse(current.start_date!) - 1).toISOString());
    assert.equal(
      Date.parse(previous.end_date) - Date.parse(previous.start_date!),
      Date.parse(current.end_date!) - Date.parse(current.start_date!) - 1,
    );
    assert.equal(previous.granularity, current.granularity);
    assert.equal(previous.workflow_name, 'Invoice Intake');
    assert.equal(previous.triggered_by, 'manual');
  });

  it('shifts a custom range of whole days back by its number of days', () => {
    const previous = previousPeriodFilters(
      { range: { kind: 'custom', start: '2026-11-10', end: '2026-11-16' }, granularity: 'day' },
      now,
    );
    assert.equal(previous.start_date, '2026-11-03T00:00:00.000Z');
    assert.equal(previous.end_date, '2026-11-09T23:59:59.999Z');
  });

  it('reads a rate change in percentage points, a count in percent, a duration in time', () => {
    const up = delta('rate', 92.1, 90);
    assert.deepEqual([up?.text, up?.tone, Math.abs(up!.value - 2.1) < 1e-9], ['▲ 2.1 pts', 'better', true]);
    assert.deepEqual(delta('rate', 88, 90), { text: '▼ 2.0 pts', value: -2, tone: 'worse' });
    const failures = delta('count-lower-better', 110, 100);
    assert.equal(failures?.text, '▲ 10%');
    assert.equal(failures?.tone, 'worse');
    assert.equal(delta('count-lower-better', 97, 100)?.text, '▼ 3.0%');
    assert.equal(delta('count-lower-better', 97, 100)?.tone, 'better');
    assert.deepEqual(delta('duration', 1000, 1340), { text: '▼ 340 ms', value: -340, tone: 'better' });
    assert.equal(delta('duration', 5000, 2000)?.tone, 'worse');
  });

  it('colours by better or worse, not by sign, and leaves neutral figures uncoloured', () => {
    assert.equal(delta('count-neutral', 200, 100)?.tone, 'neutral');
    assert.equal(delta('count-neutral', 50, 100)?.tone, 'neutral');
    assert.equal(delta('rate', 90, 90)?.text, 'no change');
    assert.equal(delta('rate', 90, 90)?.tone, 'neutral');
    assert.equal(delta('count-lower-better', 3, 0)?.text, '▲ 3'); // no percent of zero
    assert.equal(delta('rate', undefined, 90), undefined);
    assert.equal(delta('duration', Number.NaN, 90), undefined);
  });

  it('computes every KPI delta from the counts, none for active today', () => {
    const current = sections(
      aBatch().set('summary', {
        total_executions: 200,
        completed: 190,
        total_failures: 10,
        success_rate: 95,
        avg_duration_ms: 1000,
        active_today: 9,
        total_tokens: 100,
      }),
    );
    const previous = sections(
      aBatch()
        .set('summary', {
          total_executions: 100,
          completed: 90,
          total_failures: 10,
          success_rate: 90,
          avg_duration_ms: 1500,
          active_today: 1,
          total_tokens: 100,
        })
        .set('duration_distribution.stats.p95_ms', 2000),
    );
    const d = kpiDeltas(current, previous);
    assert.equal(d.rate?.text, '▲ 5.0 pts');
    assert.equal(d.rate?.tone, 'better');
    assert.equal(d.total?.text, '▲ 100%');
    assert.equal(d.total?.tone, 'neutral');
    assert.equal(d.failures?.text, 'no change');
    assert.equal(d.avg?.text, '▼ 500 ms');
    assert.equal(d.avg?.tone, 'better');
    assert.equal(d.p95?.text, '▲ 1.5 s');
    assert.equal(d.p95?.tone, 'worse');
    assert.equal(d.tokens?.text, 'no change');
    assert.equal('today' in d, false);
  });

  it('shows no rate or duration change against a period without runs', () => {
    const current = sections(aBatch());
    const previous = sections(
      aBatch().set('summary', {
        total_executions: 0,
        completed: 0,
        total_failures: 0,
        success_rate: 0,
        avg_duration_ms: 0,
        active_today: 0,
        total_tokens: 0,
      }),
    );
    const d = kpiDeltas(current, previous);
    assert.equal(d.rate, undefined);
    assert.equal(d.avg, undefined);
    assert.equal(d.total?.text, '▲ 10');
  });

  it('gives a workflow trend in points', () => {
    assert.equal(rateTrend(81, 93.3)?.text, '▼ 12.3 pts');
    assert.equal(rateTrend(81, undefined), undefined);
  });
});

describe('when the previous period is fetched', () => {
  const hour = 3_600_000;
  it('after a scheduled refresh or a filter change, never as part of a user Refresh', () => {
    assert.equal(comparisonDue('scheduled', undefined, 'k', 0), true);
    assert.equal(comparisonDue('filters', undefined, 'k', 0), true);
    assert.equal(comparisonDue('user', undefined, 'k', 0), false);
    assert.equal(comparisonDue('workflow', undefined, 'k', 0), false);
  });

  it('at most once an hour for the same filters, at once for other filters', () => {
    const held = { filterKey: 'k', fetchedAt: 10 * hour };
    assert.equal(comparisonDue('scheduled', held, 'k', 10 * hour + hour - 1), false);
    assert.equal(comparisonDue('scheduled', held, 'k', 11 * hour), true);
    assert.equal(comparisonDue('filters', held, 'other', 10 * hour + 1), true);
  });
});
