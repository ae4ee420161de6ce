/**
 * Themes: the dashboard in light, dark and high contrast (body class + the --vscode-* variables VS Code
 * injects, from a test stylesheet), screenshots in test-artifacts/screenshots/ for a human to look at,
 * chart colours taken from the theme, and charts that follow a theme switch.
 */
import * as assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { DashboardState } from '../../src/dashboard/protocol';
import { defaultFilters } from '../../src/filters/filters';
import { startSimulator, type Simulator } from '../simulator/server';
import { simulatorState } from './fixtures';
import { allChartsDrawn, deliver, Harness, pageProblems, screenshotDir, type ThemeClass } from './harness';

/** Pixels of the executions chart in exactly this colour (`#rrggbb`): bar interiors are not antialiased. */
async function pixelsOf(page: Page, hex: string): Promise<number> {
  return page.evaluate((color) => {
    type Canvas = {
      width: number;
      height: number;
      getContext(k: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } };
    };
    const canvas = (globalThis as unknown as { document: { querySelector(s: string): Canvas } }).document.querySelector(
      '#card-executions canvas',
    );
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16));
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let count = 0;
    for (let i = 0; i < data.length; i += 4)
      if (data[i] === r && data[i + 1] === g && data[i + 2] === b && data[i + 3] === 255) count++;
    return count;
  }, hex);
}

const themes: [ThemeClass, string, string][] = [
  ['vscode-light', 'light', '#388a34'],
  ['vscode-dark', 'dark', '#89d185'],
  ['vscode-high-contrast', 'hc', '#89d185'],
];

describe('dashboard webview: themes', () => {
  let harness: Harness;
  let sim: Simulator;
  let state: DashboardState;

  before(async () => {
    // One at a time: each is assigned as soon as it runs, so `after` closes it even if the next fails.
    sim = await startSimulator({ seed: 42 });
    harness = await Harness.start();
    state = await simulatorState(sim, defaultFilters('30d'));
    await mkdir(screenshotDir, { recursive: true });
  });

  after(async () => {
    await Promise.all([harness?.stop(), sim?.stop()]);
  });

  for (const [theme, name, green] of themes) {
    it(`renders in ${name} with the theme's chart colours (screenshot dashboard-${name}.png)`, async () => {
      const page = await harness.open({ theme });
      await deliver(page, state);
      await allChartsDrawn(page);
      assert.ok((await pixelsOf(page, green)) > 1000, `the completed bars are not ${green}`);
      await page.screenshot({ path: join(screenshotDir, `dashboard-${name}.png`), fullPage: true });
      assert.deepEqual(await pageProblems(page), []);
      await page.close();
    });
  }

  it('redraws the charts when VS Code switches the theme', async () => {
    const page = await harness.open({ theme: 'vscode-dark' });
    await deliver(page, state);
    await allChartsDrawn(page);
    assert.equal(await pixelsOf(page, '#388a34'), 0);
    await page.evaluate(() => {
      const body = (globalThis as unknown as { document: { body: { className: string } } }).document.body;
      body.className = 'vscode-light';
    });
    await page.waitForFunction(() => true);
    await allChartsDrawn(page);
    assert.ok((await pixelsOf(page, '#388a34')) > 1000, 'charts use the light theme after the switch');
    assert.deepEqual(await pageProblems(page), []);
    await page.close();
  });
});
