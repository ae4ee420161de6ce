/**
 * RunDataSource (src/runs/runData.ts) against the simulator over real sockets: at most four requests the
 * first time a run is opened (plus /api/me while the organisation is unknown), none within five minutes,
 * info and "no trace" remembered per automation, the trace asked once per automation and attributed per
 * execution, failures kept in their part, and on-demand requests paused by a low quota. Expectations come
 * from the simulator's raw dataset.
 */
import assert from 'node:assert/strict';
import type { Connection } from '../../../src/connection/connections';
import { GraniteClient } from '../../../src/core/api/client';
import type { RecentFailureItem } from '../../../src/core/api/schemas';
import { RunDataSource, runFreshForMs, type RunDataStore } from '../../../src/runs/runData';
import { zeroRequestCounts, type RequestSource } from '../../../src/store/storeState';
import { isTerminal, type Execution } from '../../simulator/model';
import { startSimulator, type Simulator } from '../../simulator/server';
import { tracedExecution, traceKind, type TraceKind } from '../../simulator/traces';

const start = Date.UTC(2026, 10, 26, 12, 0, 0);

interface Harness {
  source: RunDataSource;
  store: RunDataStore & { requestCounts: Record<RequestSource, number>; state: { organizationId?: string } };
  clock: { now: number };
}

const counts = zeroRequestCounts;

/** The store's part RunDataSource uses, over a real client; `ensureIdentity` asks /api/me as the store does. */
function harness(
  sim: Simulator,
  options: { orgKnown?: boolean; failures?: RecentFailureItem[]; clock?: { now: number } } = {},
): Harness {
  const clock = options.clock ?? { now: start };
  const client = new GraniteClient({ baseUrl: sim.url, apiKey: sim.apiKey, now: () => clock.now, timeoutMs: 2000 });
  const connection: Connection = { client, source: 'environment', cacheId: 'origin#key' };
  const store: Harness['store'] = {
    state: options.orgKnown === false ? {} : { organizationId: sim.orgId },
    requestCounts: counts(),
    connection: () => Promise.resolve(connection),
    ensureIdentity: async () => {
      store.requestCounts['key-check']++;
      try {
        const me = await client.fetchMe();
        store.state.organizationId = me.data.organization.organization_id;
      } catch {
        // As the store: the organisation stays unknown.
      }
      return store.state.organizationId;
    },
    findFailure: (id) => options.failures?.find((f) => f.execution_id === id),
  };
  const source = new RunDataSource({ store, now: () => clock.now });
  return { source, store, clock };
}

