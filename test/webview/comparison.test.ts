/**
 * The dashboard's comparison with the previous period, quick insights and offline mode, in Chromium:
 * deltas under the KPI figures coloured by better or worse, insights that filter to what they name, and
 * an offline banner that offers only the cached filter sets while the filters bar is disabled.
 * Screenshot: test-artifacts/screenshots/dashboard-deltas.png.
 */
import * as assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { BatchedAnalyticsResponse } from '../../src/core/api/schemas';
import { kpiDeltas } from '../../src/comparison/compare';
import type { DashboardState } from '../../src/dashboard/protocol';
import type { FilterState } from '../../src/filters/filters';
import { quickInsights } from '../../src/dashboard/insights';
import type { Simulator } from '../simulator/server';
import { simulatorState } from './fixtures';
import { allChartsDrawn, deliver, screenshotDir } from './harness';
import { dashboardSuite } from './suite';
import { onePost } from './ui';

type Sections = Partial<BatchedAnalyticsResponse>;

/** A previous period in which the worst workflow did better, a category was absent and runs were faster. */
function worsePreviously(current: Sections): Sections {
  const previous = structuredClone(current) as BatchedAnalyticsResponse;
  const top = previous.top_automations.data;
  const worst = [...top].sort((a, b) => a.completed / a.executions - b.completed / b.executions)[0]!;
  worst.completed = worst.executions;
  previous.summary.completed = Math.min(previous.summary.total_executions, previous.summary.completed + 40);
  previous.summary.total_failures = Math.max(0, previous.summary.total_failures - 40);
  previous.summary.avg_duration_ms *= 0.8;
  const categories = previous.failure_breakdown.data;
  previous.failure_breakdown.data = categories.slice(1); // the most frequent category is new this period
  previous.duration_distribution.stats.p95_ms = current.duration_distribution!.stats.p95_ms / 2;
  return previous;
}

describe('dashboard webview: previous period, insights and offline', () => {
  const suite = dashboardSuite({ seed: 11 });
  let sim: Simulator;
  let page: Page;
  let state: DashboardState;
  const filters: FilterState = { range: { kind: 'preset', preset: '7d' }, granularity: 'auto' };

  before(async () => {
    ({ sim, page } = suite);
    const base = await simulatorState(sim, filters);
    const previous = worsePreviously(base.sections);
    state = {
      ...base,
      deltas: kpiDeltas(base.sections, previous, 'en-GB'),
      insights: quickInsights(base.sections, previous, 'en-GB'),
      comparedAt: Date.now() - 20 * 60_000,
    };
    await deliver(page, state);
    await allChartsDrawn(page);
  });

  it('shows each KPI’s change, coloured by better or worse, and none for active today', async () => {
    for (const id of ['total', 'rate', 'failures', 'avg', 'p95', 'tokens'] as const) {
      const delta = state.deltas[id];
      const box = page.locator(`#kpi-${id} .kpi-delta`);
      assert.equal(await box.textContent(), delta ? `${delta.text} vs previous period` : '', id);
      if (delta)
        assert.ok((await box.getAttribute('class'))!.split(' ').includes(delta.tone), `${id} is ${delta.tone}`);
    }
    assert.equal(state.deltas.rate?.tone, 'worse');
    assert.equal(state.deltas.p95?.tone, 'worse');
    assert.equal(await page.locator('#kpi-today .kpi-delta').textContent(), '');
    assert.match((await page.locator('#card-summary .card-note').textContent()) ?? '', /previous period .*20 min ago/);
    await mkdir(screenshotDir, { recursive: true });
    await page.screenshot({ path: join(screenshotDir, 'dashboard-deltas.png'), fullPage: false });
  });

  it('lists the insights; the workflow one filters to that workflow', async () => {
    assert.deepEqual(
      await page
        .locator('.insight')
        .evaluateAll((nodes: { getAttribute(name: string): string | null }[]) =>
          nodes.map((n) => n.getAttribute('data-insight')),
        ),
      ['rate-drop', 'new-category', 'p95-growth'],
    );
    const drop = state.insights[0]!;
    assert.equal(await page.locator('.insight.rate-drop .insight-subject').textContent(), drop.subject);
    const message = await onePost(page, () => page.locator('.insight.rate-drop button').click());
    assert.deepEqual(message, { type: 'setFilters', filters: { ...filters, workflow: drop.subject } });
  });

  it('the new-category insight picks that category in the failures table', async () => {
    const insight = state.insights.find((i) => i.id === 'new-category')!;
    await page.locator('.insight.new-category button').click();
    const category = insight.target.kind === 'category' ? insight.target.category : '';
    const value = await page
      .locator('#card-recent-failures vscode-single-select')
      .evaluate((node) => (node as unknown as { value: string }).value);
    assert.equal(value, category);
  });

  it('offline: offers only the cached ranges and disables the filters until a request succeeds', async () => {
    const cached = {
      filters: { ...filters, range: { kind: 'preset' as const, preset: '30d' as const } },
      fetchedAt: Date.now() - 3_600_000,
    };
    await deliver(page, {
      ...state,
      stale: true,
      error: { kind: 'NetworkError', message: 'Could not connect to Granite.' },
      offline: { cached: [{ filters, fetchedAt: state.fetchedAt! }, cached] },
    });
    const banner = page.locator('#banner-offline');
    assert.match(
      (await banner.textContent()) ?? '',
      /Offline: Granite cannot be reached\. Could not connect to Granite\..*from the cache/,
    );
    assert.equal(await page.locator('#banner-stale').count(), 0, 'one banner says it');
    assert.equal(await page.locator('#filter-range').getAttribute('disabled'), '');
    const buttons = banner.locator('.banner-actions vscode-button');
    assert.deepEqual(await buttons.allTextContents(), ['Last 30 days', 'Retry']);
    assert.deepEqual(await onePost(page, () => buttons.first().click()), {
      type: 'setFilters',
      filters: cached.filters,
    });
    await deliver(page, state);
    assert.equal(await page.locator('#banner-offline').count(), 0, 'the first successful request replaces the banner');
    assert.equal(await page.locator('#filter-range').getAttribute('disabled'), null);
  });
});
