/**
 * One look at the dashboard page, taken in the page: every element (shadow roots included) by tag,
 * any attribute a payload could have planted (event handlers, srcdoc, script or data URLs in a URL
 * attribute; API strings in `value` or `data-*` are data, not markup), and the text of each place an API
 * field is shown. Used in Chromium (page.evaluate) and in code-server (the control channel evaluates
 * `scanExpression()` in every frame; only the dashboard's frame answers).
 */
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { BatchedAnalyticsResponse } from '../../../src/core/api/schemas';
import { firstLine, humanizeCategory, triggerLabel } from '../../../src/core/format';
import type { FieldsFound, StringField } from '../xssCorpus';

type Place =
  | 'topName'
  | 'topLast'
  | 'workflowOptions'
  | 'failureRows'
  | 'failureKeys'
  | 'categoryOptions'
  | 'endpointCode'
  | 'samples'
  | 'failureTable'
  | 'triggerTable'
  | 'executionTable'
  | 'org'
  | 'activeFilters';

export interface Scan {
  tags: Record<string, number>;
  badAttributes: string[];
  text: Record<Place, string[]>;
}

/** Where each field is shown (the failure keys are `data-key` attributes, not text). */
const places: Record<Place, string> = {
  topName: '#card-top-automations tbody tr td:first-child',
  topLast: '#card-top-automations tbody tr td:last-child',
  workflowOptions: '#filter-workflow vscode-option',
  failureRows: '#card-recent-failures tbody tr',
  failureKeys: '#card-recent-failures tbody tr[data-key]',
  categoryOptions: '#card-recent-failures .table-tools vscode-option',
  endpointCode: '#card-endpoints tbody code',
  samples: '#card-failures .sample-list pre',
  failureTable: '#card-failures .chart-table tbody td:first-child',
  triggerTable: '#card-triggers .chart-table tbody td:first-child',
  executionTable: '#card-executions .chart-table tbody td:first-child',
  org: '#org',
  activeFilters: '.active-filters',
};

interface Node {
  tagName: string;
  textContent: string | null;
  attributes: ArrayLike<{ name: string; value: string }>;
  shadowRoot: Root | null;
  getAttribute(name: string): string | null;
  dispatchEvent(event: unknown): boolean;
}
interface Root {
  querySelector(s: string): Node | null;
  querySelectorAll(s: string): ArrayLike<Node>;
}

/** Runs in the page (self-contained: it is also sent as source text); undefined where there is no dashboard. */
function scanDocument(selectors: Record<Place, string>): Scan | undefined {
  const w = globalThis as unknown as { document: Root; FocusEvent: new (type: string) => unknown };
  const doc = w.document;
  if (!doc.querySelector('#card-recent-failures')) return undefined;
  // The workflow options are filled when the select is first focused (or when the page is idle).
  doc.querySelector('#filter-workflow')?.dispatchEvent(new w.FocusEvent('focusin'));
  const tags: Record<string, number> = {};
  const badAttributes: string[] = [];
  const urlAttributes = [
    'href',
    'xlink:href',
    'src',
    'srcset',
    'action',
    'formaction',
    'data',
    'poster',
    'background',
    'ping',
  ];
  const visit = (root: Root) => {
    for (const node of Array.from(root.querySelectorAll('*'))) {
      const tag = node.tagName.toLowerCase();
      tags[tag] = (tags[tag] ?? 0) + 1;
      for (const { name, value } of Array.from(node.attributes)) {
        // Browsers ignore whitespace and control characters in a URL's scheme.
        // eslint-disable-next-line no-control-regex -- exactly those characters
        const url = value.replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
        if (
          name.startsWith('on') ||
          name === 'srcdoc' ||
          (urlAttributes.includes(name) && /^(javascript|data|vbscript):/.test(url))
        ) {
          badAttributes.push(`<${tag} ${name}="${value.slice(0, 60)}">`);
        }
      }
      if (node.shadowRoot) visit(node.shadowRoot);
    }
  };
  visit(doc);
  const text = Object.fromEntries(
    Object.entries(selectors).map(([key, selector]) => [
      key,
      Array.from(doc.querySelectorAll(selector)).map(
        (n) => (key === 'failureKeys' ? n.getAttribute('data-key') : n.textContent) ?? '',
      ),
    ]),
  );
  return { tags, badAttributes, text: text as Scan['text'] };
}

