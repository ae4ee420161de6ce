/**
 * The XSS corpus through every string of `GET /api/analytics/queue-metrics` (each point's `time`, and
 * `granularity`), end to end: the simulator's `transform` fault poisons the route's answer, the
 * extension's own client validates it (the strings pass: the spec allows any), and the dashboard in
 * Chromium renders it in the queue card, its table, tooltip summary and CSV. After each round: the
 * `window.__xss` trap is silent, no element or handler from a payload exists, each time reads as sent in
 * the table, and the CSV neutralises formulas. An error message carrying a payload is shown as text.
 */
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { GraniteClient } from '../../../src/core/api/client';
import { fetchQueueMetrics, queueMetricsPath } from '../../../src/core/api/queueAndLayout';
import { toCsv } from '../../../src/core/csv';
import type { DashboardState } from '../../../src/dashboard/protocol';
import { defaultFilters, toRequestFilters } from '../../../src/filters/filters';
import { startSimulator, type Simulator } from '../../simulator/server';
import { fetchBatchJson, parsed, queueStateFrom, stateFrom } from '../../webview/fixtures';
import { assertPageClean, deliver, Harness } from '../../webview/harness';
import { onePost } from '../../webview/ui';
import { isFormula, parseCsv, readable } from '../surfaceModel';
import { corpus, payload, saysPayload } from '../xssCorpus';
import { assertNothingFormed, scanPage, type Scan } from './scan';

const filters = defaultFilters('30d');

/** Every point's `time` a payload (a different one per point), and `granularity` one too. */
function poisonQueue(body: unknown, round: number): unknown {
  const json = structuredClone(body) as { data: { time: string }[]; granularity: string };
  json.data.forEach((point, i) => (point.time = payload(round + i, 'time')));
  json.granularity = payload(round, 'granularity');
  return json;
}

describe('dashboard webview: the XSS corpus in every string of the queue metrics route (Chromium)', function () {
  this.timeout(180_000);
  let harness: Harness;
  let sim: Simulator;
  let page: Page;
  let client: GraniteClient;
  let base: DashboardState;
  let baseline: Scan;
  const card = () => page.locator('#card-queue_metrics');
  const query = () => {
    const r = toRequestFilters(filters, Date.now());
    return { start_date: r.start_date, end_date: r.end_date, granularity: r.granularity };
  };

  before(async () => {
    sim = await startSimulator({ seed: 42 });
    harness = await Harness.start();
    client = new GraniteClient({ baseUrl: sim.url, apiKey: sim.apiKey });
    base = stateFrom(parsed(await fetchBatchJson(sim, filters)), filters);
    page = await harness.open();
    const clean = await fetchQueueMetrics(client, query());
    await deliver(page, { ...base, queue: queueStateFrom(clean.data, filters) });
    await card().getByRole('button', { name: 'Show as table' }).click();
    baseline = await scanPage(page);
  });

  after(async () => {
    await Promise.all([harness?.stop(), sim?.stop()]);
  });

  afterEach(() => assertPageClean(page));

  it('every payload as a bucket time and as the granularity renders as text, and exports as sent', async () => {
    for (let r = 0; r < corpus.length; r++) {
      sim.faults.next({ kind: 'transform', transform: (body) => poisonQueue(body, r) }, { path: queueMetricsPath });
      const result = await fetchQueueMetrics(client, query());
      assert.equal(result.data.granularity, payload(r, 'granularity'), `round ${r}: the client kept the string`);
      await deliver(page, { ...base, queue: queueStateFrom(result.data, filters) });
      assertNothingFormed(await scanPage(page), baseline, `round ${r}`);
      // The table's first page: each bucket's time as sent (control characters aside).
      const times = await card().locator('.chart-table tbody tr td:first-child').allTextContents();
      assert.ok(times.length > 0, `round ${r}: the table has rows`);
      times.forEach((text, i) =>
        assert.ok(
          saysPayload(payload(r + i, 'time'), text),
          `round ${r}: row ${i} reads ${readable(text).slice(0, 60)}`,
        ),
      );
      const csv = await onePost(page, () => card().getByRole('button', { name: 'Export CSV' }).click());
      assert.ok(csv.type === 'exportCsv');
      const cells = parseCsv(toCsv(csv.rows));
      csv.rows.slice(1).forEach((row, y) => {
        assert.equal(row[0], payload(r + y, 'time'), `round ${r}: CSV row ${y} time as sent`);
        const cell = cells[y + 1]![0]!;
        assert.ok(!isFormula(cell), `round ${r}: ${JSON.stringify(cell).slice(0, 60)} starts a formula`);
      });
    }
  });

  it('an error message carrying a payload is shown as text', async () => {
    for (let r = 0; r < corpus.length; r++) {
      const error = { kind: 'ServerError', message: payload(r, 'message') };
      await deliver(page, { ...base, queue: { ...queueStateFrom({ data: [], granularity: 'day' }, filters), error } });
      const alert = card().locator('.queue-error');
      assert.ok(saysPayload(error.message, (await alert.textContent()) ?? ''), `round ${r}: reads as sent`);
      const tags = await alert
        .locator('*')
        .evaluateAll((nodes) => nodes.map((n) => (n as unknown as { tagName: string }).tagName));
      assert.deepEqual(tags, ['P', 'SPAN'], `round ${r}: nothing formed`);
    }
  });
});
