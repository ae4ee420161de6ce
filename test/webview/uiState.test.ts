/**
 * View state survives the webview being torn down: table sort, "Show as table", the failure search
 * and the scroll position are saved with setState and restored from getState.
 */
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { BatchedAnalyticsResponse } from '../../src/core/api/schemas';
import type { DashboardState } from '../../src/dashboard/protocol';
import { defaultFilters } from '../../src/filters/filters';
import { startSimulator, type Simulator } from '../simulator/server';
import { simulatorState } from './fixtures';
import { deliver, Harness, pageProblems } from './harness';

describe('dashboard webview: UI state', () => {
  let harness: Harness;
  let sim: Simulator;
  let state: DashboardState;
  let page: Page | undefined;

  before(async () => {
    // One at a time: each is assigned as soon as it runs, so `after` closes it even if the next fails.
    sim = await startSimulator({ seed: 42 });
    harness = await Harness.start();
    state = await simulatorState(sim, defaultFilters('30d'));
  });

  after(async () => {
    await Promise.all([harness?.stop(), sim?.stop()]);
  });

  afterEach(async () => {
    if (page) assert.deepEqual(await pageProblems(page), []);
    await page?.close();
  });

  it('restores sort, table view, failure search and scroll position', async () => {
    const sections = state.sections as BatchedAnalyticsResponse;
    const workflow = sections.recent_failures.data[0]!.workflow_name;
    page = await harness.open({
      savedState: {
        scrollY: 700,
        sort: { 'top-automations': { key: 'workflow', dir: 'desc' } },
        expanded: [],
        asTable: { triggers: true },
        failureCategory: '',
        failureSearch: workflow.toLowerCase(),
        sampleCategory: '',
      },
    });
    await deliver(page, state);
    const names = await page.locator('#card-top-automations tbody tr td:first-child').allTextContents();
    assert.deepEqual(
      names,
      [...names].sort((a, b) => b.localeCompare(a, 'en-GB', { sensitivity: 'base', numeric: true })),
    );
    assert.equal(await page.locator('#card-triggers .chart-table').isVisible(), true);
    assert.equal(await page.locator('#card-triggers figure').isVisible(), false);
    const workflows = await page.locator('#card-recent-failures tbody tr td:nth-child(2)').allTextContents();
    assert.ok(workflows.length > 0 && workflows.every((w) => w === workflow));
    assert.ok(Math.abs((await page.evaluate(() => (globalThis as unknown as { scrollY: number }).scrollY)) - 700) < 2);
  });

  it('saves a toggled view with setState', async () => {
    page = await harness.open();
    await deliver(page, state);
    await page.locator('#card-durations').getByRole('button', { name: 'Show as table' }).click();
    const saved = await page.evaluate(() =>
      (globalThis as unknown as { __setStates: { asTable: Record<string, boolean> }[] }).__setStates.at(-1),
    );
    assert.deepEqual(saved?.asTable, { durations: true });
  });

  it("uses the host's l10n bundle, for its own strings and src/core's", async () => {
    page = await harness.open({
      l10n: { Refresh: 'Aktualisieren', 'just now': 'gerade eben', 'Stale since {0}.': 'Veraltet seit {0}.' },
    });
    await deliver(page, { ...state, stale: true, fetchedAt: Date.now() });
    assert.equal((await page.locator('#refresh').textContent())?.trim(), 'Aktualisieren');
    assert.match((await page.locator('#banner-stale').textContent()) ?? '', /Veraltet seit .*\(gerade eben\)\./);
  });
});
