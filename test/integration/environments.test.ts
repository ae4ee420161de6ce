/**
 * Environments in a real VS Code: a second Granite (another simulator with its own key) configured in
 * `granite.environments`. Switching to it asks for its key and sends nothing until there is one, sends
 * only its own key there, and switching back sends only the default key to the default origin — the two
 * simulators' request logs show no key ever reached the wrong origin.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { GraniteTestApi } from '../../src/extension';
import { startSimulator, type Simulator } from '../simulator/server';
import { until, withWorkflowsShown } from './simulatorSession';
import { testKeys } from './testKeys';

describe('environments in VS Code', function () {
  let sim: Simulator;
  let staging: Simulator;
  let api: GraniteTestApi;
  const settings = () => vscode.workspace.getConfiguration('granite');

  before(async () => {
    ({ sim, api } = await withWorkflowsShown());
    staging = await startSimulator({
      seed: 7,
      workflows: 5,
      executions: 500,
      quota: 100_000,
      apiKey: testKeys.staging,
    });
    await settings().update(
      'environments',
      [{ name: 'Staging', apiBaseUrl: staging.url }],
      vscode.ConfigurationTarget.Global,
    );
  });

  after(async () => {
    await api.switchEnvironment(undefined);
    await settings().update('environments', undefined, vscode.ConfigurationTarget.Global);
    await staging.stop();
  });

  it('asks for the environment’s own key and sends nothing anywhere meanwhile', async () => {
    const defaultBefore = sim.requests.length;
    await api.switchEnvironment('Staging');
    await until('the key prompt state', () => api.store.state.key?.present === false);
    assert.equal(staging.requests.length, 0, 'no key (not even GRANITE_API_KEY) goes to the environment');
    assert.equal(sim.requests.length, defaultBefore, 'nothing goes to the default origin either');
    assert.equal(api.store.state.batch, undefined, 'nothing of the default connection is shown');
    assert.match(api.tree.view.title ?? '', /Staging/);
  });

  it('uses the environment’s key with its origin only, and the default key with the default origin', async () => {
    const origin = new URL(staging.url).origin;
    await api.credentials.store(origin, staging.apiKey, { name: 'Staging', apiBaseUrl: staging.url });
    await until('staging data', () => api.store.state.batch?.sections.workflows?.length === 5);
    assert.ok(staging.requests.length > 0);
    assert.ok(
      staging.requests.every((r) => r.apiKeyPresent && r.apiKeyValid),
      'only Staging’s key reached Staging',
    );
    const defaultBefore = sim.requests.length;
    await api.switchEnvironment(undefined);
    await until('default data', () => (api.store.state.batch?.sections.workflows?.length ?? 0) > 5);
    const stagingAfter = staging.requests.length;
    await api.store.refresh('user');
    assert.equal(staging.requests.length, stagingAfter, 'nothing more goes to Staging');
    assert.ok(
      sim.requests.slice(defaultBefore).every((r) => r.apiKeyValid),
      'only the default key reached the default origin',
    );
    assert.ok(!(api.tree.view.title ?? '').includes('Staging'));
  });
});
