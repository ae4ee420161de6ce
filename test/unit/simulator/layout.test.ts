/**
 * `GET`/`PUT /api/analytics/layout` in the simulator over real sockets: kept per key in memory, the
 * spec's defaults filled in, `updated_at` stamped on every write, FastAPI's 422 for a body that breaks
 * `DashboardLayout` (nothing stored then), the key check, and fault injection.
 */
import assert from 'node:assert/strict';
import { LayoutStore } from '../../simulator/layout';
import { startSimulator, type Simulator } from '../../simulator/server';

describe('simulator: dashboard layout', function () {
  let sim: Simulator;
  let clock = Date.UTC(2026, 10, 26, 12, 0, 0);
  const call = async (method: 'GET' | 'PUT' | 'DELETE', body?: string, key?: string) => {
    const response = await fetch(`${sim.url}/api/analytics/layout`, {
      method,
      headers: { 'X-Granite-API-Key': key ?? sim.apiKey, 'Content-Type': 'application/json' },
      body,
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      json: (text ? JSON.parse(text) : undefined) as unknown,
    };
  };
  const put = (value: unknown) => call('PUT', JSON.stringify(value));

  before(async () => {
    sim = await startSimulator({ seed: 3, workflows: 3, days: 3, executions: 100, clock: { now: () => clock } });
  });
  after(() => sim.stop());
  beforeEach(() => {
    sim.layouts.clear();
    sim.faults.clear();
  });

  it('before any save: no widgets and no updated_at', async () => {
    assert.deepEqual((await call('GET')).json, { widgets: [], updated_at: null });
  });

  it('PUT stores the layout with defaults filled in, unknown types kept, extra fields dropped; GET returns it', async () => {
    const saved = await put({
      widgets: [
        { id: 'summary', type: 'summary' },
        { id: 'q', type: 'queue_metrics', visible: false, order: 3, width: 'third', colour: 'red' },
        { id: 'granite-own', type: 'SomethingGraniteOnly', width: 'full' },
      ],
      updated_at: null,
    });
    assert.equal(saved.status, 200);
    const expected = {
      widgets: [
        { id: 'summary', type: 'summary', visible: true, order: 0, width: 'half' },
        { id: 'q', type: 'queue_metrics', visible: false, order: 3, width: 'third' },
        { id: 'granite-own', type: 'SomethingGraniteOnly', visible: true, order: 0, width: 'full' },
      ],
      updated_at: '2026-11-26T12:00:00.000Z',
    };
    assert.deepEqual(saved.json, expected);
    assert.deepEqual((await call('GET')).json, expected);
    assert.ok(saved.headers.get('x-ratelimit-remaining'), 'counts against the quota like every route');
  });

  it('updated_at is the server clock at the write and always moves forward', async () => {
    await put({ widgets: [] });
    const second = (await put({ widgets: [], updated_at: '2020-01-01T00:00:00Z' })).json as { updated_at: string };
    assert.equal(second.updated_at, '2026-11-26T12:00:00.001Z', 'same clock tick: 1 ms later, never the client’s');
    clock += 60_000;
    const third = (await put({ widgets: [] })).json as { updated_at: string };
    assert.equal(third.updated_at, '2026-11-26T12:01:00.000Z');
  });

  it("a body that breaks the schema: FastAPI's 422, every problem located, nothing stored", async () => {
    await put({ widgets: [{ id: 'a', type: 'summary' }] });
    const before = (await call('GET')).json;
    const bad = await put({
      widgets: [{ id: 1, type: 'summary', visible: 'yes', order: 1.5, width: 'quarter' }, 'x', { type: 'summary' }],
      updated_at: 'last tuesday',
    });
    assert.equal(bad.status, 422);
    const detail = (bad.json as { detail: { loc: (string | number)[]; type: string; msg: string }[] }).detail;
    assert.deepEqual(
      detail.map((d) => `${d.loc.join('.')}:${d.type}`),
      [
        'body.widgets.0.id:string_type',
        'body.widgets.0.visible:bool_type',
        'body.widgets.0.order:int_type',
        'body.widgets.0.width:enum',
        'body.widgets.1:model_type',
        'body.widgets.2.id:missing',
        'body.updated_at:datetime_from_date_parsing',
      ],
    );
    assert.ok(detail.every((d) => d.msg.length > 0));
    for (const body of [[], { widgets: 'all' }, {}, 'not json']) {
      const response = typeof body === 'string' ? await call('PUT', body) : await put(body);
      assert.equal(response.status, 422, JSON.stringify(body));
    }
    assert.deepEqual((await call('GET')).json, before);
  });

  it('per key: another key sees its own layout; without a valid key, 401; other methods, 405', async () => {
    const store = new LayoutStore();
    store.set('gk_test_a', [{ id: 'x', type: 'summary', visible: true, order: 0, width: 'full' }], clock);
    assert.equal(store.get('gk_test_a').widgets.length, 1);
    assert.deepEqual(store.get('gk_test_b'), { widgets: [], updated_at: null });
    assert.equal((await call('GET', undefined, 'gk_test_wrong')).status, 401);
    assert.equal((await call('PUT', '{"widgets":[]}', 'gk_test_wrong')).status, 401);
    const wrong = await call('DELETE');
    assert.equal(wrong.status, 405);
    assert.equal(wrong.headers.get('allow'), 'GET, PUT');
  });

  it('a layout set through the simulator (as the web app would) is what GET answers', async () => {
    sim.layouts.set(sim.apiKey, [{ id: 'summary', type: 'summary', visible: false, order: 2, width: 'third' }], clock);
    assert.deepEqual((await call('GET')).json, {
      widgets: [{ id: 'summary', type: 'summary', visible: false, order: 2, width: 'third' }],
      updated_at: new Date(clock).toISOString(),
    });
  });

  it('takes faults like the batch, on GET and PUT alike; a faulted PUT still stores (the fault is on the answer)', async () => {
    sim.faults.next({ kind: 'status', status: 500 }, { path: '/api/analytics/layout' });
    assert.equal((await call('GET')).status, 500);
    sim.faults.next({ kind: 'drop' }, { path: '/api/analytics/layout', when: (r) => r.body !== undefined });
    await assert.rejects(put({ widgets: [{ id: 'a', type: 'summary' }] }));
    assert.equal(((await call('GET')).json as { widgets: unknown[] }).widgets.length, 1);
  });
});
