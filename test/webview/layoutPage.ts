/**
 * The layout tests' vocabulary (test/webview/layout.test.ts, customize.test.ts): our widget types with
 * their default widths written out independently of the page, layout states as the host sends them, and
 * what the page shows: each widget's drawn box, what has focus, what the live region said.
 */
import type { Page } from 'playwright-core';
import type { WidgetConfig } from '../../src/core/api/queueAndLayoutSchemas';
import type { LayoutState } from '../../src/dashboard/protocol';

/** Our widget types in today's order, and their default widths (written out here, not read from the page). */
export const defaults: [string, WidgetConfig['width']][] = [
  ['summary', 'full'],
  ['executions_over_time', 'full'],
  ['success_rate', 'half'],
  ['failure_breakdown', 'half'],
  ['trigger_distribution', 'half'],
  ['duration_distribution', 'half'],
  ['top_automations', 'full'],
  ['recent_failures', 'full'],
  ['actions_per_workflow', 'half'],
  ['workflow_complexity', 'half'],
  ['endpoint_usage', 'full'],
  ['queue_metrics', 'full'],
];

export const widget = (
  type: string,
  order: number,
  width: WidgetConfig['width'] = 'half',
  visible = true,
): WidgetConfig => ({
  id: type,
  type,
  visible,
  order,
  width,
});

export function layoutState(widgets: WidgetConfig[], extra: Partial<LayoutState> = {}): LayoutState {
  return {
    layout: { widgets, updated_at: '2026-12-01T10:00:00.000Z' },
    source: 'granite',
    mode: 'granite',
    saving: false,
    savedCount: 0,
    ...extra,
  };
}

export interface Box {
  type: string;
  left: number;
  top: number;
  width: number;
}

/** The grid's width and each drawn widget's box, in DOM order. */
export async function boxes(page: Page): Promise<{ grid: number; items: Box[] }> {
  return page.evaluate(() => {
    type R = { left: number; top: number; width: number };
    type E = { getBoundingClientRect(): R; dataset: Record<string, string>; children: ArrayLike<E> };
    const doc = (globalThis as unknown as { document: { querySelector(s: string): E } }).document;
    const grid = doc.querySelector('.widgets');
    return {
      grid: grid.getBoundingClientRect().width,
      items: Array.from(grid.children).map((c) => {
        const r = c.getBoundingClientRect();
        return { type: c.dataset.widget ?? '?', left: r.left, top: r.top, width: r.width };
      }),
    };
  });
}

/** Expected width in px of a widget spanning `span` of six columns with 12 px gaps (media/dashboard.css). */
export const spanWidth = (grid: number, span: number) => (span * (grid - 5 * 12)) / 6 + (span - 1) * 12;
export const spans = { full: 6, half: 3, third: 2 } as const;

export async function activeWidget(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = (
      globalThis as unknown as {
        document: { activeElement: { id: string; closest(s: string): { dataset: Record<string, string> } | null } };
      }
    ).document.activeElement;
    return `${el.closest('[data-widget]')?.dataset.widget ?? ''}#${el.id}`;
  });
}

/** Presses Tab (or `key`) until `done` holds for what has focus (at most 300 times). */
export async function tabTo(page: Page, done: (focused: string) => boolean, key = 'Tab'): Promise<string> {
  for (let i = 0; i < 300; i++) {
    await page.keyboard.press(key);
    const f = await activeWidget(page);
    if (done(f)) return f;
  }
  throw new Error('focus never got there');
}

export async function drawnTypes(page: Page): Promise<string[]> {
  return (await boxes(page)).items.map((b) => b.type);
}

export async function saidLive(page: Page): Promise<string> {
  await page.waitForFunction(() => {
    const d = (globalThis as unknown as { document: { querySelector(s: string): { textContent: string } } }).document;
    return d.querySelector('.customize-bar [aria-live]').textContent !== '';
  });
  return (await page.locator('.customize-bar [aria-live]').textContent()) ?? '';
}
