/**
 * The dashboard webview in Chromium, under its real CSP, fed the XSS corpus in every string field of a
 * simulator batch: one render per payload round (poisonBatch), so each field meets every payload on one
 * reused page. After each render: the `window.__xss` trap is silent, no element, event handler or
 * script URL from a payload exists (light DOM and shadow roots), each field shows its payload as
 * literal text where the dashboard shows it, and every CSV export neutralises formulas. Server error
 * bodies (via GraniteClient) are shown literally in the error banner.
 */
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { GraniteClient } from '../../../src/core/api/client';
import { GraniteError } from '../../../src/core/api/errors';
import type { BatchedAnalyticsResponse } from '../../../src/core/api/schemas';
import { toCsv } from '../../../src/core/csv';
import { defaultFilters } from '../../../src/filters/filters';
import { startSimulator, type Simulator } from '../../simulator/server';
import { fetchBatchJson, parsed, stateFrom } from '../../webview/fixtures';
import { allChartsDrawn, assertPageClean, deliver, Harness, posted, clearPosted } from '../../webview/harness';
import { chooseOption, postsOf } from '../../webview/ui';
import { isFormula, parseCsv } from '../surfaceModel';
import {
  corpus,
  errorBody,
  errorBodyFields,
  FieldCoverage,
  payload,
  poisonBatch,
  saysPayload,
  stringFields,
} from '../xssCorpus';
import { assertFieldsShown, assertNothingFormed, scanPage, type Scan } from './scan';

const filters = defaultFilters('30d');

