/**
 * The dashboard opened and closed 50 times in code-server leaves nothing behind: the live subscriptions
 * and disposables the extension counts (src/liveCount.ts: the store's change listeners, the panel's own
 * disposables and visibility listeners) are the same after the last close as after the first, and the same
 * with the panel open each time. Closes alternate between the panel's dispose and closing its editor tab.
 * A cycle counts as loaded only when the webview said it was ready, the host posted its state, and the
 * webview drew it; every fifth cycle also refreshes and waits for that post to be drawn before closing.
 * At least 48 of the 50 cycles must load; each one that does not is logged with what the webview was
 * waiting for.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { GraniteTestApi } from '../../../src/extension';
import { control } from '../../integration/control';
import { until, withWorkflowsShown } from '../../integration/simulatorSession';
import { webviewMessages } from '../../integration/dashboardMessages';
import { dashboardPosts, tapDashboard } from './session';
import { dashboardFrames, renderCount, webviewLoadState } from './webviewFrames';

const cycles = 50;
const requiredLoaded = 48;
/**
 * How long a cycle waits for the webview to say it is ready. code-server's webviews share one service
 * worker scope, and a new webview waits until its own worker controls it ("unexpected service worker
 * controller"). Closing a panel before its webview had loaded made the next ones wait about 30 s (the
 * worker's timeout for a resource nobody answers, the likely cause); each cycle therefore lets its webview
 * load, draw and go before the next opens, and then loads take seconds.
 */
const readyTimeoutMs = 45_000;
type Counts = Readonly<Record<string, number>>;

function dashboardTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('granite.dashboard'));
}

const sum = (counts: Counts) => Object.values(counts).reduce((a, b) => a + b, 0);

describe('reliability: opening and closing the dashboard 50 times', function () {
  this.timeout(cycles * (readyTimeoutMs + 20_000));
  let api: GraniteTestApi;

  before(async () => {
    assert.ok(control.available, 'this suite reads the webview: run it with npm run test:integration');
    ({ api } = await withWorkflowsShown());
    tapDashboard(api);
    api.dashboard()?.dispose();
    await until(
      'no dashboard open',
      async () => !api.dashboard() && dashboardTabs().length === 0 && (await dashboardFrames()) === 0,
    );
  });

  after(() => api?.dashboard()?.dispose());

  /** The webview is ready, the host posted to it, and it drew what was posted; or why not. */
  async function load(
    cycle: number,
    postsBefore: number,
  ): Promise<{ ok: true; ms: number } | { ok: false; cause: string }> {
    const started = Date.now();
    const panel = await until('the panel', () => api.dashboard());
    try {
      await until('the webview to say it is ready', () => webviewMessages(panel).handled > 0, readyTimeoutMs);
    } catch {
      return {
        ok: false,
        cause: `no "ready" from the webview in ${readyTimeoutMs / 1000} s: ${await webviewLoadState()}`,
      };
    }
    await until(`cycle ${cycle}: the host to post its state`, () => dashboardPosts.count > postsBefore);
    await until(`cycle ${cycle}: the webview to draw it`, async () => (await renderCount()) !== undefined, 20_000);
    return { ok: true, ms: Date.now() - started };
  }

  /** Refresh, then wait until the host posted the new data and the webview drew it. */
  async function refreshDrawn(cycle: number): Promise<void> {
    const { drawnBefore } = await until(`cycle ${cycle}: the webview's render count`, async () => {
      const n = await renderCount();
      return n === undefined ? undefined : { drawnBefore: n };
    });
    const fetchedBefore = api.store.state.fetchedAt ?? 0;
    const postsBefore = dashboardPosts.count;
    await vscode.commands.executeCommand('granite.refresh');
    await until(`cycle ${cycle}: the refreshed data posted`, () => {
      const state = dashboardPosts.count > postsBefore ? dashboardPosts.last?.state : undefined;
      return state && !state.loading && (state.fetchedAt ?? 0) > fetchedBefore;
    });
    await until(`cycle ${cycle}: the refreshed data drawn`, async () => ((await renderCount()) ?? 0) > drawnBefore);
  }

  it('loads in at least 48 of 50 cycles and leaves no growing set of listeners or disposables', async () => {
    let firstOpen: Counts | undefined;
    let firstClosed: Counts | undefined;
    let closed: Counts = {};
    const loadTimes: number[] = [];
    const misses: string[] = [];
    let refreshes = 0;
    for (let i = 0; i < cycles; i++) {
      const cycle = i + 1;
      const postsBefore = dashboardPosts.count;
      await vscode.commands.executeCommand('granite.showAnalytics');
      const loaded = await load(cycle, postsBefore);
      if (loaded.ok) {
        loadTimes.push(loaded.ms);
        if (i % 5 === 0) {
          await refreshDrawn(cycle);
          refreshes++;
        }
      } else {
        misses.push(`cycle ${cycle}: ${loaded.cause}`);
        console.log(`[panel cycle] cycle ${cycle} did not load: ${loaded.cause}`);
      }
      const panel = api.dashboard();
      assert.ok(panel, `cycle ${cycle}: the panel is open`);
      const open = api.liveCounts();
      if (i % 2 === 0) {
        panel.dispose();
      } else {
        const tab = dashboardTabs()[0];
        assert.ok(tab, 'the dashboard has an editor tab');
        await vscode.window.tabGroups.close(tab);
      }
      await until(
        `the panel and its webview to be gone (cycle ${cycle})`,
        async () => !api.dashboard() && dashboardTabs().length === 0 && (await dashboardFrames()) === 0,
      );
      closed = api.liveCounts();
      firstOpen ??= open;
      firstClosed ??= closed;
      // Checked every cycle, so a failure names the first cycle that grew.
      assert.deepEqual(open, firstOpen, `with the panel open, cycle ${cycle}`);
      assert.deepEqual(closed, firstClosed, `after closing, cycle ${cycle}`);
    }
    assert.ok(firstOpen && firstClosed);
    const sorted = [...loadTimes].sort((a, b) => a - b);
    console.log(
      `[figure] panel cycles ${cycles}: loaded ${loadTimes.length} (ready, posted and drawn; ${refreshes} refreshes drawn), ` +
        `load time median ${sorted[Math.floor(sorted.length / 2)] ?? '-'} ms, max ${sorted.at(-1) ?? '-'} ms; ` +
        `live listeners and disposables after the first close ${sum(firstClosed)}, after the last ${sum(closed)} (open: ${sum(firstOpen)}) ${JSON.stringify(closed)}`,
    );
    assert.ok(
      loadTimes.length >= requiredLoaded,
      `the webview loaded in ${loadTimes.length} of ${cycles} cycles (at least ${requiredLoaded} required):\n${misses.join('\n')}`,
    );
    // The counter sees the panel: its disposables and its store listener are live while it is open, and only then.
    assert.ok((firstOpen['dashboard.disposables'] ?? 0) > 0, 'the panel’s disposables are counted while it is open');
    assert.equal(firstClosed['dashboard.disposables'], undefined, 'and none is left after it closes');
    assert.equal(
      firstOpen['store.onDidChange'],
      (firstClosed['store.onDidChange'] ?? 0) + 1,
      'the open panel listens to the store, once',
    );
    assert.equal(
      firstClosed['dashboard.onDidChangeVisibility'],
      undefined,
      'no visibility listener outlives its panel',
    );
  });
});
