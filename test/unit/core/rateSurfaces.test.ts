/**
 * Every host-side text that shows a rate or share takes it from the counts when the batch has them: a
 * batch in which Granite rounded 1,999 of 2,000 up to 100 must not read 100 anywhere. The expected text
 * is computed here from the counts by integer arithmetic, not by the formatter under test.
 */
import assert from 'node:assert/strict';
import { parseBatch, type ParsedBatch } from '../../../src/core/api/parseBatch';
import { plausibilityWarnings } from '../../../src/core/api/plausibility';
import { rateTrend } from '../../../src/comparison/compare';
import { countsOf } from '../../../src/core/format';
import { quickInsights } from '../../../src/dashboard/insights';
import { summaryText } from '../../../src/chatTools/toolText';
import { pinnedRate } from '../../../src/pins/pins';
import { statusTooltip } from '../../../src/statusBar/statusBarText';
import { workflowTooltip } from '../../../src/workflows/workflowText';
import { buildWorkflowRows, rowRate } from '../../../src/workflows/workflowHealth';
import { aBatch, type BatchBuilder } from '../builders/batchBuilder';
import { expectedShare } from '../helpers/expectedShare';

/** What a reader sees in assembled Markdown: escapes and bidi isolates removed. */
const plain = (md: { value: string }) => md.value.replace(/\\(.)/g, '$1').replace(/[\u2066-\u2069]/g, '');

const parsed = (b: BatchBuilder): ParsedBatch => {
  const outcome = parseBatch(b.build());
  assert.ok(outcome.ok);
  return outcome.batch;
};

/** Granite rounds: 2,000 of 2,001 and 1,999 of 2,000 are sent as 100. */
const rounded = () =>
  aBatch()
    .set('summary', {
      total_executions: 2001,
      completed: 2000,
      total_failures: 1,
      success_rate: 100,
      avg_duration_ms: 1000,
      active_today: 1,
      total_tokens: 0,
    })
    .set('top_automations.data', [
      {
        workflow_name: 'Invoice Intake',
        executions: 2000,
        completed: 1999,
        failures: 1,
        success_rate: 100,
        avg_duration_ms: 1000,
        last_execution: '2026-11-02T10:00:00Z',
      },
    ])
    .set('failure_breakdown', {
      data: [
        { category: 'element_not_found', count: 2000, sample_messages: [] },
        { category: 'timeout', count: 1, sample_messages: [] },
      ],
      total_failures: 2001,
    });

const thresholds = { warning: 95, error: 80 };

describe('surfaces: a rate from counts never reads 100 % when Granite rounded it to 100', () => {
  const batch = parsed(rounded());
  const rows = buildWorkflowRows(batch.sections, { thresholds, sort: 'worst' });
  const row = rows.find((r) => r.name === 'Invoice Intake')!;

  it('the workflow tooltip, with its trend against a period without failures', () => {
    assert.deepEqual(rowRate(row), { part: 1999, whole: 2000 });
    const text = plain(workflowTooltip(row, 'en-US'));
    assert.match(text, new RegExp(`Success rate: ${escape(expectedShare(1999, 2000))}`));
    const trend = rateTrend(rowRate(row), { part: 2000, whole: 2000 }, 'en-US')!;
    assert.notEqual(trend.text, 'no change');
    const withTrend = plain(
      workflowTooltip(row, 'en-US', { trend: { ...trend, previous: { part: 2000, whole: 2000 } } }),
    );
    assert.match(withTrend, new RegExp(`Previous period: 100% \\(change ${escape(trend.text)}\\)`));
  });

  it('the status-bar tooltip, for all workflows and for the pinned ones', () => {
    const summary = batch.sections.summary!;
    const shown = countsOf(summary.completed, summary.total_executions);
    const base = { summary, filtered: false, range: 'Last 7 days', fromCache: false, now: 0, locale: 'en-US' };
    assert.match(
      plain(statusTooltip({ ...base, rate: shown })),
      new RegExp(`Success rate: ${escape(expectedShare(2000, 2001))}`),
    );
    const pinned = pinnedRate(rows, ['Invoice Intake']);
    const text = plain(
      statusTooltip({ ...base, rate: countsOf(pinned.completed, pinned.executions), pinned, overallRate: shown }),
    );
    assert.match(text, new RegExp(`Pinned workflows: ${escape(expectedShare(1999, 2000))} \\(1,999 of 2,000 runs\\)`));
    assert.match(text, new RegExp(`All workflows: ${escape(expectedShare(2000, 2001))}`));
  });

  it('the chat tool summary: KPIs, the worst workflows and the failure categories', () => {
    const text = summaryText(batch, {
      filters: { range: { kind: 'preset', preset: '7d' }, granularity: 'auto' },
      fetchedAt: 0,
      now: 0,
      limit: 5,
      locale: 'en-US',
      thresholds,
    });
    assert.ok(text.includes(`success rate ${expectedShare(2000, 2001)};`), text);
    assert.ok(text.includes(`- "Invoice Intake": success rate ${expectedShare(1999, 2000)};`), text);
    assert.ok(text.includes(`- "timeout": 1 (${expectedShare(1, 2001)})`), text);
    assert.ok(text.includes(`- "element_not_found": 2,000 (${expectedShare(2000, 2001)})`), text);
  });

  it('the rate-drop insight', () => {
    const before = parsed(
      aBatch().set('top_automations.data', [
        {
          workflow_name: 'Invoice Intake',
          executions: 2000,
          completed: 2000,
          failures: 0,
          success_rate: 100,
          avg_duration_ms: 1000,
          last_execution: '2026-11-01T10:00:00Z',
        },
      ]),
    );
    const now = parsed(
      aBatch().set('top_automations.data', [
        {
          workflow_name: 'Invoice Intake',
          executions: 2001,
          completed: 1,
          failures: 2000,
          success_rate: 0,
          avg_duration_ms: 1000,
          last_execution: '2026-11-02T10:00:00Z',
        },
      ]),
    );
    const drop = quickInsights(now.sections, before.sections, 'en-US').find((i) => i.id === 'rate-drop')!;
    // 100 − 0.049975… = 99.950… points: it would round to 100.0, which would claim it fell to 0.
    assert.equal(
      drop.text,
      `{subject}: success rate fell >99.9 pts to ${expectedShare(1, 2001)} (was ${expectedShare(2000, 2000)}).`,
    );
  });

  it('the plausibility note for a sent rate that contradicts its counts', () => {
    const warnings = plausibilityWarnings(
      parsed(
        aBatch()
          .set('summary.total_executions', 100_000)
          .set('summary.completed', 99_999)
          .set('summary.success_rate', 50),
      ).sections,
    );
    assert.ok(
      warnings.some((w) => w.message.includes(`99999 of 100000 is ${expectedShare(99_999, 100_000)}`)),
      JSON.stringify(warnings),
    );
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
