/**
 * The run view webview in Chromium under its real CSP, fed the XSS corpus in every string of every new
 * route (execution detail with its parameters and result, automation info with its parameters schema,
 * history rows, trace events and recording, the failure record), keys of the untyped objects included:
 * one render per payload round, every tab visited and the JSON trees opened. After each: the
 * `window.__xss` trap is silent, no element, handler or script URL from a payload exists, and the fields
 * the view shows as text read exactly as sent.
 */
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { RunBundle } from '../../../src/runs/runBundle';
import { startSimulator, type Simulator } from '../../simulator/server';
import { deliverRun, Harness, pageProblems, type PageWindow } from '../../webview/harness';
import { runFixture, runViewSimulator, stateOf } from '../../webview/runViewFixtures';
import { corpus, payload } from '../xssCorpus';

interface Found {
  tags: Record<string, number>;
  bad: string[];
  text: Record<string, string[]>;
}

/** Where the view shows a field as text, exactly. */
const places: Record<string, string> = {
  user_id: '[data-field="user"]',
  job_id: '[data-field="jobId"]',
  endpoint_slug: '[data-field="endpoint"]',
  endpoint_url: '[data-field="endpointUrl"]',
  workflow_description: '[data-field="description"]',
  workflow_hint: '[data-field="hint"]',
  info_status: '[data-field="automationStatus"]',
  error_message: '.error-message',
  source: '.event-source',
  event_type: '.event-type',
  content: '.event-content',
  history_triggered_by: 'table.history tbody td:nth-child(4)',
};

/** Runs in the page: every tab shown, trees opened, then tags, risky attributes and the texts. */
async function visitAndScan(page: Page): Promise<Found> {
  for (const tab of ['summary', 'result', 'automation', 'history', 'timeline']) {
    const button = page.locator(`#tab-${tab}`);
    if (await button.count()) await button.click();
    // Open the first level of every JSON tree in the tab (children are built on expand).
    for (const row of await page.locator(`#panel-${tab} [role="treeitem"][aria-expanded="false"] > .json-row`).all())
      await row.click();
  }
  return page.evaluate((selectors) => {
    interface N {
      tagName: string;
      textContent: string | null;
      attributes: ArrayLike<{ name: string; value: string }>;
    }
    const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<N> } }).document;
    const tags: Record<string, number> = {};
    const bad: string[] = [];
    for (const node of Array.from(doc.querySelectorAll('*'))) {
      const tag = node.tagName.toLowerCase();
      tags[tag] = (tags[tag] ?? 0) + 1;
      for (const { name, value } of Array.from(node.attributes)) {
        // eslint-disable-next-line no-control-regex -- browsers ignore these in a URL's scheme
        const url = value.replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
        const urlAttribute = ['href', 'src', 'srcset', 'action', 'formaction', 'data', 'poster', 'xlink:href'].includes(
          name,
        );
        if (name.startsWith('on') || name === 'srcdoc' || (urlAttribute && /^(javascript|vbscript|data):/.test(url)))
          bad.push(`<${tag} ${name}="${value.slice(0, 60)}">`);
      }
    }
    const text = Object.fromEntries(
      Object.entries(selectors).map(([key, s]) => [
        key,
        Array.from(doc.querySelectorAll(s)).map((n) => n.textContent ?? ''),
      ]),
    );
    return { tags, bad, text };
  }, places);
}

/** Every string of the bundle's API data replaced by a payload naming its field; keys of untyped objects too. */
function poison(bundle: RunBundle, round: number): { bundle: RunBundle; fields: Set<string> } {
  const fields = new Set<string>();
  let k = 0;
  const walk = (value: unknown, field: string, freeKeys: boolean): unknown => {
    if (typeof value === 'string') {
      fields.add(field);
      return payload(round + k++, field);
    }
    if (Array.isArray(value)) return value.map((v) => walk(v, field, freeKeys));
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, v] of Object.entries(value)) {
        // The keys the view reads by name stay; every other key of an untyped object is poisoned.
        const free = freeKeys && !['error', 'stdout', 'stderr', 'return_code'].includes(key);
        const name = free ? payload(round + k++, `${field}.key`) : key;
        if (free) fields.add(`${field}.key`);
        out[name] = walk(
          v,
          freeKeys ? field : key,
          freeKeys || ['parameters', 'result', 'parameters_schema', 'details'].includes(key),
        );
      }
      return out;
    }
    return value;
  };
  const ok = (part: { state: string; value?: unknown }, name: string) =>
    part.state === 'ok' ? { ...part, value: walk(part.value, name, false) } : part;
  if (bundle.detail.state !== 'ok' || bundle.trace.state !== 'ok' || bundle.history.state !== 'ok')
    throw new Error('the fixture has every part');
  const poisoned: RunBundle = {
    ...bundle,
    detail: ok(bundle.detail, 'detail') as RunBundle['detail'],
    info: ok(bundle.info, 'info') as RunBundle['info'],
    history: {
      ...bundle.history,
      value: {
        ...bundle.history.value,
        executions: bundle.history.value.executions.map((e) => ({
          ...(walk(e, 'history', false) as typeof e),
          execution_id: e.execution_id,
        })),
      },
    },
    trace: {
      ...bundle.trace,
      trace: walk(bundle.trace.trace, 'trace', false) as typeof bundle.trace.trace,
    },
  };
  return { bundle: poisoned, fields };
}

