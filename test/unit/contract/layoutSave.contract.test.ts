/**
 * The contract of what Customize mode's Save sends: every `PUT /api/analytics/layout` body the extension
 * builds (LayoutSource over the simulator, through layoutForSave) validates with ajv against Granite's
 * OpenAPI excerpt (`DashboardLayout`): a first save onto an empty layout, edits of a layout holding unknown
 * types and repeats, an Overwrite after a conflict, and a spread of edits built by hand. Beside
 * queueAndLayout.contract.test.ts, which covers the client's own bodies and the simulator's answers.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GraniteClient } from '../../../src/core/api/client';
import { layoutRequestBody } from '../../../src/core/api/queueAndLayout';
import { widgetWidths } from '../../../src/core/api/vocabulary';
import { defaultLayout, layoutForSave, widgetTypes } from '../../../src/layout/dashboardLayout';
import { graniteSaveNoticeKey, LayoutSource } from '../../../src/layout/layoutSource';
import { LAYOUT_PATH } from '../../simulator/layout';
import { startSimulator, type Simulator } from '../../simulator/server';
import { directoryCacheFiles } from '../../reliability/host/hostState';
import { MemoryMemento } from '../helpers/memoryState';
import { editedWidgets as drawn } from '../builders/layoutBuilder';
import { specValidator } from './openapi';

const now = Date.UTC(2026, 10, 26, 12, 0, 0);

describe('contract: every layout PUT body the extension builds is a valid DashboardLayout', function () {
  const spec = specValidator();
  let sim: Simulator;
  let dir: string;

  before(async () => {
    sim = await startSimulator({ seed: 3, workflows: 2, days: 1, executions: 20, clock: { now: () => now } });
    dir = await mkdtemp(join(tmpdir(), 'granite-layout-contract-'));
  });
  after(async () => {
    await sim.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('Customize saves through LayoutSource: first save, unknown entries and repeats, Overwrite after a conflict', async () => {
    const globalState = new MemoryMemento();
    await globalState.update(graniteSaveNoticeKey, true);
    const client = new GraniteClient({ baseUrl: sim.url, apiKey: sim.apiKey, now: () => now });
    const source = new LayoutSource({
      connection: () => Promise.resolve({ client, source: 'secret-storage', cacheId: 'contract' }),
      files: directoryCacheFiles(dir, (work) => work),
      globalState,
      mode: () => 'granite',
      now: () => now,
      log: { info: () => undefined, warn: () => undefined },
      confirmGraniteSave: () => Promise.resolve(true),
      countRequest: () => undefined,
    });
    try {
      await source.open();
      await source.save(drawn(source.state().layout.widgets)); // onto Granite's empty layout (updated_at null)
      sim.layouts.set(
        sim.apiKey,
        [
          { id: 'x', type: 'granite_only', visible: false, order: -3, width: 'third' },
          { id: 'summary', type: 'summary', visible: true, order: 2, width: 'full' },
          { id: 'summary-copy', type: 'summary', visible: true, order: 1, width: 'half' },
        ],
        now + 1,
      );
      await source.reload();
      const edited = drawn(source.state().layout.widgets).map((w, i) => ({
        ...w,
        visible: i % 2 === 0,
        width: widgetWidths[i % 3]!,
      }));
      await source.save(edited);
      sim.layouts.set(
        sim.apiKey,
        [{ id: 'q', type: 'queue_metrics', visible: true, order: 0, width: 'half' }],
        now + 2,
      );
      await source.save(edited); // conflict: no PUT
      assert.ok(source.state().conflict);
      await source.save(edited, true);
    } finally {
      source.dispose();
    }
    const bodies = sim.requests.filter((r) => r.path === LAYOUT_PATH && r.method === 'PUT').map((r) => r.body);
    assert.equal(bodies.length, 3);
    for (const body of bodies) assert.equal(spec.check('DashboardLayout', body), undefined, JSON.stringify(body));
  });

  it('layoutForSave bodies for a spread of edits, as putLayout sends them', () => {
    const reads = [
      defaultLayout(),
      { widgets: [], updated_at: null },
      { widgets: [{ id: 'odd', type: 'not_ours', visible: true, order: 1_000_000, width: 'full' as const }] },
      { widgets: drawn([]).reverse(), updated_at: '2026-11-26T12:00:00.000Z' },
    ];
    let checked = 0;
    for (const read of reads) {
      for (const [n, type] of widgetTypes.entries()) {
        const edited = drawn(read.widgets)
          .filter((w) => w.type !== type)
          .map((w, i) => ({ ...w, order: -i * n, width: widgetWidths[(i + n) % 3]! }));
        const body = layoutRequestBody(layoutForSave(edited, read));
        assert.equal(spec.check('DashboardLayout', body), undefined, JSON.stringify(body));
        checked++;
      }
    }
    assert.equal(checked, reads.length * widgetTypes.length);
  });
});
