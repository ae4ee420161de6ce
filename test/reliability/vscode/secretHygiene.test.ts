/**
 * Secret hygiene, checked after the whole integration session (test/integration/index.ts runs this file
 * after every other one; the root hooks in sessionWatch.ts watch every test of the run): every API key the session used (the shared
 * list, test/integration/testKeys.ts, which this suite proves complete) appears nowhere in the log files,
 * globalState, workspaceState, the cache, settings, the webview's HTML or messages, any message on a VS
 * Code surface or any notification rendered during the session; and each key reached only its own origin.
 * Probes first make servers echo keys back in their error bodies, the likeliest way for a key to leak.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { GraniteTestApi } from '../../../src/extension';
import { startSimulator, type Simulator } from '../../simulator/server';
import { control } from '../../integration/control';
import { setKeyThroughTheUi } from '../../integration/apiKeyInput';
import { until, withWorkflowsShown } from '../../integration/simulatorSession';
import { allTestKeys, testKeys } from '../../integration/testKeys';
import { webviewMessages } from '../../integration/dashboardMessages';
import { ScreenshotFetcher } from '../../../src/runs/screenshotFetch';
import { tracedExecution, traceKind } from '../../simulator/traces';
import { dashboardPosts, freshData, knownSecrets, secretsIn, switchOrigin } from './session';
import { surfaceText, watched } from './sessionWatch';
import { notificationTexts, watchNotifications } from './workbench';
import { keysReceived, startWitness, witnesses } from './witness';

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

function assertNoSecretIn(text: string, where: string): void {
  assert.deepEqual(
    secretsIn(text).map(() => '«a known key»'),
    [],
    `${where} holds no API key`,
  );
}

describe('secret hygiene after the integration session', function () {
  this.timeout(60_000);
  let sim: Simulator;
  let api: GraniteTestApi;

  before(async () => {
    ({ sim, api } = await withWorkflowsShown());
    await vscode.commands.executeCommand('granite.showAnalytics');
    const panel = await until('the dashboard', () => api.dashboard());
    await until('the webview to be ready', () => webviewMessages(panel).handled > 0);
  });
  after(() => api.dashboard()?.dispose());

  it('redacts keys that servers echo in their error bodies, on every surface and in the log', async () => {
    // A key that does not look like a Granite key, so only the redaction of the key in use can catch it.
    const opaque = testKeys.echoedOpaque;
    const other = await startSimulator({ seed: 21, workflows: 3, days: 2, executions: 60, apiKey: opaque });
    const front = await startWitness({
      name: 'second Granite (echoes its key)',
      expectedKey: opaque,
      forwardTo: other.url,
    });
    const invalidBefore = sim.requests.filter((r) => r.apiKeyPresent && !r.apiKeyValid).length;
    const restore = await switchOrigin(api, sim, front.url, opaque);
    try {
      await freshlyFrom(front.origin);
      for (const body of [{ detail: `upstream said: key ${opaque} is over its quota` }, `Invalid API key: ${opaque}`]) {
        other.faults.always({ kind: 'status', status: 500, body });
        await vscode.commands.executeCommand('granite.refresh');
        const error = api.store.state.error;
        assert.equal(error?.kind, 'ServerError');
        assert.match(error.userMessage, /«redacted»/, 'the server’s words are kept, the key is not');
        assertNoSecretIn(surfaceText(api), 'the status bar, the tree and the error');
        await until('the dashboard to be told', () => dashboardPosts.last?.state.error?.message === error.userMessage);
        assertNoSecretIn(JSON.stringify(dashboardPosts.last), 'the message posted to the dashboard');
      }
      // The channel writes through a buffered logger: wait for the failed exchanges, logged redacted.
      await until(
        'the log to record the echoes, redacted',
        () => (graniteLog().match(/→ 500 .*«redacted»/g) ?? []).length >= 2,
      );
      assertNoSecretIn(graniteLog(), 'the Granite log');
    } finally {
      await restore();
      await other.stop();
      await front.stop();
    }
    // The Granite key in use, echoed by the configured server in a 403.
    const key = process.env.GRANITE_API_KEY ?? '';
    sim.faults.always({ kind: 'status', status: 403, body: { detail: `key ${key} lacks analytics:read` } });
    await vscode.commands.executeCommand('granite.refresh');
    assert.equal(api.store.state.error?.kind, 'Forbidden');
    assertNoSecretIn(surfaceText(api), 'the surfaces after a 403 that quoted the key');
    sim.faults.clear();
    api.ctx.credentialsChanged(); // as a key change would: resume after the 403
    await freshData(api, sim);
    assert.equal(
      sim.requests.filter((r) => r.apiKeyPresent && !r.apiKeyValid).length,
      invalidBefore,
      'the other key never went to the configured server',
    );
  });

  it('the run routes: keys they echo and signed screenshot links reach neither the run data nor the log', async () => {
    const key = process.env.GRANITE_API_KEY ?? '';
    const runData = api.ctx.runData;
    const def = sim.dataset.workflows.find((_, i) => traceKind(i) === 'latestRun')!;
    const e = tracedExecution(sim.dataset, def.run_id)!;
    const ids = { executionId: e.execution_id, runId: def.run_id };
    const orgId = await api.store.ensureIdentity();
    assert.ok(orgId, 'the organisation is known');
    const paths = [
      `/api/organizations/${orgId}/executions/${e.execution_id}`,
      `/api/organizations/${orgId}/automations/${def.run_id}/info`,
      `/api/organizations/${orgId}/automations/${def.run_id}/executions`,
      `/api/agent-runs/${def.run_id}/trace`,
    ];
    for (const path of paths)
      sim.faults.next({ kind: 'status', status: 500, body: { detail: `upstream rejected ${key}` } }, { path });
    runData.forget();
    const failed = await runData.load(ids, { force: true });
    for (const part of [failed.detail, failed.info, failed.history, failed.trace]) {
      assert.equal(part.state, 'error');
      assert.match(part.state === 'error' ? part.message : '', /«redacted»/);
    }
    assertNoSecretIn(JSON.stringify(failed), 'the run data after the run routes echoed the key');
    sim.faults.clear();

    const loaded = await runData.load(ids, { force: true });
    assert.ok(loaded.trace.state === 'ok' && loaded.trace.trace.screenshots.length > 0, 'a trace with screenshots');
    const links = loaded.trace.trace.screenshots;
    const shots = await new ScreenshotFetcher({ fetch }).fetchAll(links);
    assert.ok(shots.every((shot) => shot.ok));
    const fetched = sim.requests.filter((r) => r.path.startsWith('/sim/screenshots/'));
    assert.ok(fetched.length >= links.length);
    assert.ok(fetched.every((r) => !r.apiKeyPresent && !r.headers.cookie && !r.headers.authorization));
    // A careless line quoting a signed link, as a future error message might: the log keeps the address only.
    api.ctx.log.warn(`screenshot probe: ${links[0]!}`);
    await until('the log to record the run routes and the probe', () => {
      const log = graniteLog();
      return log.includes(`/api/agent-runs/${def.run_id}/trace → 200`) && log.includes('screenshot probe:');
    });
    const log = graniteLog();
    assert.match(
      log,
      /screenshot probe: http:\/\/127\.0\.0\.1:\d+\/sim\/screenshots\/[^?\s]+\?«signed query redacted»/,
    );
    assert.ok(!log.includes('signature='), 'no signed query in the log');
    assertNoSecretIn(log, 'the Granite log after the run routes');
    for (const memento of [api.ctx.extension.globalState, api.ctx.extension.workspaceState])
      for (const k of memento.keys()) assert.ok(!JSON.stringify(memento.get(k)).includes('signature='), k);
  });

  it('a key typed into Set API Key and echoed in the refusal is redacted in the notification', async () => {
    assert.ok(control.available, 'typing into VS Code’s UI needs the code-server harness (npm run test:integration)');
    const key = testKeys.typedAndEchoed;
    const recorded = await watchNotifications();
    // Only the key check (made with the typed key) gets the echo, not the extension's own requests.
    sim.faults.next(
      { kind: 'status', status: 401, body: { error: 'unauthorized', message: `Invalid API key: ${key}`, code: 401 } },
      { path: '/api/analytics/status', when: (r) => !r.apiKeyValid },
    );
    const stored = setKeyThroughTheUi(key);
    assert.equal(await stored, false, 'the refused key is not stored');
    const shown = await until('the refusal notification', async () =>
      (await notificationTexts(recorded)).find((t) => t.includes('Invalid API key:')),
    );
    assert.match(shown, /Invalid API key: «redacted»/, 'the server’s words are kept, the key is not');
    assertNoSecretIn(shown, 'the refusal notification');
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  it('no key on any VS Code surface or in any notification after any test of the session', () => {
    assert.ok(watched.surfaceScans > 0, 'the root hook ran');
    assert.deepEqual(watched.surfaceLeaks, []);
    assert.ok(watched.notifications.scanned > 0, 'the notifications rendered in the session were read');
    console.log(
      `[figure] secret hygiene: ${knownSecrets.size} keys looked for, ${watched.surfaceScans} surface scans, ${watched.notifications.scanned} notifications scanned`,
    );
    assert.deepEqual(watched.notifications.leaks, []);
  });

  it('the shared key list holds every key the integration suites use', () => {
    const root = path.resolve(__dirname, '../../../..');
    const sources = ['test/integration', 'test/reliability/vscode']
      .flatMap((dir) => filesUnder(path.join(root, dir)))
      .filter((file) => file.endsWith('.ts') && path.basename(file) !== 'testKeys.ts');
    assert.ok(sources.length > 10, 'the integration sources were found');
    const text = new Map(sources.map((file) => [path.relative(root, file), fs.readFileSync(file, 'utf8')]));
    const written = [...text].filter(([, source]) => /\bgk_(?:test|live)_[\w$]/.test(source)).map(([file]) => file);
    assert.deepEqual(written, [], 'API keys written outside test/integration/testKeys.ts');
    const unkeyed = [...text].flatMap(([file, source]) =>
      (source.match(/startSimulator\(\{[^}]*\}/g) ?? [])
        .filter((call) => !/\bapiKey\b/.test(call))
        .map((call) => `${file}: ${call}`),
    );
    assert.deepEqual(unkeyed, [], 'simulators started without a key (they would make up one nobody looks for)');
    const scripts = (
      JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
    ).scripts;
    const runnerKeys = Object.values(scripts).flatMap((script) =>
      [...script.matchAll(/GRANITE_API_KEY=([^\s'"]+)/g)].map((m) => m[1]!),
    );
    assert.ok(runnerKeys.length > 0, 'package.json’s test scripts set GRANITE_API_KEY');
    assert.deepEqual(
      runnerKeys.filter((k) => !allTestKeys.includes(k)),
      [],
      'every GRANITE_API_KEY of package.json is in the list',
    );
    assert.ok(allTestKeys.includes(process.env.GRANITE_API_KEY ?? ''), 'this run’s GRANITE_API_KEY is in the list');
  });

  it('the Granite log and every other log file of the session hold no key', async () => {
    await until('the log file to show the session’s requests', () =>
      /POST http:\/\/127\.0\.0\.1:\d+\/api\/analytics\/batch → 200/.test(graniteLog()),
    );
    // <logs>/<session>/exthostN/<extension id>: every log of the session, the workbench's included.
    const files = filesUnder(path.resolve(api.ctx.extension.logUri.fsPath, '..', '..'));
    assert.ok(files.length > 1, 'the session’s log folder was found');
    for (const file of files) assertNoSecretIn(fs.readFileSync(file, 'utf8'), file);
  });

  it('globalState, workspaceState and the cached batches hold no key', () => {
    const { globalState, workspaceState, globalStorageUri } = api.ctx.extension;
    assert.ok(
      globalState.keys().some((k) => k.startsWith('granite.schedule:')),
      'the shared schedule was written',
    );
    for (const [name, memento] of [
      ['globalState', globalState],
      ['workspaceState', workspaceState],
    ] as const) {
      for (const key of memento.keys())
        assertNoSecretIn(`${key}=${JSON.stringify(memento.get(key))}`, `${name} "${key}"`);
    }
    const cached = filesUnder(path.join(globalStorageUri.fsPath, 'batches'));
    assert.ok(cached.length > 0, 'batches were cached');
    for (const file of cached) assertNoSecretIn(fs.readFileSync(file, 'utf8'), `the cache file ${path.basename(file)}`);
  });

  it('user and workspace settings hold no key', () => {
    // <user data>/User/globalStorage/<extension id> → <user data>/User/settings.json
    const userSettings = path.resolve(api.ctx.extension.globalStorageUri.fsPath, '..', '..', 'settings.json');
    const text = fs.readFileSync(userSettings, 'utf8');
    assert.match(text, /granite\.apiBaseUrl/, 'the runner’s user settings were found');
    assertNoSecretIn(text, 'the user settings');
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      for (const file of filesUnder(path.join(folder.uri.fsPath, '.vscode')))
        assertNoSecretIn(fs.readFileSync(file, 'utf8'), file);
    }
    const inspected = vscode.workspace.getConfiguration('granite');
    assertNoSecretIn(
      JSON.stringify(['apiBaseUrl', 'appUrl', 'runUrlTemplate'].map((k) => inspected.inspect(k))),
      'the Granite settings at every level',
    );
  });

  it('the webview’s HTML, every message posted to it and its text hold no key', async () => {
    const panel = api.dashboard();
    assert.ok(panel, 'the dashboard is open');
    assert.match(panel.panel.webview.html, /Content-Security-Policy/, 'the panel’s HTML was read');
    assertNoSecretIn(panel.panel.webview.html, 'the webview HTML');
    assert.ok(dashboardPosts.count > 0, 'messages were posted and seen by the tap');
    assert.deepEqual(dashboardPosts.leaks, []);
    assert.ok(control.available, 'reading the webview’s text needs the code-server harness');
    const texts = await control.evaluateInFrames<string>('document.body ? document.body.innerText : undefined');
    assert.ok(
      texts.some((t) => /Granite/.test(t.value)),
      'the workbench and webview text was read',
    );
    for (const { url, value } of texts) assertNoSecretIn(value, `the text of frame ${url.slice(0, 80)}`);
  });

  it('each key went only to its own origin', () => {
    assert.ok(
      sim.requests.some((r) => r.apiKeyValid),
      'the configured server received the session’s key',
    );
    assert.ok(witnesses.length > 0, 'witness servers ran in this session');
    for (const witness of witnesses) {
      const wrong = keysReceived(witness).filter((k) => k !== witness.expectedKey);
      assert.deepEqual(
        wrong.map((k) => (knownSecrets.has(k) ? '«a known key»' : '«another key»')),
        [],
        `${witness.name} (${witness.origin}) received only its own key`,
      );
    }
  });

  /** The Granite output channel as written to disk (a LogOutputChannel's file is `<logUri>/<name>.log`). */
  function graniteLog(): string {
    const file = path.join(api.ctx.extension.logUri.fsPath, 'Granite Analytics.log');
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  }

  async function freshlyFrom(origin: string): Promise<void> {
    await vscode.commands.executeCommand('granite.refresh');
    await until(
      `data from ${origin}`,
      () =>
        api.store.state.origin === origin &&
        api.store.state.batch &&
        !api.store.state.error &&
        !api.store.state.loading,
    );
  }
});
