/**
 * LayoutSource (src/layout/layoutSource.ts) against the simulator over real sockets: Granite's layout read
 * once per session and connection, painted first from the disk cache, our default (with one log line) when
 * there is no layout or the read fails, and Save: the first one asks once, a second `GET` finds a conflict
 * unless overwriting, the `PUT` carries the whole layout, a 422 leaves `saveError` with the server's message.
 * `local` mode sends nothing. Faults come from the simulator (`sim.faults`), never a stubbed fetch.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GraniteClient } from '../../../src/core/api/client';
import type { Connection } from '../../../src/connection/connections';
import type { WidgetConfig } from '../../../src/core/api/queueAndLayoutSchemas';
import { defaultLayout } from '../../../src/layout/dashboardLayout';
import { graniteSaveNoticeKey, LayoutSource, localLayoutKey, type LayoutMode } from '../../../src/layout/layoutSource';
import { LAYOUT_PATH } from '../../simulator/layout';
import { startSimulator, type Simulator } from '../../simulator/server';
import { directoryCacheFiles } from '../../reliability/host/hostState';
import { MemoryMemento } from '../helpers/memoryState';
import { widget, editedWidgets as asEdited } from '../builders/layoutBuilder';

const now = Date.UTC(2026, 10, 26, 12, 0, 0);

describe('layout source (simulator, real sockets)', function () {
  let sim: Simulator;
  let dir: string;
  let globalState: MemoryMemento;
  let logged: string[];
  let asked: number;
  let answer: boolean;
  let counted: number;
  let mode: LayoutMode;
  const sources: LayoutSource[] = [];

  const layoutRequests = (method?: string) =>
    sim.requests.filter((r) => r.path === LAYOUT_PATH && (!method || r.method === method));

  function source(apiKey = sim.apiKey): LayoutSource {
    const client = new GraniteClient({ baseUrl: sim.url, apiKey, now: () => now });
    const connection: Connection = { client, source: 'secret-storage', cacheId: `${sim.url}#${apiKey}` };
    const s = new LayoutSource({
      connection: () => Promise.resolve(connection),
      files: directoryCacheFiles(dir, (work) => work),
      globalState,
      mode: () => mode,
      now: () => now,
      log: { info: (m) => logged.push(`info: ${m}`), warn: (m) => logged.push(`warn: ${m}`) },
      confirmGraniteSave: () => {
        asked++;
        return Promise.resolve(answer);
      },
      countRequest: () => counted++,
    });
    sources.push(s);
    return s;
  }

  before(async () => {
    sim = await startSimulator({
      seed: 5,
      workflows: 3,
      days: 2,
      executions: 50,
      quota: 100_000,
      clock: { now: () => now },
    });
  });
  after(async () => sim.stop());
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'granite-layout-'));
    globalState = new MemoryMemento();
    logged = [];
    asked = 0;
    answer = true;
    counted = 0;
    mode = 'granite';
    sim.faults.clear();
    sim.requests.length = 0;
    sim.layouts.set(sim.apiKey, [], now);
  });
  afterEach(async () => {
    for (const s of sources.splice(0)) s.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('reads Granite’s layout once per session and connection, and shows it as read', async () => {
    const stored = [widget('queue_metrics', 0, { width: 'third' }), widget('summary', 1, { visible: false })];
    sim.layouts.set(sim.apiKey, stored, now);
    const s = source();
    await s.open();
    await s.open();
    await s.reload();
    assert.equal(layoutRequests('GET').length, 2, 'two opens are one GET; Reload reads again');
    const state = s.state();
    assert.equal(state.source, 'granite');
    assert.equal(state.mode, 'granite');
    assert.deepEqual(state.layout.widgets, stored);
    assert.equal(state.layout.updated_at, sim.layouts.get(sim.apiKey).updated_at);
    assert.equal(counted, 2);
    // Another key is another user's layout: read separately.
    const other = source('gk_test_other_key_for_layouts');
    await other.open();
    assert.equal(layoutRequests('GET').length, 3);
  });

  it('no layout, 401, 403, 404, 5xx or an invalid body: our default layout and exactly one log line each', async () => {
    const cases: [string, () => void][] = [
      ['empty', () => undefined],
      [
        '401',
        () =>
          sim.faults.next({ kind: 'status', status: 401, body: { detail: 'Invalid API key' } }, { path: LAYOUT_PATH }),
      ],
      [
        '403',
        () => sim.faults.next({ kind: 'status', status: 403, body: { detail: 'Forbidden' } }, { path: LAYOUT_PATH }),
      ],
      [
        '404',
        () => sim.faults.next({ kind: 'status', status: 404, body: { detail: 'Not Found' } }, { path: LAYOUT_PATH }),
      ],
      ['500', () => sim.faults.next({ kind: 'status', status: 500 }, { path: LAYOUT_PATH })],
      ['503', () => sim.faults.next({ kind: 'status', status: 503 }, { path: LAYOUT_PATH })],
      ['malformed', () => sim.faults.next({ kind: 'malformedJson' }, { path: LAYOUT_PATH })],
      [
        'invalid width',
        () =>
          sim.faults.next(
            { kind: 'transform', transform: () => ({ widgets: [{ id: 'a', type: 'summary', width: 'quarter' }] }) },
            { path: LAYOUT_PATH },
          ),
      ],
      [
        'no widgets list',
        () => sim.faults.next({ kind: 'transform', transform: () => ({ layout: [] }) }, { path: LAYOUT_PATH }),
      ],
    ];
    for (const [name, inject] of cases) {
      logged = [];
      inject();
      const s = source();
      await s.open();
      assert.equal(s.state().source, 'default', name);
      assert.deepEqual(s.state().layout, defaultLayout(), name);
      assert.equal(logged.length, 1, `${name}: ${logged.join(' | ')}`);
      await s.open();
      assert.equal(logged.length, 1, `${name}: still one line after opening again`);
      s.dispose();
    }
    assert.equal(layoutRequests('GET').length, cases.length);
    assert.match(
      logged[0]!,
      /^warn: Could not read the dashboard layout from http:\/\/127\.0\.0\.1:\d+; showing the default layout: ContractMismatch/,
    );
  });

  it('paints from the disk cache at once, then shows Granite’s answer; offline keeps the cached one', async () => {
    const stored = [widget('recent_failures', 0, { width: 'full' }), widget('kpi_heatmap', 1)];
    sim.layouts.set(sim.apiKey, stored, now);
    await source().open(); // a previous session wrote the cache
    sim.layouts.set(sim.apiKey, [widget('summary', 0, { width: 'third' })], now + 1000);
    const s = source();
    const seen: string[] = [];
    s.onDidChange(() => seen.push(`${s.state().source}:${s.state().layout.widgets[0]?.type}`));
    sim.faults.next({ kind: 'latency', ms: 300 }, { path: LAYOUT_PATH });
    await s.open();
    assert.deepEqual(seen, ['cache:recent_failures', 'granite:summary']);
    // Offline in a new session: the cache (now the summary layout) and one log line.
    logged = [];
    sim.faults.next({ kind: 'drop' }, { path: LAYOUT_PATH });
    const offline = source();
    await offline.open();
    assert.equal(offline.state().source, 'cache');
    assert.equal(offline.state().layout.widgets[0]?.width, 'third');
    assert.equal(logged.length, 1, logged.join(' | '));
    assert.match(logged[0]!, /showing the last one read/);
  });

  it('Save: asks once, checks with a GET, then PUTs the whole layout with updated_at as read', async () => {
    sim.layouts.set(
      sim.apiKey,
      [widget('summary', 0, { width: 'full' }), widget('granite_notes', 1, { id: 'n' })],
      now,
    );
    const readAt = sim.layouts.get(sim.apiKey).updated_at;
    const s = source();
    await s.open();
    const edited = asEdited(s.state().layout.widgets).map((w) =>
      w.type === 'summary' ? { ...w, width: 'third' as const } : w,
    );
    answer = false;
    await s.save(edited);
    assert.equal(asked, 1);
    assert.equal(layoutRequests('PUT').length, 0, 'declined: nothing written');
    answer = true;
    sim.requests.length = 0;
    await s.save(edited);
    assert.equal(asked, 2);
    assert.equal(globalState.get(graniteSaveNoticeKey), true);
    assert.deepEqual(
      layoutRequests().map((r) => r.method),
      ['GET', 'PUT'],
    );
    const body = layoutRequests('PUT')[0]!.body as { widgets: WidgetConfig[]; updated_at: string };
    assert.equal(body.updated_at, readAt);
    assert.equal(body.widgets.length, 13);
    assert.deepEqual(body.widgets[0], { id: 'summary', type: 'summary', visible: true, order: 0, width: 'third' });
    assert.deepEqual(body.widgets[12], { id: 'n', type: 'granite_notes', visible: true, order: 1, width: 'half' });
    const state = s.state();
    assert.equal(state.savedCount, 1);
    assert.equal(state.saving, false);
    assert.equal(state.saveError, undefined);
    assert.deepEqual(state.layout, sim.layouts.get(sim.apiKey), 'shows what Granite stored');
    await s.save(edited);
    assert.equal(asked, 2, 'the notice is shown once');
    assert.equal(s.state().savedCount, 2);
  });

  it('Save finds a conflict when Granite’s updated_at changed; Overwrite then writes over it', async () => {
    await globalState.update(graniteSaveNoticeKey, true);
    sim.layouts.set(sim.apiKey, [widget('summary', 0)], now);
    const s = source();
    await s.open();
    const edited = asEdited(s.state().layout.widgets);
    // Meanwhile the user rearranged the dashboard in Granite's web app.
    const theirs = sim.layouts.set(
      sim.apiKey,
      [widget('summary', 3), widget('web_only', 0, { id: 'w' })],
      now + 60_000,
    );
    sim.requests.length = 0;
    await s.save(edited);
    assert.deepEqual(s.state().conflict, { theirsUpdatedAt: theirs.updated_at });
    assert.equal(layoutRequests('PUT').length, 0);
    assert.equal(s.state().savedCount, 0);
    await s.save(edited, true);
    assert.deepEqual(
      layoutRequests().map((r) => r.method),
      ['GET', 'PUT'],
      'Overwrite skips the second check',
    );
    const body = layoutRequests('PUT')[0]!.body as { widgets: WidgetConfig[]; updated_at: string };
    assert.equal(body.updated_at, theirs.updated_at, 'as the server last sent it');
    assert.deepEqual(body.widgets.at(-1), { id: 'w', type: 'web_only', visible: true, order: 0, width: 'half' });
    assert.equal(s.state().conflict, undefined);
    assert.equal(s.state().savedCount, 1);
  });

  it('a 422 or any error on Save leaves saveError with the server’s message and the shown layout as it was', async () => {
    await globalState.update(graniteSaveNoticeKey, true);
    const s = source();
    await s.open();
    const edited = asEdited(s.state().layout.widgets);
    sim.faults.next({ kind: 'status', status: 503 }, { path: LAYOUT_PATH });
    await s.save(edited);
    assert.match(s.state().saveError ?? '', /503/);
    assert.equal(s.state().saving, false);
    await s.save(edited);
    assert.equal(s.state().saveError, undefined, 'the next Save that works clears it');
    assert.equal(s.state().savedCount, 1);
    const before = s.state().layout;
    sim.faults.next(
      {
        kind: 'status',
        status: 422,
        body: {
          detail: [{ type: 'enum', loc: ['body', 'widgets', 0, 'width'], msg: 'Input should be full', input: 'x' }],
        },
      },
      { path: LAYOUT_PATH, when: (r) => r.body !== undefined },
    );
    await s.save(edited.map((w) => ({ ...w, visible: false })));
    assert.match(
      s.state().saveError ?? '',
      /Granite refused the dashboard layout.*widgets\.0\.width.*Input should be full.*Your edits are kept/,
    );
    assert.equal(s.state().saving, false);
    assert.equal(s.state().savedCount, 1, 'not saved');
    assert.equal(s.state().layout, before, 'the layout shown stays; the webview keeps the edit');
  });

  it('local mode reads and writes nothing at Granite: our default, then what was saved, in globalState', async () => {
    mode = 'local';
    const s = source();
    await s.open();
    assert.equal(s.state().source, 'local');
    assert.equal(s.state().mode, 'local');
    assert.deepEqual(s.state().layout, defaultLayout());
    const edited = asEdited(s.state().layout.widgets).map((w) =>
      w.type === 'queue_metrics' ? { ...w, visible: false } : w,
    );
    await s.save(edited);
    await s.reload();
    const again = source();
    await again.open();
    assert.equal(again.state().layout.widgets.find((w) => w.type === 'queue_metrics')?.visible, false);
    assert.ok(globalState.get(localLayoutKey));
    assert.equal(asked, 0, 'no notice: Granite is not touched');
    assert.equal(layoutRequests().length, 0);
    assert.equal(counted, 0);
  });
});
