/**
 * The shared run data (src/runs/runData.ts, `services.runData`) in a real VS Code against the simulator:
 * opening a run costs at most four requests and none again within five minutes, and the failure's tooltip
 * in the Workflows view then carries its automation's history words, counted here from the simulator's
 * raw executions, without any further request.
 */
import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import type { RecentFailureItem } from '../../src/core/api/schemas';
import type { GraniteTestApi } from '../../src/extension';
import { automationExecutions } from '../simulator/runs';
import type { Simulator } from '../simulator/server';
import { plainText, until, withWorkflowsShown } from './simulatorSession';

describe('run data: requests and the failure tooltips', function () {
  let sim: Simulator;
  let api: GraniteTestApi;
  before(async () => ({ sim, api } = await withWorkflowsShown()));

  /** The tree item of a failure, as the tree builds it now. */
  function failureItems(): { item: vscode.TreeItem; failure: RecentFailureItem }[] {
    return api.tree
      .getChildren()
      .flatMap((root) => api.tree.getChildren(root))
      .flatMap((item) => {
        const failure = (item as unknown as { failure?: RecentFailureItem }).failure;
        return failure ? [{ item, failure }] : [];
      });
  }

  it('opening a run: ≤ 4 requests, 0 within 5 min; its failures then say how the automation has been doing', async () => {
    // A failure the simulator has details for (the notifications suite adds failures to its list alone).
    const { failure } = await until('a failure the simulator has details for', () =>
      failureItems().find((f) => sim.dataset.byId.has(f.failure.execution_id)),
    );
    api.ctx.runData.forget();
    const tooltip = () =>
      plainText(failureItems().find((f) => f.failure.execution_id === failure.execution_id)?.item.tooltip);
    assert.ok(!tooltip().includes('This automation:'), 'no words before a run of it was opened');

    const runRoutes = () =>
      sim.requests.filter((r) => r.path.startsWith('/api/organizations/') || r.path.startsWith('/api/agent-runs/'))
        .length;
    const before = runRoutes();
    const counted = api.store.requestCounts.run;
    const bundle = await api.ctx.runData.load({ executionId: failure.execution_id, runId: failure.run_id });
    const sent = runRoutes() - before;
    assert.ok(sent >= 2 && sent <= 4, `${sent} requests the first time`);
    assert.equal(api.store.requestCounts.run - counted, sent);
    assert.equal(bundle.detail.state, 'ok');

    // The automation's executions as the simulator serves them (its own index, newest first).
    const raw = (automationExecutions(sim.dataset, failure.run_id) ?? [])
      .slice(0, 50)
      .filter((e) => e.status !== 'running' && e.status !== 'pending')
      .slice(0, 20);
    const ratio = `${raw.filter((e) => e.status === 'failed').length} of the last ${raw.length} failed`;
    const text = await until('the words in the tooltip', () =>
      tooltip().includes('This automation:') ? tooltip() : undefined,
    );
    assert.ok(text.includes(ratio), `${ratio}\nin\n${text}`);

    const quiet = runRoutes();
    await api.ctx.runData.load({ executionId: failure.execution_id, runId: failure.run_id });
    failureItems();
    assert.equal(runRoutes(), quiet, 'reopened within 5 minutes, and the tooltips rebuilt: no request');
  });
});
