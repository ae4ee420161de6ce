/**
 * Keys, 401s and the settings hijack, in a real VS Code against the simulator: Set API Key is typed into
 * the real password box (through the harness's control channel), a wrong key is refused and not stored,
 * a 401 with data on screen keeps the data, and a workspace cannot point the key at another server.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { GraniteTestApi } from '../../src/extension';
import { startSimulator, type Simulator } from '../simulator/server';
import { control } from './control';
import { setKeyThroughTheUi } from './apiKeyInput';
import { batchRequests, plainText, until, withWorkflowsShown } from './simulatorSession';
import { testKeys } from './testKeys';

/** A harmless setting every trust state honours, written with the hostile ones: once it applies, the file was read. */
const sentinel = {
  setting: 'granite.statusBar.warningThreshold',
  key: 'statusBar.warningThreshold',
  value: 96,
} as const;

describe('credentials and failures in VS Code', function () {
  let sim: Simulator;
  let api: GraniteTestApi;

  before(async () => {
    ({ sim, api } = await withWorkflowsShown());
  });

  afterEach(() => sim.faults.clear());

  it('refuses a wrong key with one real request and does not store it', async () => {
    assert.ok(control.available, 'typing into VS Code’s UI needs the code-server harness (npm run test:integration)');
    const before = sim.requests.length;
    const stored = await setKeyThroughTheUi(testKeys.wrongTyped);
    assert.equal(stored, false);
    const withWrongKey = sim.requests.slice(before).filter((r) => !r.apiKeyValid);
    assert.equal(withWrongKey.length, 1, 'one request checks the key');
    assert.equal(withWrongKey[0]?.path, '/api/analytics/status');
    const connection = await api.store.connection();
    assert.ok(
      'source' in connection && connection.source === 'environment',
      'the environment key is still the one in use',
    );
  });

  it('stores a good key in secret storage after checking it', async () => {
    assert.ok(control.available, 'typing into VS Code’s UI needs the code-server harness (npm run test:integration)');
    const stored = await setKeyThroughTheUi(sim.apiKey);
    assert.equal(stored, true);
    const connection = await api.store.connection();
    assert.ok('source' in connection && connection.source === 'secret-storage');
    await until(
      'a refresh with the stored key',
      () => api.store.state.key?.present && api.store.state.key.source === 'secret-storage',
    );
  });

  it('signs out: deletes the stored key, and the environment key applies again', async () => {
    await vscode.commands.executeCommand('granite.signOut');
    const connection = await api.store.connection();
    assert.ok('source' in connection && connection.source === 'environment');
    await vscode.commands.executeCommand('granite.refresh');
    await until('data again', () => api.store.state.batch);
  });

  it('keeps the data on screen after a 401 and says so in the tree message and status bar', async () => {
    await vscode.commands.executeCommand('granite.refresh');
    const before = api.store.state.batch;
    assert.ok(before);
    sim.faults.always({
      kind: 'status',
      status: 401,
      body: { error: 'unauthorized', message: 'Invalid or missing API key', code: 401 },
    });
    await vscode.commands.executeCommand('granite.refresh');
    assert.equal(api.store.state.batch, before, 'the last good data stays');
    assert.equal(api.store.state.error?.kind, 'Unauthorized');
    assert.match(api.tree.view.message ?? '', /rejected the API key/);
    assert.match(api.statusBar.item.text, /\$\(warning\)/);
    assert.match(plainText(api.statusBar.item.tooltip), /Set API Key/);
    assert.equal(api.tree.currentViewState, 'data');
    sim.faults.clear();
    api.scheduler.credentialsChanged();
    await vscode.commands.executeCommand('granite.refresh');
    assert.equal(api.store.state.error, undefined);
  });

  it('shows the no-key welcome view on a 401 before any data', async () => {
    sim.faults.always({
      kind: 'status',
      status: 401,
      body: { error: 'unauthorized', message: 'Invalid or missing API key', code: 401 },
    });
    api.store.reset();
    await vscode.commands.executeCommand('granite.refresh');
    await until('the no-key welcome view', () => api.tree.currentViewState === 'noKey');
    if (control.available)
      await control.waitFor('.welcome-view-content a[href*="granite.setApiKey"], .welcome-view-content .monaco-button');
    await control.screenshot('welcome-no-key');
    sim.faults.clear();
    api.scheduler.credentialsChanged();
    await vscode.commands.executeCommand('granite.refresh');
    await until('data again', () => api.store.state.batch);
  });

  it('asks for the key of a new origin instead of sending the old one', async () => {
    const other = await startSimulator({
      seed: 3,
      workflows: 2,
      days: 1,
      executions: 10,
      apiKey: testKeys.newOriginSimulator,
    });
    const settings = vscode.workspace.getConfiguration('granite');
    const original = settings.inspect<string>('apiBaseUrl')?.globalValue;
    try {
      await settings.update('apiBaseUrl', other.url, vscode.ConfigurationTarget.Global);
      await until(
        'the no-key state for the new origin',
        () => api.store.state.key?.present === false && api.store.state.origin === other.url,
      );
      assert.equal(other.requests.length, 0, 'neither the stored key nor GRANITE_API_KEY went to the new origin');
      assert.equal(api.tree.currentViewState, 'noKey');
      assert.match(api.statusBar.item.text, /set API key/);
    } finally {
      await settings.update('apiBaseUrl', original, vscode.ConfigurationTarget.Global);
      await other.stop();
    }
    await until('data from the original origin', () => api.store.state.batch && api.store.state.origin === sim.url);
  });

  it('never sends anything to a server named in the workspace settings', async () => {
    const hijacker = await startSimulator({
      seed: 1,
      workflows: 2,
      days: 1,
      executions: 10,
      apiKey: testKeys.workspaceHijacker,
    });
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the runner opens a workspace folder');
    const settingsDir = path.join(folder.uri.fsPath, '.vscode');
    try {
      mkdirSync(settingsDir, { recursive: true });
      writeFileSync(
        path.join(settingsDir, 'settings.json'),
        JSON.stringify({
          'granite.apiBaseUrl': hijacker.url,
          'granite.appUrl': hijacker.url,
          [sentinel.setting]: sentinel.value,
        }),
      );
      await until(
        'VS Code to read the workspace settings',
        () => vscode.workspace.getConfiguration('granite').get(sentinel.key) === sentinel.value,
      );
      await until('the extension to see them', () => api.ctx.config().warningThreshold === sentinel.value);
      assert.equal(
        api.ctx.config().apiBaseUrl,
        vscode.workspace.getConfiguration('granite').inspect<string>('apiBaseUrl')?.globalValue,
        'the URL is read from the user level only',
      );
      const before = batchRequests(sim);
      await vscode.commands.executeCommand('granite.refresh');
      assert.equal(hijacker.requests.length, 0, 'the workspace-named server received nothing');
      assert.equal(batchRequests(sim) - before, 1, 'the user-level server got the refresh');
    } finally {
      rmSync(settingsDir, { recursive: true, force: true });
      await hijacker.stop();
    }
    await until('the workspace settings gone', () => api.ctx.config().warningThreshold !== sentinel.value);
  });
});
