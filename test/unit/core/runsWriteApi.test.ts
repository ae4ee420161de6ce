/**
 * RunsWriteApi against the simulator over real sockets: the two writes of Run Again arrive once with the
 * bodies we mean, are never retried (timeout, 5xx, 429, a dropped connection: "not known whether the run
 * started"), and say plainly when Granite refused (401/403 on execute: "only from the web app"; 422; 404).
 * Expectations come from the simulator's record of writes received and its raw dataset.
 */
import assert from 'node:assert/strict';
import { GraniteClient } from '../../../src/core/api/client';
import { RunWriteError, RunsWriteApi } from '../../../src/core/api/runsWriteApi';
import type { Fault } from '../../simulator/faults';
import { startSimulator, type Simulator } from '../../simulator/server';
import { closedPort } from '../helpers/closedPort';

async function writeError(promise: Promise<unknown>): Promise<RunWriteError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof RunWriteError, `a RunWriteError, not ${String(error)}`);
    return error;
  }
  assert.fail('the write succeeded');
}

describe('RunsWriteApi against the simulator', function () {
  let sim: Simulator;
  let api: RunsWriteApi;
  const clock = Date.UTC(2026, 10, 26, 12, 0, 0);
  const endpointDef = () => sim.dataset.workflows.find((w) => w.endpoints.length > 0)!;
  const executePath = (runId: string) => `/api/organizations/${sim.orgId}/automations/${runId}/execute`;

  before(async () => {
    sim = await startSimulator({ seed: 7, workflows: 6, days: 5, executions: 400, clock: { now: () => clock } });
    api = new RunsWriteApi(
      new GraniteClient({ baseUrl: sim.url, apiKey: sim.apiKey, now: () => clock, timeoutMs: 400 }),
    );
  });
  after(async () => sim.stop());
  beforeEach(() => {
    sim.faults.clear();
    sim.requests.length = 0;
    sim.writes.received.length = 0;
  });

  it('endpoint: one POST of the parameters as a JSON object to /api/{org slug}/{slug}; answer {runId, status}', async () => {
    const def = endpointDef();
    const slug = def.endpoints[0]!.endpoint_slug;
    const parameters = { region: 'EMEA', dry_run: true, batch_size: 50 };
    const { data } = await api.invokeEndpoint(sim.dataset.orgSlug, slug, parameters);
    assert.equal(sim.requests.length, 1);
    const [request] = sim.requests;
    assert.equal(request?.method, 'POST');
    assert.equal(request?.path, `/api/${sim.dataset.orgSlug}/${slug}`);
    assert.equal(request?.apiKeyValid, true);
    assert.equal(request?.headers['content-type'], 'application/json');
    assert.deepEqual(request?.body, parameters);
    const [write] = sim.writes.received;
    assert.equal(sim.writes.received.length, 1);
    assert.deepEqual(data, { runId: write!.agentRunId, status: 'queued' });
    const created = sim.dataset.byId.get(write!.executionId);
    assert.equal(created?.run_id, def.run_id);
    assert.equal(created?.triggered_by, 'endpoint');
  });

  it('execute: one POST of {parameters: [{name, value}]}; answer the execution id, which the history lists', async () => {
    const def = sim.dataset.workflows[1]!;
    const parameters = [{ name: 'region', value: 'NA' }];
    const { data } = await api.executeAutomation(sim.orgId, def.run_id, parameters);
    assert.equal(sim.requests.length, 1);
    assert.equal(sim.requests[0]?.path, executePath(def.run_id));
    assert.deepEqual(sim.requests[0]?.body, { parameters });
    const [write] = sim.writes.received;
    assert.equal(data.execution_id, write?.executionId);
    assert.equal(data.run_id, def.run_id);
    const history = await fetch(`${sim.url}/api/organizations/${sim.orgId}/automations/${def.run_id}/executions`, {
      headers: { 'X-Granite-API-Key': sim.apiKey },
    });
    const list = (await history.json()) as { executions: { execution_id: string; parameters: unknown }[] };
    assert.equal(list.executions[0]?.execution_id, data.execution_id, 'the newest in the history');
    assert.deepEqual(list.executions[0]?.parameters, parameters);
  });

  it("execute waits for its answer up to the run's timeout + 30 s, not the client's 0.4 s", async () => {
    const def = sim.dataset.workflows[2]!;
    sim.faults.next({ kind: 'latency', ms: 900 }, { path: executePath(def.run_id) });
    const { data } = await api.executeAutomation(sim.orgId, def.run_id, [], { runTimeoutSeconds: 1 });
    assert.equal(data.execution_id, sim.writes.received[0]?.executionId);
    assert.deepEqual(sim.requests[0]?.body, { parameters: [], timeout: 1 });
  });

  const uncertain: [string, Fault][] = [
    ['a timeout', { kind: 'latency', ms: 1500 }],
    ['a 503', { kind: 'status', status: 503, body: { detail: 'Service Unavailable' } }],
    ['a 500', { kind: 'status', status: 500, body: { detail: 'Internal error' } }],
    [
      'a 429',
      {
        kind: 'status',
        status: 429,
        body: { error: 'rate_limited', message: 'Too many' },
        headers: { 'Retry-After': '30' },
      },
    ],
    ['a dropped connection', { kind: 'drop' }],
    ['an unreadable answer', { kind: 'malformedJson' }],
  ];
  for (const [what, fault] of uncertain) {
    it(`never retried after ${what}: sent once, "not known whether the run started"`, async () => {
      const def = endpointDef();
      const slug = def.endpoints[0]!.endpoint_slug;
      sim.faults.next(fault, { path: `/api/${sim.dataset.orgSlug}/${slug}` });
      const e1 = await writeError(api.invokeEndpoint(sim.dataset.orgSlug, slug, {}));
      sim.faults.next(fault, { path: executePath(def.run_id) });
      const e2 = await writeError(api.executeAutomation(sim.orgId, def.run_id, [], { timeoutMs: 400 }));
      for (const error of [e1, e2]) {
        assert.equal(error.outcome, 'unknown', error.message);
        assert.match(error.userMessage, /not known whether the run started/);
        assert.match(error.userMessage, /history/);
        assert.doesNotMatch(error.userMessage, /will be retried/);
      }
      // Let a delayed answer arrive, so a retry would have been recorded by now.
      await new Promise((resolve) => setTimeout(resolve, 1300));
      assert.deepEqual(
        sim.requests.map((r) => r.method),
        ['POST', 'POST'],
        'exactly one request per write',
      );
    });
  }

  it('401/403 on execute: "only from the web app"; 422 and 404: refused; nothing started', async () => {
    const def = sim.dataset.workflows[0]!;
    for (const status of [401, 403]) {
      sim.faults.next(
        { kind: 'status', status, body: { detail: 'Not allowed with an API key' } },
        { path: executePath(def.run_id) },
      );
      const error = await writeError(api.executeAutomation(sim.orgId, def.run_id, []));
      assert.equal(error.outcome, 'not-started');
      assert.match(error.userMessage, /only from the web app/);
    }
    // An injected status replaces the answer after the route ran; the 422 and 404 below are the route's own.
    sim.writes.received.length = 0;
    const invalid = await writeError(
      api.executeAutomation(sim.orgId, def.run_id, [
        { name: 7, value: 1 } as unknown as { name: string; value: unknown },
      ]),
    );
    assert.equal(invalid.outcome, 'not-started');
    assert.match(invalid.userMessage, /rejected the parameters/);
    const missing = await writeError(api.executeAutomation(sim.orgId, 'no-such-automation', []));
    assert.equal(missing.outcome, 'not-started');
    assert.equal(missing.kind, 'NotFound');
    assert.equal(sim.writes.received.length, 0, 'the simulator created nothing for a refused body or automation');
  });

  it('ids that would change the route, and an organisation named like a Granite route, are refused before sending', async () => {
    for (const promise of [
      api.executeAutomation(sim.orgId, '..', []),
      api.executeAutomation('', 'x', []),
      api.invokeEndpoint(sim.dataset.orgSlug, '.', {}),
      api.invokeEndpoint('analytics', 'batch', {}),
      api.invokeEndpoint('Organizations', 'x', {}),
    ]) {
      const error = await writeError(promise);
      assert.equal(error.outcome, 'not-started');
      assert.match(error.userMessage, /Nothing was sent\./);
    }
    assert.equal(sim.requests.length, 0);
  });

  it('a refused connection: nothing started, said so', async () => {
    const port = await closedPort();
    const offline = new RunsWriteApi(
      new GraniteClient({ baseUrl: `http://127.0.0.1:${port}`, apiKey: 'gk_test_x1234' }),
    );
    const error = await writeError(offline.invokeEndpoint('acme', 'x', {}));
    assert.equal(error.outcome, 'not-started');
    assert.match(error.userMessage, /Nothing was started/);
  });
});