export async function scanPage(page: Page): Promise<Scan> {
  const scan = await page.evaluate(scanDocument, places);
  assert.ok(scan, 'the dashboard is not on the page');
  return scan;
}

/** The scan as an expression for the code-server control channel. */
export function scanExpression(): string {
  return `(${scanDocument.toString()})(${JSON.stringify(places)})`;
}

/** No element, handler or script URL that the clean dashboard (`baseline`) does not have. */
export function assertNothingFormed(scan: Scan, baseline: Scan, where: string): void {
  const extraTags = Object.keys(scan.tags).filter((tag) => !(tag in baseline.tags));
  assert.deepEqual(extraTags, [], `${where}: elements from a payload`);
  for (const tag of ['script', 'style', 'iframe', 'a', 'img', 'svg', 'table', 'p', 'vscode-button']) {
    assert.equal(scan.tags[tag] ?? 0, baseline.tags[tag] ?? 0, `${where}: <${tag}> count`);
  }
  assert.deepEqual(scan.badAttributes, [], `${where}: handlers or script URLs`);
}

/**
 * Every string of the batch reads as sent where the dashboard shows it as text (after the dashboard's own
 * display rules: categories humanised, known triggers named, a message's first line in the table); the
 * value of each string found, by field. Execution ids are row keys (an attribute, checked but not text);
 * run ids, granularity and sort_by are shown nowhere.
 */
export function assertFieldsShown(scan: Scan, s: BatchedAnalyticsResponse, where: string): FieldsFound {
  const t = scan.text;
  const found: FieldsFound = new Map();
  const note = (field: StringField, value: string | null | undefined) => {
    if (value) found.set(field, [...(found.get(field) ?? []), value]);
  };
  const failed = (field: string, text: string) =>
    `${where}, ${field}: ${JSON.stringify(text).slice(0, 80)} not shown literally`;
  const has = (list: string[], text: string, field: StringField, value: string | null | undefined) => {
    assert.ok(list.includes(text), failed(field, text));
    note(field, value);
  };
  const contains = (list: string[], text: string, field: StringField, value: string | null | undefined) => {
    assert.ok(
      list.some((x) => x.includes(text)),
      failed(field, text),
    );
    note(field, value);
  };
  for (const item of s.top_automations.data) {
    has(t.topName, item.workflow_name, 'workflow_name', item.workflow_name);
    has(t.topLast, item.last_execution, 'last_execution', item.last_execution);
  }
  for (const name of s.workflows) has(t.workflowOptions, name, 'workflows', name);
  for (const f of s.recent_failures.data) {
    contains(t.failureRows, f.started_at, 'started_at', f.started_at);
    contains(t.failureRows, f.workflow_name, 'workflow_name', f.workflow_name);
    contains(t.failureRows, humanizeCategory(f.error_category), 'error_category', f.error_category);
    contains(t.failureRows, triggerLabel(f.triggered_by), 'triggered_by', f.triggered_by);
    contains(t.failureRows, firstLine(f.error_message), 'error_message', f.error_message);
    has(t.categoryOptions, humanizeCategory(f.error_category), 'error_category', f.error_category);
    assert.ok(
      t.failureKeys.includes(f.execution_id),
      `${where}, execution_id: ${JSON.stringify(f.execution_id).slice(0, 80)} is not a row key`,
    );
  }
  for (const e of s.endpoint_usage.data) {
    has(t.endpointCode, e.endpoint_slug, 'endpoint_slug', e.endpoint_slug);
    has(t.endpointCode, e.http_method, 'http_method', e.http_method);
  }
  const topCategory = [...s.failure_breakdown.data].sort((a, b) => b.count - a.count)[0]!;
  assert.deepEqual(t.samples, topCategory.sample_messages, `${where}: sample_messages`);
  for (const sample of topCategory.sample_messages) note('sample_messages', sample);
  for (const item of s.failure_breakdown.data)
    has(t.failureTable, humanizeCategory(item.category), 'category', item.category);
  for (const item of s.trigger_distribution.data)
    has(t.triggerTable, triggerLabel(item.trigger_type), 'trigger_type', item.trigger_type);
  for (const point of s.executions_over_time.data) has(t.executionTable, point.time, 'time', point.time);
  return found;
}
