/**
 * The fault matrix at the client + scheduler level, in plain Node: the real GraniteClient against the
 * simulator over real sockets, and the real RefreshScheduler on an injected clock (the simulator reads the
 * same clock). Jitter is pinned to its middle, so every next attempt time is exact. The same rows run end
 * to end in VS Code in `../vscode/faultMatrix.test.ts`.
 */
import assert from 'node:assert/strict';
import { GraniteClient } from '../../../src/core/api/client';
import { GraniteError } from '../../../src/core/api/errors';
import { failureOutcome, successOutcome } from '../../../src/core/outcome';
import { RefreshScheduler, type SharedSchedule } from '../../../src/core/refreshScheduler';
import { startSimulator, type Simulator } from '../../simulator/server';
import { closedPort } from '../../unit/helpers/closedPort';
import { FakeTime } from '../../unit/helpers/fakeTime';
import { startSelfSignedServer, type TlsServer } from '../../unit/helpers/tlsServer';
import { faultCases, figureLine, type FaultCase } from '../faultCases';

const intervalMs = 5 * 60_000;
const step = 10_000;

describe('fault matrix: client and scheduler (plain Node, real sockets)', function () {
  // The size-cap rows stream 20 MB; the timeout rows wait a real second twice.
  this.timeout(60_000);
  let time: FakeTime;
  let sim: Simulator;
  let tls: TlsServer;
  let refusedUrl: string;
  const results: boolean[] = [];

  before(async () => {
    tls = await startSelfSignedServer();
    refusedUrl = `http://127.0.0.1:${await closedPort()}`;
  });
  after(async () => {
    await tls.stop();
    console.log(figureLine(results.length, results.filter(Boolean).length));
  });
  beforeEach(async () => {
    time = new FakeTime(Date.UTC(2026, 10, 26, 8, 0, 0));
    sim = await startSimulator({
      seed: 9,
      workflows: 4,
      days: 3,
      executions: 300,
      quota: 10_000,
      clock: { now: time.now },
    });
  });
  afterEach(async function () {
    results.push(this.currentTest?.state === 'passed');
    await sim.stop();
  });

  function baseUrlFor(row: FaultCase): string {
    if (row.origin === 'refused') return refusedUrl;
    if (row.origin === 'dns') return 'https://granite-sim.invalid';
    if (row.origin === 'tls') return tls.url;
    return sim.url;
  }

  function scheduler(): { scheduler: RefreshScheduler; shared: { value: SharedSchedule } } {
    const shared = { value: {} as SharedSchedule };
    const s = new RefreshScheduler(
      {
        time,
        random: () => 0.5, // the middle of the ±25 % jitter: delays are exactly the doubled interval
        readShared: () => shared.value,
        writeShared: (v) => {
          shared.value = v;
        },
        refresh: () => undefined, // the test sends every request itself
      },
      intervalMs,
    );
    s.setActivity({ focused: true });
    return { scheduler: s, shared };
  }

  for (const row of faultCases) {
    it(row.name, async () => {
      const { scheduler: s, shared } = scheduler();
      // Good data first, from the simulator: the scheduler knows the last fetch.
      const good = await new GraniteClient({ baseUrl: sim.url, apiKey: sim.apiKey, now: time.now }).fetchBatch({});
      s.recordOutcome(successOutcome(good));
      const client = new GraniteClient({
        baseUrl: baseUrlFor(row),
        apiKey: sim.apiKey,
        now: time.now,
        timeoutMs: row.timeoutMs,
      });
      await time.advance(step);
      const madeAt = time.now();
      if (row.fault) sim.faults.always(row.fault(madeAt));

      const attempt = async (): Promise<GraniteError | undefined> => {
        try {
          const result = await client.fetchBatch({});
          s.recordOutcome(successOutcome(result));
          assert.deepEqual(
            result.data.problems.map((p) => p.section),
            row.problems ?? [],
            'sections reported unreadable',
          );
          return undefined;
        } catch (error) {
          assert.ok(error instanceof GraniteError, `a GraniteError, not ${String(error)}`);
          s.recordOutcome(failureOutcome(error, time.now()));
          return error;
        }
      };
      const first = await attempt();
      assert.equal(first?.kind, row.kind, first ? first.message : 'the refresh succeeded');
      if (first) for (const word of row.words) assert.match(first.userMessage, word);

      const expect = row.scheduler;
      if (expect.kind === 'backoff') {
        assert.equal(s.state, 'backing-off');
        // A second failure doubles the delay: two intervals (jitter pinned), more than the plain schedule.
        await time.advance(step);
        const second = await attempt();
        assert.equal(second?.kind, row.kind);
        assert.equal(s.nextAttemptAt, time.now() + 2 * intervalMs);
      } else if (expect.kind === 'rate-limit') {
        const [min, max] = expect.window(madeAt, time.now());
        assert.ok(
          first?.retryAt !== undefined && first.retryAt >= min && first.retryAt <= max,
          `retryAt ${first?.retryAt} in [${min}, ${max}]`,
        );
        assert.equal(s.state, 'blocked');
        assert.equal(s.nextAttemptAt, first.retryAt, 'the next attempt is the reset, not the backoff');
        assert.equal(shared.value.blockedUntil, first.retryAt, 'other windows are blocked until then too');
        assert.deepEqual(s.canRequestNow(), { ok: false, reason: 'rate-limited', until: first.retryAt });
      } else if (expect.kind === 'stop') {
        assert.equal(s.state, 'stopped-credentials');
        assert.equal(s.nextAttemptAt, undefined, 'nothing is scheduled');
        await time.advance(24 * 60 * 60_000);
        assert.equal(s.nextAttemptAt, undefined, 'not even a day later');
        s.credentialsChanged(); // a new key or URL
        assert.notEqual(s.state, 'stopped-credentials');
        assert.equal(
          s.nextAttemptAt,
          good.receivedAt + intervalMs,
          'polling resumes on the old schedule (already due)',
        );
        // Stopped again; this time the user's own Refresh succeeds (an admin fixed the key): polling resumes.
        assert.equal((await attempt())?.kind, row.kind);
        assert.equal(s.state, 'stopped-credentials');
        sim.faults.clear();
        assert.equal(await attempt(), undefined);
        assert.equal(s.state, 'waiting');
        assert.equal(s.nextAttemptAt, time.now() + intervalMs);
      } else {
        assert.equal(s.state, 'waiting');
        assert.equal(s.nextAttemptAt, time.now() + intervalMs);
      }
      s.dispose();
    });
  }
});
