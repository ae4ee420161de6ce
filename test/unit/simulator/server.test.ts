/**
 * The simulator over real sockets on 127.0.0.1 with the platform fetch: auth, routes, validation,
 * quota headers with an injected clock, and the request log.
 */
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { CurrentUserResponse, ExecutionDetail } from '../../../src/core/api/schemas';
import { aggregateBatch } from '../../simulator/aggregate';
import { resolveFilters } from '../../simulator/filters';
import { startSimulator, type Simulator } from '../../simulator/server';

const UNAUTHORIZED = { error: 'unauthorized', message: 'Invalid or missing API key', code: 401 };

describe('simulator HTTP server', function () {
  let sim: Simulator;
  let clock = Date.UTC(2026, 10, 26, 12, 0, 0);
  const call = (path: string, init: { method?: string; key?: string | null; body?: string } = {}) =>
    fetch(`${sim.url}${path}`, {
      method: init.method ?? 'GET',
      headers:
        init.key === null ? {} : { 'X-Granite-API-Key': init.key ?? sim.apiKey, 'Content-Type': 'application/json' },
      body: init.body,
    });
  const batch = (body?: unknown) =>
    call('/api/analytics/batch', { method: 'POST', body: body === undefined ? undefined : JSON.stringify(body) });

  before(async () => {
    sim = await startSimulator({ seed: 5, workflows: 6, days: 10, executions: 1500, clock: { now: () => clock } });
  });
  after(() => sim.stop());
  beforeEach(() => {
    sim.faults.clear();
    sim.requests.length = 0;
  });

  it('listens on 127.0.0.1 with a generated gk_test_ key', () => {
    assert.match(sim.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.match(sim.apiKey, /^gk_test_[0-9a-f]{32}$/);
    assert.equal(sim.orgId, sim.dataset.orgId);
  });

  it("401 with Granite's body without a key or with a wrong one, on every route; not counted", async () => {
    const detailPath = `/api/organizations/${sim.orgId}/executions/${sim.dataset.executions[0]?.execution_id}`;
    for (const path of ['/api/analytics/workflows', '/api/analytics/status', '/api/me', detailPath]) {
      for (const key of [null, 'gk_test_wrong']) {
        const res = await call(path, { key });
        assert.equal(res.status, 401, path);
        assert.equal(res.headers.get('content-type'), 'application/json');
        assert.equal(res.headers.get('x-ratelimit-limit'), null);
        assert.deepEqual(await res.json(), UNAUTHORIZED);
      }
    }
    const res = await call('/api/analytics/batch', { method: 'POST', key: null });
    assert.equal(res.status, 401);
    assert.deepEqual(sim.requests.map((r) => [r.apiKeyPresent, r.apiKeyValid]).slice(0, 2), [
      [false, false],
      [true, false],
    ]);
  });

  it('404 for unknown routes, 405 for a known route with the wrong method', async () => {
    for (const path of ['/api/analytics/nope', '/', '/wrong-prefix/api/analytics/batch', '/api/analytics/batch/']) {
      const res = await call(path, { method: 'POST' });
      assert.equal(res.status, 404, path);
      assert.deepEqual(await res.json(), { detail: 'Not Found' });
    }
    const wrong = await call('/api/analytics/batch');
    assert.equal(wrong.status, 405);
    assert.equal(wrong.headers.get('allow'), 'POST');
    assert.deepEqual(await wrong.json(), { detail: 'Method Not Allowed' });
  });

  it('serves the reference aggregation for the request, with or without a body', async () => {
    // Request bodies as a client sends them: any object (the simulator validates them), or none.
    const bodies: (object | undefined)[] = [
      undefined,
      {},
      { granularity: 'hour', start_date: '2026-11-25T00:00:00Z', status: 'failed' },
      { workflow_name: sim.dataset.workflows[0]?.name, triggered_by: 'manual' },
    ];
    for (const body of bodies) {
      const res = await batch(body);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'application/json');
      const expected = aggregateBatch(sim.dataset, resolveFilters(body, clock), { now: clock, liftLimits: false });
      assert.deepEqual(await res.json(), JSON.parse(JSON.stringify(expected)), JSON.stringify(body));
    }
  });

  it('a later clock moves the default range and active_today (no stale cached answer)', async () => {
    const first = (await (await batch({})).json()) as { summary: { active_today: number; total_executions: number } };
    clock += 2 * 86_400_000;
    try {
      const later = (await (await batch({})).json()) as typeof first;
      const expected = aggregateBatch(sim.dataset, resolveFilters({}, clock), { now: clock, liftLimits: false });
      assert.deepEqual(later.summary, expected.summary);
      assert.ok(later.summary.active_today < first.summary.active_today);
    } finally {
      clock -= 2 * 86_400_000;
    }
  });

  it("422 in FastAPI's shape for invalid filters and invalid JSON", async () => {
    const bad = await batch({ granularity: 'x', triggered_by: 'api' });
    assert.equal(bad.status, 422);
    const body = (await bad.json()) as { detail: { type: string; loc: unknown[]; msg: string; input: unknown }[] };
    assert.deepEqual(
      body.detail.map((d) => [d.type, d.loc, d.input]),
      [
        ['enum', ['body', 'granularity'], 'x'],
        ['enum', ['body', 'triggered_by'], 'api'],
      ],
    );
    assert.equal(body.detail[0]?.msg, "Input should be 'hour', 'day', 'week' or 'month'");
    const json = await call('/api/analytics/batch', { method: 'POST', body: '{"granularity":' });
    assert.equal(json.status, 422);
    assert.equal(((await json.json()) as typeof body).detail[0]?.type, 'json_invalid');
    const order = await batch({ start_date: '2026-11-20', end_date: '2026-11-10' });
    assert.equal(((await order.json()) as typeof body).detail[0]?.type, 'value_error');
  });

  it('a simulator with lifted limits returns complete lists', async () => {
    const lifted = await startSimulator({ dataset: sim.dataset, liftLimits: true, clock: { now: () => clock } });
    try {
      const res = await fetch(`${lifted.url}/api/analytics/batch`, {
        method: 'POST',
        headers: { 'X-Granite-API-Key': lifted.apiKey },
      });
      const b = (await res.json()) as {
        recent_failures: { data: unknown[]; total: number; limit: number };
        top_automations: { data: unknown[] };
      };
      assert.ok(b.recent_failures.total > 20);
      assert.equal(b.recent_failures.data.length, b.recent_failures.total);
      assert.equal(b.recent_failures.limit, b.recent_failures.total);
      assert.equal(b.top_automations.data.length, 6);
    } finally {
      await lifted.stop();
    }
  });

  it('/api/me, /api/analytics/status and /api/analytics/workflows', async () => {
    const me = (await (await call('/api/me')).json()) as CurrentUserResponse;
    assert.equal(CurrentUserResponse.safeParse(me).success, true);
    assert.deepEqual(
      [me.status, me.roles, me.organization.organization_id, me.organization.organization_name],
      ['active', ['admin'], sim.orgId, 'Acme Automation'],
    );
    assert.deepEqual(await (await call('/api/analytics/status')).json(), {
      enabled: true,
      message: 'Analytics is enabled',
    });
    const names = sim.dataset.workflows.map((w) => w.name);
    assert.deepEqual(await (await call('/api/analytics/workflows')).json(), { workflows: [...names].sort() });
    const off = await startSimulator({ dataset: sim.dataset, analyticsEnabled: false });
    try {
      const res = await fetch(`${off.url}/api/analytics/status`, { headers: { 'X-Granite-API-Key': off.apiKey } });
      assert.deepEqual(await res.json(), { enabled: false, message: 'Analytics is disabled for this organization' });
    } finally {
      await off.stop();
    }
  });

  it('execution detail: a failure with its error, 404 for an unknown id or another org', async () => {
    const failed = sim.dataset.executions.find((e) => e.status === 'failed' && e.error_message !== null);
    assert.ok(failed);
    const res = await call(`/api/organizations/${sim.orgId}/executions/${failed.execution_id}`);
    const detail = (await res.json()) as ExecutionDetail & { result: { error: { type: string; message: string } } };
    assert.equal(ExecutionDetail.safeParse(detail).success, true);
    assert.deepEqual(
      [detail.execution_id, detail.run_id, detail.status, detail.duration_ms],
      [failed.execution_id, failed.run_id, 'failed', failed.duration_ms],
    );
    assert.equal(detail.started_at, new Date(failed.started_at_ms).toISOString());
    assert.deepEqual(detail.result.error, { type: failed.error_category, message: failed.error_message });
    assert.deepEqual(
      detail.parameters?.map((p) => p.name),
      sim.dataset.workflows[failed.workflow]?.parameters,
    );
    for (const path of [
      `/api/organizations/${sim.orgId}/executions/exec_nope`,
      `/api/organizations/org_other/executions/${failed.execution_id}`,
    ]) {
      const missing = await call(path);
      assert.equal(missing.status, 404);
      assert.deepEqual(await missing.json(), { detail: 'Execution not found' });
    }
  });

  it("execution detail also answers the spec's literal /automations/../ path", async () => {
    const id = sim.dataset.executions[3]?.execution_id ?? '';
    const literal = `/api/organizations/${sim.orgId}/automations/../executions/${id}`;
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      // Options, not a URL string: a URL would be normalised before sending.
      const { hostname, port } = new URL(sim.url);
      const req = httpRequest(
        { hostname, port, path: literal, headers: { 'X-Granite-API-Key': sim.apiKey }, agent: false },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.on('error', reject);
      req.end();
    });
    assert.equal(status, 200);
    assert.equal((JSON.parse(body) as { execution_id: string }).execution_id, id);
    assert.equal(sim.requests.at(-1)?.rawPath, literal, 'the literal form really reached the server');
  });

  it('records every request with the key redacted', async () => {
    await call('/api/analytics/batch?debug=1', { method: 'POST', body: JSON.stringify({ granularity: 'week' }) });
    await call('/api/me', { key: 'gk_test_someone_else' });
    const [first, second] = sim.requests;
    assert.deepEqual(
      [first?.method, first?.path, first?.query, first?.body, first?.status, first?.at],
      ['POST', '/api/analytics/batch', { debug: '1' }, { granularity: 'week' }, 200, clock],
    );
    assert.equal(first?.headers['x-granite-api-key'], '<redacted>');
    assert.equal(first?.headers['content-type'], 'application/json');
    assert.deepEqual(
      [first?.apiKeyPresent, first?.apiKeyValid, second?.apiKeyValid, second?.status],
      [true, true, false, 401],
    );
    assert.equal(first?.fault, undefined);
    assert.ok(!JSON.stringify(sim.requests).includes(sim.apiKey));
    assert.ok(!JSON.stringify(sim.requests).includes('gk_test_someone_else'));
  });
});

