/**
 * Where the language-model tools get their batch, against the simulator over real sockets: which calls
 * cost a request and which do not, and that the scheduler's gate and Granite's errors become messages.
 * The store is a stand-in with the four members `ToolBatches` uses (the real one needs a VS Code host;
 * the integration suite runs the tools against it).
 */
import assert from 'node:assert/strict';
import { GraniteClient } from '../../../src/core/api/client';
import type { ParsedBatch } from '../../../src/core/api/parseBatch';
import { filterKey, toRequestFilters, type FilterState } from '../../../src/filters/filters';
import type { RefreshOutcome } from '../../../src/core/refreshScheduler';
import { ToolBatches, type ToolBatch, type ToolBatchesDeps } from '../../../src/chatTools/toolBatches';
import { zeroRequestCounts, type RequestSource, type StoreState } from '../../../src/store/storeState';
import { startSimulator, type Simulator } from '../../simulator/server';

const minute = 60_000;
const views: FilterState = { range: { kind: 'preset', preset: '7d' }, granularity: 'auto' };
const other: FilterState = { ...views, workflow: 'Invoice Intake' };

type Gate = ReturnType<ToolBatchesDeps['gate']>;

function harness(sim: Simulator, clock: { now: number }) {
  const outcomes: RefreshOutcome[] = [];
  const refreshes: RequestSource[] = [];
  const requestCounts = zeroRequestCounts();
  let state: StoreState = { filters: views, fromCache: false, loading: false };
  let connection: Awaited<ReturnType<ToolBatchesDeps['store']['connection']>> = {
    client: new GraniteClient({ baseUrl: sim.url, apiKey: sim.apiKey, now: () => clock.now }),
    source: 'environment',
    cacheId: 'origin#key1',
  };
  let gate: Gate = { ok: true };
  const store: ToolBatchesDeps['store'] = {
    get state() {
      return state;
    },
    connection: () => Promise.resolve(connection),
    // Like the store: one request for its own filters, counted under its source, the batch kept.
    // eslint-disable-next-line @typescript-eslint/no-useless-default-assignment -- the store's refresh(source = 'user') has this default; its parameter is optional by that initializer, which the rule does not count
    refresh: async (source: RequestSource = 'user') => {
      refreshes.push(source);
      if (!('client' in connection)) return;
      requestCounts[source]++;
      const result = await connection.client.fetchBatch(toRequestFilters(state.filters, clock.now));
      state = { ...state, batch: result.data, fetchedAt: result.receivedAt };
    },
    requestCounts,
  };
  const batches = new ToolBatches({
    store,
    gate: () => gate,
    onOutcome: (o) => outcomes.push(o),
    now: () => clock.now,
    freshForMs: () => 5 * minute,
  });
  return {
    batches,
    outcomes,
    refreshes,
    requestCounts,
    setState: (patch: Partial<StoreState>) => (state = { ...state, ...patch }),
    setConnection: (c: typeof connection) => (connection = c),
    setGate: (g: Gate) => (gate = g),
  };
}

function data(result: ToolBatch): ParsedBatch {
  assert.ok(result.ok, `expected data, got: ${result.ok ? '' : `${result.message} ${result.apiText ?? ''}`}`);
  return result.batch;
}

function message(result: ToolBatch): string {
  assert.ok(!result.ok, 'expected a message instead of data');
  return `${result.message} ${result.apiText ?? ''}`;
}