describe('RunDataSource against the simulator', function () {
  let sim: Simulator;
  let clock: { now: number } = { now: start };
  before(async () => {
    sim = await startSimulator({
      seed: 11,
      workflows: 6,
      days: 10,
      executions: 1500,
      clock: { now: () => clock.now },
    });
  });
  after(async () => sim.stop());
  beforeEach(() => {
    sim.faults.clear();
    sim.requests.length = 0;
  });

  const automation = (kind: TraceKind) => sim.dataset.workflows.find((_, i) => traceKind(i) === kind)!.run_id;
  const executionsOf = (runId: string) =>
    sim.dataset.executions.filter((e) => e.run_id === runId).sort((a, b) => b.started_at_ms - a.started_at_ms);
  const paths = () => sim.requests.map((r) => r.path);
  const use = (h: Harness) => (clock = h.clock);

  it('first open: detail, info, history (50) and trace, counted as `run`; reopening within 5 min sends nothing', async () => {
    const h = harness(sim);
    use(h);
    const runId = automation('latestRun');
    const traced = tracedExecution(sim.dataset, runId)!;
    const bundle = await h.source.load({ executionId: traced.execution_id, runId });
    assert.equal(sim.requests.length, 4);
    assert.deepEqual(paths().sort(), [
      `/api/agent-runs/${runId}/trace`,
      `/api/organizations/${sim.orgId}/automations/${runId}/executions`,
      `/api/organizations/${sim.orgId}/automations/${runId}/info`,
      `/api/organizations/${sim.orgId}/executions/${traced.execution_id}`,
    ]);
    assert.equal(h.store.requestCounts.run, 4);
    assert.equal(bundle.detail.state === 'ok' && bundle.detail.value.status, traced.status);
    const mine = executionsOf(runId);
    assert.ok(bundle.history.state === 'ok');
    assert.equal(bundle.history.value.total, mine.length);
    assert.deepEqual(
      bundle.history.value.executions.map((e) => e.execution_id),
      mine.slice(0, 50).map((e) => e.execution_id),
    );
    assert.equal(bundle.trace.state === 'ok' && bundle.trace.owner, 'this-run');
    assert.equal(bundle.info.state === 'ok' && bundle.info.value.run_id, runId);
    assert.equal(bundle.organization?.id, sim.orgId);

    h.clock.now += runFreshForMs - 1000;
    const again = await h.source.load({ executionId: traced.execution_id, runId });
    assert.equal(sim.requests.length, 4, 'nothing sent within 5 minutes');
    assert.equal(again, h.source.peek(traced.execution_id));
    h.source.dispose();
  });

  it('after 5 minutes: detail, history and the found trace again; info never (kept for the session)', async () => {
    const h = harness(sim);
    use(h);
    const runId = automation('latestRun');
    const e = tracedExecution(sim.dataset, runId)!;
    await h.source.load({ executionId: e.execution_id, runId });
    sim.requests.length = 0;
    h.clock.now += runFreshForMs;
    await h.source.load({ executionId: e.execution_id, runId });
    assert.deepEqual(paths().sort(), [
      `/api/agent-runs/${runId}/trace`,
      `/api/organizations/${sim.orgId}/automations/${runId}/executions`,
      `/api/organizations/${sim.orgId}/executions/${e.execution_id}`,
    ]);
    sim.requests.length = 0;
    await h.source.load({ executionId: e.execution_id, runId }, { force: true, source: 'tool' });
    assert.equal(sim.requests.length, 3, 'Refresh asks detail, history and the trace');
    assert.equal(h.store.requestCounts.tool, 3);
    h.source.dispose();
  });

  it('a second execution of the same automation costs only its detail; a 404 trace is remembered as "no trace"', async () => {
    const h = harness(sim);
    use(h);
    const runId = automation('none');
    const [first, second] = executionsOf(runId);
    const a = await h.source.load({ executionId: first!.execution_id, runId });
    assert.equal(sim.requests.length, 4);
    assert.deepEqual(a.trace, { state: 'none' });
    sim.requests.length = 0;
    const b = await h.source.load({ executionId: second!.execution_id, runId });
    assert.deepEqual(paths(), [`/api/organizations/${sim.orgId}/executions/${second!.execution_id}`]);
    assert.deepEqual(b.trace, { state: 'none' });
    sim.requests.length = 0;
    h.clock.now += 2 * runFreshForMs;
    await h.source.load({ executionId: first!.execution_id, runId });
    assert.ok(!paths().some((p) => p.includes('/trace')), 'no trace is not asked again in the session');
    assert.ok(!paths().some((p) => p.endsWith('/info')), 'info is not asked again in the session');
    h.source.dispose();
  });

  it('attribution: the traced execution gets its session; another execution of it does not; a creation session is labelled', async () => {
    const h = harness(sim);
    use(h);
    const runId = automation('latestRun');
    const traced = tracedExecution(sim.dataset, runId)!;
    const other = executionsOf(runId).find(
      (e: Execution) => isTerminal(e.status) && e.execution_id !== traced.execution_id,
    )!;
    const otherBundle = await h.source.load({ executionId: other.execution_id, runId });
    // The trace is the traced execution's session: outside this one's times, but its rpa_run_id is the automation.
    assert.equal(otherBundle.trace.state === 'ok' && otherBundle.trace.owner, 'creating-session');
    const creation = automation('creation');
    const c = executionsOf(creation)[0]!;
    const created = await h.source.load({ executionId: c.execution_id, runId: creation });
    assert.equal(created.trace.state === 'ok' && created.trace.owner, 'creating-session');
    h.source.dispose();
  });

  it('without the automation id: the detail first, then the other three; the bundle names the automation', async () => {
    const h = harness(sim);
    use(h);
    const e = sim.dataset.executions.find((x) => isTerminal(x.status))!;
    const bundle = await h.source.load({ executionId: e.execution_id });
    assert.equal(sim.requests.length, 4);
    assert.equal(sim.requests[0]!.path, `/api/organizations/${sim.orgId}/executions/${e.execution_id}`);
    assert.equal(bundle.ids.runId, e.run_id);
    h.source.dispose();
  });

  it('organisation unknown: /api/me first (counted as key-check); when it fails, the parts say what is missing', async () => {
    const h = harness(sim, { orgKnown: false });
    use(h);
    const runId = automation('latestRun');
    const e = executionsOf(runId)[0]!;
    const ok = await h.source.load({ executionId: e.execution_id, runId });
    assert.deepEqual(paths()[0], '/api/me');
    assert.equal(sim.requests.length, 5);
    assert.equal(h.store.requestCounts['key-check'], 1);
    assert.equal(ok.detail.state, 'ok');

    const failing = harness(sim, { orgKnown: false });
    use(failing);
    sim.requests.length = 0;
    sim.faults.next({ kind: 'status', status: 503 }, { path: '/api/me' });
    const bundle = await failing.source.load({ executionId: e.execution_id, runId });
    for (const part of [bundle.detail, bundle.info, bundle.history]) {
      assert.equal(part.state, 'missing');
      assert.match(part.state === 'missing' ? part.reason : '', /organisation/);
    }
    assert.equal(bundle.trace.state, 'ok', 'the trace route needs no organisation');
    assert.deepEqual(paths(), ['/api/me', `/api/agent-runs/${runId}/trace`]);
    failing.source.dispose();
  });

  it('an execution id that would not stay one path segment is refused before anything is sent', async () => {
    const h = harness(sim);
    use(h);
    for (const executionId of ['..', '.']) {
      const bundle = await h.source.load({ executionId });
      assert.ok(bundle.detail.state === 'error' && !bundle.detail.retryable, executionId);
      assert.match(bundle.detail.message, /nothing was sent/);
    }
    assert.equal(sim.requests.length, 0);
    h.source.dispose();
  });

  it('errors stay in their part, in words, and never reject; a retryable one is asked again on reopening', async () => {
    const h = harness(sim);
    use(h);
    const runId = automation('creation');
    const e = executionsOf(runId)[0]!;
    const historyPath = `/api/organizations/${sim.orgId}/automations/${runId}/executions`;
    sim.faults.next({ kind: 'status', status: 500, body: { detail: 'boom' } }, { path: historyPath });
    sim.faults.next(
      { kind: 'status', status: 401 },
      { path: `/api/organizations/${sim.orgId}/automations/${runId}/info` },
    );
    const bundle = await h.source.load({ executionId: e.execution_id, runId });
    assert.equal(bundle.detail.state, 'ok');
    assert.ok(bundle.history.state === 'error' && bundle.history.retryable);
    assert.match(bundle.history.message, /server error/);
    assert.ok(bundle.info.state === 'error' && !bundle.info.retryable);
    sim.requests.length = 0;
    const again = await h.source.load({ executionId: e.execution_id, runId });
    assert.deepEqual(paths(), [historyPath], 'only the retryable failure is asked again');
    assert.equal(again.history.state, 'ok');
    h.source.dispose();
  });

  it('a 429: on-demand requests wait until its retry time, and the parts say so', async () => {
    const h = harness(sim);
    use(h);
    const [a, b] = [automation('latestRun'), automation('none')];
    const first = executionsOf(a)[0]!.execution_id;
    sim.faults.next(
      { kind: 'status', status: 429, body: { detail: 'slow down' }, headers: { 'Retry-After': '120' } },
      { path: `/api/organizations/${sim.orgId}/executions/${first}` },
    );
    const limited = await h.source.load({ executionId: first, runId: a });
    assert.ok(limited.detail.state === 'error' && limited.detail.retryable);
    sim.requests.length = 0;
    const paused = await h.source.load({ executionId: executionsOf(b)[0]!.execution_id, runId: b });
    assert.equal(sim.requests.length, 0);
    for (const part of [paused.detail, paused.info, paused.history, paused.trace]) {
      assert.equal(part.state, 'missing');
      assert.match(part.state === 'missing' ? part.reason : '', /rate limit/);
    }
    // Retry-After 120 s, but the quota window (the clock hour) ends later: the later of the two counts.
    h.clock.now += 3_600_000;
    await h.source.load({ executionId: executionsOf(b)[0]!.execution_id, runId: b });
    assert.equal(sim.requests.length, 4, 'after the retry time the requests go out');
    h.source.dispose();
  });
});

