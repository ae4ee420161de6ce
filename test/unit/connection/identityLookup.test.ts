/**
 * The identity lookup rule (`src/core/identityLookup.ts`) on an injected clock: first on its own, then
 * driven the way the store drives it — a batch request, then `afterBatch`, as the store does — by a real client against the
 * simulator over real sockets, with the identity routes faulted. N refreshes within an hour send N batch
 * requests and, in all, one `/api/me` and one `/api/analytics/status`; an hour after a failure one retry.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { GraniteClient } from '../../../src/core/api/client';
import { GraniteError } from '../../../src/core/api/errors';
import { defaultFilters, toRequestFilters } from '../../../src/filters/filters';
import { IdentityLookup, identityRetryMs } from '../../../src/connection/identityLookup';
import { BATCH_PATH } from '../../simulator/faults';
import {
  faultIdentityRoutes,
  identityFaults,
  ME_PATH,
  requestsTo,
  STATUS_PATH,
  type IdentityPath,
} from '../../simulator/identityFaults';
import { startSimulator, type Simulator } from '../../simulator/server';
import { specValidator } from '../contract/openapi';
import { FakeTime } from '../helpers/fakeTime';

const minute = 60_000;
const hour = 60 * minute;
const start = Date.UTC(2026, 10, 26, 9, 0, 0);

/** A request the test settles by hand, counting how often the lookup called it. */
function manual<T>() {
  const calls: { resolve: (value: T) => void; reject: (error: unknown) => void }[] = [];
  const request = () => new Promise<T>((resolve, reject) => calls.push({ resolve, reject }));
  return { calls, request };
}

describe('identity lookup: the rule on an injected clock', () => {
  let time: FakeTime;
  let lookup: IdentityLookup;
  beforeEach(() => {
    time = new FakeTime(start);
    lookup = new IdentityLookup(time.now);
  });

  it('joins a lookup in flight, then never asks a known answer again', async () => {
    const me = manual<string>();
    const first = lookup.lookUp('origin#a me', me.request);
    const second = lookup.lookUp('origin#a me', me.request);
    assert.equal(me.calls.length, 1, 'the second caller joined the first');
    me.calls[0]!.resolve('Acme');
    assert.equal(await first, 'Acme');
    assert.equal(await second, 'Acme');
    await time.advance(30 * 24 * hour);
    assert.equal(await lookup.lookUp('origin#a me', me.request), undefined);
    assert.equal(me.calls.length, 1);
  });

  it('after a failure asks again no earlier than an hour later, once', async () => {
    const status = manual<boolean>();
    const first = lookup.lookUp('origin#a status', status.request);
    await time.advance(2_000);
    status.calls[0]!.reject(new Error('404'));
    assert.equal(await first, undefined, 'a failure resolves to no answer');
    // The hour counts from the failure, not from when the request was sent.
    await time.advance(identityRetryMs - 1);
    assert.equal(await lookup.lookUp('origin#a status', status.request), undefined);
    assert.equal(status.calls.length, 1, 'nothing within the hour');
    await time.advance(1);
    const retry = lookup.lookUp('origin#a status', status.request);
    const joined = lookup.lookUp('origin#a status', status.request);
    assert.equal(status.calls.length, 2, 'one retry, joined by a second caller');
    status.calls[1]!.resolve(true);
    assert.equal(await retry, true);
    assert.equal(await joined, true);
    await time.advance(24 * hour);
    assert.equal(await lookup.lookUp('origin#a status', status.request), undefined);
    assert.equal(status.calls.length, 2, 'known now: never asked again');
  });

  it('keeps each origin and key apart, and after forget() asks afresh without taking a late answer', async () => {
    const me = manual<string>();
    const failing = lookup.lookUp('origin#a me', me.request);
    me.calls[0]!.reject(new Error('404'));
    await failing;
    // Another key, and another origin, right after a failure for the first: each is asked at once.
    void lookup.lookUp('origin#b me', me.request);
    void lookup.lookUp('other-origin#a me', me.request);
    assert.equal(me.calls.length, 3);
    const old = lookup.lookUp('origin#b me', me.request);
    lookup.forget();
    const fresh = lookup.lookUp('origin#b me', me.request);
    assert.equal(me.calls.length, 4, 'forget() lets the same key be asked again');
    me.calls[1]!.resolve('from before forget()');
    assert.equal(await old, 'from before forget()', 'the old caller hears its answer');
    const joined = lookup.lookUp('origin#b me', me.request);
    assert.equal(me.calls.length, 4, 'the late answer left the new lookup in flight');
    me.calls[3]!.resolve('Acme');
    assert.equal(await fresh, 'Acme');
    assert.equal(await joined, 'Acme');
  });

  it('after a 403 on the batch asks the status again, but at most once an hour', async () => {
    const me = manual<string>();
    const status = manual<boolean>();
    const asked = () => [me.calls.length, status.calls.length];
    const batch = (forbidden: boolean) => lookup.afterBatch('origin#a', forbidden, me.request, status.request);
    const firstBatch = batch(false);
    me.calls[0]!.resolve('Acme');
    status.calls[0]!.resolve(true);
    assert.deepEqual(await firstBatch, ['Acme', true]);
    await batch(true);
    assert.deepEqual(asked(), [1, 1], 'a 403 right after the answer asks nothing');
    await time.advance(identityRetryMs);
    const recheck = batch(true);
    assert.deepEqual(asked(), [1, 2], 'an hour later the 403 asks the status again, not /api/me');
    status.calls[1]!.resolve(false);
    assert.deepEqual(await recheck, [undefined, false]);
    await batch(true);
    await batch(false);
    assert.deepEqual(asked(), [1, 2], 'and not again within the next hour');
  });
});

