/**
 * The settings hijack, in a trusted workspace (the main integration run) and in an untrusted one (the
 * second runner invocation: workspace trust on, the folder in Restricted Mode; `@trust` selects this
 * suite there). A workspace's `.vscode/settings.json` names a second loopback server in every setting
 * that could redirect traffic or links; every path that sends the key or opens a link is then exercised,
 * and that server must receive nothing. Changing the user-level URL to a new origin asks for that
 * origin's key, sends it only there, and never sends the old key.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { GraniteConfig } from '../../../src/config/configuration';
import type { GraniteTestApi } from '../../../src/extension';
import { startSimulator, type Simulator } from '../../simulator/server';
import { setKeyThroughTheUi } from '../../integration/apiKeyInput';
import { batchRequests, until, withWorkflowsShown } from '../../integration/simulatorSession';
import { testKeys } from '../../integration/testKeys';
import { webviewMessages } from '../../integration/dashboardMessages';
import { freshData } from './session';
import { keysReceived, startWitness, type Witness } from './witness';

const untrustedRun = process.env.GRANITE_IT_UNTRUSTED === '1';
/** A host for links: https, so `buildRunUrl` would accept it if the workspace's value were read. */
const hijackLinkHost = 'granite-hijack.invalid';

/** Every setting that decides where requests or links go, with what a hostile workspace would set. */
const redirecting: { key: keyof GraniteConfig; setting: string; hostile: (witness: Witness) => string }[] = [
  { key: 'apiBaseUrl', setting: 'granite.apiBaseUrl', hostile: (w) => w.url },
  { key: 'appUrl', setting: 'granite.appUrl', hostile: () => `https://${hijackLinkHost}` },
  {
    key: 'runUrlTemplate',
    setting: 'granite.runUrlTemplate',
    hostile: () => `https://${hijackLinkHost}/run/{executionId}`,
  },
];

