/**
 * The schedule every window of an origin shares, kept in globalState: the rate-limit block and, per filter
 * set, the time of the last fetch (a window with other filters must not skip its own refresh because of
 * another's). So three open windows poll as one.
 */
import { checkBaseUrl } from '../core/api/baseUrl';
import type { Memento } from '../core/memento';
import type { SharedSchedule } from '../core/refreshScheduler';

interface StoredSchedule {
  blockedUntil?: number;
  fetches?: Record<string, number>;
}

/** Filter sets whose last fetch is remembered; the least recently fetched are forgotten. */
export const keptFilterSets = 20;

/** The globalState key of an origin's schedule (tests clear it between cases). */
export function scheduleKey(apiBaseUrl: string): string {
  const check = checkBaseUrl(apiBaseUrl);
  return `granite.schedule:${check.ok ? check.origin : 'invalid'}`;
}

export class SharedScheduleState {
  /** `apiBaseUrl` and `filterKey` are read at each call: the origin and the filters shown may change. */
  constructor(
    private readonly state: Memento,
    private readonly apiBaseUrl: () => string,
    private readonly filterKey: () => string,
  ) {}

  /** The block of this origin and the last fetch of the filters shown now, by whichever window. */
  read(): SharedSchedule {
    const stored = this.state.get<StoredSchedule>(scheduleKey(this.apiBaseUrl()));
    return { blockedUntil: stored?.blockedUntil, lastFetchAt: stored?.fetches?.[this.filterKey()] };
  }

  write(value: SharedSchedule): void {
    const key = scheduleKey(this.apiBaseUrl());
    const stored = this.state.get<StoredSchedule>(key) ?? {};
    const fetches = { ...stored.fetches };
    if (value.lastFetchAt !== undefined) fetches[this.filterKey()] = value.lastFetchAt;
    const recent = Object.entries(fetches)
      .sort((a, b) => b[1] - a[1])
      .slice(0, keptFilterSets);
    void this.state.update(key, { blockedUntil: value.blockedUntil, fetches: Object.fromEntries(recent) });
  }
}