describe('identity lookup: refreshes against the simulator with the identity routes faulted', function () {
  this.timeout(60_000);
  let sim: Simulator;
  let time: FakeTime;
  const refreshes = 5;
  const filters = () => toRequestFilters(defaultFilters('24h'), time.now());

  before(async () => {
    time = new FakeTime(start);
    sim = await startSimulator({ seed: 7, workflows: 4, days: 3, executions: 200, clock: { now: time.now } });
  });
  after(() => sim.stop());
  beforeEach(() => {
    sim.faults.clear();
    sim.requests.length = 0;
  });

  /** The store's refresh, reduced to what bears on identity: the batch, then the lookups its outcome calls for. */
  function refresher(lookup: IdentityLookup, server: Simulator) {
    const client = new GraniteClient({ baseUrl: server.url, apiKey: server.apiKey, now: time.now });
    // The store's scope (its cache id): the origin and a hash of the key, never the key.
    const scope = `${client.origin}#${createHash('sha256').update(server.apiKey).digest('hex').slice(0, 16)}`;
    assert.ok(!scope.includes(server.apiKey));
    return {
      scope,
      refresh: async () => {
        let forbidden = false;
        try {
          await client.fetchBatch(filters());
        } catch (error) {
          if (!(error instanceof GraniteError && error.kind === 'Forbidden')) return undefined;
          forbidden = true;
        }
        return lookup.afterBatch(
          scope,
          forbidden,
          () => client.fetchMe(),
          () => client.fetchStatus(),
        );
      },
    };
  }

  const counts = (server: Simulator, since = 0) => ({
    batch: requestsTo(server.requests, BATCH_PATH, since),
    me: requestsTo(server.requests, ME_PATH, since),
    status: requestsTo(server.requests, STATUS_PATH, since),
  });

  it('the spec-invalid bodies are invalid per the spec, and every fault fails both routes and only them', async () => {
    const spec = specValidator();
    const invalid = identityFaults.find((f) => f.name.includes('spec'))!;
    const body = (path: IdentityPath) => {
      const f = invalid.fault(path);
      return f.kind === 'status' ? f.body : undefined;
    };
    assert.notEqual(spec.check('CurrentUserResponse', body(ME_PATH)), undefined);
    assert.notEqual(spec.check('AnalyticsStatusResponse', body(STATUS_PATH)), undefined);
    const client = new GraniteClient({ baseUrl: sim.url, apiKey: sim.apiKey, now: time.now });
    for (const fault of identityFaults) {
      sim.faults.clear();
      faultIdentityRoutes(sim.faults, fault);
      for (let i = 0; i < 2; i++) {
        await assert.rejects(client.fetchMe(), GraniteError, fault.name);
        await assert.rejects(client.fetchStatus(), GraniteError, fault.name);
      }
      await client.fetchBatch(filters());
    }
  });

  for (const fault of identityFaults) {
    it(`${fault.name}: ${refreshes} refreshes within an hour send ${refreshes} batches, one /api/me and one status; an hour later one retry`, async () => {
      faultIdentityRoutes(sim.faults, fault);
      const lookup = new IdentityLookup(time.now);
      const { refresh } = refresher(lookup, sim);
      // The clock stands still while a request is out: the first refresh's lookups fail at this instant.
      const failedAt = time.now();
      const outcomes = [];
      for (let i = 0; i < refreshes; i++) {
        outcomes.push(await refresh());
        await time.advance(11 * minute);
      }
      assert.deepEqual(counts(sim), { batch: refreshes, me: 1, status: 1 });
      assert.deepEqual(
        outcomes,
        Array.from({ length: refreshes }, () => [undefined, undefined]),
        'no answer from a faulted route',
      );
      // An hour after the failure, not before: one retry of each route, however many refreshes.
      await time.advance(failedAt + hour - 1 - time.now());
      await refresh();
      assert.deepEqual(counts(sim), { batch: refreshes + 1, me: 1, status: 1 });
      await time.advance(1);
      const logged = sim.requests.length;
      await refresh();
      await refresh();
      assert.deepEqual(counts(sim, logged), { batch: 2, me: 1, status: 1 });
      // The routes recover: the next retry, an hour on, gets the answers, which are never asked again.
      sim.faults.clear();
      await time.advance(hour);
      const recovered = await refresh();
      assert.equal(recovered?.[0]?.data.organization.organization_id, sim.orgId);
      assert.equal(recovered?.[1]?.data.enabled, true);
      for (let i = 0; i < 3; i++) {
        await time.advance(hour);
        await refresh();
      }
      assert.deepEqual(counts(sim, logged), { batch: 6, me: 2, status: 2 });
    });
  }

  it('a 403 on the batch asks the status within the hourly limit, and another origin asks afresh', async () => {
    const forbidden = identityFaults.find((f) => f.name.startsWith('403'))!;
    sim.faults.always({ kind: 'status', status: 403, body: { detail: 'The API key lacks analytics:read' } });
    faultIdentityRoutes(sim.faults, forbidden);
    const lookup = new IdentityLookup(time.now);
    const here = refresher(lookup, sim);
    for (let i = 0; i < refreshes; i++) {
      await here.refresh();
      await time.advance(10 * minute);
    }
    assert.deepEqual(counts(sim), { batch: refreshes, me: 1, status: 1 });
    await time.advance(hour);
    await here.refresh();
    await here.refresh();
    assert.deepEqual(counts(sim), { batch: refreshes + 2, me: 2, status: 2 });
    const elsewhere = await startSimulator({ dataset: sim.dataset, apiKey: sim.apiKey, clock: { now: time.now } });
    try {
      faultIdentityRoutes(elsewhere.faults, forbidden);
      const there = refresher(lookup, elsewhere);
      assert.notEqual(there.scope, here.scope);
      for (let i = 0; i < refreshes; i++) await there.refresh();
      assert.deepEqual(
        counts(elsewhere),
        { batch: refreshes, me: 1, status: 1 },
        'a new origin is asked once, at once',
      );
    } finally {
      await elsewhere.stop();
    }
  });
});
