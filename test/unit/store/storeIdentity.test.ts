/**
 * The store's identity answers against the simulator over real sockets: a filter change while `/api/me`
 * is in flight must not lose the organisation (the lookup remembers it as known, so it is not asked
 * again), while a new key or origin drops an answer that belongs to the old one.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchCache } from '../../../src/store/batchCache';
import { Connections } from '../../../src/connection/connections';
import { Credentials } from '../../../src/connection/credentials';
import { AnalyticsStore } from '../../../src/store/store';
import { directoryCacheFiles, manifestConfig } from '../../reliability/host/hostState';
import { MemorySecrets } from '../helpers/memoryState';
import { ME_PATH } from '../../simulator/identityFaults';
import { startSimulator, type Simulator } from '../../simulator/server';

const until = async (what: string, check: () => boolean, timeoutMs = 5_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe('store: identity answers', () => {
  let sim: Simulator;
  let dir: string;
  let store: AnalyticsStore;
  let credentials: Credentials;
  /** Paths whose answer the client has read in full (the store's log sees every exchange). */
  let exchanged: string[];
  const meRequests = () => sim.requests.filter((r) => r.path === ME_PATH);
  const meAnswered = () => exchanged.filter((path) => path === ME_PATH).length === meRequests().length;

  beforeEach(async () => {
    sim = await startSimulator({ seed: 5, workflows: 4, days: 10, executions: 300, quota: 10_000 });
    exchanged = [];
    dir = await mkdtemp(join(tmpdir(), 'granite-store-'));
    credentials = new Credentials(new MemorySecrets(), {});
    await credentials.store(new URL(sim.url).origin, sim.apiKey);
    const config = manifestConfig(sim.url);
    const log = {
      warn: () => undefined,
      error: () => undefined,
      setSecrets: () => undefined,
      exchange: (e: { url: string }) => void exchanged.push(new URL(e.url).pathname),
    };
    store = new AnalyticsStore(
      {
        config: () => config,
        connections: new Connections({ config: () => config, credentials, log, now: Date.now }),
        cache: new BatchCache(directoryCacheFiles(dir, (work) => work)),
        log,
        now: Date.now,
        gate: () => ({ ok: true }),
        onOutcome: () => undefined,
        saveFilters: () => Promise.resolve(),
      },
      { range: { kind: 'preset', preset: '7d' }, granularity: 'auto' },
    );
  });

  afterEach(async () => {
    store.dispose();
    credentials.dispose();
    await sim.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps the organisation when the filters change while /api/me is in flight', async () => {
    sim.faults.next({ kind: 'latency', ms: 200 }, { path: ME_PATH });
    await store.refresh('user');
    await until('/api/me asked', () => meRequests().length === 1);
    // The new filters' batch answers after /api/me, so it cannot simply join that lookup.
    sim.faults.next({ kind: 'latency', ms: 600 });
    await store.setFilters({ range: { kind: 'preset', preset: '30d' }, granularity: 'auto' });
    await until('/api/me answered', meAnswered);
    await until('the organisation shown', () => store.state.organizationId !== undefined);
    assert.equal(store.state.organizationId, sim.orgId);
    assert.equal(await store.ensureIdentity(), sim.orgId);
    assert.equal(meRequests().length, 1, 'asked once');
  });

  it('drops an answer that arrives after the key changed, and asks again for the new one', async () => {
    sim.faults.next({ kind: 'latency', ms: 400 }, { path: ME_PATH });
    await store.refresh('user');
    await until('/api/me asked', () => meRequests().length === 1);
    store.credentialsChanged();
    await until('/api/me answered', meAnswered);
    await new Promise((resolve) => setTimeout(resolve, 50)); // the store handles the answer after the exchange
    assert.equal(store.state.organizationId, undefined, 'the old key’s answer is not shown');
    assert.equal(await store.ensureIdentity(), sim.orgId);
    assert.equal(meRequests().length, 2);
  });
});
