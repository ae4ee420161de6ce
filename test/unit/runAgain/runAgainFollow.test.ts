/**
 * Following a run started by Run Again, on an injected clock: the backoff from 5 s to 60 s, the cap of 20
 * requests, pauses for a rate limit that spend no request, one end only; and end to end against the
 * simulator (sharing the clock, over real sockets) for both routes, the outcome compared with the outcome
 * the simulator planned for the write it received.
 */
import assert from 'node:assert/strict';
import { GraniteClient, type Fetched } from '../../../src/core/api/client';
import { GraniteError } from '../../../src/core/api/errors';
import type { AgentRunProgressResponse } from '../../../src/core/api/runSchemas';
import { RunsApi } from '../../../src/core/api/runsApi';
import { RunsWriteApi } from '../../../src/core/api/runsWriteApi';
import {
  followMaxRequests,
  RunFollower,
  type FollowDeps,
  type FollowEnd,
  type FollowReads,
  type FollowTarget,
} from '../../../src/runAgain/runAgainFollow';
import { startSimulator, type Simulator } from '../../simulator/server';
import { FakeTime } from '../helpers/fakeTime';

const start = Date.UTC(2026, 10, 26, 12, 0, 0);

function fetched<T>(data: T, rateLimit: Fetched<T>['rateLimit'] = {}): Fetched<T> {
  return { data, rateLimit, receivedAt: 0, durationMs: 1, bytes: 1 };
}

const running = (): AgentRunProgressResponse => ({
  run_id: 'ar_1',
  status: 'running',
  progress: {},
  reserved_vm_id: null,
  created_at: new Date(start).toISOString(),
  completed_at: null,
});

/** Reads that never see the run end; each call's clock time is kept. */
function endlessReads(time: FakeTime, answer: () => Promise<Fetched<AgentRunProgressResponse>>) {
  const calls: number[] = [];
  const reads: FollowReads = {
    agentRun: () => (calls.push(time.now()), answer()),
    history: () => Promise.reject(new Error('not asked')),
    execution: () => Promise.reject(new Error('not asked')),
  };
  return { calls, reads };
}

const endpointTarget: FollowTarget = {
  kind: 'endpoint',
  agentRunId: 'ar_1',
  runId: 'run_1',
  endpointSlug: 's',
  sentAt: start,
  known: new Set(),
};

