/**
 * The extension in a real VS Code (code-server) against the Granite API simulator: activation, commands,
 * the tree and status bar showing the simulator's own figures, one request per refresh, and run details.
 */
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import type { BatchedAnalyticsResponse } from '../../src/core/api/schemas';
import { formatCount, formatShare, rateOf } from '../../src/core/format';
import type { GraniteTestApi } from '../../src/extension';
import type { Simulator } from '../simulator/server';
import { control } from './control';
import {
  batchRequests,
  extensionApi,
  plainText,
  reportRequestCounts,
  until,
  withWorkflowsShown,
} from './simulatorSession';

/** What the simulator answers to exactly the body the extension sent last. */
async function expectedForLastRequest(sim: Simulator): Promise<BatchedAnalyticsResponse> {
  const last = [...sim.requests].reverse().find((r) => r.path === '/api/analytics/batch' && r.status === 200);
  assert.ok(last, 'the extension sent a batch request');
  const response = await fetch(`${sim.url}/api/analytics/batch`, {
    method: 'POST',
    headers: { 'X-Granite-API-Key': sim.apiKey, 'Content-Type': 'application/json' },
    body: JSON.stringify(last.body),
  });
  return (await response.json()) as BatchedAnalyticsResponse;
}

// A root hook: runs once after every suite of the run, so the counts cover all of them.
after(async () => reportRequestCounts(await extensionApi()));

describe('Granite Analytics in VS Code', function () {
  let sim: Simulator;
  let api: GraniteTestApi;

  before(async () => {
    ({ sim, api } = await withWorkflowsShown());
    await vscode.commands.executeCommand('granite.refresh');
    await until('data from the simulator', () => api.store.state.batch && !api.store.state.fromCache);
  });

  beforeEach(() => sim.faults.clear());

  it('activates from its contributions and registers every command', async () => {
    const extension = vscode.extensions.getExtension('granite-analytics.granite-analytics')!;
    assert.equal(extension.isActive, true);
    const manifest = extension.packageJSON as {
      contributes: { commands: { command: string }[] };
      activationEvents: string[];
    };
    const contributed = manifest.contributes.commands.map((c) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const command of contributed) assert.ok(registered.has(command), `${command} is registered`);
    assert.ok(!manifest.activationEvents.includes('*'));
    assert.ok(api.activationMs >= api.activationParts.bodyMs && api.activationParts.bodyMs > 0);
    console.log(`[figure] activate() in code-server = ${api.activationMs.toFixed(1)} ms`);
    console.log(`[figure] bundle evaluated in code-server = ${api.activationParts.bundleMs.toFixed(1)} ms`);
    console.log(`[figure] activate() body in code-server = ${api.activationParts.bodyMs.toFixed(1)} ms`);
  });

  it('lists the simulator’s workflows with the success rates it computed', async () => {
    const expected = await expectedForLastRequest(sim);
    const rows = api.tree.currentRows;
    assert.deepEqual(
      new Set(rows.map((r) => r.name)),
      new Set([
        ...expected.workflows,
        ...expected.top_automations.data.map((t) => t.workflow_name),
        ...expected.workflow_complexity.data.map((c) => c.workflow_name),
      ]),
    );
    const items = api.tree.getChildren();
    for (const top of expected.top_automations.data) {
      const item = items.find((i) => i.label === top.workflow_name);
      assert.ok(item, `${top.workflow_name} is in the tree`);
      // Shown from the counts (the server's rate is rounded); both come from the simulator.
      // The rate, its trend against the previous period once that has loaded, and the runs.
      const [rate, runs] = [
        formatShare(top.completed, top.executions, vscode.env.language),
        formatCount(top.executions, vscode.env.language),
      ];
      const description = String(item.description);
      assert.ok(
        description === `${rate} · ${runs} runs` ||
          new RegExp(`^${rate.replace('.', '\\.')} [▲▼] [<>]?\\d+\\.\\d pts · ${runs} runs$`).test(description),
        description,
      );
      assert.ok(
        Math.abs(rateOf(top.completed, top.executions)! - top.success_rate) < 0.01,
        'the simulator’s rate agrees with its counts',
      );
    }
    // Worst first: the known rates ascend.
    const rates = rows.filter((r) => r.successRate !== undefined).map((r) => r.successRate!);
    assert.deepEqual(
      rates,
      [...rates].sort((a, b) => a - b),
    );
  });

  it('shows the summary’s success rate in the status bar', async () => {
    const expected = await expectedForLastRequest(sim);
    const { completed, total_executions: total, success_rate: sent } = expected.summary;
    assert.equal(api.statusBar.item.text, `$(pulse) ${formatShare(completed, total, vscode.env.language)}`);
    assert.ok(Math.abs(rateOf(completed, total)! - sent) < 0.01, 'the summary’s rate agrees with its counts');
    const tooltip = plainText(api.statusBar.item.tooltip);
    assert.match(tooltip, /Total executions/);
    assert.match(tooltip, /GRANITE_API_KEY/);
  });

  it('sends exactly one request per refresh with the tree and status bar showing', async () => {
    assert.equal(api.tree.view.visible, true);
    const before = batchRequests(sim);
    await Promise.all([
      vscode.commands.executeCommand('granite.refresh'),
      vscode.commands.executeCommand('granite.refresh'),
    ]);
    assert.equal(batchRequests(sim) - before, 1);
  });

  it('opens run details from a failure, complete from the record and enriched from Granite', async () => {
    const failure = api.store.allFailures()[0];
    assert.ok(failure, 'the simulator data has recent failures');
    await vscode.commands.executeCommand('granite.openRunAsText', {
      executionId: failure.execution_id,
      runId: failure.run_id,
    });
    const editor = await until('the run document', () => {
      const active = vscode.window.activeTextEditor;
      return active?.document.uri.scheme === 'granite-run' ? active : undefined;
    });
    const text = () => editor.document.getText();
    assert.ok(text().includes(failure.execution_id));
    assert.ok(text().includes(failure.run_id));
    if (failure.error_message) assert.ok(text().includes(failure.error_message));
    await until('the execution details', () => /Parameters|Result|not available/.test(text()));
    assert.ok(
      sim.requests.some((r) => r.path.endsWith(`/executions/${failure.execution_id}`)),
      'the execution-detail route was asked',
    );
    // The browser cannot be driven from here: the test takes the place of the external opener.
    const opened: string[] = [];
    api.useOpener((uri) => {
      opened.push(uri.toString());
      return Promise.resolve(true);
    });
    try {
      const url = await vscode.commands.executeCommand<string>('granite.openRunInGranite');
      assert.deepEqual(opened, [url]);
      assert.equal(new URL(url).host, 'app.getgranite.ai');
    } finally {
      api.restoreOpener();
    }
    const copied = await vscode.commands.executeCommand<string>('granite.copyExecutionId');
    assert.equal(copied, failure.execution_id);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('takes a screenshot of the sidebar and status bar (code-server runner)', async () => {
    await vscode.commands.executeCommand('granite.workflows.focus');
    if (control.available) await control.waitFor('[aria-label^="Granite success rate"]');
    const file = await control.screenshot('sidebar-and-status-bar');
    // Under test-electron there is no harness to take it; under code-server it must exist.
    assert.ok(!control.available || (file !== undefined && existsSync(file)), 'the screenshot was written');
  });
});
