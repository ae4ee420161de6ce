/**
 * Customize mode (issue 14), in Chromium: by keyboard alone (Tab to a widget, Alt+↓ said in the live
 * region, the show switch, the width, Save), the posted list with unknown entries unchanged, Cancel,
 * Reset, drag and drop, the conflict prompt's Reload and Overwrite, and a save error that keeps the edit.
 */
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { WidgetConfig } from '../../src/core/api/queueAndLayoutSchemas';
import type { DashboardState } from '../../src/dashboard/protocol';
import { defaultFilters } from '../../src/filters/filters';
import { simulatorState } from './fixtures';
import { deliver } from './harness';
import { activeWidget, defaults, drawnTypes, layoutState, saidLive, tabTo, widget } from './layoutPage';
import { dashboardSuite } from './suite';
import { onePost, postsOf } from './ui';

describe('dashboard webview: Customize mode', () => {
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
  /** Ours at orders 0, 10, 20… and an unknown Granite widget (drawn nowhere) between success rate and failures. */
  const unknown = widget('world_map', 25, 'third');
  const spread = [...defaults.map(([type, width], i) => widget(type, i * 10, width)), unknown];

  it('Customize by keyboard alone: Alt+↓, hide, width, Save posts the whole list (unknown entries unchanged)', async () => {
    await deliver(page, { ...base, layout: layoutState(spread) });
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await tabTo(page, (f) => f === '#customize');
    await page.keyboard.press('Enter');
    assert.ok(await page.locator('.customize-bar').isVisible());
    await tabTo(page, (f) => f === 'success_rate#card-success-rate');
    await page.keyboard.press('Alt+ArrowDown');
    const order = await drawnTypes(page);
    assert.deepEqual(order.slice(0, 4), ['summary', 'executions_over_time', 'failure_breakdown', 'success_rate']);
    assert.match(await saidLive(page), new RegExp(`^Success rate over time moved to position 4 of ${ours.length}\\.$`));
    assert.equal(await activeWidget(page), 'success_rate#card-success-rate', 'the moved widget keeps focus');
    assert.equal(await tabTo(page, (f) => f !== 'success_rate#card-success-rate'), 'success_rate#');
    await page.keyboard.press('Space'); // the "Shown" switch
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown'); // the width: half → third
    assert.ok(await page.locator('#card-success-rate.off').isVisible(), 'switched off, still offered');
    await tabTo(page, (f) => f === '#layout-save', 'Shift+Tab');
    const message = await onePost(page, () => page.keyboard.press('Enter'));
    // Ours numbered in their new order (those this page has no card for too), then the unknown entry as read.
    const after = [
      'summary',
      'executions_over_time',
      'failure_breakdown',
      'success_rate',
      ...defaults.slice(4).map(([type]) => type),
    ];
    const expected = [
      ...after.map((type, i): WidgetConfig => ({
        ...spread.find((w) => w.type === type)!,
        order: i,
        ...(type === 'success_rate' ? { visible: false, width: 'third' as const } : {}),
      })),
      unknown,
    ];
    assert.deepEqual(message, { type: 'saveLayout', widgets: expected });
    // Saving: Save is disabled; saved: Customize mode ends and the saved layout is drawn.
    await deliver(page, { ...base, layout: layoutState(spread, { saving: true }) });
    assert.equal(await page.locator('#layout-save[disabled]').count(), 1);
    assert.deepEqual(await postsOf(page, () => page.locator('#layout-save').click({ force: true })), []);
    await deliver(page, { ...base, layout: layoutState(expected, { savedCount: 1 }) });
    assert.ok(await page.locator('.customize-bar').isHidden());
    assert.equal(await page.locator('.widget-tools').count(), 0);
    assert.deepEqual(
      await drawnTypes(page),
      after.filter((t) => t !== 'success_rate' && ours.includes(t)),
    );
  });

  it('Cancel restores the layout and posts nothing', async () => {
    await deliver(page, { ...base, layout: layoutState(spread) });
    const before = await drawnTypes(page);
    await page.locator('#customize').click();
    await page.locator('#card-summary').focus();
    await page.keyboard.press('Alt+ArrowDown');
    await page.locator('#card-top-automations .widget-tools input').uncheck();
    assert.notDeepEqual(await drawnTypes(page), before);
    assert.deepEqual(await postsOf(page, () => page.locator('#layout-cancel').click()), []);
    assert.deepEqual(await drawnTypes(page), before);
    assert.equal(await page.locator('.customizing, .widget-tools, [data-widget][tabindex]').count(), 0);
  });

  it('Reset gives our default (unknown entries kept after it); Save keeps it', async () => {
    const custom = [
      widget('top_automations', 0, 'third'),
      unknown,
      widget('summary', 1, 'half', false),
      widget('executions_over_time', 2, 'third', false),
    ];
    await deliver(page, { ...base, layout: layoutState(custom) });
    await page.locator('#customize').click();
    await page.locator('#layout-reset').click();
    assert.deepEqual(
      await drawnTypes(page),
      defaults.map(([type]) => type).filter((t) => ours.includes(t)),
    );
    assert.equal(await page.locator('.widgets > .off').count(), 0);
    assert.match(await saidLive(page), /Default layout restored/);
    const message = await onePost(page, () => page.locator('#layout-save').click());
    assert.deepEqual(message, {
      type: 'saveLayout',
      widgets: [...defaults.map(([type, width], i) => widget(type, i, width)), unknown],
    });
  });

  it('a conflict offers Reload (posts reloadLayout) and Overwrite (posts saveLayout with overwrite)', async () => {
    await deliver(page, { ...base, layout: layoutState(spread) });
    await page.locator('#customize').click();
    await page.locator('#card-executions').focus();
    await page.keyboard.press('Alt+ArrowUp');
    const saved = await onePost(page, () => page.locator('#layout-save').click());
    await deliver(page, { ...base, layout: layoutState(spread, { saving: true }) });
    await deliver(page, {
      ...base,
      layout: layoutState(spread, { conflict: { theirsUpdatedAt: '2026-12-02T08:00:00.000Z' } }),
    });
    const status = page.locator('.customize-status[role="alert"]');
    assert.match((await status.textContent()) ?? '', /Granite's layout changed since it was read/);
    assert.equal((await drawnTypes(page))[0], 'executions_over_time', 'the edit is kept');
    await page.locator('#layout-overwrite').focus();
    const overwrite = await onePost(page, () => page.keyboard.press('Enter'));
    assert.deepEqual(overwrite, { ...saved, overwrite: true });
    await page.locator('#layout-reload').focus();
    assert.deepEqual(await onePost(page, () => page.keyboard.press('Enter')), { type: 'reloadLayout' });
    assert.ok(await page.locator('.customize-bar').isHidden(), 'Reload drops the edit');
  });

  it('a save error (a 422) is shown and the edit is kept, through later states', async () => {
    await deliver(page, { ...base, layout: layoutState(spread) });
    await page.locator('#customize').click();
    await page.locator('#card-endpoints .widget-tools select').selectOption('third');
    await page.locator('#card-summary .widget-tools input').uncheck();
    await onePost(page, () => page.locator('#layout-save').click());
    const error = 'Granite refused the dashboard layout (widgets.0.width: Invalid option). Your edits are kept';
    await deliver(page, { ...base, layout: layoutState(spread, { saveError: error }) });
    assert.equal(
      await page.locator('.customize-status[role="alert"]').textContent(),
      `The layout was not saved: ${error}`,
    );
    await deliver(page, { ...base, layout: layoutState(spread, { saveError: error }) }); // a refresh meanwhile
    assert.equal(await page.locator('#card-endpoints').getAttribute('data-width'), 'third');
    assert.ok(await page.locator('#card-summary.off').isVisible());
    assert.equal(await page.locator('#card-summary .widget-tools input').isChecked(), false);
  });

  it('moves a widget by drag and drop', async () => {
    await deliver(page, { ...base, layout: undefined });
    await page.setViewportSize({ width: 1280, height: 2000 }); // both in view: a drag that scrolls starts elsewhere
    await page.locator('#customize').click();
    await page.dragAndDrop('#card-triggers', '#card-success-rate');
    assert.deepEqual((await drawnTypes(page)).slice(0, 5), [
      'summary',
      'executions_over_time',
      'trigger_distribution',
      'success_rate',
      'failure_breakdown',
    ]);
  });
});
