/**
 * The schedule every window of an origin shares (`src/store/sharedSchedule.ts`), in one in-memory
 * globalState as VS Code's windows share theirs: per origin (not per URL path), the rate-limit block for
 * every filter set, the last fetch per filter set, and only the most recently fetched filter sets kept.
 */
import assert from 'node:assert/strict';
import { keptFilterSets, scheduleKey, SharedScheduleState } from '../../../src/store/sharedSchedule';
import { MemoryMemento } from '../helpers/memoryState';

describe('shared schedule: what the windows of an origin agree on', () => {
  let globalState: MemoryMemento;
  beforeEach(() => {
    globalState = new MemoryMemento();
  });

  it('lets another window of the same origin read the last fetch of the same filters', () => {
    const first = new SharedScheduleState(
      globalState,
      () => 'https://api.example.com/v1',
      () => '7d',
    );
    const second = new SharedScheduleState(
      globalState,
      () => 'https://api.example.com/',
      () => '7d',
    );
    assert.deepEqual(second.read(), { blockedUntil: undefined, lastFetchAt: undefined });
    first.write({ lastFetchAt: 1_000 });
    assert.equal(second.read().lastFetchAt, 1_000);
    assert.ok(globalState.get(scheduleKey('https://api.example.com')), 'kept under the origin');
  });

  it('keeps the last fetch per filter set, and the rate-limit block for all of them', () => {
    let filters = '7d';
    const schedule = new SharedScheduleState(
      globalState,
      () => 'https://api.example.com',
      () => filters,
    );
    schedule.write({ lastFetchAt: 1_000 });
    filters = '30d';
    assert.equal(schedule.read().lastFetchAt, undefined, 'other filters must not skip their own refresh');
    schedule.write({ lastFetchAt: 2_000, blockedUntil: 9_000 });
    filters = '7d';
    assert.deepEqual(schedule.read(), { lastFetchAt: 1_000, blockedUntil: 9_000 });
  });

  it('keeps another origin apart', () => {
    new SharedScheduleState(
      globalState,
      () => 'https://a.example.com',
      () => '7d',
    ).write({ lastFetchAt: 1_000, blockedUntil: 5_000 });
    assert.deepEqual(
      new SharedScheduleState(
        globalState,
        () => 'https://b.example.com',
        () => '7d',
      ).read(),
      { blockedUntil: undefined, lastFetchAt: undefined },
    );
  });

  it(`remembers the ${keptFilterSets} most recently fetched filter sets`, () => {
    let filters = '';
    const schedule = new SharedScheduleState(
      globalState,
      () => 'https://api.example.com',
      () => filters,
    );
    for (let i = 0; i <= keptFilterSets; i++) {
      filters = `set ${i}`;
      schedule.write({ lastFetchAt: 1_000 + i });
    }
    filters = 'set 0';
    assert.equal(schedule.read().lastFetchAt, undefined, 'the oldest is forgotten');
    filters = 'set 1';
    assert.equal(schedule.read().lastFetchAt, 1_001);
    filters = `set ${keptFilterSets}`;
    assert.equal(schedule.read().lastFetchAt, 1_000 + keptFilterSets);
  });
});
