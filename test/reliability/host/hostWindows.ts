/**
 * The host's polling, without VS Code: one `RefreshScheduler` per window on one injected clock, each
 * window with its own `GraniteClient`, all sharing the schedule as the host's globalState does. On every
 * scheduled tick a window sends what the host sends, as a list of `TickRequest`s, so a new kind of request
 * (e.g. the previous-period comparison) is one more entry in that list and every budget test counts it.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { GraniteClient } from '../../../src/core/api/client';
import type { GraniteError } from '../../../src/core/api/errors';
import type { ParsedBatch } from '../../../src/core/api/parseBatch';
import { comparisonDue, previousPeriodFilters } from '../../../src/core/compare';
import { defaultFilters, filterKey, isRangePreset, toRequestFilters, type FilterState, type GranularityChoice } from '../../../src/core/filters';
import { failureOutcome, successOutcome } from '../../../src/core/outcome';
import { effectiveIntervalMs, RefreshScheduler, type RefreshOutcome, type SharedSchedule } from '../../../src/core/scheduler';
import type { RecordedRequest } from '../../simulator/server';
import type { FakeTime } from '../../unit/helpers/fakeTime';

export const minute = 60_000;
export const hour = 60 * minute;

/** What a tick's earlier requests reported (a later request may depend on them, as the identity check does). */
export interface TickContext {
  client: GraniteClient;
  now: number;
  reported: readonly RefreshOutcome[];
}

/** One kind of request the host sends on a scheduled tick. */
export interface TickRequest {
  readonly name: string;
  /** Sends this tick's request when it is due; resolves to what the host reports to the scheduler, if anything. */
  send(tick: TickContext): Promise<RefreshOutcome | undefined> | undefined;
}

export interface BatchOptions {
  /** Passed to every request, as the store passes its abort signal. */
  signal?: AbortSignal;
  /** The parsed batch, as the store hands it to the tree, the status bar and the panel. */
  onData?: (batch: ParsedBatch, receivedAt: number) => void;
}

/** The store's scheduled refresh: one batch for the current filters (`store.run`). */
export function batchRefresh(filters: FilterState, options: BatchOptions = {}): TickRequest {
  return {
    name: 'batch',
    send: ({ client, now }) => client.fetchBatch(toRequestFilters(filters, now), { signal: options.signal }).then(
      (result) => {
        options.onData?.(result.data, result.receivedAt);
        return successOutcome(result);
      },
      (error: GraniteError) => failureOutcome(error, now),
    ),
  };
}

/**
 * The store's identity check (`checkIdentity`): `/api/me` and `/api/analytics/status` after a successful
 * batch, until `/api/me` has answered once for the origin. Its outcome is not reported to the scheduler.
 */
export function identityCheck(): TickRequest {
  let known = false;
  return {
    name: 'identity',
    send: ({ client, reported }) => {
      if (known || !reported.at(-1)?.ok) return undefined;
      return Promise.allSettled([client.fetchMe(), client.fetchStatus()]).then(([me]) => {
        known = me.status === 'fulfilled';
        return undefined;
      });
    },
  };
}

/**
 * The previous-period comparison (`PreviousPeriod`): after a successful scheduled batch, one request for
 * the preceding range when the extension's own rule (`comparisonDue`) says it is due. `shared` stands for
 * the disk cache every window reads, so windows share one comparison as they do in VS Code. Only a 429 or
 * a refused key is reported to the scheduler.
 */
export function previousPeriod(filters: FilterState, shared: { held?: { filterKey: string; fetchedAt: number } }): TickRequest {
  const key = filterKey(filters);
  return {
    name: 'comparison',
    send: ({ client, now, reported }) => {
      if (!reported.at(-1)?.ok || !comparisonDue('scheduled', shared.held, key, now)) return undefined;
      return client.fetchBatch(previousPeriodFilters(filters, now)).then(
        (result) => {
          shared.held = { filterKey: key, fetchedAt: result.receivedAt };
          return undefined;
        },
        (error: GraniteError) => (error.kind === 'RateLimited' || error.needsCredentials ? failureOutcome(error, now) : undefined),
      );
    },
  };
}

