/**
 * What the dashboard sends the host: every user action posts the right protocol message (and each one
 * passes the host's own `parseWebviewMessage`).
 */
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { BatchedAnalyticsResponse } from '../../src/core/api/schemas';
import type { DashboardState } from '../../src/dashboard/protocol';
import { defaultFilters, type FilterState } from '../../src/filters/filters';
import { humanizeCategory } from '../../src/core/format';
import type { Simulator } from '../simulator/server';
import { simulatorState } from './fixtures';
import { allChartsDrawn, deliver } from './harness';
import { dashboardSuite } from './suite';
import { chooseOption, onePost } from './ui';

describe('dashboard webview: messages to the host', () => {
  const suite = dashboardSuite({ seed: 7 });
  let sim: Simulator;
  let page: Page;
  let state: DashboardState;
  let sections: BatchedAnalyticsResponse;
  const filters: FilterState = { range: { kind: 'preset', preset: '30d' }, granularity: 'day', trigger: 'manual' };

  before(async () => {
    ({ sim, page } = suite);
    state = await simulatorState(sim, filters);
    sections = state.sections as BatchedAnalyticsResponse;
    await deliver(page, state);
  });

  const firstFailure = () =>
    [...sections.recent_failures.data].sort((a, b) => Date.parse(b.started_at) - Date.parse(a.started_at))[0]!;

  it('"Open run" posts the execution and run ids', async () => {
    const failure = firstFailure();
    const message = await onePost(page, () =>
      page.locator('#card-recent-failures tbody tr').first().getByRole('button', { name: 'Open run' }).click(),
    );
    assert.deepEqual(message, { type: 'openRun', executionId: failure.execution_id, runId: failure.run_id });
  });

  it('"Copy ID" posts the execution id', async () => {
    const message = await onePost(page, () =>
      page.locator('#card-recent-failures tbody tr').first().getByRole('button', { name: 'Copy ID' }).click(),
    );
    assert.deepEqual(message, { type: 'copyId', executionId: firstFailure().execution_id });
  });

  it('a status pick posts the whole filter state with the status', async () => {
    const message = await onePost(page, () => chooseOption(page, '#filter-status', 'Failed'));
    assert.deepEqual(message, { type: 'setFilters', filters: { ...filters, status: 'failed' } });
    await deliver(page, state); // the host answers with a new state (here: the same filters)
  });

  it('a granularity pick and a range pick post setFilters', async () => {
    assert.deepEqual(await onePost(page, () => chooseOption(page, '#filter-granularity', 'Weekly')), {
      type: 'setFilters',
      filters: { ...filters, granularity: 'week' },
    });
    await deliver(page, state);
    assert.deepEqual(await onePost(page, () => chooseOption(page, '#filter-range', 'Last 90 days')), {
      type: 'setFilters',
      filters: { ...filters, range: { kind: 'preset', preset: '90d' } },
    });
    await deliver(page, state);
  });

  it('a custom range posts only after Apply, with UTC dates', async () => {
    await chooseOption(page, '#filter-range', 'Custom');
    await page.locator('#filter-start input').fill('2026-01-02');
    await page.locator('#filter-end input').fill('2026-01-09');
    const message = await onePost(page, () => page.getByRole('button', { name: 'Apply' }).click());
    assert.deepEqual(message, {
      type: 'setFilters',
      filters: { ...filters, range: { kind: 'custom', start: '2026-01-02', end: '2026-01-09' } },
    });
    await deliver(page, state);
  });

  it('a workflow pick posts setFilters with the workflow', async () => {
    const name = sections.workflows[1]!;
    const message = await onePost(page, () => chooseOption(page, '#filter-workflow', name));
    assert.deepEqual(message, { type: 'setFilters', filters: { ...filters, workflow: name } });
    await deliver(page, state);
  });

  it('clicking a workflow name in a table filters to it', async () => {
    const link = page.locator('#card-top-automations tbody tr').first().locator('button.link').first();
    const name = (await link.textContent())!;
    assert.deepEqual(await onePost(page, () => link.click()), {
      type: 'setFilters',
      filters: { ...filters, workflow: name },
    });
  });

  it('removing a filter chip and "Clear filters" post setFilters', async () => {
    assert.deepEqual(
      await onePost(page, () => page.getByRole('button', { name: 'Remove filter: Trigger: Manual' }).click()),
      { type: 'setFilters', filters: { range: filters.range, granularity: 'day' } },
    );
    await deliver(page, state);
    assert.deepEqual(await onePost(page, () => page.locator('#clear-filters').click()), {
      type: 'setFilters',
      filters: defaultFilters(),
    });
    await deliver(page, state);
  });

  it('Refresh, Export JSON and Export CSV post their messages', async () => {
    assert.deepEqual(await onePost(page, () => page.locator('#refresh').click()), { type: 'refresh' });
    assert.deepEqual(await onePost(page, () => page.getByRole('button', { name: 'Export JSON' }).click()), {
      type: 'exportJson',
    });
    const csv = await onePost(page, () =>
      page.locator('#card-top-automations').getByRole('button', { name: 'Export CSV' }).click(),
    );
    assert.equal(csv.type, 'exportCsv');
    if (csv.type !== 'exportCsv') return;
    assert.equal(csv.name, 'top-automations');
    assert.deepEqual(csv.rows[0], [
      'Workflow',
      'Runs',
      'Completed',
      'Failures',
      'Success rate (%)',
      'Avg duration (ms)',
      'Last run',
    ]);
    assert.equal(csv.rows.length, sections.top_automations.data.length + 1);
    const chartCsv = await onePost(page, () =>
      page.locator('#card-executions').getByRole('button', { name: 'Export CSV' }).click(),
    );
    assert.ok(chartCsv.type === 'exportCsv' && chartCsv.rows.length === sections.executions_over_time.data.length + 1);
  });

  it('sorting a column reorders the rows and is kept in the UI state', async () => {
    await page.locator('#card-top-automations th button.sort', { hasText: 'Workflow' }).click();
    const names = await page.locator('#card-top-automations tbody tr td:first-child').allTextContents();
    assert.deepEqual(
      names,
      [...names].sort((a, b) => a.localeCompare(b, 'en-GB', { numeric: true, sensitivity: 'base' })),
    );
    assert.equal(await page.locator('#card-top-automations th[aria-sort="ascending"]').count(), 1);
    const saved = await page.evaluate(() =>
      (globalThis as unknown as { __setStates: { sort: Record<string, unknown> }[] }).__setStates.at(-1),
    );
    assert.deepEqual(saved?.sort['top-automations'], { key: 'workflow', dir: 'asc' });
  });

  it('expands a failure message to its full text', async () => {
    const multi = sections.recent_failures.data.find((f) => (f.error_message ?? '').includes('\n'));
    assert.ok(multi, 'the dataset has a multi-line message');
    const search = page.locator('#card-recent-failures vscode-textfield input');
    await search.fill(multi.execution_id);
    const row = page.locator(`#card-recent-failures tr[data-key="${multi.execution_id}"]`);
    await row.getByRole('button', { name: 'Show the whole message' }).click({ timeout: 5000 });
    assert.equal(
      await page.locator('#card-recent-failures pre.full-message').first().textContent(),
      multi.error_message,
    );
    await search.fill('');
  });

  it('picking a failure category shows its sample messages', async () => {
    const category = [...sections.failure_breakdown.data].sort((a, b) => b.count - a.count)[1]!;
    await chooseOption(
      page,
      '#card-failures vscode-single-select',
      new RegExp(`^\\s*${humanizeCategory(category.category)}\\s*$`),
    );
    const samples = await page.locator('#card-failures .sample-list pre').allTextContents();
    assert.deepEqual(samples, category.sample_messages);
  });

  it("clicking a bar of the failure breakdown shows that category's samples", async () => {
    const categories = [...sections.failure_breakdown.data].sort((a, b) => b.count - a.count);
    // Centred, so the sticky filters bar does not cover it.
    await page
      .locator('#card-failures canvas')
      .evaluate((node) => (node as unknown as { scrollIntoView(o: object): void }).scrollIntoView({ block: 'center' }));
    await allChartsDrawn(page);
    // Find the bars: runs of the theme's red down a column of the canvas.
    const centers = await page.locator('#card-failures canvas').evaluate((node) => {
      const canvas = node as unknown as {
        width: number;
        height: number;
        getContext(k: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } };
      };
      const column = canvas.getContext('2d').getImageData(Math.floor(canvas.width * 0.45), 0, 1, canvas.height).data;
      const runs: number[] = [];
      let start = -1;
      for (let y = 0; y <= canvas.height; y++) {
        const red = y < canvas.height && column[y * 4] === 241 && column[y * 4 + 1] === 76 && column[y * 4 + 2] === 76;
        if (red && start < 0) start = y;
        if (!red && start >= 0) {
          runs.push((start + y) / 2 / (canvas.height / (node as unknown as { clientHeight: number }).clientHeight));
          start = -1;
        }
      }
      return runs;
    });
    assert.ok(centers.length >= 3, `found ${centers.length} bars`);
    const box = (await page.locator('#card-failures canvas').boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.45, box.y + centers[2]!);
    // chart.js handles pointer events on the next animation frame.
    await page
      .locator('#card-failures .samples h3', { hasText: humanizeCategory(categories[2]!.category) })
      .waitFor({ timeout: 5000 });
    assert.deepEqual(
      await page.locator('#card-failures .sample-list pre').allTextContents(),
      categories[2]!.sample_messages,
    );
  });

  it('banners: Retry when stale, Set API Key without a key, analytics disabled, empty range', async () => {
    await deliver(page, { ...state, stale: true, error: { kind: 'network', message: 'Granite did not answer.' } });
    assert.match((await page.locator('#banner-stale').textContent()) ?? '', /Stale since .*Granite did not answer\./);
    assert.deepEqual(
      await onePost(page, () => page.locator('#banner-stale').getByRole('button', { name: 'Retry' }).click()),
      { type: 'refresh' },
    );
    await deliver(page, { ...state, sections: {}, problems: [], noKey: true });
    assert.equal(await page.locator('.dashboard > .content').isHidden(), true);
    assert.deepEqual(await onePost(page, () => page.getByRole('button', { name: 'Set API Key' }).click()), {
      type: 'setApiKey',
    });
    await deliver(page, { ...state, sections: {}, problems: [], analyticsDisabled: 'Ask an admin.' });
    assert.match((await page.locator('#banner-disabled').textContent()) ?? '', /Analytics is disabled.*Ask an admin\./);
    const empty = { ...sections.summary, total_executions: 0, completed: 0, total_failures: 0 };
    await deliver(page, { ...state, sections: { ...sections, summary: empty } });
    assert.match(
      (await page.locator('#banner-empty').textContent()) ?? '',
      /No runs in the selected range.*filters \(trigger Manual\) may be too narrow/,
    );
    assert.equal(await page.locator('#kpi-rate .kpi-value').textContent(), '—');
    await deliver(page, state);
  });
});
