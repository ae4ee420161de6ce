/**
 * The dashboard never shows a rate or share more certain than it is: fed a simulator batch in which
 * Granite rounded 1,999 of 2,000 up to 100, every figure drawn from counts reads `>99.9%` (2,000 of
 * 2,001 too), and 1 of 2,001 reads `<0.1%`. Expectations come from the counts (test/unit/helpers), not
 * from the formatter under test.
 */
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { BatchedAnalyticsResponse } from '../../src/core/api/schemas';
import { defaultFilters } from '../../src/filters/filters';
import { expectedShare, expectedSharePlain } from '../unit/helpers/expectedShare';
import { fetchBatchJson, parsed, stateFrom } from './fixtures';
import { allChartsDrawn, deliver } from './harness';
import { dashboardSuite } from './suite';

/** The simulator's batch, with the counts of a server that rounds its rates to 100. */
function roundedUp(json: BatchedAnalyticsResponse): BatchedAnalyticsResponse {
  const batch = structuredClone(json);
  batch.summary = { ...batch.summary, total_executions: 2000, completed: 1999, total_failures: 1, success_rate: 100 };
  const top = batch.top_automations.data[0]!;
  Object.assign(top, { executions: 2000, completed: 1999, failures: 1, success_rate: 100 });
  batch.success_rate.data = batch.success_rate.data.map((p, i) => ({
    ...p,
    total: 2000,
    completed: i === 0 ? 1999 : 2000,
    success_rate: 100,
  }));
  batch.trigger_distribution.data = [
    { trigger_type: 'manual', count: 2000 },
    { trigger_type: 'endpoint', count: 1 },
  ];
  batch.failure_breakdown = {
    data: [
      { category: 'element_not_found', count: 2000, sample_messages: [] },
      { category: 'timeout', count: 1, sample_messages: [] },
    ],
    total_failures: 2001,
  };
  batch.endpoint_usage.data = [
    { ...batch.endpoint_usage.data[0]!, invocations: 2000, success_count: 1999, success_rate: 100 },
  ];
  batch.workflow_complexity.data = [
    { ...batch.workflow_complexity.data[0]!, workflow_name: top.workflow_name, success_rate: 100 },
  ];
  return batch;
}

describe('dashboard webview: rates and shares from counts', () => {
  const suite = dashboardSuite({ seed: 7 });
  let page: Page;
  let batch: BatchedAnalyticsResponse;

  before(async () => {
    page = suite.page;
    const filters = defaultFilters('30d');
    batch = roundedUp((await fetchBatchJson(suite.sim, filters)) as BatchedAnalyticsResponse);
    assert.ok(batch.success_rate.data.length > 1, 'the simulator sent several buckets');
    await deliver(page, stateFrom(parsed(batch), filters));
    await allChartsDrawn(page);
  });

  const text = (selector: string) => page.locator(selector).first().textContent();
  const label = (card: string) => page.locator(`#card-${card} figure.chart`).getAttribute('aria-label');
  async function tableCells(card: string, column: number): Promise<string[]> {
    await page.locator(`#card-${card}`).getByRole('button', { name: 'Show as table' }).click();
    return page.locator(`#card-${card} .chart-table tbody tr td:nth-child(${column})`).allTextContents();
  }

  it('KPIs: the success rate and the failures’ share of runs', async () => {
    assert.equal(await text('#kpi-rate .kpi-value'), expectedShare(1999, 2000));
    assert.equal(await text('#kpi-failures .kpi-sub'), `${expectedShare(1, 2000)} of runs`); // 0.05 rounds half up
  });

  it('tables: top automations and endpoint usage', async () => {
    const top = batch.top_automations.data[0]!;
    const row = page
      .locator('#card-top-automations tbody tr')
      .filter({ has: page.locator('td:first-child', { hasText: new RegExp(`^${escape(top.workflow_name)}$`) }) });
    assert.equal(await row.locator('.rate-text').textContent(), expectedShare(1999, 2000));
    assert.equal(await text('#card-endpoints tbody tr .rate-text'), expectedShare(1999, 2000));
  });

  it('the success-rate chart: its summary and its table', async () => {
    const buckets = batch.success_rate.data.length;
    const overall = expectedShare(2000 * buckets - 1, 2000 * buckets);
    assert.match(
      (await label('success-rate')) ?? '',
      new RegExp(
        `^Success rate over time: ${escape(overall)} overall; between ${escape(expectedShare(1999, 2000))} and 100% per bucket`,
      ),
    );
    const cells = await tableCells('success-rate', 4);
    assert.deepEqual(cells.slice(0, 2), [expectedSharePlain(1999, 2000), expectedSharePlain(2000, 2000)]);
  });

  it('trigger and failure shares: summaries and tables', async () => {
    assert.equal(
      await label('triggers'),
      `Trigger distribution: Manual 2,000 (${expectedShare(2000, 2001)}), API 1 (${expectedShare(1, 2001)}).`,
    );
    assert.deepEqual(await tableCells('triggers', 3), [expectedSharePlain(2000, 2001), expectedSharePlain(1, 2001)]);
    assert.deepEqual(await tableCells('failures', 3), [expectedSharePlain(2000, 2001), expectedSharePlain(1, 2001)]);
  });

  it('the complexity chart takes the counts of a workflow that top automations lists', async () => {
    const top = batch.top_automations.data[0]!;
    assert.ok(
      (await label('complexity'))?.endsWith(`lowest success: ${top.workflow_name} at ${expectedShare(1999, 2000)}.`),
    );
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