/** The fixture with the optional strings the simulator leaves out here: a user, a job, an error, a recording. */
function withEveryField(bundle: RunBundle): RunBundle {
  if (bundle.detail.state !== 'ok' || bundle.trace.state !== 'ok') throw new Error('the fixture has every part');
  const value = bundle.detail.value;
  return {
    ...bundle,
    detail: {
      ...bundle.detail,
      value: { ...value, user_id: 'user', job_id: 'job', result: { ...value.result, error: 'e' } },
    },
    trace: {
      ...bundle.trace,
      trace: {
        ...bundle.trace.trace,
        recording: { filename: 'f', uploaded_at: 'u', signed_url: 'https://x.example/r', expires_in_hours: 1 },
      },
    },
  };
}

describe('run view webview: the XSS corpus in every string of the new routes (Chromium)', function () {
  this.timeout(300_000);
  let harness: Harness;
  let sim: Simulator;
  let page: Page;
  let clean: RunBundle;
  let baseline: Found;

  before(async () => {
    sim = await startSimulator(runViewSimulator);
    harness = await Harness.start();
    clean = withEveryField((await runFixture(sim, {}, true)).bundle);
    page = await harness.open({ view: 'runView' });
    await deliverRun(page, stateOf(clean));
    baseline = await visitAndScan(page);
  });
  after(async () => {
    await Promise.all([harness?.stop(), sim?.stop()]);
  });

  it('no payload runs or forms markup, and each shown field reads as sent', async () => {
    const shownPerField = new Map<string, number>();
    let fieldCount = 0;
    for (let round = 0; round < corpus.length; round++) {
      const { bundle, fields } = poison(clean, round);
      fieldCount = Math.max(fieldCount, fields.size);
      await deliverRun(page, stateOf(bundle));
      const found = await visitAndScan(page);
      const where = `round ${round} (${corpus[round]!.kind})`;
      assert.deepEqual(
        await page.evaluate(() => (globalThis as unknown as PageWindow).__xssCalls),
        [],
        `${where}: __xss ran`,
      );
      assert.deepEqual(found.bad, [], `${where}: handlers or script URLs`);
      const extra = Object.keys(found.tags).filter((tag) => !(tag in baseline.tags));
      assert.deepEqual(extra, [], `${where}: elements from a payload`);
      for (const tag of ['script', 'iframe', 'a', 'img', 'svg', 'style', 'link', 'object', 'embed'])
        assert.equal(found.tags[tag] ?? 0, baseline.tags[tag] ?? 0, `${where}: <${tag}> count`);
      // The texts: each place shows values that are payloads placed in that field, exactly.
      const detail = bundle.detail.state === 'ok' ? bundle.detail.value : undefined;
      const info = bundle.info.state === 'ok' ? bundle.info.value : undefined;
      const trace = bundle.trace.state === 'ok' ? bundle.trace.trace : undefined;
      const history = bundle.history.state === 'ok' ? bundle.history.value.executions : [];
      const expected: Record<string, string[]> = {
        user_id: [detail?.user_id ?? ''],
        job_id: [detail?.job_id ?? ''],
        endpoint_slug: detail?.endpoint_slug ? [detail.endpoint_slug] : [],
        endpoint_url: info?.endpoint_url ? [info.endpoint_url] : [],
        workflow_description: info?.workflow_description ? [info.workflow_description] : [],
        workflow_hint: info?.workflow_hint ? [info.workflow_hint] : [],
        info_status: info?.status ? [info.status] : [],
        error_message: [String(detail?.result?.error)],
        source: trace?.message_trace.map((e) => e.source) ?? [],
        event_type: trace?.message_trace.map((e) => e.event_type) ?? [],
        content: trace?.message_trace.map((e) => e.content ?? '') ?? [],
        history_triggered_by: [...history]
          .sort((a, b) => (a.execution_id < b.execution_id ? -1 : 1))
          .map((e) => e.triggered_by),
      };
      for (const [field, values] of Object.entries(expected)) {
        const shown = field === 'history_triggered_by' ? [...found.text[field]!].sort() : found.text[field]!;
        const want = field === 'history_triggered_by' ? [...values].sort() : values;
        assert.deepEqual(shown, want, `${where}: ${field} as text`);
        if (values.length) shownPerField.set(field, (shownPerField.get(field) ?? 0) + 1);
      }
    }
    assert.deepEqual(await pageProblems(page), []);
    console.log(
      `[figure] xss run view: ${corpus.length} payloads × ${fieldCount} string fields and keys poisoned per round; ` +
        `${shownPerField.size} fields checked as exact text in every round`,
    );
    for (const [field, rounds] of shownPerField) assert.equal(rounds, corpus.length, `${field} checked every round`);
  });
});
