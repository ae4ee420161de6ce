/**
 * Dashboard webview figures, measured in Chromium with the production bundle (`npm run build` first):
 * data → drawn on the default and the large dataset (first state on a fresh page), filter change →
 * redrawn, and the JS heap with the large dataset after a GC. Medians of several runs; printed, not
 * asserted (the machine is shared and noisy). `data → drawn` runs from the message event (including
 * deserialising the state) to `performance.mark('granite:drawn')`: KPI cards, tables and the charts in
 * the viewport drawn. Pages are 1400×900 (issue 14's figure). A Customize move (Alt+↓ / Alt+↑ on a
 * focused widget) runs from the key event to the next frame after it (relaid out and painted).
 */
import type { Page } from 'playwright-core';
import type { DashboardState } from '../../src/dashboard/protocol';
import { defaultFilters, type FilterState } from '../../src/filters/filters';
import { generateDataset, largeDatasetOptions } from '../simulator/generator';
import { startSimulator } from '../simulator/server';
import { simulatorState } from '../webview/fixtures';
import { allChartsDrawn, Harness } from '../webview/harness';

export interface Row {
  figure: string;
  median: number;
  min: number;
  max: number;
  unit: string;
  budget?: string;
  pass?: boolean;
}

/** Posts a state; resolves with [message event → drawn, postMessage → drawn] in ms. */
async function timeState(page: Page, state: DashboardState): Promise<[number, number]> {
  return page.evaluate(async (s) => {
    const g = globalThis as unknown as {
      __graniteRendered: Promise<number>;
      postMessage(m: unknown, o: string): void;
      performance: { now(): number; getEntriesByName(n: string): { startTime: number }[] };
    };
    const drawn = g.__graniteRendered;
    const t0 = g.performance.now();
    g.postMessage({ type: 'state', state: s }, '*');
    await drawn;
    const end = g.performance.getEntriesByName('granite:drawn').at(-1)!.startTime;
    return [end - g.performance.getEntriesByName('granite:received').at(-1)!.startTime, end - t0] as [number, number];
  }, state);
}

/** Lets the page finish booting (its first layout) as it would while the host prepares the state. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((done) => {
        const g = globalThis as unknown as {
          requestAnimationFrame(cb: () => void): void;
          setTimeout(cb: () => void, ms: number): void;
        };
        g.requestAnimationFrame(() => g.setTimeout(done, 0));
      }),
  );
}

/** A figure's row: the median of `values` (with min and max), judged against `limit` when there is one. */
export function row(figure: string, values: number[], unit: string, limit?: number): Row {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  return {
    figure,
    median,
    min: sorted[0]!,
    max: sorted.at(-1)!,
    unit,
    ...(limit === undefined ? {} : { budget: `≤ ${limit} ${unit}`, pass: median <= limit }),
  };
}

const viewport = { width: 1400, height: 900 };

/** Customize mode's keyboard move, alternately down and up: key event → the next frame, in ms. */
async function customizeMoves(harness: Harness, state: DashboardState, runs: number): Promise<number[]> {
  const page = await harness.open(viewport);
  await timeState(page, state);
  await allChartsDrawn(page);
  await page.locator('#customize').click();
  await page.locator('#card-success-rate').focus();
  const times: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const ms = await page.evaluate(
      async (up) => {
        type Doc = { activeElement: { dispatchEvent(e: unknown): void }; body: { getBoundingClientRect(): unknown } };
        const g = globalThis as unknown as {
          document: Doc;
          KeyboardEvent: new (type: string, init: object) => unknown;
          performance: { now(): number };
          requestAnimationFrame(cb: () => void): void;
          setTimeout(cb: () => void, ms: number): void;
        };
        const t0 = g.performance.now();
        const key = up ? 'ArrowUp' : 'ArrowDown';
        g.document.activeElement.dispatchEvent(new g.KeyboardEvent('keydown', { key, altKey: true, bubbles: true }));
        g.document.body.getBoundingClientRect(); // style and layout now, not deferred past the measurement
        await new Promise<void>((done) => g.requestAnimationFrame(() => g.setTimeout(done, 0)));
        return g.performance.now() - t0;
      },
      i % 2 === 1,
    );
    if (i > 0) times.push(ms); // the first move builds each widget's tools once
  }
  await page.close();
  return times;
}

async function firstDraw(harness: Harness, state: DashboardState, runs: number): Promise<[number[], number[]]> {
  const received: number[] = [];
  const posted: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const page = await harness.open(viewport);
    await settle(page);
    const [r, p] = await timeState(page, state);
    if (i > 0) {
      // the first page warms the browser's caches
      received.push(r);
      posted.push(p);
    }
    await page.close();
  }
  return [received, posted];
}

export async function benchWebview(runs = 10): Promise<Row[]> {
  const harness = await Harness.start();
  const sim = await startSimulator({ seed: 42 });
  const large = await startSimulator({
    dataset: generateDataset({ seed: 42, now: Date.now(), ...largeDatasetOptions }),
    liftLimits: true,
  });
  try {
    const rows: Row[] = [];
    const base = defaultFilters();
    const narrowed: FilterState = { ...base, trigger: 'manual' };
    const [defaultState, narrowedState] = [await simulatorState(sim, base), await simulatorState(sim, narrowed)];
    const largeState = await simulatorState(large, { range: { kind: 'preset', preset: '90d' }, granularity: 'hour' });

    const [dr, dp] = await firstDraw(harness, defaultState, runs);
    rows.push(
      row('webview data → drawn, default dataset', dr, 'ms', 120),
      row('  (from postMessage, incl. sending)', dp, 'ms'),
    );

    rows.push(
      row('webview Customize move (Alt+↓) → redrawn', await customizeMoves(harness, defaultState, runs * 2), 'ms', 50),
    );

    const page = await harness.open(viewport);
    await timeState(page, defaultState);
    const changes: number[] = [];
    for (let i = 0; i < runs * 2; i++) changes.push((await timeState(page, i % 2 ? defaultState : narrowedState))[0]);
    rows.push(row('webview filter change → redrawn', changes, 'ms', 80));
    await page.close();

    const [lr, lp] = await firstDraw(harness, largeState, runs);
    rows.push(
      row('webview data → drawn, large dataset', lr, 'ms', 250),
      row('  (from postMessage, incl. sending)', lp, 'ms'),
    );

    const heaps: number[] = [];
    for (let i = 0; i < Math.min(runs, 3); i++) {
      const heapPage = await harness.open();
      await timeState(heapPage, largeState);
      await allChartsDrawn(heapPage);
      await heapPage.waitForTimeout(300); // idle work (the workflow list) done
      const cdp = await heapPage.context().newCDPSession(heapPage);
      await cdp.send('HeapProfiler.collectGarbage');
      heaps.push((await cdp.send('Runtime.getHeapUsage')).usedSize / 1024 / 1024);
      await heapPage.close();
    }
    rows.push(row('webview JS heap, large dataset (after GC)', heaps, 'MB', 60));
    return rows;
  } finally {
    await Promise.all([harness.stop(), sim.stop(), large.stop()]);
  }
}

if (require.main === module) {
  void benchWebview().then((rows) => {
    for (const r of rows) {
      const verdict = r.pass === undefined ? '' : r.pass ? '  ok' : '  OVER BUDGET';
      console.log(
        `${r.figure.padEnd(46)} ${r.median.toFixed(1).padStart(8)} ${r.unit}  (${r.min.toFixed(1)}–${r.max.toFixed(1)})  ${r.budget ?? ''}${verdict}`,
      );
    }
  });
}
