/**
 * Issue 14's rule for the layout routes, proven rather than left to review: a 401 or a 429 on
 * `GET`/`PUT /api/analytics/layout` does not mark the key invalid, pause or block the batch's polling.
 * A real window (store, scheduler, previous period; hostWindows.ts) polls the simulator on an injected
 * clock while the real LayoutSource, on the window's own connection, meets those answers.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { effectiveLayout } from '../../../src/layout/dashboardLayout';
import { graniteSaveNoticeKey, LayoutSource } from '../../../src/layout/layoutSource';
import { LAYOUT_PATH } from '../../simulator/layout';
import { mulberry32 } from '../../simulator/random';
import { startSimulator, type Fault } from '../../simulator/server';
import { FakeTime } from '../../unit/helpers/fakeTime';
import { MemoryMemento } from '../../unit/helpers/memoryState';
import { directoryCacheFiles } from './hostState';
import { defaultIntervalMs, startHost } from './hostWindows';

const start = Date.UTC(2026, 10, 26, 9, 3, 0);
const batchPath = '/api/analytics/batch';

const faults: [string, Extract<Fault, { kind: 'status' }>][] = [
  ['401', { kind: 'status', status: 401, body: { detail: 'Invalid API key' } }],
  [
    '429',
    {
      kind: 'status',
      status: 429,
      body: { detail: 'Rate limit exceeded' },
      headers: { 'Retry-After': '3600', 'X-RateLimit-Remaining': '0' },
    },
  ],
];

describe('reliability: errors on the layout routes leave the batch polling and the key valid', function () {
  this.timeout(60_000);

  for (const [name, fault] of faults) {
    it(`a ${name} on the layout GET and PUT`, async () => {
      const time = new FakeTime(start);
      const sim = await startSimulator({
        seed: 4,
        workflows: 3,
        days: 3,
        executions: 200,
        quota: 10_000,
        clock: { now: time.now },
      });
      const host = await startHost({ time, baseUrl: sim.url, apiKey: sim.apiKey, random: mulberry32(1) });
      const dir = await mkdtemp(join(tmpdir(), 'granite-layout-errors-'));
      const globalState = new MemoryMemento();
      await globalState.update(graniteSaveNoticeKey, true);
      try {
        const window = await host.open({ focused: true, viewVisible: true });
        await time.advance(1000, host.settle);
        const batchesBefore = sim.requests.filter((r) => r.path === batchPath).length;
        assert.ok(batchesBefore >= 1, 'the window polled');
        const logged: string[] = [];
        const layout = new LayoutSource({
          connection: () => window.store.connection(),
          files: directoryCacheFiles(dir, (work) => work),
          globalState,
          mode: () => 'granite',
          now: time.now,
          log: { info: (m) => logged.push(m), warn: (m) => logged.push(m) },
          confirmGraniteSave: () => Promise.resolve(true),
          countRequest: () => window.store.requestCounts.layout++,
        });
        sim.faults.next(fault, { path: LAYOUT_PATH }); // the dashboard's first read
        await layout.open();
        assert.equal(layout.state().source, 'default');
        const edited = effectiveLayout(layout.state().layout).widgets.map(({ id, type, visible, order, width }) => ({
          id,
          type,
          visible,
          order,
          width,
        }));
        sim.faults.next(fault, { path: LAYOUT_PATH, when: (r) => r.body !== undefined }); // the Save's PUT
        await layout.save(edited);
        assert.ok(layout.state().saveError, 'the Save says it failed');
        const layoutCalls = sim.requests.filter((r) => r.path === LAYOUT_PATH).map((r) => `${r.method} ${r.status}`);
        assert.deepEqual(layoutCalls, [`GET ${fault.status}`, 'GET 200', `PUT ${fault.status}`]);
        assert.equal(window.store.requestCounts.layout, 3);

        assert.equal(window.store.state.error, undefined, 'the store shows no error');
        assert.deepEqual(window.store.state.key, { present: true, source: 'secret-storage' }, 'the key stays valid');
        assert.equal(window.scheduler.blockedUntil(), 0, 'no rate-limit block on the shared schedule');
        assert.equal(window.scheduler.state, 'waiting', 'the next refresh is scheduled');
        assert.ok(window.scheduler.canRequestNow().ok);
        await time.advance(defaultIntervalMs() + 1000, host.settle);
        const batchesAfter = sim.requests.filter((r) => r.path === batchPath).length;
        assert.ok(batchesAfter > batchesBefore, `the batch kept polling (${batchesBefore} → ${batchesAfter})`);
        assert.equal(host.logged.length, 0, `the window logged nothing: ${host.logged.join(' | ')}`);
        assert.equal(logged.length, 2, 'one line for the read, one for the Save');
        layout.dispose();
      } finally {
        await host.close();
        await sim.stop();
        await rm(dir, { recursive: true, force: true });
      }
    });
  }
});
