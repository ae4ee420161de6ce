/**
 * The dashboard layout in code-server against the simulator: a layout set in Granite (`sim.layouts`, as the
 * web app would) is what the dashboard's state carries (order, visibility, widths); a Save sent from the
 * webview's page changes Granite's stored layout; `local` mode sends no `GET` and no `PUT`; and a closed
 * dashboard reads no layout. The state is read from the host's own posts (`dashboardEvents.onDidPost`).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DashboardState } from '../../src/dashboard/protocol';
import type { GraniteTestApi } from '../../src/extension';
import { effectiveLayout } from '../../src/layout/dashboardLayout';
import { graniteSaveNoticeKey } from '../../src/layout/layoutSource';
import { LAYOUT_PATH } from '../simulator/layout';
import type { Simulator } from '../simulator/server';
import { widget, editedWidgets as drawn } from '../unit/builders/layoutBuilder';
import { control } from './control';
import { postFromWebview, webviewMessages } from './dashboardMessages';
import { extensionApi, granite, until } from './simulatorSession';

describe('the dashboard layout in VS Code', function () {
  this.timeout(60_000);
  let sim: Simulator;
  let api: GraniteTestApi;
  let last: DashboardState | undefined;
  const layoutRequests = () => sim.requests.filter((r) => r.path === LAYOUT_PATH).map((r) => r.method);

  async function openDashboard(): Promise<void> {
    await vscode.commands.executeCommand('granite.showAnalytics');
    const panel = await until('the panel', () => api.dashboard());
    await until('the webview to say it is ready', () => webviewMessages(panel).handled > 0, 20_000);
  }

  before(async () => {
    assert.ok(
      control.available,
      "sending from the webview's page needs the code-server harness (npm run test:integration)",
    );
    sim = await granite();
    api = await extensionApi();
    api.dashboardEvents.onDidPost(({ message }) => (last = message.state));
    // The one-time notice before the first Save to Granite is a modal: said already for these tests.
    await api.ctx.extension.globalState.update(graniteSaveNoticeKey, true);
  });

  after(async () => {
    api.dashboard()?.dispose();
    // Later suites must see Granite's default layout: forget the stored one; a change of the mode setting
    // makes the extension read Granite again (the last test may have left it at `local` or not).
    sim.layouts.clear();
    const settings = () => vscode.workspace.getConfiguration('granite');
    await settings().update('dashboard.layout', 'local', true);
    await settings().update('dashboard.layout', undefined, true);
  });

  it('reads no layout while the dashboard is closed', async () => {
    api.dashboard()?.dispose();
    sim.requests.length = 0;
    await vscode.commands.executeCommand('granite.refresh');
    await until('the refresh', () => sim.requests.some((r) => r.path === '/api/analytics/batch'));
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.deepEqual(layoutRequests(), []);
  });

  it('shows the layout set in Granite: its order, visibility and widths', async () => {
    const stored = sim.layouts.set(
      sim.apiKey,
      [
        widget('queue_metrics', 0, { width: 'full' }),
        widget('summary', 1, { width: 'third' }),
        widget('executions_over_time', 1, { visible: false }),
        widget('granite_heatmap', 2, { id: 'heat', width: 'full' }),
        widget('success_rate', 3, { width: 'third' }),
      ],
      Date.now(),
    );
    await openDashboard();
    // Read once per session: if another suite opened the dashboard before, Reload reads the new layout.
    await postFromWebview({ type: 'reloadLayout' });
    const state = await until(
      'the layout from the simulator in the dashboard’s state',
      () => (last?.layout?.layout.updated_at === stored.updated_at ? last.layout : undefined),
      20_000,
    );
    assert.equal(state.source, 'granite');
    assert.equal(state.mode, 'granite');
    assert.deepEqual(state.layout.widgets, stored.widgets, 'the whole layout as stored, the unknown entry included');
    const placed = effectiveLayout(state.layout).widgets;
    assert.deepEqual(
      placed.slice(0, 4).map((w) => [w.id, w.visible, w.width]),
      [
        ['queue_metrics', true, 'full'],
        ['summary', true, 'third'],
        ['executions_over_time', false, 'half'],
        ['success_rate', true, 'third'],
      ],
    );
    assert.ok(layoutRequests().includes('GET'));
    assert.ok(!layoutRequests().includes('PUT'), 'reading never writes');
  });

  it('asks once, in a modal dialog, before the first Save to Granite, and sends nothing unless confirmed', async () => {
    const state = api.ctx.extension.globalState;
    await state.update(graniteSaveNoticeKey, undefined);
    try {
      await openDashboard();
      const shown = await until('a layout in the state', () => last?.layout);
      const edited = drawn(shown.layout.widgets);
      sim.requests.length = 0;
      // The real dialog: VS Code answers a modal with "cancel" under extension tests, so nothing may be sent.
      const handled = new Promise<void>((resolve) => {
        const listener = api.dashboardEvents.onDidReceiveMessage(({ type }) => {
          if (type !== 'saveLayout') return;
          listener.dispose();
          resolve();
        });
      });
      await postFromWebview({ type: 'saveLayout', widgets: edited });
      await handled;
      await new Promise((resolve) => setTimeout(resolve, 1000));
      assert.deepEqual(layoutRequests(), [], 'dismissed: nothing is sent');
      assert.equal(state.get(graniteSaveNoticeKey), undefined, 'dismissed: asked again next time');
      // Answered through GraniteTestApi's door: confirmed once, then never asked again.
      let asked = 0;
      api.answerLayoutDialog(() => {
        asked++;
        return Promise.resolve(true);
      });
      const savedBefore = last?.layout?.savedCount ?? 0;
      await postFromWebview({ type: 'saveLayout', widgets: edited });
      await until('the PUT', () => layoutRequests().includes('PUT'), 20_000);
      // One Save at a time (a Save sent while one is in flight is dropped; the page disables Save meanwhile).
      await until(
        'the save to finish',
        () => last?.layout?.savedCount === savedBefore + 1 && !last.layout.saving,
        20_000,
      );
      await postFromWebview({ type: 'saveLayout', widgets: edited });
      await until('the second PUT', () => layoutRequests().filter((m) => m === 'PUT').length === 2, 20_000);
      assert.equal(asked, 1, 'asked once only');
      assert.equal(state.get(graniteSaveNoticeKey), true);
    } finally {
      api.answerLayoutDialog(undefined);
      await state.update(graniteSaveNoticeKey, true);
    }
  });

  it('a Save sent from the webview changes the layout stored in Granite', async () => {
    await openDashboard();
    const shown = await until('a layout in the state', () => last?.layout);
    const edited = drawn(shown.layout.widgets).map((w) =>
      w.type === 'summary'
        ? { ...w, order: -5, width: 'full' as const }
        : w.type === 'queue_metrics'
          ? { ...w, visible: false }
          : w,
    );
    const before = sim.layouts.get(sim.apiKey).updated_at;
    sim.requests.length = 0;
    await postFromWebview({ type: 'saveLayout', widgets: edited });
    await until('the layout saved in the simulator', () => sim.layouts.get(sim.apiKey).updated_at !== before, 20_000);
    const saved = sim.layouts.get(sim.apiKey).widgets;
    assert.deepEqual(saved[0], { id: 'summary', type: 'summary', visible: true, order: 0, width: 'full' });
    assert.equal(saved.find((w) => w.type === 'queue_metrics')?.visible, false);
    assert.ok(
      saved.some((w) => w.type === 'granite_heatmap' && w.id === 'heat'),
      'the unknown entry is written back',
    );
    assert.deepEqual(layoutRequests(), ['GET', 'PUT'], 'a check for changes, then the whole layout');
    await until(
      'the saved layout in the state',
      () => last?.layout?.savedCount && !last.layout.saving && last.layout.layout.widgets[0]?.width === 'full',
    );
  });

  it('local mode reads and writes nothing at Granite', async () => {
    await vscode.workspace.getConfiguration('granite').update('dashboard.layout', 'local', true);
    await openDashboard();
    sim.requests.length = 0;
    const storedBefore = sim.layouts.get(sim.apiKey);
    await postFromWebview({ type: 'reloadLayout' });
    const local = await until('local mode in the state', () =>
      last?.layout?.mode === 'local' ? last.layout : undefined,
    );
    assert.equal(local.source, 'local');
    const savedCount = local.savedCount;
    const edited = drawn(local.layout.widgets).map((w) => (w.type === 'success_rate' ? { ...w, visible: false } : w));
    await postFromWebview({ type: 'saveLayout', widgets: edited });
    await until(
      'the local save in the state',
      () =>
        last?.layout?.savedCount === savedCount + 1 &&
        last.layout.layout.widgets.find((w) => w.type === 'success_rate')?.visible === false,
    );
    assert.deepEqual(layoutRequests(), [], 'no GET and no PUT');
    assert.equal(sim.layouts.get(sim.apiKey), storedBefore, 'Granite’s layout untouched');
  });
});