describe(`settings hijack in ${untrustedRun ? 'an untrusted (Restricted Mode)' : 'a trusted'} workspace @trust`, function () {
  this.timeout(60_000);
  let sim: Simulator;
  let api: GraniteTestApi;
  let hijacker: Witness;
  let settingsFile: string;
  let createdDir: string | undefined;

  before(async () => {
    ({ sim, api } = await withWorkflowsShown());
    hijacker = await startWitness({ name: 'server named by the workspace settings' });
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the runner opens a workspace folder');
    const dir = path.join(folder.uri.fsPath, '.vscode');
    if (!existsSync(dir)) createdDir = dir;
    settingsFile = path.join(dir, 'settings.json');
  });

  after(async () => {
    api.restoreOpener();
    if (createdDir) rmSync(createdDir, { recursive: true, force: true });
    else rmSync(settingsFile, { force: true });
    await hijacker.stop();
  });

  it('runs in the trust state it claims', () => {
    assert.equal(vscode.workspace.isTrusted, !untrustedRun);
  });

  it('a workspace naming another server in every redirecting setting gets no request, no key and no link', async () => {
    mkdirSync(path.dirname(settingsFile), { recursive: true });
    // The threshold is a harmless setting every trust state honours: once it applies, VS Code has read the file.
    const hostile = Object.fromEntries(redirecting.map((r) => [r.setting, r.hostile(hijacker)]));
    // An environment list is a redirect too: a workspace must not add one that points at its server.
    const environments = [{ name: 'Hijack', apiBaseUrl: hijacker.url }];
    writeFileSync(
      settingsFile,
      JSON.stringify(
        { ...hostile, 'granite.environments': environments, 'granite.statusBar.warningThreshold': 96 },
        null,
        2,
      ),
    );
    await until(
      'VS Code to read the workspace settings',
      () => vscode.workspace.getConfiguration('granite').get('statusBar.warningThreshold') === 96,
    );
    await until('the extension to see them', () => api.ctx.config().warningThreshold === 96);

    const settings = vscode.workspace.getConfiguration('granite');
    for (const r of redirecting) {
      const inspected = settings.inspect<string>(r.key);
      assert.equal(
        api.ctx.config()[r.key],
        inspected?.globalValue ?? inspected?.defaultValue,
        `${r.setting} is read from the user level only`,
      );
    }

    assert.deepEqual(
      api.ctx.config().environments.map((e) => e.name),
      [],
      'granite.environments is read from the user level only',
    );
    await api.switchEnvironment('Hijack');
    assert.equal(
      api.ctx.config().environment,
      undefined,
      'an environment named only by the workspace cannot be chosen',
    );

    // Every path that sends the key: Refresh, the dashboard, run details, and Set API Key's check.
    const before = batchRequests(sim);
    await freshData(api, sim);
    assert.equal(batchRequests(sim), before + 1, 'the refresh went to the user-level server');
    await vscode.commands.executeCommand('granite.showAnalytics');
    await until('the webview to be ready', () => webviewMessages(api.dashboard()).handled > 0);
    const failure = api.store.allFailures()[0];
    assert.ok(failure, 'the simulator lists a recent failure');
    const runUri = await vscode.commands.executeCommand<string>('granite.openRunAsText', {
      executionId: failure.execution_id,
      runId: failure.run_id,
    });
    assert.ok(runUri, 'the run details opened');
    await until('the run details from the user-level server', () =>
      sim.requests.some((r) => r.path.endsWith(`/executions/${failure.execution_id}`)),
    );
    const checks = sim.requests.filter((r) => r.path === '/api/analytics/status').length;
    assert.equal(await setKeyThroughTheUi(testKeys.hijackTyped), false, 'the wrong key is refused');
    assert.equal(
      sim.requests.filter((r) => r.path === '/api/analytics/status').length,
      checks + 1,
      'the key check went to the user-level server',
    );

    // Every path that opens a link: Open in Granite builds it from the user-level app URL and template.
    const opened: vscode.Uri[] = [];
    api.useOpener((uri) => {
      opened.push(uri);
      return Promise.resolve(true);
    });
    await vscode.commands.executeCommand('granite.openRunInGranite', {
      executionId: failure.execution_id,
      runId: failure.run_id,
    });
    assert.equal(opened.length, 1, 'one link opened');
    assert.equal(opened[0]!.authority, new URL(api.ctx.config().appUrl).host, 'the link is on the user-level app host');
    assert.notEqual(opened[0]!.authority, hijackLinkHost);

    assert.deepEqual(hijacker.requests, [], 'the server named by the workspace received nothing');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('changing the user-level URL to a new origin asks for its key, sends only that key there, and never the old one', async () => {
    const newKey = testKeys.newOrigin[untrustedRun ? 'untrusted' : 'trusted'];
    const other = await startSimulator({ seed: 31, workflows: 3, days: 2, executions: 60, apiKey: newKey });
    const front = await startWitness({ name: 'new user-level origin', expectedKey: newKey, forwardTo: other.url });
    const settings = vscode.workspace.getConfiguration('granite');
    const original = settings.inspect<string>('apiBaseUrl')?.globalValue;
    const invalidBefore = sim.requests.filter((r) => r.apiKeyPresent && !r.apiKeyValid).length;
    try {
      await settings.update('apiBaseUrl', front.url, vscode.ConfigurationTarget.Global);
      await until(
        'the new origin to ask for a key',
        () => api.store.state.key?.present === false && api.store.state.origin === front.origin,
      );
      assert.equal(api.tree.currentViewState, 'noKey', 'the welcome view asks for a key');
      assert.match(api.statusBar.item.text, /set API key/);
      await vscode.commands.executeCommand('granite.refresh');
      assert.deepEqual(front.requests, [], 'without its own key, the new origin gets nothing, not the old key');

      assert.equal(await setKeyThroughTheUi(newKey), true, 'the new origin accepted its key');
      await until(
        'data from the new origin',
        () =>
          api.store.state.origin === front.origin &&
          api.store.state.batch &&
          !api.store.state.loading &&
          !api.store.state.error,
      );
      const received = keysReceived(front);
      assert.ok(received.length >= 1, 'the new origin was asked with its key');
      assert.deepEqual(
        [...new Set(received)].map((k) => (k === newKey ? 'the new key' : 'another key')),
        ['the new key'],
      );
    } finally {
      await vscode.workspace
        .getConfiguration('granite')
        .update('apiBaseUrl', original, vscode.ConfigurationTarget.Global);
      await api.ctx.credentials.delete(front.origin, undefined);
      await api.ctx.extension.globalState.update(`granite.schedule:${front.origin}`, undefined);
      await other.stop();
      await front.stop();
    }
    await until('the original origin again', () => api.store.state.origin === sim.url);
    await freshData(api, sim);
    assert.equal(
      sim.requests.filter((r) => r.apiKeyPresent && !r.apiKeyValid).length,
      invalidBefore,
      'the new key never went to the old origin',
    );
  });
});
