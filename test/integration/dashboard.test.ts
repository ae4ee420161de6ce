/**
 * The dashboard panel in code-server: Show Analytics opens it (once), it costs no request when the data
 * is fresh, the webview's `ready` reaches the host through the validated protocol, and it renders the
 * simulator's numbers.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { GraniteTestApi } from '../../src/extension';
import type { Simulator } from '../simulator/server';
import { formatCount } from '../../src/core/format';
import { control } from './control';
import { batchRequests, extensionApi, granite, until } from './simulatorSession';
import { webviewMessages } from './dashboardMessages';

describe('the dashboard panel in VS Code', function () {
  let sim: Simulator;
  let api: GraniteTestApi;

  before(async () => {
    sim = await granite();
    api = await extensionApi();
    await vscode.commands.executeCommand('granite.refresh');
    await until('fresh data', () => api.store.state.batch && !api.store.state.loading);
  });

  after(() => api.dashboard()?.dispose());

  it('opens with Show Analytics, once, and costs no request when the data is fresh', async () => {
    const before = batchRequests(sim);
    await vscode.commands.executeCommand('granite.showAnalytics');
    const panel = await until('the panel', () => api.dashboard());
    await until('the webview to say it is ready', () => webviewMessages(panel).handled > 0);
    await vscode.commands.executeCommand('granite.showAnalytics');
    assert.equal(api.dashboard(), panel, 'one panel at a time');
    assert.equal(
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('granite.dashboard'))
        .length,
      1,
    );
    assert.equal(batchRequests(sim), before, 'opening the dashboard sent no request');
    assert.equal(webviewMessages(panel).rejected, 0);
  });

  it('renders the simulator’s numbers, and Open run in a row opens the run view', async function () {
    assert.ok(control.available, "reading the webview's DOM needs the code-server harness (npm run test:integration)");
    await vscode.commands.executeCommand('granite.showAnalytics');
    const summary = api.store.state.batch?.sections.summary;
    assert.ok(summary);
    const total = formatCount(summary.total_executions, vscode.env.language);
    await until('the KPI cards', async () => (await control.text('#kpi-total .kpi-value')) === total, 20_000);
    const failures = formatCount(summary.total_failures, vscode.env.language);
    assert.equal(await control.text('#kpi-failures .kpi-value'), failures);
    await control.screenshot('dashboard-in-code-server');
    const firstFailure = api.store.state.batch?.sections.recent_failures?.data[0];
    assert.ok(firstFailure);
    await control.click('button:has-text("Open run")');
    // The first row's run opens in its run view.
    const view = await until('the run view', () =>
      api.runViews().find((v) => v.executionId === firstFailure.execution_id),
    );
    view.dispose();
  });

  it('sends one request per refresh with the tree, the status bar and the panel all showing', async () => {
    await vscode.commands.executeCommand('granite.showAnalytics');
    const panel = await until('the panel', () => api.dashboard());
    await vscode.commands.executeCommand('granite.workflows.focus');
    await until('tree and panel visible', () => api.tree.view.visible && panel.visible);
    const before = batchRequests(sim);
    await vscode.commands.executeCommand('granite.refresh');
    const sent = batchRequests(sim) - before;
    console.log(`[figure] batch requests per refresh (tree, status bar, panel) = ${sent} count`);
    assert.equal(sent, 1);
  });

  it('counts the panel as a visible Granite view for the scheduler, and stops counting it when closed', async () => {
    const panel = await until('the panel', () => api.dashboard());
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await until('the tree to be hidden', () => !api.tree.view.visible);
    assert.equal(panel.visible, true);
    assert.equal(api.viewVisible(), true, 'the panel alone keeps a Granite view visible');
    panel.dispose();
    assert.equal(api.viewVisible(), false, 'neither the tree nor a panel is visible');
    await vscode.commands.executeCommand('granite.workflows.focus');
    await until('the tree again', () => api.tree.view.visible);
  });
});
