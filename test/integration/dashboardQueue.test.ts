/**
 * The dashboard's queue wait times in code-server against the simulator: queue metrics are asked for only
 * while the panel is visible, with the batch's own dates and granularity, one request beside each
 * refresh; and the KPI card and the chart's figures equal what the simulator answers (computed here from
 * its raw points, not by the extension's helpers).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { GraniteTestApi } from '../../src/extension';
import type { QueueMetricsResponse } from '../../src/core/api/queueAndLayoutSchemas';
import { formatCount, formatDuration } from '../../src/core/format';
import type { RecordedRequest, Simulator } from '../simulator/server';
import { control } from './control';
import { batchRequests, extensionApi, granite, until } from './simulatorSession';

const QUEUE = '/api/analytics/queue-metrics';
const queueRequests = (sim: Simulator): RecordedRequest[] => sim.requests.filter((r) => r.path === QUEUE);

describe('the dashboard’s queue wait times in VS Code', function () {
  this.timeout(90_000);
  let sim: Simulator;
  let api: GraniteTestApi;

  before(async () => {
    sim = await granite();
    api = await extensionApi();
    api.dashboard()?.dispose();
    await vscode.commands.executeCommand('granite.refresh');
    await until('fresh data', () => api.store.state.batch && !api.store.state.loading);
  });

  after(() => api.dashboard()?.dispose());

  it('asks only while the dashboard is visible, with the batch’s dates and granularity, beside each refresh', async () => {
    const hidden = queueRequests(sim).length;
    await vscode.commands.executeCommand('granite.refresh');
    await until('the refresh', () => !api.store.state.loading);
    assert.equal(queueRequests(sim).length, hidden, 'no queue request while the dashboard is closed');

    await vscode.commands.executeCommand('granite.showAnalytics');
    // An earlier suite's answer may still be held (for an older batch): wait for this one's request.
    await until(
      'queue metrics asked and loaded',
      () => queueRequests(sim).length > hidden && !api.ctx.queue.state()?.loading,
      20_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(queueRequests(sim).length, hidden + 1, 'opening asks once');
    const batch = sim.requests.filter((r) => r.path === '/api/analytics/batch').at(-1)!;
    const queue = queueRequests(sim).at(-1)!;
    const body = batch.body as { start_date: string; end_date: string; granularity: string };
    assert.deepEqual(
      [queue.query.start_date, queue.query.end_date, queue.query.granularity],
      [body.start_date, body.end_date, body.granularity],
      'the same dates and granularity as the batch',
    );

    const [batches, queues] = [batchRequests(sim), queueRequests(sim).length];
    await vscode.commands.executeCommand('granite.refresh');
    await until('the queue beside the refresh', () => queueRequests(sim).length === queues + 1, 20_000);
    assert.equal(batchRequests(sim), batches + 1, 'a refresh with the dashboard visible: one batch…');
    assert.equal(queueRequests(sim).length, queues + 1, '…and one queue request');
  });

  it('shows the simulator’s figures in the KPI card and the chart', async () => {
    assert.ok(control.available, "reading the webview's DOM needs the code-server harness (npm run test:integration)");
    await vscode.commands.executeCommand('granite.showAnalytics');
    await until('queue metrics loaded', () => api.ctx.queue.state()?.fetchedAt, 20_000);
    const asked = queueRequests(sim).at(-1)!;
    const response = await fetch(`${sim.url}${QUEUE}?${new URLSearchParams(asked.query).toString()}`, {
      headers: { 'X-Granite-API-Key': sim.apiKey },
    });
    const raw = (await response.json()) as QueueMetricsResponse;
    const queued = raw.data.filter((p) => p.total_queued > 0);
    assert.ok(queued.length > 0, 'the simulator queued runs');
    const worst = Math.max(...queued.map((p) => p.p95_wait_ms));
    const total = raw.data.reduce((sum, p) => sum + p.total_queued, 0);
    const locale = vscode.env.language;
    await until(
      'the queue KPI',
      async () => (await control.text('#kpi-queue .kpi-value')) === formatDuration(worst, locale),
      20_000,
    );
    const label = await control.evaluateInFrames<string | null>(
      `document.querySelector('#card-queue_metrics figure')?.getAttribute('aria-label') ?? null`,
    );
    const summary = label.map((frame) => frame.value).find((value) => value);
    assert.ok(summary, 'the queue chart is labelled');
    assert.ok(
      summary.includes(`${formatCount(total, locale)} runs queued in ${raw.data.length} buckets`),
      `the chart's summary: ${summary}`,
    );
    assert.ok(summary.includes(formatDuration(worst, locale)), 'the summary names the worst p95');
    await control.screenshot('dashboard-queue-in-code-server');
  });
});
