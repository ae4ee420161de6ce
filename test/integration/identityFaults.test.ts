/**
 * One Refresh is one request even when the identity routes fail, in a real VS Code against the simulator:
 * with `/api/me` and `/api/analytics/status` faulted (404, 403, 500, a body that does not match the spec),
 * N user Refreshes send N batch requests and, in all, one request to each identity route. The identity
 * memory is reset before each case the way a new key resets it (`credentialsChanged`), which may ask again.
 * The hourly retry is proven on an injected clock in test/unit/core/identityLookup.test.ts.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { GraniteTestApi } from '../../src/extension';
import { BATCH_PATH } from '../simulator/faults';
import {
  faultIdentityRoutes,
  identityFaults,
  identityPaths,
  ME_PATH,
  requestsTo,
  STATUS_PATH,
} from '../simulator/identityFaults';
import type { Simulator } from '../simulator/server';
import { until, withWorkflowsShown } from './simulatorSession';

const refreshes = 5;

describe('identity routes faulted in VS Code: a Refresh stays one request', function () {
  let sim: Simulator;
  let api: GraniteTestApi;
  let interval: number | undefined;

  before(async () => {
    ({ sim, api } = await withWorkflowsShown());
    // Polling off for the suite: a scheduled refresh (and the comparison after it) cannot land among the
    // counted Refreshes, so every batch request counted is a Refresh's.
    const granite = vscode.workspace.getConfiguration('granite');
    interval = granite.inspect<number>('refreshIntervalSeconds')?.globalValue;
    await granite.update('refreshIntervalSeconds', 0, vscode.ConfigurationTarget.Global);
    // Start-up's scheduled refresh is followed by the previous period's request: both land before the
    // counting starts, so the counts are the Refreshes' own (a user's Refresh never asks the comparison).
    const counts = api.store.requestCounts;
    await until(
      'the start-up requests answered',
      () =>
        counts.scheduled > 0 &&
        (counts.comparison > 0 || api.previous.current()) &&
        !api.store.state.loading &&
        sim.requests.every((r) => r.status !== 0),
    );
  });

  after(async () => {
    await vscode.workspace
      .getConfiguration('granite')
      .update('refreshIntervalSeconds', interval, vscode.ConfigurationTarget.Global);
  });

  // Healthy routes and a fresh identity memory again, so later suites see the organisation.
  afterEach(async () => {
    sim.faults.clear();
    api.ctx.credentialsChanged();
    await vscode.commands.executeCommand('granite.refresh');
    await until('the organisation known again', () => api.store.state.organizationId);
  });

  /** Runs N user Refreshes from a fresh identity memory; the requests each path got, once all sent have arrived. */
  async function refreshFromNewKey(): Promise<{ batch: number; me: number; status: number; keyChecks: number }> {
    api.ctx.credentialsChanged();
    const since = sim.requests.length;
    const keyChecksBefore = api.store.requestCounts['key-check'];
    for (let i = 0; i < refreshes; i++) await vscode.commands.executeCommand('granite.refresh');
    // The lookups start with the batch's outcome, before the Refresh resolves; their answers come later.
    const keyChecks = api.store.requestCounts['key-check'] - keyChecksBefore;
    const identity = () =>
      sim.requests.slice(since).filter((r) => (identityPaths as readonly string[]).includes(r.path));
    await until(
      'the identity requests the store sent, answered',
      () => identity().length >= keyChecks && identity().every((r) => r.status !== 0),
    );
    return {
      batch: requestsTo(sim.requests, BATCH_PATH, since),
      me: requestsTo(sim.requests, ME_PATH, since),
      status: requestsTo(sim.requests, STATUS_PATH, since),
      keyChecks,
    };
  }

  for (const fault of identityFaults) {
    it(`${fault.name} on /api/me and the status: ${refreshes} Refreshes send ${refreshes} batch requests, one /api/me and one status`, async () => {
      faultIdentityRoutes(sim.faults, fault);
      const counts = await refreshFromNewKey();
      assert.deepEqual(counts, { batch: refreshes, me: 1, status: 1, keyChecks: 2 });
      assert.equal(api.store.state.error, undefined, 'an identity failure is not a refresh error');
      assert.equal(api.store.state.organization, undefined, 'no organisation was invented');
      assert.ok(api.store.state.batch, 'the data is shown');
    });
  }

  it(`a 403 on the batch as well: ${refreshes} Refreshes send ${refreshes} batch requests, one /api/me and one status`, async () => {
    sim.faults.always({ kind: 'status', status: 403, body: { detail: 'The API key lacks analytics:read' } });
    faultIdentityRoutes(
      sim.faults,
      identityFaults.find((f) => f.name.startsWith('403'))!,
    );
    const counts = await refreshFromNewKey();
    assert.deepEqual(counts, { batch: refreshes, me: 1, status: 1, keyChecks: 2 });
    assert.equal(api.store.state.error?.kind, 'Forbidden');
  });

  it('healthy routes after a new key: asked once, answered, and not again', async () => {
    const counts = await refreshFromNewKey();
    assert.deepEqual(counts, { batch: refreshes, me: 1, status: 1, keyChecks: 2 });
    await until('the organisation from /api/me', () => api.store.state.organizationId === sim.orgId);
  });
});
