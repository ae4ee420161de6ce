/**
 * The fault matrix end to end in a real VS Code: for every row of `../faultCases.ts`, good data is shown,
 * the fault is injected (a simulator fault, or a base URL whose server refuses, does not resolve or has a
 * certificate nobody trusts), Refresh runs, and then every surface is read: the status bar tooltip, the
 * Workflows view, the dashboard (posted state and webview DOM), the scheduler's next attempt time, and
 * the data, which must still be there. Unhandled rejections in the host and page errors in the webview
 * fail the run through the integration index's hooks.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { filterKey } from '../../../src/filters/filters';
import { effectiveIntervalMs, maxBackoffMs } from '../../../src/core/refreshScheduler';
import type { GraniteTestApi } from '../../../src/extension';
import { startSimulator, type Simulator } from '../../simulator/server';
import { batchRequests, until, withWorkflowsShown } from '../../integration/simulatorSession';
import { faultCases, figureLine, type FaultCase, type UnreachableOrigin } from '../faultCases';
import { control } from '../../integration/control';
import { testKeys } from '../../integration/testKeys';
import { webviewMessages } from '../../integration/dashboardMessages';
import { assertStaleWithError, assertWords, statusTooltip, webviewBanner } from './surfaces';
import { dashboardPosts, freshData, switchOrigin, tapDashboard } from './session';
import { startWitness } from './witness';

/** Refresh as the user runs it; returns when it settled, with the wall-clock window it ran in. */
async function refresh(): Promise<{ started: number; ended: number }> {
  const started = Date.now();
  await vscode.commands.executeCommand('granite.refresh');
  return { started, ended: Date.now() };
}