describe('simulator quota (fixed clock-hour windows)', () => {
  it('counts authenticated requests, answers 429 past the quota, and resets at the next hour', async () => {
    let clock = Date.UTC(2026, 10, 26, 12, 59, 58);
    const sim = await startSimulator({
      seed: 1,
      workflows: 2,
      days: 2,
      executions: 40,
      quota: 3,
      clock: { now: () => clock },
    });
    try {
      const get = (key = sim.apiKey) =>
        fetch(`${sim.url}/api/analytics/status`, { headers: { 'X-Granite-API-Key': key } });
      const resetAt = String(Date.UTC(2026, 10, 26, 13) / 1000);
      const seen: (string | null)[][] = [];
      for (let i = 0; i < 3; i++) {
        const res = await get();
        assert.equal(res.status, 200);
        seen.push(['limit', 'remaining', 'reset'].map((h) => res.headers.get(`x-ratelimit-${h}`)));
        if (i === 0) assert.equal((await get('wrong')).status, 401, 'a refused key does not count');
      }
      assert.deepEqual(seen, [
        ['3', '2', resetAt],
        ['3', '1', resetAt],
        ['3', '0', resetAt],
      ]);
      const limited = await get();
      assert.equal(limited.status, 429);
      assert.deepEqual(await limited.json(), { error: 'rate_limited', message: 'Too many requests', code: 429 });
      assert.equal(limited.headers.get('x-ratelimit-remaining'), '0');
      assert.equal(limited.headers.get('retry-after'), null, 'Granite does not document Retry-After');
      const batch = await fetch(`${sim.url}/api/analytics/batch`, {
        method: 'POST',
        headers: { 'X-Granite-API-Key': sim.apiKey },
      });
      assert.equal(batch.status, 429, 'the quota covers every route');

      clock += 2_000; // 13:00:00: a new window
      const next = await get();
      assert.equal(next.status, 200);
      assert.equal(next.headers.get('x-ratelimit-remaining'), '2');
      assert.equal(next.headers.get('x-ratelimit-reset'), String(Date.UTC(2026, 10, 26, 14) / 1000));
    } finally {
      await sim.stop();
    }
  });
});
