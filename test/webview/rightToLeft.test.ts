/**
 * Right-to-left workflow and category names in the dashboard, in Chromium: each name lies wholly left of
 * the figures after it in a left-to-right row (measured with Range.getClientRects on what was drawn),
 * in the top automations table, the quick insights and the failure samples. The simulator serves a
 * dataset whose busiest workflows have an Arabic and a Hebrew name; the figures expected are worked
 * out from its counts, not with our formatter.
 * Screenshot: test-artifacts/screenshots/dashboard-rtl.png.
 */
import * as assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { BatchedAnalyticsResponse } from '../../src/core/api/schemas';
import type { DashboardState } from '../../src/dashboard/protocol';
import type { FilterState } from '../../src/filters/filters';
import { quickInsights } from '../../src/dashboard/insights';
import { arabicName, hebrewCategory, hebrewName, rightToLeftDataset } from '../simulator/rightToLeft';
import { assertLeftOf, glyphBoxesSource, type Box } from './glyphBoxes';
import { simulatorState } from './fixtures';
import { deliver, screenshotDir } from './harness';
import { dashboardSuite } from './suite';
import { chooseOption } from './ui';

/** Glyph boxes of `parts`, in order, inside the element that `root` (a page-side expression) finds. */
async function boxes(page: Page, root: string, parts: string[]): Promise<(Box | null)[]> {
  return page.evaluate(`(${glyphBoxesSource})(${root}, ${JSON.stringify(parts)})`);
}

/** The number in `text` that matches `pattern`'s first group, parsed as a plain decimal. */
function figure(text: string, pattern: RegExp): { shown: string; value: number } {
  const shown = pattern.exec(text)?.[1];
  assert.ok(shown, `${pattern} in ${JSON.stringify(text)}`);
  return { shown, value: Number(shown.replace(/,/g, '')) };
}

describe('dashboard webview: right-to-left names', () => {
  const suite = dashboardSuite({ dataset: rightToLeftDataset(7) });
  let page: Page;
  let state: DashboardState;
  let sections: BatchedAnalyticsResponse;
  const filters: FilterState = { range: { kind: 'preset', preset: '7d' }, granularity: 'auto' };
  const top = (name: string) => sections.top_automations.data.find((i) => i.workflow_name === name)!;

  before(async () => {
    page = suite.page;
    const base = await simulatorState(suite.sim, filters);
    sections = base.sections as BatchedAnalyticsResponse;
    for (const name of [arabicName, hebrewName]) assert.ok(top(name), `${name} is a top automation`);
    // A previous period in which the Arabic workflow never failed and the Hebrew category did not occur.
    const previous = structuredClone(sections);
    for (const item of previous.top_automations.data)
      item.completed = item.workflow_name === arabicName ? item.executions : item.completed;
    previous.failure_breakdown.data = previous.failure_breakdown.data.filter((c) => c.category !== hebrewCategory);
    state = { ...base, insights: quickInsights(sections, previous, 'en-GB') };
    await deliver(page, state);
  });

  it('top automations: each name lies left of its run count, and the count left of its rate', async () => {
    for (const name of [arabicName, hebrewName]) {
      const item = top(name);
      const row = `[...document.querySelectorAll('#card-top-automations tbody tr')].find((tr) => tr.cells[0].textContent === ${JSON.stringify(name)})`;
      const cells = await page.evaluate<string[]>(
        `(() => { const tr = ${row}; return [tr.cells[1].textContent, tr.querySelector('.rate-text').textContent, getComputedStyle(tr.cells[0].firstChild).direction]; })()`,
      );
      const runs = figure(cells[0]!, /^([\d,]+)$/);
      const rate = figure(cells[1]!, /^(\d+(?:\.\d+)?)\s?%$/);
      assert.equal(runs.value, item.executions, `${name}: runs`);
      // The table shows Granite's rate as sent (rounded to hundredths), so one more rounding step of slack.
      assert.ok(
        Math.abs(rate.value - (item.completed / item.executions) * 100) <= 0.1,
        `${name}: rate ${rate.shown} for ${item.completed}/${item.executions}`,
      );
      assert.equal(cells[2], 'rtl', `${name}: the name takes its own direction`);
      const [shownName, shownRuns, shownRate] = await boxes(page, row, [name, runs.shown, rate.shown]);
      assertLeftOf(shownName, shownRuns, `${name} before its runs`);
      assertLeftOf(shownRuns, shownRate, `${name}: runs before the rate`);
    }
  });

  it('quick insights: the Arabic workflow and the Hebrew category lie left of the figures after them', async () => {
    const item = top(arabicName);
    const drop = (await page.locator('.insight.rate-drop button').textContent())!;
    assert.ok(drop.includes(arabicName), drop);
    const fell = figure(drop, /fell (\d+(?:\.\d+)?) pts/);
    const now = figure(drop, /to (\d+(?:\.\d+)?)\s?%/);
    assert.ok(Math.abs(fell.value - (100 - (item.completed / item.executions) * 100)) <= 0.051, drop);
    assert.ok(Math.abs(now.value - (item.completed / item.executions) * 100) <= 0.05, drop);
    const [name, points, rate] = await boxes(page, `document.querySelector('.insight.rate-drop button')`, [
      arabicName,
      `fell ${fell.shown}`,
      now.shown,
    ]);
    assertLeftOf(name, points, 'the workflow before the drop');
    assertLeftOf(points, rate, 'the drop before the new rate');

    const failures = sections.failure_breakdown.data.find((c) => c.category === hebrewCategory)!;
    const added = (await page.locator('.insight.new-category button').textContent())!;
    const count = figure(added, /\((\d+) failures?\)/);
    assert.equal(count.value, failures.count, added);
    const [label, category, shownCount] = await boxes(page, `document.querySelector('.insight.new-category button')`, [
      'this period:',
      hebrewCategory,
      `(${count.shown}`,
    ]);
    assertLeftOf(label, category, 'the sentence before the category');
    assertLeftOf(category, shownCount, 'the category before its count');
  });

  it('failure samples: the Hebrew category lies left of its count in the heading', async () => {
    await chooseOption(page, '#card-failures vscode-single-select', hebrewCategory);
    const failures = sections.failure_breakdown.data.find((c) => c.category === hebrewCategory)!;
    const heading = `document.querySelector('#card-failures .samples h3')`;
    const text = await page.evaluate<string>(`${heading}.textContent`);
    const count = figure(text, /(\d+) failures/);
    assert.equal(count.value, failures.count, text);
    const [category, shownCount] = await boxes(page, heading, [hebrewCategory, `${count.shown} failures`]);
    assertLeftOf(category, shownCount, 'the category before its count');
    await mkdir(screenshotDir, { recursive: true });
    await page.locator('#card-top-automations').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir, 'dashboard-rtl.png'), fullPage: false });
  });

  it('on a canvas (chart tooltips and labels), the isolate around a name draws nothing', async () => {
    const widths = await page.evaluate<number[]>(`(() => {
      const ctx = document.createElement('canvas').getContext('2d');
      ctx.font = '13px sans-serif';
      return [${JSON.stringify(`${arabicName}: 87.5%`)}, ${JSON.stringify(`\u2068${arabicName}\u2069: 87.5%`)}].map((t) => ctx.measureText(t).width);
    })()`);
    assert.ok(widths[0]! > 0);
    assert.ok(Math.abs(widths[0]! - widths[1]!) < 0.5, `with and without the isolate: ${widths.join(' vs ')}`);
  });
});
