/**
 * The dashboard renders a simulator batch: every chart draws, the KPI cards and tables hold the batch's
 * figures, `ready` comes first, and nothing violates the CSP.
 */
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { BatchedAnalyticsResponse } from '../../src/core/api/schemas';
import type { DashboardState } from '../../src/dashboard/protocol';
import { defaultFilters } from '../../src/filters/filters';
import { formatCount, formatDuration } from '../../src/core/format';
import type { Simulator } from '../simulator/server';
import { simulatorState } from './fixtures';
import { allChartsDrawn, canvasPixels, deliver, type Harness, pageProblems, posted } from './harness';
import { dashboardSuite } from './suite';

describe('dashboard webview: rendering a batch', () => {
  const suite = dashboardSuite({ seed: 42 });
  let harness: Harness;
  let sim: Simulator;
  let page: Page;
  let state: DashboardState;
  let sections: BatchedAnalyticsResponse;

  before(async () => {
    ({ harness, sim, page } = suite);
    state = await simulatorState(sim, defaultFilters('30d'));
    sections = state.sections as BatchedAnalyticsResponse;
    await deliver(page, state);
    await allChartsDrawn(page);
  });

  it('posts ready before anything else, once', async () => {
    const messages = await posted(page);
    assert.deepEqual(messages[0], { type: 'ready' });
    assert.equal(messages.filter((m) => (m as { type: string }).type === 'ready').length, 1);
  });

  it('draws pixels on every chart canvas', async () => {
    const pixels = await canvasPixels(page);
    const ids = [
      'card-executions',
      'card-success-rate',
      'card-failures',
      'card-triggers',
      'card-durations',
      'card-actions',
      'card-complexity',
      'card-queue_metrics',
    ];
    assert.deepEqual(Object.keys(pixels).sort(), [...ids].sort());
    for (const id of ids) assert.ok(pixels[id]! > 500, `${id} drew only ${pixels[id]} pixels`);
  });

  it('shows the summary figures in the KPI cards', async () => {
    const s = sections.summary;
    assert.equal(await page.locator('#kpi-total .kpi-value').textContent(), formatCount(s.total_executions, 'en-GB'));
    assert.equal(await page.locator('#kpi-failures .kpi-value').textContent(), formatCount(s.total_failures, 'en-GB'));
    assert.equal(
      await page.locator('#kpi-p95 .kpi-value').textContent(),
      formatDuration(sections.duration_distribution.stats.p95_ms, 'en-GB'),
    );
    assert.match((await page.locator('#kpi-rate').getAttribute('title')) ?? '', /Completed runs/);
  });

  it('lists the top automations, most runs first', async () => {
    const names = await page.locator('#card-top-automations tbody tr td:first-child').allTextContents();
    const expected = [...sections.top_automations.data]
      .sort((a, b) => b.executions - a.executions)
      .map((r) => r.workflow_name);
    assert.deepEqual(names, expected.slice(0, 50));
  });

  it('lists the recent failures newest first, with "showing N of TOTAL"', async () => {
    const failures = sections.recent_failures;
    const ids = await page
      .locator('#card-recent-failures tbody tr:not(.detail)')
      .evaluateAll((rows) => rows.map((r) => (r as unknown as { dataset: { key: string } }).dataset.key));
    const expected = [...failures.data]
      .sort((a, b) => Date.parse(b.started_at) - Date.parse(a.started_at))
      .map((f) => f.execution_id);
    assert.deepEqual(ids, expected.slice(0, 50));
    if (failures.total > failures.data.length) {
      assert.match(
        (await page.locator('#card-recent-failures .table-count').textContent()) ?? '',
        new RegExp(`Showing ${failures.data.length} of ${formatCount(failures.total, 'en-GB')}`),
      );
    }
  });

  it("a recent failure's row carries its automation's history words as its tooltip, once the host has them", async () => {
    const failures = sections.recent_failures.data;
    const runId = failures[0]!.run_id;
    // Hostile text stays text: a title is an attribute set from a string, never markup.
    const words = 'This automation: failing since Tue 14:05 (6 runs) · <b>6</b> of the last 20 failed';
    await deliver(page, { ...state, historyWords: { [runId]: words } });
    const titles = await page.locator('#card-recent-failures tbody tr:not(.detail)').evaluateAll((rows) =>
      rows.map((r) => {
        const row = r as unknown as { dataset: { key: string }; getAttribute(n: string): string | null };
        return [row.dataset.key, row.getAttribute('title')] as const;
      }),
    );
    const ofRun = new Set(failures.filter((f) => f.run_id === runId).map((f) => f.execution_id));
    assert.ok(titles.length > 0);
    for (const [key, title] of titles) assert.equal(title, ofRun.has(key) ? words : null, key);
    assert.equal(await page.locator('#card-recent-failures tbody b').count(), 0);
    await deliver(page, state);
  });

  it('lists the endpoints', async () => {
    const slugs = await page.locator('#card-endpoints tbody tr td:nth-child(2)').allTextContents();
    assert.deepEqual([...slugs].sort(), sections.endpoint_usage.data.map((e) => e.endpoint_slug).sort());
  });

  it('labels every chart figure for screen readers', async () => {
    const labels = await page
      .locator('figure.chart[role="img"]')
      .evaluateAll((figures) =>
        figures.map((f) => (f as unknown as { getAttribute(n: string): string | null }).getAttribute('aria-label')),
      );
    assert.equal(labels.length, 8, 'seven batch charts and the queue wait times');
    for (const label of labels) assert.ok(label && label.length > 20, `weak aria-label: ${label}`);
  });

  it('shows loading skeletons until there is something to show', async () => {
    const fresh = await harness.open();
    assert.equal(await fresh.locator('.skeletons').isVisible(), true);
    await deliver(fresh, { ...state, sections: {}, problems: [], workflows: [], loading: true });
    assert.equal(await fresh.locator('.skeletons').isVisible(), true);
    assert.equal(await fresh.locator('#app').getAttribute('aria-busy'), 'true');
    await deliver(fresh, state);
    assert.equal(await fresh.locator('.skeletons').count(), 0);
    assert.equal(await fresh.locator('#app').getAttribute('aria-busy'), 'false');
    assert.deepEqual(await pageProblems(fresh), []);
    await fresh.close();
  });
});