describe('dashboard webview: the XSS corpus in every string field (Chromium)', function () {
  this.timeout(180_000);
  let harness: Harness;
  let sim: Simulator;
  let page: Page;
  let json: unknown;
  let baseline: Scan;
  const coverage = new FieldCoverage();

  before(async () => {
    // One at a time: each is assigned as soon as it runs, so `after` closes it even if the next fails.
    sim = await startSimulator({ seed: 42 });
    harness = await Harness.start();
    json = await fetchBatchJson(sim, filters);
    page = await harness.open();
    // A clean render first: what the dashboard itself is made of, to compare the poisoned renders against.
    await deliver(page, stateFrom(parsed(json), filters));
    for (const id of ['executions', 'success-rate', 'failures', 'triggers', 'actions', 'complexity']) {
      await page.locator(`#card-${id}`).getByRole('button', { name: 'Show as table' }).click();
    }
    baseline = await scanPage(page);
  });

  after(async () => {
    await Promise.all([harness?.stop(), sim?.stop()]);
  });

  afterEach(() => assertPageClean(page));

  it('every payload in every field renders as text: nothing runs, nothing forms, each field reads as sent', async () => {
    for (let r = 0; r < corpus.length; r++) {
      const batch = parsed(poisonBatch(json, r));
      assert.deepEqual(batch.problems, []);
      const s = batch.sections as BatchedAnalyticsResponse;
      await deliver(
        page,
        stateFrom(batch, { ...filters, workflow: payload(r, 'filter') }, { organization: payload(r, 'organization') }),
      );
      const scan = await scanPage(page);
      assertNothingFormed(scan, baseline, `round ${r}`);
      // A field's payload counts only where its text was found rendered (assertFieldsShown fails otherwise).
      coverage.markFound(assertFieldsShown(scan, s, `round ${r}`));
      assert.equal(scan.text.org[0], payload(r, 'organization'));
      assert.ok(
        scan.text.activeFilters.some((text) => text.includes(payload(r, 'filter'))),
        `round ${r}: the workflow filter chip`,
      );
      const csv = await checkCsvExports(page, r);
      const exported = (name: string) => new Set((csv.get(name) ?? []).flat());
      const failures = exported('recent-failures');
      for (const f of s.recent_failures.data)
        for (const v of [
          f.started_at,
          f.workflow_name,
          f.error_category,
          f.error_message ?? '',
          f.triggered_by,
          f.execution_id,
          f.run_id,
        ])
          assert.ok(failures.has(v), `round ${r}: failures CSV lacks a field`);
      const top = exported('top-automations');
      for (const item of s.top_automations.data)
        assert.ok(top.has(item.workflow_name) && top.has(item.last_execution), `round ${r}: top automations CSV`);
      const endpoints = exported('endpoint-usage');
      for (const e of s.endpoint_usage.data)
        assert.ok(endpoints.has(e.endpoint_slug) && endpoints.has(e.http_method), `round ${r}: endpoints CSV`);
    }
    await allChartsDrawn(page);
    // Ids reach only the CSV export (checked above) and the row keys; granularity and sort_by nowhere: for
    // them the proof is that nothing ran or formed.
    coverage.assertComplete('webview in Chromium, batch fields', stringFields, [
      'run_id',
      'execution_id',
      'granularity',
      'sort_by',
    ]);
  });

  it('sends ids and names back unchanged, expands whole messages and opens every select without running anything', async () => {
    // Round 40 puts the multi-line and very long payloads into the failures' messages.
    const batch = parsed(poisonBatch(json, 40));
    const last = batch.sections as BatchedAnalyticsResponse;
    await deliver(page, stateFrom(batch, filters));
    const sorted = [...last.recent_failures.data].sort((a, b) => a.started_at.localeCompare(b.started_at));
    const messages = await postsOf(page, () =>
      page
        .locator('#card-recent-failures tbody')
        .getByRole('button', { name: 'Open run', disabled: false })
        .first()
        .click(),
    );
    const open = messages[0];
    assert.ok(
      open?.type === 'openRun' && sorted.some((f) => f.execution_id === open.executionId && f.run_id === open.runId),
    );
    // Each click re-renders the page of rows, so expand the first collapsed message until none is left.
    const collapsed = page.getByRole('button', { name: 'Show the whole message' });
    for (let n = await collapsed.count(); n > 0; n--) await collapsed.first().click();
    const full = await page.locator('#card-recent-failures pre.full-message').allTextContents();
    const bad = full.filter((text) => !last.recent_failures.data.some((f) => f.error_message === text));
    assert.ok(
      full.length >= 3 && bad.length === 0,
      `whole messages not shown as sent: ${full.length} shown, ${JSON.stringify(bad).slice(0, 300)}`,
    );
    await chooseOption(page, '#filter-workflow', last.workflows[2]!.slice(0, 40));
    await page.locator('#card-failures vscode-single-select').click();
    await page.keyboard.press('Escape');
    await page.mouse.move(300, 450); // a chart tooltip (canvas text)
    assertNothingFormed(await scanPage(page), baseline, 'after interaction');
  });

  it('shows server error bodies literally in the error and stale banners', async () => {
    const client = new GraniteClient({ baseUrl: sim.url, apiKey: sim.apiKey });
    // The banners' own elements, from a harmless message.
    const clean = { kind: 'ServerError' as const, message: 'Granite had a server error (503).' };
    await deliver(page, { ...stateFrom(parsed(json), filters), sections: {}, workflows: [], error: clean });
    const allowed = new Set([...Object.keys(baseline.tags), ...Object.keys((await scanPage(page)).tags)]);
    for (const field of errorBodyFields) {
      for (let i = 0; i < corpus.length; i++) {
        sim.faults.next({ kind: 'status', status: i % 2 ? 500 : 403, body: errorBody(field, payload(i, field)) });
        const error = await client.fetchBatch({}).then(
          () => undefined,
          (e: unknown) => e,
        );
        assert.ok(error instanceof GraniteError && error.serverMessage);
        // The error banner alone (no data: a cheap render); the last few payloads of each field over data, in the stale banner.
        const withData = i >= corpus.length - 5;
        const state = withData
          ? stateFrom(parsed(json), filters, { stale: true })
          : { ...stateFrom(parsed(json), filters), sections: {}, workflows: [] };
        await deliver(page, { ...state, error: { kind: error.kind, message: error.userMessage } });
        const banner = await page
          .locator(withData ? '#banner-stale .banner-text' : '#banner-error .banner-text')
          .textContent();
        assert.ok(
          banner?.includes(error.userMessage),
          `${field} #${i}: ${JSON.stringify(error.userMessage).slice(0, 80)} not shown literally`,
        );
        // The payload itself, as the client keeps a server's message, is in the banner's text.
        assert.ok(
          banner?.includes(error.serverMessage) && saysPayload(error.serverMessage, payload(i, field)),
          `${field} #${i}: the payload is not in the banner`,
        );
        const scan = await scanPage(page);
        assert.deepEqual(
          Object.keys(scan.tags).filter((tag) => !allowed.has(tag)),
          [],
          `${field} #${i}: elements from a payload`,
        );
        assert.deepEqual(scan.badAttributes, [], `${field} #${i}`);
        coverage.mark(field, i);
      }
    }
    coverage.assertComplete('webview in Chromium, error bodies', errorBodyFields, []);
  });
});

/** Clicks every Export CSV button and checks what the host would write (toCsv) for each posted table. */
async function checkCsvExports(page: Page, round: number): Promise<Map<string, string[][]>> {
  await clearPosted(page);
  await page.evaluate(() => {
    const doc = (
      globalThis as unknown as {
        document: { querySelectorAll(s: string): ArrayLike<{ textContent: string | null; click(): void }> };
      }
    ).document;
    for (const b of Array.from(doc.querySelectorAll('vscode-button')))
      if (b.textContent?.trim() === 'Export CSV') b.click();
  });
  const exports = (await posted(page)) as { type: string; name: string; rows: string[][] }[];
  assert.ok(
    exports.length >= 8 && exports.every((m) => m.type === 'exportCsv'),
    `round ${round}: ${exports.length} exports`,
  );
  for (const { name, rows } of exports) {
    const cells = parseCsv(toCsv(rows));
    rows.forEach((row, y) =>
      row.forEach((value, x) => {
        const cell = cells[y]![x]!;
        assert.ok(!isFormula(cell), `round ${round}, ${name}: ${JSON.stringify(cell).slice(0, 60)} starts a formula`);
        assert.equal(
          cell,
          isFormula(value) ? `'${value}` : value,
          `round ${round}, ${name}: a cell is not exported as sent`,
        );
      }),
    );
  }
  return new Map(exports.map((m) => [m.name, m.rows]));
}
