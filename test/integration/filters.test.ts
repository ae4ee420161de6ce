/**
 * Filters and on-demand figures in a real VS Code: the date range and filter quick picks are driven
 * through the real UI, each change costs one request, the tree follows; an uncovered workflow is loaded
 * with one filtered request when expanded, and only once; the file cache paints without a request.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { GraniteTestApi } from '../../src/extension';
import type { WorkflowItem } from '../../src/workflows/workflowItem.vscode';
import type { Simulator } from '../simulator/server';
import { control } from './control';
import { batchRequests, until, withWorkflowsShown } from './simulatorSession';

const day = 86_400_000;

function lastBatchBody(sim: Simulator): Record<string, string> {
  const last = [...sim.requests].reverse().find((r) => r.path === '/api/analytics/batch');
  return (last?.body ?? {}) as Record<string, string>;
}

/** Picks an item in the open quick pick by typing its label and pressing Enter. */
async function pick(title: string, label: string): Promise<void> {
  await until(`the "${title}" quick pick`, async () =>
    (await control.text('.quick-input-widget .quick-input-title'))?.includes(title),
  );
  await control.type(label);
  await control.press('Enter');
}

describe('filters and on-demand figures in VS Code', function () {
  let sim: Simulator;
  let api: GraniteTestApi;

  before(async () => {
    ({ sim, api } = await withWorkflowsShown());
    // The previous period's request after a filter change is counted in the comparison suite; here only
    // the filters' own request is.
    await vscode.workspace
      .getConfiguration('granite')
      .update('compareWithPreviousPeriod', false, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('granite.clearFilters');
  });

  after(async () => {
    await vscode.workspace
      .getConfiguration('granite')
      .update('compareWithPreviousPeriod', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('granite.clearFilters');
  });

  it('sets the date range from the quick pick with one request', async function () {
    assert.ok(control.available, "typing into VS Code's UI needs the code-server harness (npm run test:integration)");
    const before = batchRequests(sim);
    const done = vscode.commands.executeCommand('granite.setDateRange');
    await pick('Set Date Range', 'Last 30 days');
    await done;
    await until('the 30-day batch', () => api.store.state.batch && !api.store.state.loading);
    assert.deepEqual(api.store.state.filters.range, { kind: 'preset', preset: '30d' });
    assert.equal(batchRequests(sim) - before, 1);
    const body = lastBatchBody(sim);
    const span = Date.parse(body.end_date!) - Date.parse(body.start_date!);
    assert.ok(Math.abs(span - 30 * day) < 60_000, `a 30-day range was requested (${span / day} days)`);
    assert.equal(body.granularity, 'day');
  });

  it('sets a trigger filter through Set Filters; the tree says it is filtered', async function () {
    assert.ok(control.available, "typing into VS Code's UI needs the code-server harness (npm run test:integration)");
    const done = vscode.commands.executeCommand('granite.setFilters');
    await pick('Set Filters', 'Trigger');
    await pick('Trigger', 'API');
    await done;
    await until('the filtered batch', () => api.store.state.batch && !api.store.state.loading);
    assert.equal(api.store.state.filters.trigger, 'endpoint');
    assert.equal(lastBatchBody(sim).triggered_by, 'endpoint');
    assert.match(api.tree.view.message ?? '', /Filtered: .*endpoint/);
  });

  it('clears the filters back to the settings’ defaults with one request', async () => {
    const before = batchRequests(sim);
    await vscode.commands.executeCommand('granite.clearFilters');
    assert.deepEqual(api.store.state.filters, { range: { kind: 'preset', preset: '7d' }, granularity: 'auto' });
    assert.equal(batchRequests(sim) - before, 1);
    assert.equal(lastBatchBody(sim).triggered_by, undefined);
  });

  it('loads an uncovered workflow with one filtered request when expanded, and only once', async () => {
    const items = api.tree.getChildren() as WorkflowItem[]; // the roots are the workflows
    const uncovered = items.find((i) => i.row.coverage === 'not-in-batch');
    assert.ok(uncovered, 'the default dataset has a workflow the capped sections do not cover');
    const name = uncovered.row.name;
    const forWorkflow = () =>
      sim.requests.filter(
        (r) =>
          r.path === '/api/analytics/batch' &&
          (r.body as { workflow_name?: string } | undefined)?.workflow_name === name,
      ).length;
    assert.equal(forWorkflow(), 0, 'nothing is fetched for it until the user asks');
    await api.tree.view.reveal(uncovered, { expand: true, select: false });
    await until('its figures', () => api.store.onDemandRows.get(name));
    assert.equal(forWorkflow(), 1);
    const row = api.tree.currentRows.find((r) => r.name === name);
    assert.notEqual(row?.coverage, 'not-in-batch');
    await vscode.commands.executeCommand('workbench.actions.treeView.granite.workflows.collapseAll');
    const again = api.tree.getChildren().find((i) => (i as { row?: { name: string } }).row?.name === name)!;
    const counted = api.store.requestCounts.workflow;
    await api.tree.view.reveal(again, { expand: true, select: true });
    // Proving that nothing is sent needs a window of time; a request would be counted synchronously.
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(api.store.requestCounts.workflow, counted, 'expanding again sends nothing');
    assert.equal(forWorkflow(), 1);
  });

  it('paints from the file cache without a request, marked as cached, then refreshes', async () => {
    const shown = api.store.state.batch;
    assert.ok(shown);
    const before = batchRequests(sim);
    api.store.reset();
    assert.equal(api.store.state.batch, undefined);
    await api.store.loadCache();
    assert.equal(batchRequests(sim), before, 'the cache costs no request');
    assert.equal(api.store.state.fromCache, true);
    const cached = (api.store.state as { batch?: typeof shown }).batch;
    assert.deepEqual(cached?.sections.summary, shown.sections.summary);
    assert.match(api.tree.view.message ?? '', /Cached data from/);
    await vscode.commands.executeCommand('granite.refresh');
    assert.equal(api.store.state.fromCache, false);
  });
});
