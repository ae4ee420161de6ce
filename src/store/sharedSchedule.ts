/**
 * The schedule every window of an origin shares, kept in globalState: the rate-limit block and, per filter
 * set, the time of the last fetch (a window with other filters must not skip its own refresh because of
 * another's). So three open windows poll as one.
 */
import { checkBaseUrl } from '../core/api/baseUrl';
import type { Memento } from '../core/memento';
import type { SchedulerDeps } from '../core/refreshScheduler';

interface StoredSchedule {
  blockedUntil?: number;
  fetches?: Record<string, number>;
}

/** Filter sets whose last fetch is remembered; the least recently fetched are forgotten. */
const keptFilterSets = 20;

/** `apiBaseUrl` and `filterKey` are read at each call: the origin and the filters shown may change. */
export function sharedScheduleState(state: Memento, apiBaseUrl: () => string, filterKey: () => string): Pick<SchedulerDeps, 'readShared' | 'writeShared'> {
  const key = () => {
    const check = checkBaseUrl(apiBaseUrl());
    return `granite.schedule:${check.ok ? check.origin : 'invalid'}`;
  };
  return {
    readShared: () => {
      const stored = state.get<StoredSchedule>(key());
      return { blockedUntil: stored?.blockedUntil, lastFetchAt: stored?.fetches?.[filterKey()] };
    },
    writeShared: (value) => {
      const stored = state.get<StoredSchedule>(key()) ?? {};
      const fetches = { ...stored.fetches };
      if (value.lastFetchAt !== undefined) fetches[filterKey()] = value.lastFetchAt;
      const recent = Object.entries(fetches).sort((a, b) => b[1] - a[1]).slice(0, keptFilterSets);
      void state.update(key(), { blockedUntil: value.blockedUntil, fetches: Object.fromEntries(recent) });
    },
  };
}