describe('fault matrix in VS Code: store, tree, status bar, panel, scheduler', function () {
  this.timeout(90_000);
  let sim: Simulator;
  let api: GraniteTestApi;
  const results: boolean[] = [];

  before(async () => {
    ({ sim, api } = await withWorkflowsShown());
    tapDashboard(api);
    await vscode.commands.executeCommand('granite.showAnalytics');
    const panel = await until('the dashboard', () => api.dashboard());
    await until('the webview to be ready', () => webviewMessages(panel).handled > 0);
    // The tree must stay visible next to the panel: the scheduler plans only while a Granite view is.
    await vscode.commands.executeCommand('granite.workflows.focus');
    await until('tree and panel visible', () => api.tree.view.visible && panel.visible);
  });

  afterEach(async function () {
    results.push(this.currentTest?.state === 'passed');
    api.setRequestTimeoutMs(undefined);
    // A failing hook would abort the remaining rows; every row starts with freshData and reports it there.
    await freshData(api, sim).catch((error: unknown) =>
      console.error(`[fault matrix] could not restore fresh data: ${String(error)}`),
    );
  });

  after(() => {
    api.dashboard()?.dispose();
    console.log(figureLine(results.length, results.filter(Boolean).length));
  });

  const intervalMs = () => effectiveIntervalMs(api.ctx.config().refreshIntervalSeconds);

  /**
   * Makes the base URL unreachable in the row's way, with good data for that origin on screen first;
   * returns how many failures the scheduler has already counted there, and the undo.
   */
  async function unreachable(
    kind: UnreachableOrigin,
  ): Promise<{ priorFailures: number; restore: () => Promise<void> }> {
    if (kind === 'refused') {
      // A second Granite that worked (its data is shown), then goes away: its port now refuses.
      const key = testKeys.refusedOrigin;
      const second = await startSimulator({ seed: 11, workflows: 4, days: 2, executions: 80, apiKey: key });
      const restore = await switchOrigin(api, sim, second.url, key);
      await until(
        'data from the second server',
        () =>
          api.store.state.origin === second.url &&
          api.store.state.batch &&
          !api.store.state.loading &&
          !api.store.state.error,
      );
      // Data is on screen before that refresh has finished (the cache write follows); a Refresh now joins it.
      await refresh();
      await second.stop();
      return { priorFailures: 0, restore };
    }
    // A host that never resolves, or a server whose certificate nobody trusts: a witness sees no request.
    const witness = kind === 'tls' ? await startWitness({ name: 'self-signed TLS server', tls: true }) : undefined;
    const url = witness?.url ?? 'https://granite-sim.invalid';
    const goodBatch = api.store.state.batch;
    const goodAt = api.store.state.fetchedAt;
    assert.ok(goodBatch && goodAt);
    const undo = await switchOrigin(api, sim, url, testKeys.unreachableOrigin[kind]);
    const first = await until('the first refresh there to fail', () => api.store.state.error);
    // Nothing from this origin yet: the welcome view says so, and the view's message says why.
    assert.equal(api.tree.currentViewState, 'error');
    assert.ok(api.tree.view.message?.includes(first.userMessage), 'the welcome view’s message names the failure');
    // What the user sees when they start VS Code with this origin's data in the cache from an earlier session.
    const connection = await api.store.connection();
    assert.ok('cacheId' in connection, 'a key is stored for the origin');
    await api.ctx.cache.write(connection.cacheId, filterKey(api.store.state.filters), {
      batch: goodBatch,
      fetchedAt: goodAt,
    });
    assert.equal(await api.store.loadCache(), true, 'the cached batch is painted');
    return {
      priorFailures: 1,
      restore: async () => {
        await undo();
        await witness?.stop();
        assert.deepEqual(witness?.requests ?? [], [], 'no request got past the failed TLS handshake');
      },
    };
  }

  async function checkScheduler(
    row: FaultCase,
    window: { started: number; ended: number },
    failures: number,
    madeAt: number,
  ): Promise<void> {
    const expect = row.scheduler;
    const s = api.scheduler;
    if (expect.kind === 'backoff') {
      // Two failures or more: the delay doubled at least once, so it is later than the plain interval.
      const base = Math.min(maxBackoffMs, intervalMs() * 2 ** (failures - 1));
      const [min, max] = [window.started + 0.75 * base, window.ended + Math.min(maxBackoffMs, 1.25 * base)];
      assert.equal(s.state, 'backing-off');
      assert.ok(
        s.nextAttemptAt !== undefined && s.nextAttemptAt >= min && s.nextAttemptAt <= max,
        `next attempt ${s.nextAttemptAt} within backoff [${min}, ${max}]`,
      );
    } else if (expect.kind === 'rate-limit') {
      const retryAt = api.store.state.error?.retryAt;
      const [min, max] = expect.window(madeAt, window.ended);
      assert.ok(retryAt !== undefined && retryAt >= min && retryAt <= max, `reset ${retryAt} in [${min}, ${max}]`);
      assert.equal(s.state, 'blocked');
      assert.equal(s.nextAttemptAt, retryAt, 'the next attempt is the reset');
      // Before the reset even the user's Refresh sends nothing, and says when requests resume.
      const sent = batchRequests(sim);
      await refresh();
      assert.equal(batchRequests(sim), sent, 'nothing sent before the reset');
      assert.match(api.store.state.error?.userMessage ?? '', /requests resume at .*The data shown stays/);
    } else if (expect.kind === 'stop') {
      assert.equal(s.state, 'stopped-credentials');
      assert.equal(s.nextAttemptAt, undefined, 'nothing is scheduled');
      const sent = batchRequests(sim);
      await api.store.refresh('scheduled');
      assert.equal(batchRequests(sim), sent, 'a scheduled refresh sends nothing');
      sim.faults.clear();
      const resumed = () =>
        s.state !== 'stopped-credentials' &&
        s.nextAttemptAt !== undefined &&
        api.store.state.batch &&
        !api.store.state.error &&
        !api.store.state.loading;
      if (expect.resumeBy === 'key') {
        // The key changes (stored for the origin, as Set API Key does): polling resumes with data.
        await api.ctx.credentials.store(sim.url, sim.apiKey);
        try {
          await until(
            'polling to resume with the new key',
            () => resumed() && api.store.state.key?.present && api.store.state.key.source === 'secret-storage',
          );
        } finally {
          await api.ctx.credentials.delete(sim.url, undefined);
        }
      } else {
        // The user-level URL changes (here only its spelling, so the simulator still answers): polling resumes.
        const settings = vscode.workspace.getConfiguration('granite');
        const original = settings.inspect<string>('apiBaseUrl')?.globalValue;
        await settings.update('apiBaseUrl', `${sim.url}/`, vscode.ConfigurationTarget.Global);
        try {
          await until(
            'polling to resume at the new URL',
            () => api.ctx.config().apiBaseUrl === `${sim.url}/` && resumed(),
          );
        } finally {
          await vscode.workspace
            .getConfiguration('granite')
            .update('apiBaseUrl', original, vscode.ConfigurationTarget.Global);
        }
      }
    } else {
      assert.equal(s.state, 'waiting');
      assert.equal(
        s.nextAttemptAt,
        (api.store.state.fetchedAt ?? NaN) + intervalMs(),
        'one interval after this refresh',
      );
    }
  }

  for (const row of faultCases) {
    it(row.name, async () => {
      await freshData(api, sim);
      const origin = row.origin ? await unreachable(row.origin) : undefined;
      try {
        const before = api.store.state;
        assert.ok(before.batch);
        const rowsBefore = api.tree.currentRows.length;
        api.setRequestTimeoutMs(row.timeoutMs);
        const madeAt = Date.now();
        if (row.fault) sim.faults.always(row.fault(madeAt));
        let window = await refresh();
        let failures = (origin?.priorFailures ?? 0) + 1;
        const state = api.store.state;

        if (row.kind === undefined) {
          // Drift the parser absorbs: the refresh succeeds; unreadable sections are named, the rest is new.
          assert.equal(state.error, undefined);
          assert.ok(state.fetchedAt! > before.fetchedAt!, 'the refresh went through');
          assert.deepEqual(
            state.batch?.problems.map((p) => p.section),
            row.problems,
          );
          await checkDrift(row, before);
        } else {
          assert.equal(state.error?.kind, row.kind, state.error?.message ?? 'the refresh did not fail');
          assertWords(state.error.userMessage, row.words, 'the error message');
          assert.equal(state.batch, before.batch, 'the last good data stays');
          await assertStaleWithError(api, state.error.userMessage, rowsBefore);
          if (row.scheduler.kind === 'backoff') {
            window = await refresh();
            failures++;
            assert.equal(api.store.state.error?.kind, row.kind);
            assert.equal(api.store.state.batch, before.batch, 'still the last good data');
          }
        }
        await checkScheduler(row, window, failures, madeAt);
      } finally {
        sim.faults.clear();
        await origin?.restore();
      }
    });
  }

  /** Unreadable sections keep their last good data, marked stale on every surface, with what to do. */
  async function checkDrift(row: FaultCase, before: typeof api.store.state): Promise<void> {
    const state = api.store.state;
    const treeMessage = api.tree.view.message ?? '';
    if (!row.problems?.length) {
      assert.equal(treeMessage.includes('could not be read'), false, 'nothing to report');
      assert.equal(api.statusBar.item.text.startsWith('$(pulse)'), true, 'no warning in the status bar');
      const posted = await until('the dashboard to get the new data', () => {
        const s = dashboardPosts.last?.state;
        return s?.fetchedAt === state.fetchedAt ? s : undefined;
      });
      assert.equal(posted.stale, false);
      assert.deepEqual(posted.problems, []);
      return;
    }
    for (const section of row.problems) {
      assert.deepEqual(
        state.batch?.sections[section],
        before.batch?.sections[section],
        `the last good ${section} stays`,
      );
      assert.equal(
        state.batch?.problems.find((p) => p.section === section)?.keptFrom,
        before.fetchedAt,
        'marked with the time it is from',
      );
    }
    assertWords(treeMessage, row.words, 'the tree message');
    if (row.problems.includes('summary'))
      assert.match(api.statusBar.item.text, /^\$\(warning\) \d/, 'the rate shown is the last good one, flagged');
    assertWords(statusTooltip(api), row.words, 'the status bar tooltip');
    if (control.available) {
      assertWords(await webviewBanner('problems', row.problems[0]!), row.words, 'the dashboard banner');
      if (row.problems.includes('summary')) {
        // The summary's card still shows its figures, with a note that they are the last good ones.
        assert.match(
          (await control.text('#card-summary .card-problem')) ?? '',
          /"summary".*last good data is shown \(stale\)/,
        );
        assert.equal(await control.count('#card-summary .kpis', { visible: true }), 1, 'the KPIs stay visible');
      }
    }
  }
});
