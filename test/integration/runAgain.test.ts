/**
 * Run Again in a real VS Code against the simulator, in both trust states (`@trust`: the second runner
 * invocation runs it in Restricted Mode). Trusted: with the setting off nothing is sent; with it on, the
 * confirmation decides (answered through GraniteTestApi's door; without it, VS Code's modal, which VS Code
 * refuses to show under its extension tests: a "no"): "no", or a switch of environment while it is open,
 * sends nothing; "yes" sends exactly one run
 * with the confirmed parameters, which is opened, followed to its end and announced once, as the
 * simulator planned it. Untrusted: nothing is sent and the confirmation is never asked.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DisposableLike } from '../../src/core/disposable';
import type { GraniteTestApi } from '../../src/extension';
import type { RunAgainOutcome } from '../../src/runAgain/runAgain';
import type { Simulator } from '../simulator/server';
import { until, withWorkflowsShown } from './simulatorSession';

const untrustedRun = process.env.GRANITE_IT_UNTRUSTED === '1';

describe(`Run Again in ${untrustedRun ? 'an untrusted' : 'a trusted'} workspace @trust`, function () {
  this.timeout(90_000);
  let sim: Simulator;
  let api: GraniteTestApi;
  const asked: { message: string; detail: string }[] = [];
  const announced: string[] = [];
  let subscription: DisposableLike | undefined;
  const settings = () => vscode.workspace.getConfiguration('granite');
  const setAllowed = (on: boolean | undefined) =>
    settings().update('runs.allowRunAgain', on, vscode.ConfigurationTarget.Global);
  const answer = (yes: boolean, meanwhile?: () => Promise<void>) =>
    api.answerConfirmation(async (text) => {
      asked.push(text);
      await meanwhile?.();
      return yes;
    });

  /** A recent failure of a workflow with (or without) an endpoint, and its automation's info from the simulator. */
  async function failureOf(withEndpoint: boolean) {
    const failure = api.store
      .allFailures()
      // Only executions the simulator has details for (another suite adds failures to its list alone).
      .filter((f) => sim.dataset.byId.has(f.execution_id))
      .find(
        (f) => (sim.dataset.workflows.find((w) => w.run_id === f.run_id)?.endpoints.length ?? 0) > 0 === withEndpoint,
      );
    assert.ok(failure, `a recent failure of a workflow ${withEndpoint ? 'with' : 'without'} an endpoint`);
    const response = await fetch(`${sim.url}/api/organizations/${sim.orgId}/automations/${failure.run_id}/info`, {
      headers: { 'X-Granite-API-Key': sim.apiKey },
    });
    const info = (await response.json()) as {
      parameters_schema: { properties: Record<string, { type?: string; enum?: unknown[] }> };
    };
    // Valid parameters built from the schema as served, independently of the extension's checker.
    const parameters: Record<string, unknown> = {};
    for (const [name, rule] of Object.entries(info.parameters_schema.properties))
      parameters[name] = rule.enum
        ? rule.enum.at(-1)
        : rule.type === 'boolean'
          ? true
          : rule.type === 'integer'
            ? 7
            : 'again';
    return { failure, parameters };
  }
  const run = (executionId: string, parameters: Record<string, unknown>, extra: object = {}) =>
    vscode.commands.executeCommand<RunAgainOutcome>('granite.runAgain', {
      executionId,
      parametersJson: JSON.stringify(parameters),
      ...extra,
    });

  before(async () => {
    ({ sim, api } = await withWorkflowsShown());
    // This simulator's failures, whatever an earlier suite (another simulator, added runs) left in the store.
    await vscode.commands.executeCommand('granite.refresh');
    await until('fresh data', () => api.store.state.batch && !api.store.state.loading);
    subscription = api.runAgain.onDidAnnounce((text) => announced.push(text));
  });
  beforeEach(() => {
    asked.length = 0;
    announced.length = 0;
    sim.writes.received.length = 0;
    sim.faults.clear();
  });
  after(async () => {
    subscription?.dispose();
    for (const view of api.runViews()) view.dispose();
    api.answerConfirmation(undefined);
    await setAllowed(undefined);
  });

  if (untrustedRun) {
    it('nothing is sent and nothing asked, even with the setting on', async () => {
      assert.equal(vscode.workspace.isTrusted, false);
      await setAllowed(true);
      answer(true);
      const { failure, parameters } = await failureOf(true);
      const outcome = await run(failure.execution_id, parameters);
      assert.equal(outcome?.kind, 'not-allowed');
      assert.match(outcome.message, /untrusted workspace/);
      assert.equal(api.runAgain.isAllowed(), false);
      assert.deepEqual(asked, []);
      assert.deepEqual(sim.writes.received, []);
    });
    return;
  }

  it('with the setting off, nothing is sent and nothing asked', async () => {
    await setAllowed(undefined);
    answer(true);
    const { failure, parameters } = await failureOf(true);
    const outcome = await run(failure.execution_id, parameters);
    assert.equal(outcome?.kind, 'not-allowed');
    assert.equal(api.runAgain.isAllowed(), false);
    assert.deepEqual(asked, []);
    assert.deepEqual(sim.writes.received, []);
  });

  it('the chat tools, called as an agent would, send nothing and ask nothing (with the setting on)', async () => {
    await setAllowed(true);
    await until('the setting to apply', () => api.runAgain.isAllowed());
    answer(true);
    const { failure } = await failureOf(true);
    const before = sim.requests.length;
    const tools = vscode.lm.tools.filter((tool) => tool.name.startsWith('granite_'));
    assert.ok(tools.length >= 2, 'the Granite tools are registered');
    const inputs = [
      {},
      { workflow: failure.workflow_name, dateRange: '7d' },
      { executionId: failure.execution_id, runAgain: true, parameters: { region: 'NA' } },
    ];
    let answered = 0;
    for (const tool of tools)
      for (const input of inputs)
        answered += await vscode.lm.invokeTool(tool.name, { input, toolInvocationToken: undefined }).then(
          () => 1,
          () => 0,
        );
    assert.ok(answered > 0, 'some tool calls were answered');
    assert.deepEqual(asked, []);
    assert.deepEqual(sim.writes.received, []);
    const sent = sim.requests.slice(before);
    assert.ok(
      sent.every((r) => r.method === 'GET' || r.path === '/api/analytics/batch'),
      'only reads',
    );
  });

  it('answered "no" (whatever the command arguments claim), nothing is sent; the dialog names what would run', async () => {
    await setAllowed(true);
    await until('the setting to apply', () => api.runAgain.isAllowed());
    answer(false);
    const { failure, parameters } = await failureOf(true);
    const outcome = await run(failure.execution_id, parameters, {
      confirmed: true,
      skipConfirmation: true,
      modal: false,
    });
    assert.equal(outcome?.kind, 'cancelled');
    assert.equal(asked.length, 1, 'asked once');
    assert.equal(asked[0]!.message, `Run "${failure.workflow_name}" again?`);
    assert.match(asked[0]!.detail, /runs the automation for real on the organisation's drivers in Acme Automation/);
    assert.ok(asked[0]!.detail.includes(`Environment: default connection (${sim.url})`), asked[0]!.detail);
    assert.match(asked[0]!.detail, /Organisation: Acme Automation/);
    assert.deepEqual(sim.writes.received, []);
  });

  it('an environment switched while the dialog is open: nothing is sent', async () => {
    await settings().update(
      'environments',
      [{ name: 'Elsewhere', apiBaseUrl: 'http://127.0.0.1:9' }],
      vscode.ConfigurationTarget.Global,
    );
    await setAllowed(true);
    try {
      answer(true, () => api.switchEnvironment('Elsewhere'));
      const { failure, parameters } = await failureOf(true);
      const outcome = await run(failure.execution_id, parameters);
      assert.equal(outcome?.kind, 'environment-changed');
      assert.deepEqual(sim.writes.received, []);
    } finally {
      await api.switchEnvironment(undefined);
      await settings().update('environments', undefined, vscode.ConfigurationTarget.Global);
    }
    await until('the default connection again', () => api.store.state.batch && !api.store.state.loading);
  });

  for (const withEndpoint of [true, false]) {
    it(`answered "yes": one run through ${withEndpoint ? 'its endpoint' : 'execute'} with the confirmed parameters, opened, followed, announced once`, async () => {
      await setAllowed(true);
      answer(true);
      const { failure, parameters } = await failureOf(withEndpoint);
      const outcome = await run(failure.execution_id, parameters);
      assert.equal(outcome?.kind, 'started', JSON.stringify(outcome));
      assert.equal(sim.writes.received.length, 1, 'exactly one write');
      const [write] = sim.writes.received;
      assert.equal(write!.route, withEndpoint ? 'endpoint' : 'execute');
      assert.deepEqual(
        write!.body,
        withEndpoint
          ? parameters
          : { parameters: Object.entries(parameters).map(([name, value]) => ({ name, value })) },
      );
      await until('the end announced', () => announced.length > 0, 60_000);
      const expected =
        write!.planned.status === 'completed'
          ? `Run Again: "${failure.workflow_name}" completed.`
          : `Run Again: "${failure.workflow_name}" ended as ${write!.planned.status}. Its run view shows why.`;
      assert.deepEqual(announced, [expected]);
      // Open Run opens the run view (the text document is Open Run as Text).
      await until('the new run open', () => api.runViews().some((view) => view.executionId === write!.executionId));
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      assert.equal(announced.length, 1, 'announced once');
      assert.equal(sim.writes.received.length, 1, 'never sent again');
      assert.ok(api.store.requestCounts.runAgain > 0);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });
  }

  it("without the test door, VS Code's own modal decides: unanswered (VS Code refuses dialogs under its tests), nothing is sent", async () => {
    await setAllowed(true);
    api.answerConfirmation(undefined);
    const { failure, parameters } = await failureOf(true);
    const outcome = await run(failure.execution_id, parameters, { confirmed: true });
    assert.equal(outcome?.kind, 'cancelled');
    assert.deepEqual(asked, [], 'the door was not asked');
    assert.deepEqual(sim.writes.received, []);
  });
});