describe('language-model tool batches', () => {
  let sim: Simulator;
  const clock = { now: Date.UTC(2026, 10, 26, 12, 0, 0) };
  const batchRequests = () => sim.requests.filter((r) => r.path === '/api/analytics/batch');

  before(async () => {
    sim = await startSimulator({
      seed: 3,
      workflows: 6,
      days: 10,
      executions: 600,
      quota: 1000,
      clock: { now: () => clock.now },
    });
  });
  after(async () => sim.stop());
  beforeEach(() => {
    sim.faults.clear();
    sim.requests.length = 0;
  });

  it('answers from the views’ fresh batch for the views’ filters, without a request', async () => {
    const h = harness(sim, clock);
    const shown = { sections: {}, problems: [], warnings: [] };
    h.setState({ batch: shown, fetchedAt: clock.now - 4 * minute });
    assert.equal(data(await h.batches.get(views)), shown);
    assert.equal(batchRequests().length, 0);
    assert.deepEqual(h.refreshes, []);
  });

  it('refreshes the views’ stale batch through the store, counted as the tool’s', async () => {
    const h = harness(sim, clock);
    h.setState({ batch: { sections: {}, problems: [], warnings: [] }, fetchedAt: clock.now - 6 * minute });
    const batch = data(await h.batches.get(views));
    assert.ok(batch.sections.summary, 'the refreshed batch');
    assert.deepEqual(h.refreshes, ['tool']);
    assert.equal(batchRequests().length, 1);
  });

  it('sends one filtered request for other filters, then answers from it while fresh', async () => {
    const h = harness(sim, clock);
    const first = data(await h.batches.get(other));
    const [request] = batchRequests();
    assert.deepEqual(request?.body, toRequestFilters(other, clock.now), 'the tool’s filters, through the client');
    assert.equal(h.requestCounts.tool, 1);
    assert.deepEqual(h.outcomes, [], 'a success for other filters does not move the views’ schedule');
    assert.equal(data(await h.batches.get({ ...other })), first, 'same filters again: no request');
    assert.equal(batchRequests().length, 1);
    clock.now += 5 * minute;
    data(await h.batches.get(other));
    assert.equal(batchRequests().length, 2, 'stale after the refresh interval');
    assert.notEqual(filterKey(other), filterKey(views));
  });

  it('shares one request between concurrent calls for the same filters', async () => {
    const h = harness(sim, clock);
    sim.faults.next({ kind: 'latency', ms: 100 });
    const [a, b] = await Promise.all([h.batches.get(other), h.batches.get(other)]);
    assert.equal(data(a), data(b));
    assert.equal(batchRequests().length, 1);
    assert.equal(h.requestCounts.tool, 1);
  });

  it('never answers one key’s question from another key’s batch', async () => {
    const h = harness(sim, clock);
    data(await h.batches.get(other));
    h.setConnection({
      client: new GraniteClient({ baseUrl: sim.url, apiKey: sim.apiKey, now: () => clock.now }),
      source: 'secret-storage',
      cacheId: 'origin#key2',
    });
    data(await h.batches.get(other));
    assert.equal(batchRequests().length, 2);
  });

  it('sends nothing while the gate is shut, and says why and until when', async () => {
    const h = harness(sim, clock);
    h.setGate({ ok: false, reason: 'rate-limited', until: Date.UTC(2026, 10, 26, 13, 5) });
    assert.match(
      message(await h.batches.get(other)),
      /rate limit is reached; nothing was requested\. Requests resume at 2026-11-26 13:05 UTC\./,
    );
    // The views' own filters wait too: the store's refresh is not called.
    h.setState({ batch: { sections: {}, problems: [], warnings: [] }, fetchedAt: clock.now - 10 * minute });
    message(await h.batches.get(views));
    h.setGate({ ok: false, reason: 'credentials' });
    assert.match(message(await h.batches.get(other)), /refused the API key.*Granite: Set API Key/);
    assert.equal(batchRequests().length, 0);
    assert.deepEqual(h.refreshes, []);
  });

  it('says that a key is needed when there is none', async () => {
    const h = harness(sim, clock);
    h.setConnection({ noKey: true, origin: 'https://api.example.test' });
    assert.match(
      message(await h.batches.get(other)),
      /No Granite API key is set for https:\/\/api\.example\.test.*Granite: Set API Key/,
    );
    assert.equal(batchRequests().length, 0);
  });

  it('turns a server error into a message, and leaves the schedule alone', async () => {
    const h = harness(sim, clock);
    sim.faults.next({ kind: 'status', status: 503, body: { detail: 'maintenance' } });
    assert.match(message(await h.batches.get(other)), /could not provide the data\. .*server error \(503/);
    assert.deepEqual(h.outcomes, []);
    data(await h.batches.get(other));
    assert.equal(batchRequests().length, 2, 'a failure is not remembered');
  });

  it('quotes a right-to-left server message exactly as sent, without the isolates VS Code surfaces get', async () => {
    const h = harness(sim, clock);
    const said = 'الخادم قيد الصيانة';
    sim.faults.next({ kind: 'status', status: 503, body: { detail: said } });
    const result = await h.batches.get(other);
    assert.ok(!result.ok && result.apiText !== undefined, 'expected a message with the server text');
    assert.ok(result.apiText.includes(`"${said}"`), JSON.stringify(result.apiText));
    assert.doesNotMatch(result.apiText, /[\u2066-\u2069]/);
  });

  it('tells the scheduler about a 429 and a refused key, as every other request does', async () => {
    const h = harness(sim, clock);
    sim.faults.next({ kind: 'status', status: 429, headers: { 'Retry-After': '120' } });
    message(await h.batches.get(other));
    assert.equal(h.outcomes.length, 1);
    assert.equal(h.outcomes[0]?.ok, false);
    assert.ok((h.outcomes[0]?.blockedUntil ?? 0) > clock.now, 'blocked until the reset');
    sim.faults.next({ kind: 'status', status: 401 });
    message(await h.batches.get(other));
    assert.deepEqual(h.outcomes[1], { ok: false, at: clock.now, needsCredentials: true, blockedUntil: undefined });
  });

  it('tells the scheduler when a success used up the quota', async () => {
    const tight = await startSimulator({
      seed: 3,
      workflows: 6,
      days: 10,
      executions: 600,
      quota: 1,
      clock: { now: () => clock.now },
    });
    try {
      const h = harness(tight, clock);
      data(await h.batches.get(other));
      assert.equal(h.outcomes.length, 1);
      assert.equal(h.outcomes[0]?.ok, true);
      assert.ok((h.outcomes[0]?.blockedUntil ?? 0) > clock.now);
    } finally {
      await tight.stop();
    }
  });

  it('aborts what is in flight when disposed', async () => {
    const h = harness(sim, clock);
    sim.faults.next({ kind: 'latency', ms: 5_000 });
    const pending = h.batches.get(other);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    h.batches.dispose();
    message(await pending);
    assert.ok(Date.now() - started < 2_000, 'did not wait for the slow answer');
  });
});
