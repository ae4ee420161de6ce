/**
 * The large dataset (2,000 workflows, 10,000+ failures, 90 days of hourly buckets, 200 histogram
 * buckets): everything renders, only a page of each table is in the DOM, the long series are
 * re-bucketed, and search and paging work. Times are printed, not asserted (see test/bench).
 */
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { BatchedAnalyticsResponse } from '../../src/core/api/schemas';
import type { DashboardState } from '../../src/dashboard/protocol';
import { formatCount } from '../../src/core/format';
import { generateDataset, largeDatasetOptions } from '../simulator/generator';
import { startSimulator, type Simulator } from '../simulator/server';
import { simulatorState } from './fixtures';
import { allChartsDrawn, canvasPixels, deliver, Harness, pageProblems } from './harness';

describe('dashboard webview: the large dataset', function () {
  this.timeout(60_000);
  let harness: Harness;
  let sim: Simulator;
  let page: Page;
  let state: DashboardState;
  let sections: BatchedAnalyticsResponse;

  before(async () => {
    const dataset = generateDataset({ seed: 42, now: Date.now(), ...largeDatasetOptions });
    // One at a time: each is assigned as soon as it runs, so `after` closes it even if the next fails.
    sim = await startSimulator({ dataset, liftLimits: true });
    harness = await Harness.start();
    state = await simulatorState(sim, { range: { kind: 'preset', preset: '90d' }, granularity: 'hour' });
    sections = state.sections as BatchedAnalyticsResponse;
    assert.ok(sections.recent_failures.data.length >= 10_000 && sections.executions_over_time.data.length >= 2_160);
    page = await harness.open();
    await deliver(page, state);
    const drawn = await page.evaluate(() => {
      const perf = (globalThis as unknown as { performance: { getEntriesByName(n: string): { startTime: number }[] } })
        .performance;
      return (
        perf.getEntriesByName('granite:drawn').at(-1)!.startTime -
        perf.getEntriesByName('granite:received').at(-1)!.startTime
      );
    });
    const started = Date.now();
    await allChartsDrawn(page);
    console.log(
      `      large dataset: message → drawn ${drawn.toFixed(0)} ms, the charts below the fold ${Date.now() - started} ms later`,
    );
  });

  after(async () => {
    await Promise.all([harness?.stop(), sim?.stop()]);
  });

  afterEach(async () => {
    assert.deepEqual(await pageProblems(page), []);
  });

  it('draws every chart', async () => {
    const pixels = await canvasPixels(page);
    for (const [id, count] of Object.entries(pixels)) assert.ok(count > 500, `${id} drew only ${count} pixels`);
    assert.equal(Object.keys(pixels).length, 8, 'seven batch charts and the queue wait times');
  });

  it('keeps one page of each table in the DOM and pages through the failures', async () => {
    const failures = page.locator('#card-recent-failures tbody tr:not(.detail)');
    assert.equal(await failures.count(), 50);
    assert.equal(await page.locator('#card-top-automations tbody tr').count(), 50);
    const pager = page.locator('#card-recent-failures .pager');
    assert.match(
      (await pager.textContent()) ?? '',
      new RegExp(`Rows 1–50 of ${formatCount(sections.recent_failures.data.length, 'en-GB')}`),
    );
    const firstPage = await failures.first().getAttribute('data-key');
    await pager.getByRole('button', { name: 'Next' }).click();
    assert.match((await pager.textContent()) ?? '', /Rows 51–100/);
    assert.notEqual(await failures.first().getAttribute('data-key'), firstPage);
  });

  it('searches 10,000 failures', async () => {
    const target = sections.recent_failures.data[1234]!;
    await page.locator('#card-recent-failures vscode-textfield input').fill(target.execution_id);
    await page.waitForFunction((id) => {
      const doc = (
        globalThis as unknown as {
          document: {
            querySelectorAll(s: string): { length: number; [i: number]: { getAttribute(n: string): string | null } };
          };
        }
      ).document;
      const rows = doc.querySelectorAll('#card-recent-failures tbody tr:not(.detail)');
      return rows.length === 1 && rows[0]!.getAttribute('data-key') === id;
    }, target.execution_id);
    await page.locator('#card-recent-failures vscode-textfield input').fill('');
  });

  it('re-buckets 2,160 hourly buckets into at most 200 bars, keeping every bucket in the table', async () => {
    const card = page.locator('#card-executions');
    assert.match((await card.locator('figure').getAttribute('aria-label')) ?? '', /in 21\d\d buckets/);
    await card.getByRole('button', { name: 'Show as table' }).click();
    assert.match(
      (await card.locator('.pager').textContent()) ?? '',
      new RegExp(`of ${formatCount(sections.executions_over_time.data.length, 'en-GB')}`),
    );
    await card.getByRole('button', { name: 'Show as chart' }).click();
    assert.equal(await card.locator('figure').isVisible(), true);
  });
});
