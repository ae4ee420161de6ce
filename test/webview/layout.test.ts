/**
 * The dashboard follows Granite's layout (issue 14), in Chromium: widgets in the layout's order (DOM order
 * = drawn order), hidden and unknown ones not drawn (a hidden chart is never built), full/half/third
 * measured in drawn pixels against the grid, one column in a narrow panel, and the XSS corpus in widget
 * ids and types. Screenshots: test-artifacts/screenshots/dashboard-custom-layout.png and
 * dashboard-customize.png.
 */
import * as assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { WidgetConfig } from '../../src/core/api/queueAndLayoutSchemas';
import type { DashboardState } from '../../src/dashboard/protocol';
import { defaultFilters } from '../../src/filters/filters';
import { assertNothingFormed, scanPage } from '../reliability/webview/scan';
import { corpus, payload } from '../reliability/xssCorpus';
import { simulatorState } from './fixtures';
import { allChartsDrawn, clearPosted, deliver, posted, screenshotDir, type PageWindow } from './harness';
import { boxes, defaults, drawnTypes, layoutState, spans, spanWidth, widget } from './layoutPage';
import { dashboardSuite } from './suite';

describe('dashboard webview: the layout from Granite', () => {
  const suite = dashboardSuite({ seed: 42 });
  let page: Page;
  let base: DashboardState;
  /** Our types that this page has a card for (queue_metrics once its chart is there). */
  let ours: string[];

  before(async () => {
    page = suite.page;
    base = await simulatorState(suite.sim, defaultFilters('30d'));
    await deliver(page, base);
    ours = await drawnTypes(page);
  });

  afterEach(async () => {
    if (await page.locator('.customize-bar').isVisible()) await page.locator('#layout-cancel').click();
    await page.setViewportSize({ width: 1280, height: 900 });
  });
  it("without a layout draws our default: today's order and widths", async () => {
    await deliver(page, base);
    const { grid, items } = await boxes(page);
    assert.deepEqual(
      items.map((b) => b.type),
      defaults.map(([type]) => type).filter((type) => ours.includes(type)),
    );
    assert.ok(ours.length >= 11, `cards drawn: ${ours.join(', ')}`);
    for (const b of items) {
      const width = defaults.find(([type]) => type === b.type)![1];
      assert.ok(Math.abs(b.width - spanWidth(grid, spans[width])) < 1.5, `${b.type}: ${b.width} px of ${grid}`);
    }
  });

  it('follows a layout: order (ties keep array order), hidden and unknown not drawn, full/half/third in pixels', async () => {
    const widgets = [
      widget('recent_failures', 5, 'third'),
      widget('granite_world_map', 0, 'full'), // unknown to us: kept, not drawn
      widget('success_rate', 2, 'third'),
      widget('summary', 1, 'full', false),
      widget('trigger_distribution', 2, 'third'), // same order as success_rate: after it
      widget('executions_over_time', 3, 'half'),
      widget('top_automations', 4, 'half'),
    ];
    await deliver(page, { ...base, layout: layoutState(widgets) });
    await allChartsDrawn(page);
    const { grid, items } = await boxes(page);
    const missing = defaults.map(([type]) => type).filter((t) => !widgets.some((w) => w.type === t));
    const expected = [
      'success_rate',
      'trigger_distribution',
      'executions_over_time',
      'top_automations',
      'recent_failures',
      ...missing,
    ].filter((t) => ours.includes(t));
    assert.deepEqual(
      items.map((b) => b.type),
      expected,
    );
    assert.equal(await page.locator('#card-summary').count(), 0, 'the hidden summary is not drawn');
    const width = (type: string) => items.find((b) => b.type === type)!;
    const check = (type: string, span: number) =>
      assert.ok(Math.abs(width(type).width - spanWidth(grid, span)) < 1.5, `${type}: ${width(type).width} of ${grid}`);
    check('success_rate', 2);
    check('trigger_distribution', 2);
    check('executions_over_time', 3);
    check('top_automations', 3);
    check('recent_failures', 2);
    // Two thirds side by side; a half after them does not fit (2 + 2 + 3 > 6) and wraps.
    assert.equal(width('success_rate').top, width('trigger_distribution').top);
    assert.ok(width('trigger_distribution').left > width('success_rate').left);
    assert.ok(width('executions_over_time').top > width('success_rate').top, 'a half after two thirds wraps');
    assert.equal(width('top_automations').top, width('executions_over_time').top, 'two halves share a row');
    assert.ok(width('recent_failures').top > width('top_automations').top);
    await mkdir(screenshotDir, { recursive: true });
    await page.screenshot({ path: join(screenshotDir, 'dashboard-custom-layout.png'), fullPage: false });
  });

  it('falls back to one column in a narrow panel', async () => {
    await deliver(page, {
      ...base,
      layout: layoutState([widget('success_rate', 0, 'third'), widget('summary', 1, 'half')]),
    });
    await page.setViewportSize({ width: 700, height: 900 });
    const { grid, items } = await boxes(page);
    for (const b of items) assert.ok(Math.abs(b.width - grid) < 1.5, `${b.type}: ${b.width} px of ${grid}`);
    await page.setViewportSize({ width: 1400, height: 900 });
    const wide = await boxes(page);
    assert.ok(Math.abs(wide.items[0]!.width - spanWidth(wide.grid, 2)) < 1.5, 'a third again when wide');
  });

  it('a hidden chart is not built; switched on in Customize, it is drawn', async () => {
    const fresh = await suite.harness.open();
    try {
      await deliver(fresh, {
        ...base,
        layout: layoutState([
          widget('workflow_complexity', 0, 'half', false),
          widget('success_rate', 1, 'third'),
          widget('trigger_distribution', 2, 'third'),
          widget('failure_breakdown', 3, 'third'),
        ]),
      });
      await allChartsDrawn(fresh);
      assert.equal(await fresh.locator('#card-complexity').count(), 0);
      await fresh.locator('#customize').click();
      assert.equal(await fresh.locator('#card-complexity figure[data-drawn]').count(), 0, 'never built');
      await mkdir(screenshotDir, { recursive: true });
      await fresh.screenshot({ path: join(screenshotDir, 'dashboard-customize.png'), fullPage: false });
      await fresh.locator('#card-complexity .widget-tools input').check();
      await allChartsDrawn(fresh);
      assert.equal(await fresh.locator('#card-complexity figure[data-drawn]').count(), 1);
    } finally {
      await fresh.close();
    }
  });

  it('widget ids and types from the XSS corpus never become markup, and are written back unchanged', async () => {
    await deliver(page, { ...base, layout: undefined });
    // The clean page, after one trip into Customize mode (which builds the mode's own elements once).
    await page.locator('#customize').click();
    const editingBaseline = await scanPage(page);
    await page.locator('#layout-cancel').click();
    const baseline = await scanPage(page);
    const hostile = corpus
      .map((_, i) => widget(payload(i + 1, `layout.widgets.${i}.type`), i, 'half'))
      .map((w, i) => ({ ...w, id: payload(i, `layout.widgets.${i}.id`) }));
    const summary = { ...widget('summary', 100, 'full'), id: payload(0, 'layout.widgets.summary.id') };
    const widgets = [...hostile, summary];
    await deliver(page, { ...base, layout: layoutState(widgets) });
    assertNothingFormed(await scanPage(page), baseline, 'layout');
    await page.locator('#customize').click();
    assertNothingFormed(await scanPage(page), editingBaseline, 'Customize mode');
    await clearPosted(page);
    await page.locator('#layout-save').click();
    const [message] = (await posted(page)) as { widgets: WidgetConfig[] }[];
    // Raw, not through the protocol's parser: the corpus's long payloads pass its 200-character id limit.
    // Ours first (the summary with its hostile id, then those the layout missed), then the unknown as read.
    assert.deepEqual(message!.widgets, [
      { ...summary, order: 0 },
      ...defaults.slice(1).map(([type, width], i) => widget(type, i + 1, width)),
      ...hostile,
    ]);
    assert.deepEqual(await page.evaluate(() => (globalThis as unknown as PageWindow).__xssCalls), []);
  });
});
