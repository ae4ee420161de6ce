/**
 * The queue wait widget in Chromium, fed the simulator's own queue metrics: the chart is drawn, the KPI
 * "Queue wait p95, worst bucket" is the largest p95 of the raw points (computed here, not by our helper),
 * its delta is coloured lower-is-better, the filters note shows when workflow, trigger or status is set,
 * its own error keeps the last points (stale) and the rest of the dashboard untouched, and its table and
 * CSV carry every raw bucket. Screenshot: test-artifacts/screenshots/dashboard-queue.png.
 */
import * as assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { delta } from '../../src/comparison/compare';
import type { QueueMetricsResponse } from '../../src/core/api/queueAndLayoutSchemas';
import { formatDuration } from '../../src/core/format';
import type { DashboardState } from '../../src/dashboard/protocol';
import { defaultFilters } from '../../src/filters/filters';
import type { Simulator } from '../simulator/server';
import { fetchQueueJson, simulatorState } from './fixtures';
import { allChartsDrawn, canvasPixels, deliver, screenshotDir } from './harness';
import { dashboardSuite } from './suite';
import { onePost } from './ui';

/** The KPI's figure from the raw points: the largest p95 among buckets where anything was queued. */
function largestP95(json: QueueMetricsResponse): number {
  return Math.max(...json.data.filter((p) => p.total_queued > 0).map((p) => p.p95_wait_ms));
}

describe('dashboard webview: queue wait times', () => {
  const suite = dashboardSuite({ seed: 21 });
  const filters = defaultFilters('30d');
  let sim: Simulator;
  let page: Page;
  let state: DashboardState;
  let raw: QueueMetricsResponse;
  const card = () => page.locator('#card-queue_metrics');

  before(async () => {
    ({ sim, page } = suite);
    raw = await fetchQueueJson(sim, filters);
    state = await simulatorState(sim, filters);
    assert.ok(
      raw.data.some((p) => p.total_queued > 0),
      'the simulator queued runs',
    );
    await deliver(page, state);
    await allChartsDrawn(page);
  });

  it('draws the chart and shows the worst bucket’s p95 in the KPI card, with why in its tooltip', async () => {
    assert.ok((await canvasPixels(page))['card-queue_metrics']! > 500, 'the queue chart drew');
    assert.equal(await card().locator('figure').getAttribute('data-drawn'), 'true');
    assert.equal(await page.locator('#kpi-queue .kpi-value').textContent(), formatDuration(largestP95(raw), 'en-GB'));
    assert.match(
      (await page.locator('#kpi-queue').getAttribute('title')) ?? '',
      /p95 cannot be computed from its buckets' p95s/,
    );
    assert.equal(await card().locator('.queue-error').isVisible(), false);
    assert.equal(await card().locator('.card-note').isVisible(), false, 'no note without filters or staleness');
  });

  it('shows the delta against the previous period, lower is better', async () => {
    const previous = raw.data.map((p) => ({ ...p, p95_wait_ms: p.p95_wait_ms * 2 }));
    const change = delta('duration', largestP95(raw), 2 * largestP95(raw), 'en-GB')!;
    assert.equal(change.tone, 'better');
    await deliver(page, { ...state, queue: { ...state.queue!, previous, delta: change } });
    const box = page.locator('#kpi-queue .kpi-delta');
    assert.equal(await box.textContent(), `${change.text} vs previous period`);
    assert.match(change.text, /^▼ /);
    assert.ok((await box.getAttribute('class'))!.split(' ').includes('better'));
  });

  it('says that the workflow, trigger and status filters do not apply to it', async () => {
    await deliver(page, {
      ...state,
      filters: { ...filters, trigger: 'manual' },
      queue: { ...state.queue!, filtersIgnored: true },
    });
    assert.match(
      (await card().locator('.card-note').textContent()) ?? '',
      /Not filtered by workflow, trigger or status/,
    );
    assert.match(
      (await page.locator('#kpi-queue .kpi-sub').textContent()) ?? '',
      /Not filtered by workflow, trigger or status/,
    );
  });

  it('its own error keeps the last points, marked stale; without points, the card says so', async () => {
    const error = { kind: 'RateLimited', message: 'Queue wait times could not be loaded: <b>rate</b> limited.' };
    await deliver(page, { ...state, queue: { ...state.queue!, error, stale: true, fetchedAt: Date.now() - 600_000 } });
    await allChartsDrawn(page);
    assert.equal(await card().locator('.queue-error').textContent(), ` ${error.message}`);
    assert.equal(await card().locator('.queue-error b').count(), 0, 'the message is text');
    assert.equal(await card().locator('figure').isVisible(), true, 'the last points are still drawn');
    assert.match((await card().getAttribute('class')) ?? '', /\bstale\b/);
    assert.match((await card().locator('.card-note').textContent()) ?? '', /Stale: last updated 10 min ago/);
    assert.match((await page.locator('#kpi-queue .kpi-sub').textContent()) ?? '', /stale/);
    assert.equal(await page.locator('#kpi-queue .kpi-value').textContent(), formatDuration(largestP95(raw), 'en-GB'));
    assert.equal(await page.locator('#banner-stale').count(), 0, 'the batch is not stale');
    assert.equal(await page.locator('#card-executions figure').getAttribute('data-drawn'), 'true');

    await deliver(page, {
      ...state,
      queue: { ...state.queue!, data: [], fetchedAt: undefined, error, stale: false },
    });
    assert.equal(await card().locator('.queue-error').isVisible(), true);
    assert.equal(await card().locator('figure').isVisible(), false);
    assert.equal(await card().locator('.card-note').textContent(), 'No queue wait times to show.');
    assert.equal(await page.locator('#kpi-queue .kpi-value').textContent(), '—');
    assert.equal(await page.locator('#kpi-queue .kpi-sub').textContent(), 'unavailable');
  });

  it('shows every raw bucket as a table and exports it as CSV', async () => {
    await deliver(page, state);
    await mkdir(screenshotDir, { recursive: true });
    await card().scrollIntoViewIfNeeded();
    await allChartsDrawn(page);
    await card().screenshot({ path: join(screenshotDir, 'dashboard-queue.png') });
    const csv = await onePost(page, () => card().getByRole('button', { name: 'Export CSV' }).click());
    assert.ok(csv.type === 'exportCsv');
    assert.equal(csv.name, 'queue-wait-times');
    assert.deepEqual(csv.rows[0], [
      'Time',
      'Queued',
      'Average wait (ms)',
      'p50 wait (ms)',
      'p95 wait (ms)',
      'Max wait (ms)',
    ]);
    assert.deepEqual(
      csv.rows.slice(1).map((row) => row.slice(1).map(Number)),
      raw.data.map((p) => [p.total_queued, p.avg_wait_ms, p.p50_wait_ms, p.p95_wait_ms, p.max_wait_ms]),
    );
    await card().getByRole('button', { name: 'Show as table' }).click();
    const rows = card().locator('.chart-table tbody tr');
    assert.equal(await rows.count(), Math.min(50, raw.data.length));
    assert.equal(await rows.first().locator('td').nth(4).textContent(), String(raw.data[0]!.p95_wait_ms));
    await card().getByRole('button', { name: 'Show as chart' }).click();
  });
});