function follow(time: FakeTime, target: FollowTarget, reads: FollowReads, gate?: FollowDeps['gate']) {
  const ends: FollowEnd[] = [];
  const opened: string[] = [];
  let counted = 0;
  const follower = new RunFollower(target, {
    time,
    reads,
    gate: gate ?? (() => ({ ok: true })),
    onExecution: (id) => opened.push(id),
    onEnd: (end) => ends.push(end),
    countRequest: () => counted++,
  });
  return { follower, ends, opened, counted: () => counted };
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('Run Again: following a run (policy)', function () {
  it('backs off 5, 10, 20, 40, then every 60 s, and stops after 20 requests with one end', async () => {
    const time = new FakeTime(start);
    const { calls, reads } = endlessReads(time, () => Promise.resolve(fetched(running())));
    const f = follow(time, endpointTarget, reads);
    await time.advance(60 * 60_000, settle);
    assert.equal(calls.length, followMaxRequests);
    assert.equal(f.counted(), followMaxRequests);
    const gaps = calls.map((at, i) => (at - (i === 0 ? start : calls[i - 1]!)) / 1000);
    assert.deepEqual(gaps, [5, 10, 20, 40, ...Array<number>(16).fill(60)]);
    assert.deepEqual(f.ends, [{ kind: 'gave-up', executionId: undefined, reason: 'requests' }]);
    assert.equal(time.pending, 0, 'nothing left scheduled');
  });

  it("a 429 pauses until its retryAt; the scheduler's gate and a nearly spent window pause without a request", async () => {
    const time = new FakeTime(start);
    let n = 0;
    const { calls, reads } = endlessReads(time, () => {
      n++;
      if (n === 1)
        return Promise.reject(new GraniteError('RateLimited', 'limit', { status: 429, retryAt: start + 600_000 }));
      if (n === 2) return Promise.resolve(fetched(running(), { remaining: 3, resetAt: start + 1_800_000 }));
      return Promise.resolve(fetched(running()));
    });
    let blockedUntil = 0;
    const f = follow(time, endpointTarget, reads, () =>
      time.now() < blockedUntil ? { ok: false, reason: 'rate-limited', until: blockedUntil } : { ok: true },
    );
    await time.advance(5_000, settle);
    assert.deepEqual(calls, [start + 5_000]);
    await time.advance(600_000, settle);
    assert.deepEqual(calls.slice(1), [start + 600_000], 'the second request waited for retryAt');
    blockedUntil = start + 2_400_000;
    await time.advance(1_800_000, settle);
    assert.equal(calls[2], start + 2_400_000, 'the window had 3 left (wait for its reset), then the gate held it');
    assert.equal(f.counted(), calls.length, 'a pause spends no request');
    f.follower.dispose();
    await time.advance(3_600_000, settle);
    assert.equal(f.ends.length, 0, 'disposed: stopped silently');
  });

  it('a refused key or a missing route ends it once, with the reason', async () => {
    const time = new FakeTime(start);
    const { reads } = endlessReads(time, () => Promise.reject(new GraniteError('Forbidden', 'Granite denied access.')));
    const f = follow(time, endpointTarget, reads);
    await time.advance(600_000, settle);
    assert.deepEqual(f.ends, [{ kind: 'error', executionId: undefined, message: 'Granite denied access.' }]);
  });

  it('execute: an answer that carries the result ends at once; otherwise the deadline (timeout + 30 s) stops it', async () => {
    const time = new FakeTime(start);
    const answer = { success: false, run_id: 'run_1', execution_id: 'e1', return_code: 1, error: 'boom' };
    const done = follow(
      time,
      { kind: 'execute', runId: 'run_1', answer, sentAt: start, deadline: start + 330_000 },
      {
        agentRun: () => Promise.reject(new Error('no')),
        history: () => Promise.reject(new Error('no')),
        execution: () => Promise.reject(new Error('no')),
      },
    );
    assert.deepEqual(done.ends, [], 'not from inside the constructor');
    await time.advance(0, settle);
    assert.deepEqual(done.opened, ['e1']);
    assert.deepEqual(done.ends, [{ kind: 'finished', executionId: 'e1', status: 'failed' }]);
    const calls: number[] = [];
    const queued = { success: true, run_id: 'run_1', execution_id: 'e2' };
    const waiting = follow(
      time,
      { kind: 'execute', runId: 'run_1', answer: queued, sentAt: start, deadline: start + 330_000 },
      {
        agentRun: () => Promise.reject(new Error('no')),
        history: () => Promise.reject(new Error('no')),
        execution: () => {
          calls.push(time.now());
          return Promise.reject(new GraniteError('NotFound', 'not yet'));
        },
      },
    );
    await time.advance(3_600_000, settle);
    assert.deepEqual(waiting.ends, [{ kind: 'gave-up', executionId: 'e2', reason: 'deadline' }]);
    assert.ok(calls.every((at) => at < start + 330_000));
    assert.equal(calls.length, 8, '5, 15, 35, 75, 135, 195, 255, 315 s; the next would pass the deadline');
  });
});

describe('Run Again: following a run against the simulator', function () {
  let sim: Simulator;
  let time: FakeTime;
  let client: GraniteClient;

  beforeEach(async () => {
    time = new FakeTime(start);
    sim = await startSimulator({ seed: 3, workflows: 4, days: 3, executions: 200, clock: { now: () => time.now() } });
    client = new GraniteClient({ baseUrl: sim.url, apiKey: sim.apiKey, now: () => time.now() });
  });
  afterEach(async () => sim.stop());

  function realReads(inflight: Set<Promise<unknown>>): FollowReads {
    const runs = new RunsApi(client);
    const track = <T>(p: Promise<T>) => {
      inflight.add(p);
      void p.finally(() => inflight.delete(p)).catch(() => undefined);
      return p;
    };
    return {
      agentRun: (id) => track(runs.fetchAgentRun(id)),
      history: (runId) => track(runs.fetchHistory(sim.orgId, runId, { limit: 20 })),
      execution: (id) => track(client.fetchExecution(sim.orgId, id)),
    };
  }
  const settleAll = (inflight: Set<Promise<unknown>>) => async () => {
    while (inflight.size > 0) await Promise.allSettled([...inflight]);
    await settle();
  };

  for (const route of ['endpoint', 'execute'] as const) {
    it(`${route}: finds the new execution, opens it once, and ends with the outcome the simulator planned`, async () => {
      const def = sim.dataset.workflows.find((w) => w.endpoints.length > 0)!;
      const writes = new RunsWriteApi(client);
      const known = new Set(sim.dataset.executions.filter((e) => e.run_id === def.run_id).map((e) => e.execution_id));
      let target: FollowTarget;
      if (route === 'endpoint') {
        const { data } = await writes.invokeEndpoint(sim.dataset.orgSlug, def.endpoints[0]!.endpoint_slug, {});
        target = {
          kind: 'endpoint',
          agentRunId: data.runId,
          runId: def.run_id,
          endpointSlug: def.endpoints[0]!.endpoint_slug,
          sentAt: start,
          known,
        };
      } else {
        const { data } = await writes.executeAutomation(sim.orgId, def.run_id, []);
        target = { kind: 'execute', runId: def.run_id, answer: data, sentAt: start, deadline: start + 330_000 };
      }
      const [write] = sim.writes.received;
      sim.requests.length = 0;
      const inflight = new Set<Promise<unknown>>();
      const f = follow(time, target, realReads(inflight));
      await time.advance(10 * 60_000, settleAll(inflight));
      assert.deepEqual(f.opened, [write!.executionId]);
      assert.deepEqual(f.ends, [{ kind: 'finished', executionId: write!.executionId, status: write!.planned.status }]);
      assert.equal(f.counted(), sim.requests.length);
      assert.ok(sim.requests.length <= 5, `few requests for a run of seconds (${sim.requests.length})`);
      assert.ok(
        sim.requests.every((r) => r.method === 'GET'),
        'following only reads',
      );
    });
  }
});
