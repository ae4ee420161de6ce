/**
 * Every fault kind, observed the way a client would see it: over a real socket with fetch.
 */
import assert from 'node:assert/strict';
import { batchSections, sectionNames } from '../../../src/core/api/schemas';
import { startSimulator, type Simulator } from '../../simulator/server';
import type { DriftKind } from '../../simulator/faults';

describe('simulator faults over HTTP', function () {
  this.timeout(20_000);
  let sim: Simulator;
  let realBody: string;
  const clock = Date.UTC(2026, 10, 26, 12, 0, 0);
  const post = (init: RequestInit = {}) =>
    fetch(`${sim.url}/api/analytics/batch`, { method: 'POST', headers: { 'X-Granite-API-Key': sim.apiKey }, ...init });
  const timed = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
    const start = performance.now();
    const value = await fn();
    return [value, performance.now() - start];
  };

  before(async () => {
    sim = await startSimulator({ seed: 11, workflows: 5, days: 7, executions: 600, clock: { now: () => clock } });
    realBody = await (await post()).text();
  });
  after(() => sim.stop());
  beforeEach(() => {
    sim.faults.clear();
    sim.requests.length = 0;
  });

  it('latency: the normal answer, late', async () => {
    sim.faults.next({ kind: 'latency', ms: 300 });
    const [text, ms] = await timed(async () => (await post()).text());
    assert.ok(ms >= 290, `${ms} ms`);
    assert.equal(text, realBody);
    assert.equal(sim.requests[0]?.fault, 'latency');
  });

  it('status: the given status, body and headers, with the rate-limit headers kept', async () => {
    sim.faults.next({ kind: 'status', status: 429, headers: { 'Retry-After': '120' } });
    const limited = await post();
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '120');
    assert.equal(limited.headers.get('x-ratelimit-limit'), '1000');
    assert.deepEqual(
      await limited.json(),
      { error: 'rate_limited', message: 'Too many requests', code: 429 },
      'default body',
    );
    sim.faults.next({ kind: 'status', status: 503, body: { detail: 'Service Unavailable' } });
    const down = await post();
    assert.deepEqual([down.status, await down.json()], [503, { detail: 'Service Unavailable' }]);
    sim.faults.next({ kind: 'status', status: 502, body: 'Bad gateway' });
    const text = await post();
    assert.deepEqual(
      [text.status, text.headers.get('content-type'), await text.text()],
      [502, 'text/plain; charset=utf-8', 'Bad gateway'],
    );
    assert.deepEqual(
      sim.requests.map((r) => [r.status, r.fault]),
      [
        [429, 'status:429'],
        [503, 'status:503'],
        [502, 'status:502'],
      ],
    );
  });

  it('malformedJson: 200 application/json that JSON.parse rejects', async () => {
    sim.faults.next({ kind: 'malformedJson' });
    const res = await post();
    assert.deepEqual([res.status, res.headers.get('content-type')], [200, 'application/json']);
    const text = await res.text();
    assert.throws(() => JSON.parse(text), SyntaxError);
  });

  it('truncate: a clean exchange whose body is the first half of the real JSON', async () => {
    sim.faults.next({ kind: 'truncate' });
    const res = await post();
    const bytes = Buffer.from(await res.arrayBuffer());
    const full = Buffer.from(realBody);
    assert.equal(res.status, 200);
    assert.equal(Number(res.headers.get('content-length')), bytes.length);
    assert.deepEqual(bytes, full.subarray(0, Math.floor(full.length / 2)));
    assert.throws(() => JSON.parse(bytes.toString('utf8')), SyntaxError);
  });

  it('drop: headers announce the full body, then the connection dies mid-body', async () => {
    sim.faults.next({ kind: 'drop' });
    const res = await post();
    assert.equal(res.status, 200);
    assert.equal(Number(res.headers.get('content-length')), Buffer.byteLength(realBody));
    await assert.rejects(res.text());
    assert.equal((await post()).status, 200, 'the next request is served normally');
  });

  it('drip: the real body, slowly, in small chunks', async () => {
    sim.faults.next({ kind: 'drip', chunkBytes: Math.ceil(realBody.length / 8), intervalMs: 40 });
    const [text, ms] = await timed(async () => (await post()).text());
    assert.equal(text, realBody);
    assert.ok(ms >= 7 * 40 - 10, `took ${ms} ms`);
  });

  it('drip stops when the client goes away', async () => {
    // The drip's interval timer lives in this process: it must go once the client has gone.
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    sim.faults.next({ kind: 'drip', chunkBytes: 16, intervalMs: 20 });
    const controller = new AbortController();
    const res = await post({ signal: controller.signal });
    await res.body?.getReader().read();
    const whileDripping = timers();
    controller.abort();
    await new Promise((resolve) => setTimeout(resolve, 150));
    assert.ok(timers() < whileDripping, `drip timer still running (${whileDripping} → ${timers()})`);
    assert.equal((await post()).status, 200);
  });

  it('oversize: a streamed, valid JSON body of exactly the requested size', async () => {
    const bytes = 3 * 1024 * 1024;
    sim.faults.next({ kind: 'oversize', bytes });
    const res = await post();
    assert.equal(res.headers.get('content-length'), null, 'streamed without a declared length');
    const text = await res.text();
    assert.equal(Buffer.byteLength(text), bytes);
    const parsed = JSON.parse(text) as { workflows: string[]; summary: unknown };
    assert.ok(parsed.workflows.length > 100_000);
    assert.deepEqual(parsed.summary, (JSON.parse(realBody) as { summary: unknown }).summary, 'looks like a real batch');
    sim.faults.next({ kind: 'oversize', bytes: 10_000, declareLength: true });
    const declared = await post();
    assert.equal(declared.headers.get('content-length'), '10000');
    assert.equal(Buffer.byteLength(await declared.text()), 10_000);
  });

  it('oversize: a client that stops reading early does not hurt the server', async () => {
    sim.faults.next({ kind: 'oversize', bytes: 50 * 1024 * 1024 });
    const controller = new AbortController();
    const res = await post({ signal: controller.signal });
    const reader = res.body?.getReader();
    let received = 0;
    while (received < 200_000) {
      const chunk = (await reader?.read())?.value as Uint8Array | undefined;
      received += chunk?.length ?? Infinity;
    }
    controller.abort();
    assert.equal((await post()).status, 200);
  });

  it('html: a 200 text/html page', async () => {
    sim.faults.next({ kind: 'html' });
    const res = await post();
    assert.deepEqual([res.status, res.headers.get('content-type')], [200, 'text/html; charset=utf-8']);
    assert.match(await res.text(), /^<!DOCTYPE html>/);
  });

  it('transform: the real answer rewritten, still JSON with its Content-Length; errors untouched', async () => {
    sim.faults.always({
      kind: 'transform',
      transform: (body) => ({ ...(body as object), workflows: ['<script>x</script>'] }),
    });
    const first = await post();
    const json = (await first.json()) as { workflows: string[]; summary: unknown };
    assert.deepEqual(json.workflows, ['<script>x</script>']);
    assert.deepEqual(json.summary, (JSON.parse(realBody) as { summary: unknown }).summary);
    assert.equal((await post()).status, 200);
    assert.deepEqual(
      sim.requests.map((r) => r.fault),
      ['transform', 'transform'],
      'a standing fault applies to every request',
    );
    const unauthorised = await fetch(`${sim.url}/api/analytics/batch`, {
      method: 'POST',
      headers: { 'X-Granite-API-Key': 'gk_test_wrong_key_0000' },
    });
    assert.equal(unauthorised.status, 401);
    assert.equal(((await unauthorised.json()) as { message: string }).message, 'Invalid or missing API key');
  });

  it('when: a one-shot fault waits for the request it is meant for', async () => {
    sim.faults.next(
      { kind: 'status', status: 401, body: { message: 'for the wrong key' } },
      { when: (r) => !r.apiKeyValid },
    );
    assert.equal((await post()).status, 200, 'a request with the right key passes it by');
    const wrong = await fetch(`${sim.url}/api/analytics/batch`, {
      method: 'POST',
      headers: { 'X-Granite-API-Key': 'gk_test_wrong_key_0000' },
    });
    assert.deepEqual(await wrong.json(), { message: 'for the wrong key' });
    assert.deepEqual(sim.faults.pending(), []);
  });

  it('drift: each variant breaks exactly the named section (extraFields breaks none)', async () => {
    const invalid = (json: Record<string, unknown>) =>
      sectionNames.filter((name) => !(name in json) || !batchSections[name].safeParse(json[name]).success);
    for (const drift of ['missingSection', 'wrongType', 'nullValue'] as DriftKind[]) {
      for (const section of sectionNames) {
        sim.faults.next({ kind: 'drift', drift, section });
        const json = (await (await post()).json()) as Record<string, unknown>;
        assert.deepEqual(invalid(json), [section], `${drift} ${section}`);
      }
    }
    sim.faults.next({ kind: 'drift', drift: 'wrongType' });
    const summary = ((await (await post()).json()) as { summary: { total_executions: unknown } }).summary;
    assert.equal(typeof summary.total_executions, 'string', 'default section: summary');
    sim.faults.next({ kind: 'drift', drift: 'extraFields' });
    const extra = (await (await post()).json()) as Record<string, unknown> & {
      summary: Record<string, unknown>;
      top_automations: { data: Record<string, unknown>[] };
    };
    assert.deepEqual(invalid(extra), []);
    assert.ok('_meta' in extra && 'cache_hit' in extra.summary && 'rank' in (extra.top_automations.data[0] ?? {}));
    assert.equal(sim.requests.at(-1)?.fault, 'drift:extraFields');
  });

  it('queueing: next is one-shot and in order, always repeats until clear, paths are separate', async () => {
    sim.faults.next({ kind: 'status', status: 500 });
    sim.faults.next({ kind: 'status', status: 503 });
    sim.faults.next({ kind: 'status', status: 418 }, { path: '/api/me' });
    assert.equal(sim.faults.pending().length, 2);
    assert.deepEqual([(await post()).status, (await post()).status, (await post()).status], [500, 503, 200]);
    assert.equal(sim.faults.pending('/api/me').length, 1, 'not consumed by batch requests');
    const me = await fetch(`${sim.url}/api/me`, { headers: { 'X-Granite-API-Key': sim.apiKey } });
    assert.equal(me.status, 418);
    sim.faults.always({ kind: 'html' });
    assert.deepEqual(
      [(await post()).status, (await post()).headers.get('content-type')],
      [200, 'text/html; charset=utf-8'],
    );
    assert.match((await post()).headers.get('content-type') ?? '', /html/);
    sim.faults.clear();
    assert.equal((await post()).headers.get('content-type'), 'application/json');
  });

  it('random faults: with probability 1 every batch request gets a transient fault', async () => {
    const flaky = await startSimulator({ dataset: sim.dataset, randomFaults: 1, seed: 3 });
    try {
      const attempts = Array.from({ length: 8 }, () =>
        fetch(`${flaky.url}/api/analytics/batch`, { method: 'POST', headers: { 'X-Granite-API-Key': flaky.apiKey } })
          .then((r) => r.text())
          .catch(() => 'failed'),
      );
      await Promise.all(attempts);
      assert.equal(flaky.requests.length, 8);
      assert.ok(flaky.requests.every((r) => r.fault !== undefined));
      assert.ok(new Set(flaky.requests.map((r) => r.fault)).size >= 2);
      const me = await fetch(`${flaky.url}/api/me`, { headers: { 'X-Granite-API-Key': flaky.apiKey } });
      assert.equal(me.status, 200, 'only the batch route is affected');
    } finally {
      await flaky.stop();
    }
  });
});