describe('RunDataSource on a nearly used-up quota', function () {
  it('fewer than 10 requests left in the window: nothing more is sent until the window resets', async () => {
    const clock = { now: start };
    const small = await startSimulator({
      seed: 5,
      workflows: 3,
      days: 5,
      executions: 200,
      quota: 13,
      clock: { now: () => clock.now },
    });
    try {
      const h = harness(small, { clock });
      const runId = small.dataset.workflows[0]!.run_id;
      const mine = small.dataset.executions.filter((e) => e.run_id === runId);
      await h.source.load({ executionId: mine[0]!.execution_id, runId });
      assert.equal(small.requests.length, 4, '13 - 4 = 9 left: below the reserve of 10');
      const paused = await h.source.load({ executionId: mine[1]!.execution_id, runId });
      assert.equal(small.requests.length, 4);
      assert.match(paused.detail.state === 'missing' ? paused.detail.reason : '', /rate limit/);
      // The simulator's window is the clock hour: in the next one, requests go out again.
      clock.now = Math.floor(clock.now / 3_600_000) * 3_600_000 + 3_600_000 + 1000;
      const resumed = await h.source.load({ executionId: mine[1]!.execution_id, runId });
      assert.equal(resumed.detail.state, 'ok');
      h.source.dispose();
    } finally {
      await small.stop();
    }
  });
});
