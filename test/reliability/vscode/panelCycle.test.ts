/**
 * The dashboard opened and closed 50 times in code-server leaves nothing behind: the live subscriptions
 * and disposables the extension counts (src/liveCount.ts: the store's change listeners, the panel's own
 * disposables and visibility listeners) are the same after the last close as after the first, and the same
 * with the panel open each time. Closes alternate between the panel's dispose and closing its editor tab,
 * and some cycles refresh while the panel is open, so posting to the webview is part of the cycle.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { GraniteTestApi } from '../../../src/extension';
import { until, withWorkflowsShown } from '../../integration/simulatorSession';

const cycles = 50;
type Counts = Readonly<Record<string, number>>;

function dashboardTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('granite.dashboard'));
}

const sum = (counts: Counts) => Object.values(counts).reduce((a, b) => a + b, 0);

describe('reliability: opening and closing the dashboard 50 times', function () {
  this.timeout(cycles * 10_000);
  let api: GraniteTestApi;

  before(async () => {
    ({ api } = await withWorkflowsShown());
    api.dashboard()?.dispose();
    await until('no dashboard open', () => !api.dashboard() && dashboardTabs().length === 0);
  });

  after(() => api.dashboard()?.dispose());

  it('leaves no growing set of listeners or disposables', async () => {
    let firstOpen: Counts | undefined;
    let firstClosed: Counts | undefined;
    let closed: Counts = {};
    let readyCycles = 0;
    for (let i = 0; i < cycles; i++) {
      await vscode.commands.executeCommand('granite.showAnalytics');
      const panel = await until('the panel', () => api.dashboard());
      // The webview loaded and spoke to the host, so its message listener and posting ran. code-server's
      // webview service worker now and then holds a new webview's scripts for about 30 s (VS Code web's
      // "unexpected service worker controller" wait); closing a panel that is still loading is a cycle too.
      if (await until('the webview to say it is ready', () => panel.received.handled > 0, 5_000).catch(() => false)) readyCycles++;
      if (i % 5 === 0) await vscode.commands.executeCommand('granite.refresh');
      const open = api.liveCounts();
      if (i % 2 === 0) {
        panel.dispose();
      } else {
        const tab = dashboardTabs()[0];
        assert.ok(tab, 'the dashboard has an editor tab');
        await vscode.window.tabGroups.close(tab);
      }
      await until(`the panel to be gone (cycle ${i + 1})`, () => !api.dashboard() && dashboardTabs().length === 0);
      closed = api.liveCounts();
      firstOpen ??= open;
      firstClosed ??= closed;
      // Checked every cycle, so a failure names the first cycle that grew.
      assert.deepEqual(open, firstOpen, `with the panel open, cycle ${i + 1}`);
      assert.deepEqual(closed, firstClosed, `after closing, cycle ${i + 1}`);
    }
    assert.ok(firstOpen && firstClosed);
    console.log(`[figure] panel cycles ${cycles}: live listeners and disposables after the first close ${sum(firstClosed)}, after the last ${sum(closed)} `
      + `(open: ${sum(firstOpen)}) ${JSON.stringify(closed)}; webview ready in ${readyCycles} cycles`);
    assert.ok(readyCycles > 0, 'the webview loaded and talked to the host in some cycles');
    // The counter sees the panel: its disposables and its store listener are live while it is open, and only then.
    assert.ok((firstOpen['dashboard.disposables'] ?? 0) > 0, 'the panel’s disposables are counted while it is open');
    assert.equal(firstClosed['dashboard.disposables'], undefined, 'and none is left after it closes');
    assert.equal(firstOpen['store.onDidChange'], (firstClosed['store.onDidChange'] ?? 0) + 1, 'the open panel listens to the store, once');
    assert.equal(firstClosed['dashboard.onDidChangeVisibility'], undefined, 'no visibility listener outlives its panel');
  });
});
