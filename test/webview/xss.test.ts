/**
 * Every string the API sends is untrusted. With an XSS corpus in every string field of a batch, no
 * payload runs (the `window.__xss` trap stays silent), no element from a payload exists, and each
 * payload is shown as literal text where its field appears.
 */
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { BatchedAnalyticsResponse } from '../../src/core/api/schemas';
import { defaultFilters } from '../../src/core/filters';
import { humanizeCategory } from '../../src/core/format';
import { startSimulator, type Simulator } from '../simulator/server';
import { fetchBatchJson, parsed, stateFrom } from './fixtures';
import { allChartsDrawn, deliver, Harness, pageProblems, type PageWindow } from './harness';
import { chooseOption, postsOf } from './ui';

/** `F` is replaced by the field name, so each payload says where it came from. */
const corpus = [
  `<script>window.__xss('F')</script>`,
  `<img src=x onerror="window.__xss('F')">`,
  `<svg onload="window.__xss('F')"><circle r=1 /></svg>`,
  `javascript:window.__xss('F')`,
  `"><img src=x onerror=window.__xss('F')>`,
  `'><svg/onload=window.__xss('F')>`,
  '${window.__xss(`F`)}',
  `[click me](javascript:window.__xss('F'))`,
  `<a href="javascript:window.__xss('F')">F link</a>`,
  `<iframe srcdoc="<script>parent.__xss('F')</script>"></iframe>`,
  `</pre></td></tr><style>*{display:none}</style><script>window.__xss('F')</script>`,
  `<details open ontoggle=window.__xss('F')>`,
];
const payload = (field: string, i: number) => corpus[i % corpus.length]!.replaceAll('F', field);

/** Replaces every string in the batch with a payload naming its field (the n-th string of a field gets the n-th payload). */
function poison(value: unknown, field = 'batch', counters = new Map<string, number>()): unknown {
  if (typeof value === 'string') {
    const n = counters.get(field) ?? 0;
    counters.set(field, n + 1);
    return payload(field, n);
  }
  if (Array.isArray(value)) return value.map((v) => poison(v, field, counters));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, poison(v, k, counters)]));
  }
  return value;
}

describe('dashboard webview: API strings are text (XSS corpus)', () => {
  let harness: Harness;
  let sim: Simulator;
  let page: Page;
  let sections: BatchedAnalyticsResponse;

  before(async () => {
    [harness, sim] = await Promise.all([Harness.start(), startSimulator({ seed: 42 })]);
    const filters = defaultFilters('30d');
    const batch = parsed(poison(await fetchBatchJson(sim, filters)));
    assert.deepEqual(batch.problems, []);
    sections = batch.sections as BatchedAnalyticsResponse;
    page = await harness.open();
    await deliver(page, stateFrom(batch, { ...filters, workflow: payload('filter', 4) }, { organization: payload('organization', 0) }));
    await allChartsDrawn(page);
  });

  after(async () => {
    await Promise.all([harness?.stop(), sim?.stop()]);
  });

  afterEach(async () => {
    assert.deepEqual(await page.evaluate(() => (globalThis as unknown as PageWindow).__xssCalls), [], 'a payload ran');
    assert.deepEqual(await pageProblems(page), []);
  });

  it('creates no element from a payload', async () => {
    const counts = await page.evaluate(() => {
      const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }).document;
      const selectors = ['script', 'img', 'svg', 'iframe', 'style', 'details', 'a', '[onerror]', '[onload]', '[ontoggle]', '[href^="javascript"]', '[srcdoc]'];
      return Object.fromEntries(selectors.map((s) => [s, doc.querySelectorAll(s).length]));
    });
    assert.deepEqual(counts, { script: 1, img: 0, svg: 0, iframe: 0, style: 0, details: 0, a: 0, '[onerror]': 0, '[onload]': 0, '[ontoggle]': 0, '[href^="javascript"]': 0, '[srcdoc]': 0 });
  });

  it('shows workflow names, last runs and times as literal text', async () => {
    const top = [...sections.top_automations.data].sort((a, b) => b.executions - a.executions)[0]!;
    const row = page.locator('#card-top-automations tbody tr').first();
    assert.equal(await row.locator('td').first().textContent(), top.workflow_name);
    assert.equal(await row.locator('td').last().textContent(), top.last_execution);
    assert.equal(await page.locator('#org').textContent(), payload('organization', 0));
    assert.match((await page.locator('.active-filters').textContent()) ?? '', new RegExp(escape(payload('filter', 4))));
  });

  it('shows failure fields as literal text', async () => {
    const texts = await page.locator('#card-recent-failures tbody').textContent();
    for (const f of sections.recent_failures.data.slice(0, 5)) {
      for (const text of [f.workflow_name, f.started_at, humanizeCategory(f.error_category), f.triggered_by, (f.error_message ?? '').split('\n')[0]!]) {
        assert.ok(texts!.includes(text), `missing literal text: ${text}`);
      }
    }
  });

  it('shows endpoint slugs and methods as literal text', async () => {
    const cells = await page.locator('#card-endpoints tbody code').allTextContents();
    for (const e of sections.endpoint_usage.data.slice(0, 5)) assert.ok(cells.includes(e.endpoint_slug) && cells.includes(e.http_method));
  });

  it('shows sample messages, categories and bucket times (as tables) as literal text', async () => {
    const first = [...sections.failure_breakdown.data].sort((a, b) => b.count - a.count)[0]!;
    assert.deepEqual(await page.locator('#card-failures .sample-list pre').allTextContents(), first.sample_messages);
    for (const id of ['executions', 'failures', 'triggers', 'actions', 'complexity']) {
      await page.locator(`#card-${id}`).getByRole('button', { name: 'Show as table' }).click();
    }
    const firstTime = await page.locator('#card-executions .chart-table tbody tr td').first().textContent();
    assert.equal(firstTime, sections.executions_over_time.data[0]!.time);
    const triggers = await page.locator('#card-triggers .chart-table tbody td:first-child').allTextContents();
    assert.deepEqual(triggers.sort(), sections.trigger_distribution.data.map((d) => d.trigger_type).sort());
    const categories = await page.locator('#card-failures .chart-table tbody td:first-child').allTextContents();
    assert.ok(categories.includes(humanizeCategory(first.category)));
  });

  it('sends ids and names back unchanged (never interpreted)', async () => {
    const sorted = [...sections.recent_failures.data].sort((a, b) => a.started_at.localeCompare(b.started_at));
    const messages = await postsOf(page, () => page.locator('#card-recent-failures tbody tr').first().getByRole('button', { name: 'Open run' }).click());
    const open = messages[0];
    assert.ok(open?.type === 'openRun' && sorted.some((f) => f.execution_id === open.executionId && f.run_id === open.runId));
    await chooseOption(page, '#filter-workflow', sections.workflows[2]!);
  });

  it('opens every select and expands messages without running anything', async () => {
    for (const button of await page.getByRole('button', { name: 'Show the whole message' }).all()) await button.click();
    await page.locator('#card-failures vscode-single-select').click();
    await page.keyboard.press('Escape');
    await page.mouse.move(300, 450); // a chart tooltip (canvas text)
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
