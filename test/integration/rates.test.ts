/**
 * The tree and the status bar in a real VS Code take a rate from its counts: when Granite rounds 1,999 of
 * 2,000 up to 100 (the simulator's batch, rewritten so), neither reads 100. The expectation is worked
 * out from the counts (test/unit/helpers), not by the formatter under test.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { BatchedAnalyticsResponse } from '../../src/core/api/schemas';
import type { GraniteTestApi } from '../../src/extension';
import type { Simulator } from '../simulator/server';
import { expectedShare } from '../unit/helpers/expectedShare';
import { plainText, until, withWorkflowsShown } from './simulatorSession';

/** Every batch (this period's, the previous one's, on-demand ones) as a server that rounds its rates. */
function roundedUp(json: unknown): unknown {
  const batch = json as BatchedAnalyticsResponse;
  batch.summary = { ...batch.summary, total_executions: 2000, completed: 1999, total_failures: 1, success_rate: 100 };
  const top = batch.top_automations.data[0];
  if (top) Object.assign(top, { executions: 2000, completed: 1999, failures: 1, success_rate: 100 });
  return batch;
}

describe('rates from counts in VS Code', function () {
  let sim: Simulator;
  let api: GraniteTestApi;

  before(async () => {
    ({ sim, api } = await withWorkflowsShown());
    // The expectation below is written in English digits.
    assert.match(vscode.env.language, /^en\b/);
    await vscode.commands.executeCommand('granite.clearFilters');
    sim.faults.always({ kind: 'transform', transform: roundedUp });
    await vscode.commands.executeCommand('granite.refresh');
    await until(
      'the rounded batch',
      () => api.store.state.batch?.sections.summary?.completed === 1999 && !api.store.state.loading,
    );
  });

  after(async () => {
    sim.faults.clear();
    await vscode.commands.executeCommand('granite.refresh');
    await until(
      'the simulator’s own batch again',
      () => api.store.state.batch?.sections.summary?.completed !== 1999 && !api.store.state.loading,
    );
  });

  it('the status bar and its tooltip read >99.9%, not 100', async () => {
    const expected = expectedShare(1999, 2000);
    await until('the status bar text', () => api.statusBar.item.text === `$(pulse) ${expected}`);
    assert.match(plainText(api.statusBar.item.tooltip), new RegExp(`Success rate: ${escape(expected)}`));
    assert.equal(api.statusBar.item.accessibilityInformation?.label, `Granite success rate ${expected}`);
  });

  it('the workflow’s tree item and its tooltip read >99.9%, not 100', async () => {
    const name = api.store.state.batch!.sections.top_automations!.data[0]!.workflow_name;
    const expected = expectedShare(1999, 2000);
    const item = await until('the workflow’s item', () =>
      api.tree.getChildren().find((i) => 'row' in i && i.row.name === name),
    );
    // A trend follows the rate when the previous period held was fetched before the rewrite.
    assert.match(
      String(item.description),
      new RegExp(`^${escape(expected)}( [▲▼] [<>]?\\d+\\.\\d pts)? · 2,000 runs$`),
    );
    assert.match(plainText(item.tooltip), new RegExp(`Success rate: ${escape(expected)}`));
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
