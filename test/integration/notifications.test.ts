/**
 * New-failure notifications in a real VS Code against the simulator: none at start-up or after a filter
 * change, one after a scheduled refresh that brings new failures (naming the workflow, with no link or
 * icon formed from its name), none when nothing new arrived.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DisposableLike } from '../../src/core/disposable';
import type { GraniteTestApi } from '../../src/extension';
import { appendExecution } from '../simulator/model';
import { forgetAutomationIndex } from '../simulator/runs';
import type { Execution, Simulator } from '../simulator/server';
import { until, withWorkflowsShown } from './simulatorSession';

/** Adds failed runs that started just now to the simulator's data (its batches are computed per request). */
function addFailures(sim: Simulator, workflow: string, count: number): string[] {
  const template = sim.dataset.executions.find((e) => e.workflow_name === workflow)!;
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const at = Date.now() - 1000 + i;
    const id = `exec_notify_${at}_${i}`;
    const failed: Execution = {
      ...template,
      execution_id: id,
      status: 'failed',
      started_at_ms: at,
      completed_at_ms: at + 10,
      duration_ms: 10,
      error_category: 'timeout',
      error_message: 'Timed out waiting for the window',
    };
    appendExecution(sim.dataset, failed); // with its details and history, as Granite would have them
    forgetAutomationIndex(sim.dataset);
    ids.push(id);
  }
  return ids;
}

describe('new-failure notifications in VS Code', function () {
  let sim: Simulator;
  let api: GraniteTestApi;
  const settings = () => vscode.workspace.getConfiguration('granite');
  /** The text of every notification shown since the suite started (the notifier's event). */
  const notified: string[] = [];
  const shown = (): readonly string[] => notified;
  let subscription: DisposableLike | undefined;

  before(async () => {
    ({ sim, api } = await withWorkflowsShown());
    await vscode.commands.executeCommand('granite.clearFilters');
    await settings().update('notifications.newFailures', 'all', vscode.ConfigurationTarget.Global);
    const notifier = await until('the failure notifier (made on the first load)', () => api.notifier());
    subscription = notifier.onDidNotify((text) => notified.push(text));
  });

  after(async () => {
    subscription?.dispose();
    await settings().update('notifications.newFailures', undefined, vscode.ConfigurationTarget.Global);
  });

  it('does not notify about failures that were there at start-up', async () => {
    api.notifier()!.reset(); // as after start-up: the next load is the first
    addFailures(sim, sim.dataset.workflows[0]!.name, 2);
    await api.store.refresh('scheduled');
    assert.deepEqual(shown(), []);
  });

  it('notifies once after a scheduled refresh with new failures, and not again for the same ones', async () => {
    await api.store.refresh('scheduled'); // the memory now holds this window's current failures
    const shownBefore = shown().length;
    const workflow = sim.dataset.workflows[0]!.name;
    addFailures(sim, workflow, 3);
    await api.store.refresh('scheduled');
    await until('the notification', () => shown().length > shownBefore);
    assert.equal(shown().length, shownBefore + 1, 'one notification per refresh');
    const text = shown().at(-1)!;
    assert.match(text, /^3 new failures in "/);
    assert.ok(text.includes(workflow.replace(/\](?=\s*\()/g, ']\u200b')), text);
    await api.store.refresh('scheduled');
    assert.equal(shown().length, shownBefore + 1, 'the same failures never notify twice');
  });

  it('does not notify after a filter change, nor after a user refresh', async () => {
    const shownBefore = shown().length;
    addFailures(sim, sim.dataset.workflows[1]!.name, 1);
    await api.store.setFilters({ ...api.store.state.filters, range: { kind: 'preset', preset: '30d' } });
    await api.store.refresh('scheduled');
    addFailures(sim, sim.dataset.workflows[1]!.name, 1);
    await api.store.refresh('user');
    assert.equal(shown().length, shownBefore);
    await vscode.commands.executeCommand('granite.clearFilters');
  });
});
