/**
 * The contract of the queue metrics and layout routes: every simulator answer (200 and 422) validates
 * with ajv against Granite's OpenAPI excerpt and parses with our zod schemas, and so does every `PUT`
 * body the client builds. Beside contract.test.ts, which covers the batch and the other routes.
 */
import assert from 'node:assert/strict';
import * as z from 'zod/mini';
import { GraniteClient } from '../../../src/core/api/client';
import {
  fetchLayout,
  fetchQueueMetrics,
  layoutPath,
  putLayout,
  queueMetricsPath,
} from '../../../src/core/api/queueAndLayout';
import { DashboardLayout, QueueMetricsResponse } from '../../../src/core/api/queueAndLayoutSchemas';
import { granularities } from '../../../src/core/api/vocabulary';
import { startSimulator, type Simulator } from '../../simulator/server';
import { specValidator } from './openapi';

const day = 86_400_000;

describe('contract: queue metrics and layout against the official OpenAPI excerpt', function () {
  let sim: Simulator;
  const now = Date.UTC(2026, 10, 26, 12, 34, 0);
  const spec = specValidator();
  const iso = (t: number) => new Date(t).toISOString();
  const call = async (path: string, init: { method?: string; body?: unknown } = {}) => {
    const response = await fetch(`${sim.url}${path}`, {
      method: init.method ?? 'GET',
      headers: { 'X-Granite-API-Key': sim.apiKey, 'Content-Type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    return { status: response.status, json: await response.json() };
  };

  before(async () => {
    sim = await startSimulator({ seed: 42, clock: { now: () => now }, quota: 100_000 });
  });
  after(async () => sim.stop());

  it('every queue metrics answer for a spread of queries is valid per the spec and per our schema', async () => {
    const queries = ['', '?start_date=&end_date=', '?start_date=2026-11-01&end_date=2026-11-07&granularity=week'];
    for (const granularity of granularities) {
      queries.push(`?granularity=${granularity}&start_date=${iso(now - 7 * day)}&end_date=${iso(now)}`);
    }
    queries.push(
      `?start_date=${iso(now - 90 * day)}&granularity=month`,
      `?start_date=${iso(now - 3650 * day)}&end_date=${iso(now - 3000 * day)}&granularity=month`,
    );
    for (const query of queries) {
      const { status, json } = await call(`${queueMetricsPath}${query}`);
      assert.equal(status, 200, query);
      assert.equal(spec.check('QueueMetricsResponse', json), undefined, query);
      assert.ok(z.safeParse(QueueMetricsResponse, json).success, query);
      assert.ok((json as { data: unknown[] }).data.length > 0, query);
    }
    for (const query of ['?granularity=fortnight', '?start_date=nope', '?start_date=2026-11-20&end_date=2026-11-01']) {
      const { status, json } = await call(`${queueMetricsPath}${query}`);
      assert.equal(status, 422, query);
      assert.equal(spec.check('HTTPValidationError', json), undefined, query);
    }
  });

  it('every layout answer (empty, saved, set by the web app, 422) is valid per the spec and per our schema', async () => {
    const answers: unknown[] = [(await call(layoutPath)).json];
    const saved = await call(layoutPath, {
      method: 'PUT',
      body: {
        widgets: [
          { id: 'summary', type: 'summary' },
          { id: 'x', type: 'Unknown', visible: false, order: 9, width: 'full' },
        ],
      },
    });
    assert.equal(saved.status, 200);
    answers.push(saved.json, (await call(layoutPath)).json);
    sim.layouts.set(sim.apiKey, [{ id: 'q', type: 'queue_metrics', visible: true, order: 1, width: 'third' }], now);
    answers.push((await call(layoutPath)).json);
    for (const answer of answers) {
      assert.equal(spec.check('DashboardLayout', answer), undefined, JSON.stringify(answer));
      assert.ok(z.safeParse(DashboardLayout, answer).success, JSON.stringify(answer));
    }
    for (const body of [
      { widgets: [{ id: 1, type: 'summary', width: 'quarter' }] },
      {},
      [],
      { widgets: 'x', updated_at: 'soon' },
    ]) {
      const { status, json } = await call(layoutPath, { method: 'PUT', body });
      assert.equal(status, 422, JSON.stringify(body));
      assert.equal(spec.check('HTTPValidationError', json), undefined, JSON.stringify(body));
    }
  });

  it('the PUT bodies the client builds are valid DashboardLayouts, including after a round trip', async () => {
    sim.requests.length = 0;
    const client = new GraniteClient({ baseUrl: sim.url, apiKey: sim.apiKey, now: () => now });
    const first = await putLayout(client, {
      widgets: [
        { id: 'summary', type: 'summary', visible: true, order: 0, width: 'full' },
        { id: 'granite-own', type: 'GraniteOnly', visible: false, order: 3, width: 'third' },
      ],
    });
    // The next save echoes the server's updated_at, as Customize mode will.
    const read = await fetchLayout(client);
    await putLayout(client, { ...read.data, widgets: read.data.widgets.map((w) => ({ ...w, visible: !w.visible })) });
    await putLayout(client, { widgets: [], updated_at: first.data.updated_at });
    await fetchQueueMetrics(client, { start_date: '2026-11-20', end_date: '2026-11-21', granularity: 'day' });
    const bodies = sim.requests.filter((r) => r.method === 'PUT').map((r) => r.body);
    assert.equal(bodies.length, 3);
    for (const body of bodies) assert.equal(spec.check('DashboardLayout', body), undefined, JSON.stringify(body));
  });
});
