/**
 * The store's shapes: what it holds (`StoreState`), what it is given (`StoreDeps`), what it announces
 * (`LoadEvent`) and what caused each request (`RequestSource`). Kept apart from store.ts so readers of
 * the state need not read the store.
 */
import type { GraniteConfig } from '../config/configuration';
import type { Connections } from '../connection/connections';
import type { KeySource } from '../connection/credentials';
import type { GraniteError } from '../core/api/errors';
import type { AnalyticsFilters } from '../core/api/schemas';
import type { ParsedBatch } from '../core/api/parseBatch';
import type { LogSink } from '../core/logSink';
import type { RefreshOutcome } from '../core/refreshScheduler';
import type { FilterState } from '../filters/filters';
import type { BatchCache } from './batchCache';
/**
 * `tool`: the language-model tools (src/chatTools/), for filters other than the views' and for a run's data.
 * `run`: a run's detail, automation info, history and trace (src/runs/runData.ts), for the run view and tooltips.
 * `layout`: the dashboard layout's `GET`/`PUT` (src/layout/). `queue`: queue metrics (src/queueMetrics/), the
 * current and previous period's, only while the dashboard is visible. `runAgain`: Run Again's writes and
 * follow-up reads.
 */
export type RequestSource =
  | 'scheduled'
  | 'user'
  | 'filters'
  | 'workflow'
  | 'key-check'
  | 'details'
  | 'comparison'
  | 'tool'
  | 'run'
  | 'layout'
  | 'queue'
  | 'runAgain';

/** Every source at zero: the store's counters start here (and tests' stand-ins for the store). */
export function zeroRequestCounts(): Record<RequestSource, number> {
  const sources: RequestSource[] = [
    'scheduled',
    'user',
    'filters',
    'workflow',
    'key-check',
    'details',
    'comparison',
    'tool',
    'run',
    'layout',
    'queue',
    'runAgain',
  ];
  return Object.fromEntries(sources.map((source) => [source, 0])) as Record<RequestSource, number>;
}

/** A refresh that succeeded: what caused it and the filters it was for. */
export interface LoadEvent {
  source: RequestSource;
  filterKey: string;
  batch: ParsedBatch;
}

export interface StoreState {
  filters: FilterState;
  batch?: ParsedBatch;
  /** When the shown batch was received from Granite (it may come from the cache). */
  fetchedAt?: number;
  /** The shown batch was read from the cache and no refresh has succeeded since. */
  fromCache: boolean;
  /** What the shown batch was asked for (absent when read from the cache): the queue metrics ask the same dates. */
  requested?: AnalyticsFilters;
  error?: GraniteError;
  loading: boolean;
  /** Set once the key lookup has run: whether there is a key, and where it comes from. */
  key?: { present: false } | { present: true; source: KeySource };
  origin?: string;
  organization?: string;
  organizationId?: string;
  /** The server's message when analytics is disabled for the organisation. */
  analyticsDisabled?: string;
}

/** What the store writes to the log (the host's `Log`). */
export type StoreLog = Pick<LogSink, 'warn' | 'error' | 'setSecrets' | 'exchange'>;

export interface StoreDeps {
  config: () => GraniteConfig;
  /** The client for the current settings and key (src/connection/connections.ts). */
  connections: Connections;
  cache: BatchCache;
  log: StoreLog;
  now: () => number;
  /** May a request go out now (rate limit, credentials)? The scheduler decides. */
  gate: () =>
    { ok: true } | { ok: false; reason: 'rate-limited'; until: number } | { ok: false; reason: 'credentials' };
  /** Told about every completed request that bears on the schedule. */
  onOutcome: (outcome: RefreshOutcome) => void;
  saveFilters: (filters: FilterState) => PromiseLike<void>;
}
