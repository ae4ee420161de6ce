/**
 * Pinned workflows in a real VS Code: pinned from the tree's context command, listed first, and — with
 * `granite.statusBar.scope` = `pinned` — the status bar shows their combined rate from the simulator's
 * counts.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { formatShare } from '../../src/core/format';
import type { GraniteTestApi } from '../../src/extension';
import type { Simulator } from '../simulator/server';
import { plainText, until, withWorkflowsShown } from './simulatorSession';

describe('pinned workflows in VS Code', function () {
  let sim: Simulator;
  let api: GraniteTestApi;
  const settings = () => vscode.workspace.getConfiguration('granite');

  before(async () => {
    ({ sim, api } = await withWorkflowsShown());
    await vscode.commands.executeCommand('granite.clearFilters');
  });

  after(async () => {
    for (const name of api.pins.list()) await vscode.commands.executeCommand('granite.unpinWorkflow', name);
    await settings().update('statusBar.scope', undefined, vscode.ConfigurationTarget.Global);
  });

  it('pins from the tree item and lists pinned workflows first', async () => {
    const covered = api.tree.currentRows.filter((r) => r.coverage === 'covered' && r.executions !== undefined);
    const [a, b] = [covered.at(-1)!, covered.at(-2)!];
    const item = api.tree.getChildren().find((i) => 'row' in i && i.row.name === a.name)!;
    await vscode.commands.executeCommand('granite.pinWorkflow', item);
    await vscode.commands.executeCommand('granite.pinWorkflow', b.name);
    // Pinned rows come first, in the tree's own order among themselves.
    await until(
      'pinned first',
      () =>
        new Set(api.tree.currentRows.slice(0, 2).map((r) => r.name)).size === 2 &&
        api.tree.currentRows.slice(0, 2).every((r) => r.name === a.name || r.name === b.name),
    );
    const first = api.tree.getChildren()[0]!;
    assert.match(String(first.description), /^pinned · /);
    assert.match(String(first.contextValue), / pinned$/);
  });

  it('shows the pinned workflows’ combined rate in the status bar when scoped to them', async () => {
    await settings().update('statusBar.scope', 'pinned', vscode.ConfigurationTarget.Global);
    const [a, b] = api.tree.currentRows.slice(0, 2);
    const expected = formatShare(a!.completed! + b!.completed!, a!.executions! + b!.executions!);
    await until('the pinned rate', () => api.statusBar.item.text.includes(expected));
    assert.match(api.statusBar.item.text, /\$\(pinned\)/);
    assert.match(plainText(api.statusBar.item.tooltip), /Pinned workflows: /);
    assert.ok(sim.dataset.workflows.some((w) => w.name === a!.name));
  });
});
