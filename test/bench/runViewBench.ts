/**
 * Run view figures, measured in Chromium with the production bundle (`npm run build` first): data → first
 * screen drawn for a state with a 10 MB stdout and a 2,000-event trace, opened on each tab a user may have
 * left it on (Summary, Parameters & result with the log, Timeline), on a fresh page each time; median of
 * 10 (issue 15's budget: ≤ 300 ms). Timed from the message event (deserialising the 10 MB state included)
 * to the frame after the render, so layout and paint of the first screen are in.
 */
import type { Page } from 'playwright-core';
import type { RunViewState } from '../../src/runs/runViewProtocol';
import { startSimulator } from '../simulator/server';
import { Harness } from '../webview/harness';
import { bigLog, runFixture, runViewSimulator, stateOf, withEvents, withStdout } from '../webview/runViewFixtures';
import { row, type Row } from './webviewBench';

/** Posts the state; resolves with ms from the message event to the next frame after it was drawn. */
async function timeFirstScreen(page: Page, state: RunViewState): Promise<number> {
  return page.evaluate(async (s) => {
    const g = globalThis as unknown as {
      __graniteRendered: Promise<number>;
      postMessage(m: unknown, o: string): void;
      requestAnimationFrame(cb: () => void): void;
      performance: { now(): number; getEntriesByName(n: string): { startTime: number }[] };
    };
    const drawn = g.__graniteRendered;
    g.postMessage({ type: 'state', state: s }, '*');
    await drawn;
    await new Promise<void>((done) => g.requestAnimationFrame(() => done()));
    const painted = g.performance.now();
    return painted - g.performance.getEntriesByName('granite:received').at(-1)!.startTime;
  }, state);
}

export async function benchRunView(runs = 10): Promise<Row[]> {
  const harness = await Harness.start();
  const sim = await startSimulator(runViewSimulator);
  try {
    const { bundle } = await runFixture(sim);
    const state = stateOf(withEvents(withStdout(bundle, bigLog().text), 2000));
    const rows: Row[] = [];
    for (const tab of ['summary', 'result', 'timeline']) {
      const times: number[] = [];
      for (let i = 0; i <= runs; i++) {
        // The tab the user left the view on comes back with the webview's state after a reload.
        const page = await harness.open({ view: 'runView', savedState: { executionId: state.executionId, tab } });
        const ms = await timeFirstScreen(page, state);
        if (i > 0) times.push(ms); // the first page warms the browser's caches
        await page.close();
      }
      rows.push(row(`run view data → first screen (${tab}), 10 MB stdout + 2,000 events`, times, 'ms', 300));
    }
    return rows;
  } finally {
    await Promise.all([harness.stop(), sim.stop()]);
  }
}

if (require.main === module) {
  void benchRunView().then((rows) => {
    for (const r of rows)
      console.log(
        `${r.figure}: median ${r.median.toFixed(1)} ms (min ${r.min.toFixed(1)}, max ${r.max.toFixed(1)}) ${r.budget ?? ''} ${r.pass ? 'pass' : 'FAIL'}`,
      );
  });
}
