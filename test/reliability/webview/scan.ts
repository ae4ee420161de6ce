/**
 * One look at the dashboard page, taken in the page: every element (shadow roots included) by tag,
 * any attribute a payload could have planted (event handlers, srcdoc, script or data URLs in a URL
 * attribute; API strings in `value` or `data-*` are data, not markup), and the text of each place an API
 * field is shown.
 */
import type { Page } from 'playwright-core';

export interface Scan {
  tags: Record<string, number>;
  badAttributes: string[];
  text: Record<'topName' | 'topLast' | 'workflowOptions' | 'failureRows' | 'failureKeys' | 'categoryOptions' | 'endpointCode' | 'samples'
    | 'failureTable' | 'triggerTable' | 'executionTable' | 'org' | 'activeFilters', string[]>;
}

/** Where each field is shown (the failure keys are `data-key` attributes, not text). */
const places = {
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
} as const;

interface Node {
  tagName: string;
  textContent: string | null;
  attributes: ArrayLike<{ name: string; value: string }>;
  shadowRoot: { querySelectorAll(s: string): ArrayLike<Node> } | null;
  getAttribute(name: string): string | null;
}

export function scanPage(page: Page): Promise<Scan> {
  return page.evaluate((selectors) => {
    const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<Node> } }).document;
    const tags: Record<string, number> = {};
    const badAttributes: string[] = [];
    const visit = (root: { querySelectorAll(s: string): ArrayLike<Node> }) => {
      for (const node of Array.from(root.querySelectorAll('*'))) {
        const tag = node.tagName.toLowerCase();
        tags[tag] = (tags[tag] ?? 0) + 1;
        for (const { name, value } of Array.from(node.attributes)) {
          // Browsers ignore whitespace and control characters in a URL's scheme.
          // eslint-disable-next-line no-control-regex -- exactly those characters
          const url = value.replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
          const urlAttribute = ['href', 'xlink:href', 'src', 'srcset', 'action', 'formaction', 'data', 'poster', 'background', 'ping'].includes(name);
          if (name.startsWith('on') || name === 'srcdoc' || (urlAttribute && /^(javascript|data|vbscript):/.test(url))) badAttributes.push(`<${tag} ${name}="${value.slice(0, 60)}">`);
        }
        if (node.shadowRoot) visit(node.shadowRoot);
      }
    };
    visit(doc);
    const text = Object.fromEntries(Object.entries(selectors).map(([key, selector]) => [key,
      Array.from(doc.querySelectorAll(selector)).map((n) => (key === 'failureKeys' ? n.getAttribute('data-key') : n.textContent) ?? '')]));
    return { tags, badAttributes, text } as Scan;
  }, places);
}