/** The settings a new user has: the manifest's defaults, read from package.json so a changed default is tested. */
export function defaultSettings(): { intervalMs: number; filters: FilterState } {
  const manifest = JSON.parse(readFileSync(resolve(__dirname, '../../../../package.json'), 'utf8')) as {
    contributes: { configuration: { properties: Record<string, { default?: unknown }> } };
  };
  const setting = (key: string) => manifest.contributes.configuration.properties[key]?.default;
  const range = setting('granite.defaultDateRange');
  const seconds = setting('granite.refreshIntervalSeconds');
  if (!isRangePreset(range) || typeof seconds !== 'number') throw new Error('package.json lost the defaults of granite.defaultDateRange or granite.refreshIntervalSeconds');
  return { intervalMs: effectiveIntervalMs(seconds), filters: defaultFilters(range, setting('granite.granularity') as GranularityChoice) };
}

export interface HostWindows {
  /** Opens a window: its scheduler starts with this activity and polls from the shared schedule. */
  open(activity: { focused: boolean; viewVisible: boolean }): RefreshScheduler;
  /** Resolves once every tick in flight has finished: `FakeTime.advance`'s settle. */
  settle(): Promise<void>;
  /** Every window opened, in order. */
  readonly schedulers: readonly RefreshScheduler[];
  /** Ticks a window skipped because another window had just fetched (it adopted that result). */
  readonly adopted: number;
  dispose(): void;
}

export interface HostOptions {
  time: FakeTime;
  baseUrl: string;
  apiKey: string;
  intervalMs: number;
  /** A fresh list per window (a source may keep per-window state, like the identity check). */
  requests: () => TickRequest[];
  random: () => number;
  /** Runs before each tick's requests (e.g. to move a simulator's clock in another process). */
  beforeTick?: () => Promise<void>;
}

export function hostWindows(options: HostOptions): HostWindows {
  const { time } = options;
  let shared: SharedSchedule = {};
  const inFlight = new Set<Promise<void>>();
  const schedulers: RefreshScheduler[] = [];
  let adopted = 0;

  const open = (activity: { focused: boolean; viewVisible: boolean }): RefreshScheduler => {
    const client = new GraniteClient({ baseUrl: options.baseUrl, apiKey: options.apiKey, now: time.now });
    const requests = options.requests();
    // Like the store and the on-demand figures, each request asks the scheduler's gate first.
    const tick = async (): Promise<void> => {
      await options.beforeTick?.();
      const reported: RefreshOutcome[] = [];
      for (const request of requests) {
        if (!scheduler.canRequestNow().ok) break;
        const outcome = await request.send({ client, now: time.now(), reported });
        if (!outcome) continue;
        reported.push(outcome);
        scheduler.recordOutcome(outcome);
      }
    };
    const scheduler: RefreshScheduler = new RefreshScheduler({
      time,
      random: options.random,
      readShared: () => shared,
      writeShared: (value) => { shared = value; },
      refresh: () => {
        const running: Promise<void> = tick().finally(() => inFlight.delete(running));
        inFlight.add(running);
      },
      // The window that fetched wrote the shared cache before it shared the time (store.run), so the
      // others paint from it and send nothing.
      adoptShared: () => { adopted++; },
    }, options.intervalMs);
    scheduler.setActivity(activity);
    schedulers.push(scheduler);
    return scheduler;
  };

  return {
    open,
    settle: async () => {
      while (inFlight.size) await Promise.all([...inFlight]);
    },
    schedulers,
    get adopted() { return adopted; },
    dispose: () => {
      for (const s of schedulers) s.dispose();
    },
  };
}

/** Requests per clock hour (the simulator's quota window), keyed by the hour's start. */
export function perClockHour(requests: readonly RecordedRequest[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const r of requests) {
    const key = Math.floor(r.at / hour) * hour;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** The requests the quota counts: every authenticated request to the API. */
export function apiRequests(requests: readonly RecordedRequest[]): RecordedRequest[] {
  return requests.filter((r) => r.path.startsWith('/api/') && r.apiKeyValid);
}
