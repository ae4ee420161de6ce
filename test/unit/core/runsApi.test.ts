/**
 * RunsApi against the simulator over real sockets: the read routes of the runs excerpt, with expectations
 * computed from the simulator's raw executions; ids encoded and refused before sending; errors typed.
 */
import assert from 'node:assert/strict';
import { GraniteClient } from '../../../src/core/api/client';
import { RunsApi } from '../../../src/core/api/runsApi';
import { isTerminal } from '../../simulator/model';
import { startSimulator, type Simulator } from '../../simulator/server';
import { traceKind } from '../../simulator/traces';
import { rejectsWith } from '../helpers/rejectsWith';

describe('RunsApi against the simulator', function () {
  let sim: Simulator;
  let api: RunsApi;
  const clock = Date.UTC(2026, 10, 26, 12, 0, 0);

  before(async () => {
    sim = await startSimulator({ seed: 11, workflows: 6, days: 10, executions: 1500, clock: { now: () => clock } });
    api = new RunsApi(new GraniteClient({ baseUrl: sim.url, apiKey: sim.apiKey, now: () => clock, timeoutMs: 2000 }));
  });
  after(async () => sim.stop());
  beforeEach(() => {
    sim.faults.clear();
    sim.requests.length = 0;
  });

  const busiest = () => {
    const counts = new Map<string, number>();
    for (const e of sim.dataset.executions) counts.set(e.run_id, (counts.get(e.run_id) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1])[0]![0];
  };

  it('history: the default page is the 50 newest executions of that automation, with the key and defaults sent', async () => {
    const runId = busiest();
    const mine = sim.dataset.executions.filter((e) => e.run_id === runId);
    const newest = [...mine].sort((a, b) => b.started_at_ms - a.started_at_ms).slice(0, 50);
    const { data } = await api.fetchHistory(sim.orgId, runId);
    assert.equal(data.total, mine.length);
    assert.deepEqual(
      data.executions.map((e) => e.execution_id),
      newest.map((e) => e.execution_id),
    );
    const [request] = sim.requests;
    assert.equal(request?.apiKeyValid, true);
    assert.deepEqual(request?.query, { limit: '50', skip: '0' });
  });

  it('history: paged and filtered by status, counted from the raw executions', async () => {
    const runId = busiest();
    const failed = sim.dataset.executions
      .filter((e) => e.run_id === runId && e.status === 'failed')
      .sort((a, b) => b.started_at_ms - a.started_at_ms);
    assert.ok(failed.length >= 3, 'the dataset has failures to page through');
    const { data } = await api.fetchHistory(sim.orgId, runId, { limit: 2, skip: 1, status: 'failed' });
    assert.equal(data.total, failed.length);
    assert.deepEqual(
      data.executions.map((e) => e.execution_id),
      failed.slice(1, 3).map((e) => e.execution_id),
    );
    assert.deepEqual(sim.requests[0]?.query, { limit: '2', skip: '1', status: 'failed' });
  });

  it('info: the endpoint URL is this origin /api/{org slug}/{slug}, and a schema per parameter', async () => {
    const def = sim.dataset.workflows.find((w) => w.endpoints.length > 0 && w.parameters.length > 0)!;
    const { data } = await api.fetchAutomationInfo(sim.orgId, def.run_id);
    assert.equal(data.endpoint_url, `${sim.url}/api/${sim.dataset.orgSlug}/${def.endpoints[0]!.endpoint_slug}`);
    const properties = (data.parameters_schema as { properties: Record<string, unknown> }).properties;
    assert.deepEqual(Object.keys(properties), def.parameters);
  });

  it('trace and agent run: served for traced automations, 404 → NotFound that says "no timeline"', async () => {
    for (const [i, def] of sim.dataset.workflows.entries()) {
      if (traceKind(i) === 'none') {
        const error = await rejectsWith(api.fetchTrace(def.run_id), 'NotFound');
        assert.match(error.userMessage, /no timeline/);
        await rejectsWith(api.fetchAgentRun(def.run_id), 'NotFound');
      } else {
        const { data } = await api.fetchTrace(def.run_id);
        assert.equal(data.rpa_run_id, def.run_id);
        const run = await api.fetchAgentRun(def.run_id);
        assert.equal(run.data.run_id, def.run_id);
        const traced = sim.dataset.executions.filter((e) => e.run_id === def.run_id && isTerminal(e.status)).length;
        assert.ok(traceKind(i) === 'creation' || traced > 0);
      }
    }
  });

  it('ids are encoded as one path segment; empty and dot-segment ids send nothing', async () => {
    await rejectsWith(api.fetchHistory(sim.orgId, 'a/b?c#d'), 'NotFound');
    assert.equal(sim.requests[0]?.rawPath, `/api/organizations/${sim.orgId}/automations/a%2Fb%3Fc%23d/executions`);
    sim.requests.length = 0;
    for (const bad of ['', '.', '..']) await rejectsWith(api.fetchAutomationInfo(sim.orgId, bad), 'InvalidRequest');
    await rejectsWith(api.fetchTrace('..'), 'InvalidRequest');
    await rejectsWith(api.fetchHistory('..', 'run_x'), 'InvalidRequest');
    await rejectsWith(api.fetchHistory(sim.orgId, 'run_x', { limit: 0 }), 'InvalidRequest');
    await rejectsWith(api.fetchHistory(sim.orgId, 'run_x', { limit: 101 }), 'InvalidRequest');
    await rejectsWith(api.fetchHistory(sim.orgId, 'run_x', { skip: -1 }), 'InvalidRequest');
    await rejectsWith(api.fetchHistory(sim.orgId, 'run_x', { limit: 2.5 }), 'InvalidRequest');
    assert.equal(sim.requests.length, 0);
    // Percent-encoded dots are encoded again, so they stay one segment (and name no automation).
    await rejectsWith(api.fetchAutomationInfo(sim.orgId, '%2e%2e'), 'NotFound');
    assert.equal(sim.requests[0]?.rawPath, `/api/organizations/${sim.orgId}/automations/%252e%252e/info`);
  });

  it('transport errors are the batch client’s: 503, 429 with its retry time, 422 body, timeout, drift', async () => {
    const runId = busiest();
    const path = `/api/organizations/${sim.orgId}/automations/${runId}/executions`;
    sim.faults.next({ kind: 'status', status: 503 }, { path });
    await rejectsWith(api.fetchHistory(sim.orgId, runId), 'ServerError');
    sim.faults.next({ kind: 'status', status: 429, headers: { 'Retry-After': '30' } }, { path });
    const limited = await rejectsWith(api.fetchHistory(sim.orgId, runId), 'RateLimited');
    assert.ok((limited.retryAt ?? 0) > clock);
    sim.faults.next(
      { kind: 'status', status: 422, body: { detail: [{ loc: ['query', 'limit'], msg: 'bad limit', type: 'x' }] } },
      { path },
    );
    const invalid = await rejectsWith(api.fetchHistory(sim.orgId, runId), 'InvalidRequest');
    assert.match(invalid.userMessage, /history.*bad limit/);
    assert.doesNotMatch(invalid.userMessage, /filters/);
    sim.faults.next({ kind: 'latency', ms: 5000 }, { path: `/api/agent-runs/${runId}/trace` });
    await rejectsWith(api.fetchTrace(runId), 'Timeout');
    sim.faults.next({ kind: 'transform', transform: () => ({ executions: 'none' }) }, { path });
    await rejectsWith(api.fetchHistory(sim.orgId, runId), 'ContractMismatch');
  });
});
