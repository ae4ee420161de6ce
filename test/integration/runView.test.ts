/**
 * The run view in code-server against the simulator: a failure opened from the tree (its item's own
 * command) opens one run view whose summary, result, history words and timeline equal the simulator's
 * data — computed here from its raw dataset and raw answers, not by our formatter — in the state the host
 * posts and, through the code-server harness, in the webview's DOM; reopening reveals the same panel and
 * sends no request; no signed link reaches the webview. Screenshots of each tab when the harness runs.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { GraniteTestApi } from '../../src/extension';
import type { RunViewEvent } from '../../src/runs/runView.vscode';
import type { RunViewState } from '../../src/runs/runViewProtocol';
import { isTerminal } from '../simulator/model';
import { runOutput } from '../simulator/runOutput';
import type { Simulator } from '../simulator/server';
import { traceKind } from '../simulator/traces';
import { control } from './control';
import { extensionApi, granite, until } from './simulatorSession';

interface TreeNode {
  failure?: { execution_id: string; run_id: string };
  command?: vscode.Command;
}

describe('the run view in VS Code', function () {
  this.timeout(120_000);
  let sim: Simulator;
  let api: GraniteTestApi;
  const posted: RunViewEvent[] = [];
  let subscription: { dispose(): void } | undefined;

  before(async () => {
    sim = await granite();
    api = await extensionApi();
    await vscode.commands.executeCommand('granite.refresh');
    await until('fresh data', () => api.store.state.batch && !api.store.state.loading);
    subscription = api.runViewEvents((e) => posted.push(e));
  });
  after(() => {
    subscription?.dispose();
    for (const view of api.runViews()) view.dispose();
  });

  /** A failure item of the tree whose automation has a trace of the kind wanted, if any, else the first. */
  function failureItem(): TreeNode & Required<Pick<TreeNode, 'failure' | 'command'>> {
    const items: TreeNode[] = api.tree
      .getChildren()
      .flatMap((root) => api.tree.getChildren(root as never) as TreeNode[])
      .filter((n) => n.failure && n.command);
    assert.ok(items.length, 'the tree shows failures');
    const kindOf = (n: TreeNode) => traceKind(sim.dataset.workflows.findIndex((w) => w.run_id === n.failure!.run_id));
    const chosen = items.find((n) => kindOf(n) !== 'none') ?? items[0]!;
    return chosen as TreeNode & Required<Pick<TreeNode, 'failure' | 'command'>>;
  }

  const lastState = (executionId: string): RunViewState | undefined =>
    posted
      .filter((e) => e.executionId === executionId && e.message?.type === 'state')
      .map((e) => (e.message as { state: RunViewState }).state)
      .at(-1);

  it('opens a failure from the tree: summary, result, history words and timeline as the simulator has them', async () => {
    const item = failureItem();
    const { execution_id: executionId, run_id: runId } = item.failure;
    const before = sim.requests.length;
    await vscode.commands.executeCommand(item.command.command, ...((item.command.arguments ?? []) as unknown[]));
    const view = await until('the run view', () => api.runViews().find((v) => v.executionId === executionId));
    const state = await until(
      'the loaded state',
      () => {
        const s = lastState(executionId);
        return s && !s.loading && s.detail.state === 'ok' && s.history.state === 'ok' ? s : undefined;
      },
      30_000,
    );
    // The identity lookup (/api/me and the analytics status) runs while the organisation is unknown.
    const sent = sim.requests
      .slice(before)
      .map((r) => r.path)
      .filter((p) => p !== '/api/me' && p !== '/api/analytics/status');
    assert.ok(sent.length <= 4, `at most 4 requests: ${sent.join(', ')}`);

    // Summary and result, from the raw execution and the simulator's own output generator.
    const raw = sim.dataset.executions.find((e) => e.execution_id === executionId)!;
    assert.ok(state.detail.state === 'ok');
    const detail = state.detail.value;
    assert.equal(detail.status, raw.status);
    assert.equal(Date.parse(detail.started_at), raw.started_at_ms);
    assert.equal(detail.triggered_by, raw.triggered_by);
    const output = runOutput(sim.dataset, raw);
    assert.ok(output, 'a finished execution has output');
    assert.equal(detail.result?.stdout, output.stdout);
    assert.equal(detail.result?.stderr, output.stderr);
    assert.equal(detail.result?.return_code, output.return_code);
    assert.equal(state.failure?.error_message, raw.error_message ?? undefined);

    // History: the automation's 50 newest, and the ratio counted from them.
    const mine = sim.dataset.executions
      .filter((e) => e.run_id === runId)
      .sort((a, b) => b.started_at_ms - a.started_at_ms)
      .slice(0, 50);
    assert.ok(state.history.state === 'ok');
    assert.deepEqual(
      state.history.value.executions.map((e) => e.execution_id).sort(),
      mine.map((e) => e.execution_id).sort(),
    );
    const recent = mine.filter((e) => isTerminal(e.status)).slice(0, 20);
    const failed = recent.filter((e) => e.status === 'failed').length;
    assert.equal(state.words?.ratio, `${failed} of the last ${recent.length} failed`);

    // Timeline: the raw trace the simulator answers, event for event, and no signed link in the state.
    const answer = await fetch(`${sim.url}/api/agent-runs/${encodeURIComponent(runId)}/trace`, {
      headers: { 'X-Granite-API-Key': sim.apiKey },
    });
    if (answer.status === 404) assert.equal(state.trace.state, 'none');
    else {
      const trace = (await answer.json()) as {
        message_trace: { timestamp: string | null; source: string; event_type: string; content: string | null }[];
      };
      if (state.trace.state === 'ok') {
        assert.deepEqual(
          state.trace.events.map((e) => [e.source, e.event_type, e.content]),
          trace.message_trace.map((e) => [e.source, e.event_type, e.content]),
        );
        // This run's only if every timed event lies within the execution; the simulator's trace always
        // names the automation as its rpa_run_id, so otherwise it is the session that created it.
        const [from, to] = [raw.started_at_ms, raw.completed_at_ms ?? Infinity];
        const within = trace.message_trace
          .filter((e) => e.timestamp)
          .every((e) => Date.parse(e.timestamp!) >= from && Date.parse(e.timestamp!) <= to);
        assert.equal(state.trace.owner, within ? 'this-run' : 'creating-session');
      } else assert.equal(state.trace.state, 'none', 'a trace of neither this run nor its creation is not shown');
    }
    const text = JSON.stringify(posted.filter((e) => e.executionId === executionId).map((e) => e.message));
    assert.doesNotMatch(text, /signature=|signed_url|\/sim\/screenshots\//, 'no signed link reaches the webview');

    // The webview's DOM (code-server harness): the summary and the words as drawn.
    if (control.available) {
      await control.waitFor('[data-field="executionId"]', { timeoutMs: 20_000 });
      assert.equal(await control.text('[data-field="executionId"]'), executionId);
      assert.equal(await control.text('[data-field="status"]'), raw.status);
      for (const tab of ['summary', 'result', 'automation', 'history', 'timeline']) {
        if (!(await control.count(`#tab-${tab}`))) continue;
        await control.click(`#tab-${tab}`);
        if (tab === 'history')
          assert.equal(await control.text('.history-words p'), state.words?.streak ?? state.words?.ratio);
        await control.screenshot(`run-view-code-server-${tab}`);
      }
    }

    // Reopening within 5 minutes reveals the same panel and asks Granite nothing.
    // Screenshots the Timeline asked for are fetched from the storage links meanwhile: API requests only.
    const apiRequests = () => sim.requests.filter((r) => r.path.startsWith('/api/')).length;
    const again = apiRequests();
    await vscode.commands.executeCommand('granite.openRun', { executionId, runId });
    assert.equal(api.runViews().filter((v) => v.executionId === executionId).length, 1);
    assert.equal(
      api.runViews().find((v) => v.executionId === executionId),
      view,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(apiRequests(), again, 'no request on reopening');
  });
});
