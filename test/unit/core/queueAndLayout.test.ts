/**
 * The queue metrics and layout calls against the simulator over real sockets: what is sent (query,
 * method, body), what comes back validated, and every failure as the same typed GraniteError the batch
 * gets (timeouts, rate limits, FastAPI error bodies), with messages that name these routes.
 */
import assert from 'node:assert/strict';
import { GraniteClient } from '../../../src/core/api/client';
import {
  fetchLayout,
  fetchQueueMetrics,
  layoutPath,
  layoutRequestBody,
  putLayout,
  queueMetricsPath,
} from '../../../src/core/api/queueAndLayout';
import type { DashboardLayout } from '../../../src/core/api/queueAndLayoutSchemas';
import { startSimulator, type Simulator } from '../../simulator/server';
import { rejectsWith } from '../helpers/rejectsWith';

describe('queue metrics and layout calls against the simulator', function () {
  let sim: Simulator;
  let clock: number;
  const client = (options: { apiKey?: string; timeoutMs?: number; baseUrl?: string } = {}) =>
    new GraniteClient({ baseUrl: sim.url, apiKey: sim.apiKey, now: () => clock, ...options });
  const layout: DashboardLayout = {
    widgets: [
      { id: 'summary', type: 'summary', visible: true, order: 0, width: 'full' },
      { id: 'granite-1', type: 'GraniteOnlyHeatmap', visible: false, order: 5, width: 'third' },
    ],
    updated_at: null,
  };

  before(async () => {
    clock = Date.UTC(2026, 10, 26, 12, 0, 0);
    sim = await startSimulator({
      seed: 7,
      workflows: 6,
      days: 10,
      executions: 1500,
      quota: 1000,
      clock: { now: () => clock },
    });
  });
  after(() => sim.stop());
  beforeEach(() => {
    sim.faults.clear();
    sim.layouts.clear();
    sim.requests.length = 0;
  });

  describe('success', () => {
    it('queue metrics: GET with the dates widened like the batch and granularity hour by default', async () => {
      const result = await fetchQueueMetrics(client(), { start_date: '2026-11-24', end_date: '2026-11-25' });
      const [request] = sim.requests;
      assert.equal(request?.method, 'GET');
      assert.equal(request?.path, queueMetricsPath);
      assert.equal(request?.apiKeyValid, true);
      assert.deepEqual(request?.query, {
        start_date: '2026-11-24T00:00:00Z',
        end_date: '2026-11-25T23:59:59.999Z',
        granularity: 'hour',
      });
      assert.equal(request?.body, undefined);
      assert.equal(result.data.granularity, 'hour');
      assert.equal(result.data.data.length, 48);
      const queued = sim.dataset.executions.filter(
        (e) =>
          e.status !== 'pending' &&
          e.started_at_ms >= Date.UTC(2026, 10, 24) &&
          e.started_at_ms < Date.UTC(2026, 10, 26),
      ).length;
      assert.equal(
        result.data.data.reduce((sum, p) => sum + p.total_queued, 0),
        queued,
      );
      assert.equal(result.rateLimit.limit, 1000);
    });

    it('queue metrics: an explicit granularity, and no dates at all', async () => {
      const result = await fetchQueueMetrics(client(), { granularity: 'day' });
      assert.deepEqual(sim.requests[0]?.query, { granularity: 'day' });
      assert.equal(result.data.granularity, 'day');
      assert.equal(result.data.data.length, 31);
    });

    it('layout: GET before any save is empty; PUT sends the whole layout and gets it back stamped', async () => {
      assert.deepEqual((await fetchLayout(client())).data, { widgets: [], updated_at: null });
      const saved = await putLayout(client(), layout);
      const put = sim.requests.at(-1);
      assert.equal(put?.method, 'PUT');
      assert.equal(put?.path, layoutPath);
      assert.equal(put?.headers['content-type'], 'application/json');
      assert.deepEqual(put?.body, layoutRequestBody(layout));
      assert.deepEqual(saved.data, { ...layout, updated_at: '2026-11-26T12:00:00.000Z' });
      assert.deepEqual((await fetchLayout(client())).data, saved.data);
    });

    it('layout: the PUT body writes defaults out and echoes updated_at as the server last sent it', () => {
      const body = layoutRequestBody({
        widgets: [{ id: 'a', type: 'x', visible: true, order: 0, width: 'half' }],
        updated_at: 'odd-but-kept',
      });
      assert.deepEqual(body, {
        widgets: [{ id: 'a', type: 'x', visible: true, order: 0, width: 'half' }],
        updated_at: 'odd-but-kept',
      });
      assert.equal(layoutRequestBody({ widgets: [] }).updated_at, null);
    });
  });

  describe('errors keep the batch kinds, with messages for these routes', () => {
    it('401 on either route: Unauthorized (the caller decides what that means; see STATUS-14.md)', async () => {
      const bad = client({ apiKey: 'gk_test_wrong_key_123' });
      for (const call of [fetchQueueMetrics(bad), fetchLayout(bad), putLayout(bad, layout)]) {
        const error = await rejectsWith(call, 'Unauthorized');
        assert.ok(!error.message.includes('gk_test_wrong_key_123'));
      }
    });

    it('422 on PUT: InvalidRequest naming the field, saying the edit is kept; nothing stored', async () => {
      const broken = {
        widgets: [{ id: 'a', type: 'summary', visible: true, order: 1.5, width: 'half' }],
      } as DashboardLayout;
      const error = await rejectsWith(putLayout(client(), broken), 'InvalidRequest');
      assert.equal(error.status, 422);
      assert.match(error.userMessage, /dashboard layout/);
      assert.match(error.userMessage, /widgets\.0\.order: Input should be a valid integer/);
      assert.match(error.userMessage, /edits are kept/);
      assert.deepEqual(sim.layouts.get(sim.apiKey).widgets, []);
    });

    it('422 on queue metrics: InvalidRequest naming the query field', async () => {
      const error = await rejectsWith(fetchQueueMetrics(client(), { start_date: 'yesterday' }), 'InvalidRequest');
      assert.match(error.userMessage, /queue metrics/);
      assert.match(error.userMessage, /query\.start_date/);
    });

    it('404: NotFound naming the route, not the base URL advice of the batch', async () => {
      sim.faults.next({ kind: 'status', status: 404 }, { path: layoutPath });
      const error = await rejectsWith(fetchLayout(client()), 'NotFound');
      assert.match(error.userMessage, /\/api\/analytics\/layout/);
      assert.doesNotMatch(error.userMessage, /apiBaseUrl/);
    });

    it('429 and 5xx pass unchanged: RateLimited with retryAt, ServerError retryable', async () => {
      sim.faults.next({ kind: 'status', status: 429, headers: { 'Retry-After': '120' } }, { path: queueMetricsPath });
      const limited = await rejectsWith(fetchQueueMetrics(client()), 'RateLimited');
      assert.ok((limited.retryAt ?? 0) >= clock + 120_000);
      sim.faults.next({ kind: 'status', status: 503 }, { path: layoutPath });
      assert.equal((await rejectsWith(fetchLayout(client()), 'ServerError')).retryable, true);
    });

    it('a timeout, a dropped connection and malformed JSON, as for the batch', async () => {
      sim.faults.next({ kind: 'latency', ms: 2_000 }, { path: queueMetricsPath });
      await rejectsWith(fetchQueueMetrics(client({ timeoutMs: 200 })), 'Timeout');
      sim.faults.next({ kind: 'drop' }, { path: layoutPath });
      await rejectsWith(fetchLayout(client()), 'NetworkError');
      sim.faults.next({ kind: 'malformedJson' }, { path: layoutPath });
      await rejectsWith(putLayout(client(), layout), 'InvalidJson');
    });

    it('a body that breaks the spec: ContractMismatch naming the field', async () => {
      sim.faults.next(
        { kind: 'transform', transform: () => ({ widgets: [{ id: 'a', type: 'summary', width: 'quarter' }] }) },
        { path: layoutPath },
      );
      const error = await rejectsWith(fetchLayout(client()), 'ContractMismatch');
      assert.match(error.userMessage, /widgets\.0\.width/);
      sim.faults.next(
        { kind: 'transform', transform: (body) => ({ ...(body as object), data: 'none' }) },
        { path: queueMetricsPath },
      );
      assert.match((await rejectsWith(fetchQueueMetrics(client()), 'ContractMismatch')).userMessage, /data: /);
    });
  });
});
