/**
 * Keyboard-only use: Tab reaches the filters, the toolbar, the tables' sort headers and the row
 * actions; focus is visible; Enter operates them.
 */
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { defaultFilters } from '../../src/filters/filters';
import type { Simulator } from '../simulator/server';
import { simulatorState } from './fixtures';
import { deliver } from './harness';
import { dashboardSuite } from './suite';
import { onePost } from './ui';

interface Focused {
  key: string;
  outline: string;
}

/** What has focus: an id, or the card, tag and text of a native button. */
async function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    type El = { id: string; tagName: string; textContent: string | null; closest(s: string): { id: string } | null };
    const g = globalThis as unknown as {
      document: { activeElement: El | null };
      getComputedStyle(e: El): { outlineStyle: string };
    };
    const el = g.document.activeElement;
    if (!el) return { key: '', outline: 'none' };
    const key =
      el.id ||
      `${el.closest('section')?.id ?? ''} ${el.tagName.toLowerCase()} ${(el.textContent ?? '').trim().slice(0, 40)}`;
    return { key, outline: g.getComputedStyle(el).outlineStyle };
  });
}

describe('dashboard webview: keyboard', () => {
  const suite = dashboardSuite({ seed: 42 });
  let sim: Simulator;
  let page: Page;

  before(async () => {
    ({ sim, page } = suite);
    await deliver(page, await simulatorState(sim, defaultFilters('30d')));
  });

  it('Tab reaches the filters, Refresh, sort headers and row actions, with a visible focus', async () => {
    const wanted = new Map<string, RegExp>([
      ['range filter', /^filter-range$/],
      ['status filter', /^filter-status$/],
      ['refresh', /^refresh$/],
      ['a sort header', /^card-top-automations button Runs/],
      ['a workflow link', /^card-top-automations button \S/],
      ['a failures sort header', /^card-recent-failures button Started/],
      ['Open run', /^card-recent-failures button Open run$/],
      ['Copy ID', /^card-recent-failures button Copy ID$/],
    ]);
    const found = new Set<string>();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    for (let i = 0; i < 200 && found.size < wanted.size; i++) {
      await page.keyboard.press('Tab');
      const f = await focused(page);
      for (const [name, pattern] of wanted) {
        if (found.has(name) || !pattern.test(f.key)) continue;
        found.add(name);
        if (/ button /.test(f.key)) assert.notEqual(f.outline, 'none', `no visible focus on ${f.key}`);
      }
    }
    assert.deepEqual(
      [...wanted.keys()].filter((k) => !found.has(k)),
      [],
    );
  });

  it('Enter on a sort header sorts, Enter on "Open run" posts openRun', async () => {
    const header = page.locator('#card-top-automations th button.sort', { hasText: 'Failures' });
    await header.focus();
    await page.keyboard.press('Enter');
    assert.equal(await page.locator('#card-top-automations th[aria-sort="descending"]').textContent(), 'Failures');
    await page.locator('#card-recent-failures tbody tr').first().getByRole('button', { name: 'Open run' }).focus();
    const message = await onePost(page, () => page.keyboard.press('Enter'));
    assert.equal(message.type, 'openRun');
  });

  it('a filter select opens and picks with the keyboard', async () => {
    await page.locator('#filter-trigger').focus();
    const message = await onePost(page, async () => {
      await page.keyboard.press('Enter');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
    });
    assert.equal(message.type, 'setFilters');
    assert.ok(message.type === 'setFilters' && message.filters.trigger !== undefined);
  });
});
