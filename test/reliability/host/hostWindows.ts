/**
 * The extension's host in plain Node, as many windows as a test opens: each window is the real store,
 * scheduler, previous period and queue metrics wired by src/store/windowPolling.ts (as `activate` wires
 * them), with the real new-failure notifier told about every load, and real credentials. The windows share what VS Code's
 * windows share: one globalState (the per-origin schedule), one SecretStorage and one batch cache in a temp
 * directory. One injected clock drives every scheduler, and the simulator answers over real sockets. No
 * request is written here: whatever src/ sends is sent, so counting the simulator's log counts it.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchCache } from '../../../src/store/batchCache';
import type { GraniteConfig } from '../../../src/config/configuration';
import { checkBaseUrl } from '../../../src/core/api/baseUrl';
import { defaultFilters, type FilterState } from '../../../src/filters/filters';
import { effectiveIntervalMs, type SchedulerTime } from '../../../src/core/refreshScheduler';
import { Credentials } from '../../../src/connection/credentials';
import { FailureNotifier } from '../../../src/notifications/failureNotifier';
import type { StoreLog } from '../../../src/store/storeState';
import { WindowPolling } from '../../../src/store/windowPolling';
import { ConnectionState } from '../../../src/connection/connectionState';
import type { RecordedRequest } from '../../simulator/server';
import type { FakeTime } from '../../unit/helpers/fakeTime';
import { MemoryMemento, MemorySecrets } from '../../unit/helpers/memoryState';
import { directoryCacheFiles, manifestConfig } from './hostState';

export const minute = 60_000;
export const hour = 60 * minute;

export interface Activity {
  focused: boolean;
  viewVisible: boolean;
  /** The dashboard is open and visible: queue metrics are fetched with each refresh (as queueMetrics.vscode.ts tells the source). */
  dashboardVisible?: boolean;
}

export interface HostWindow extends Pick<WindowPolling, 'store' | 'scheduler' | 'previous' | 'queue'> {
  /** Paints from the cache, as `activate` starts a window. */
  start(): Promise<void>;
  notifier(): FailureNotifier | undefined;
  /** How many times the window showed a newer batch, whether it fetched it or adopted another window's. */
  readonly batchesShown: number;
}

export interface HostOptions {
  time: FakeTime;
  baseUrl: string;
  apiKey: string;
  random: () => number;
  /** Changes to the manifest's default settings. */
  settings?: Partial<GraniteConfig>;
  /** Filters other than the defaults' (e.g. the widest batch, for the soak). */
  filters?: FilterState;
  /** Awaited before each timer's callback runs (e.g. to move a simulator's clock in another process). */
  beforeTimer?: () => Promise<void>;
}

export interface Host {
  /** Opens a window: paints from the cache, then its scheduler starts with this activity (as `activate` does). */
  open(activity: Activity): Promise<HostWindow>;
  /** Resolves once nothing the windows started is in flight: `FakeTime.advance`'s settle (a function, passed on as is). */
  readonly settle: () => Promise<void>;
  readonly windows: readonly HostWindow[];
  readonly config: GraniteConfig;
  /** Warnings and errors the windows logged. */
  readonly logged: readonly string[];
  /** Notifications the windows showed (the user dismisses each). */
  readonly notified: readonly string[];
  close(): Promise<void>;
}

/** Work in flight: file and secret operations served here, and HTTP requests observed through undici's diagnostics channels (fetch itself is not touched). */
class InFlight {
  private readonly pending = new Set<Promise<unknown>>();
  private started = 0;
  private readonly requests = new Map<object, () => void>();
  private readonly channels = [
    { name: 'undici:request:create', listener: (message: unknown) => this.requestStarted(message) },
    { name: 'undici:request:trailers', listener: (message: unknown) => this.requestEnded(message) },
    { name: 'undici:request:error', listener: (message: unknown) => this.requestEnded(message) },
  ];

  constructor() {
    for (const c of this.channels) subscribe(c.name, c.listener);
  }

  track = <T>(work: Promise<T>): Promise<T> => {
    this.started++;
    this.pending.add(work);
    work.then(
      () => this.pending.delete(work),
      () => this.pending.delete(work),
    );
    return work;
  };

  private requestStarted(message: unknown): void {
    const request = (message as { request: object }).request;
    void this.track(new Promise<void>((done) => this.requests.set(request, done)));
  }

  private requestEnded(message: unknown): void {
    const request = (message as { request: object }).request;
    this.requests.get(request)?.();
    this.requests.delete(request);
  }

  /** Waits until nothing is pending and a few event-loop turns start nothing new (continuations run in between). */
  async settle(): Promise<void> {
    for (let quiet = 0; quiet < 3;) {
      if (this.pending.size) {
        await Promise.allSettled([...this.pending]);
        quiet = 0;
        continue;
      }
      const before = this.started;
      await new Promise((resolve) => setImmediate(resolve));
      quiet = this.started === before && this.pending.size === 0 ? quiet + 1 : 0;
    }
  }

  dispose(): void {
    for (const c of this.channels) unsubscribe(c.name, c.listener);
  }
}

export async function startHost(options: HostOptions): Promise<Host> {
  const { time } = options;
  const config: GraniteConfig = { ...manifestConfig(options.baseUrl), ...options.settings };
  const origin = checkBaseUrl(config.apiBaseUrl);
  if (!origin.ok) throw new Error(`not a usable base URL: ${config.apiBaseUrl}`);
  const inFlight = new InFlight();
  const storageDir = await mkdtemp(join(tmpdir(), 'granite-host-'));
  const globalState = new MemoryMemento();
  const secrets = new MemorySecrets();
  const cache = new BatchCache(directoryCacheFiles(storageDir, inFlight.track));
  const logged: string[] = [];
  const notified: string[] = [];
  const log: StoreLog = {
    warn: (m) => logged.push(`warn: ${m}`),
    error: (m) => logged.push(`error: ${m}`),
    setSecrets: () => undefined,
    exchange: () => undefined,
  };
  const windowTime: SchedulerTime = options.beforeTimer
    ? {
        now: time.now,
        clearTimeout: time.clearTimeout,
        setTimeout: (fn, ms) => time.setTimeout(() => void inFlight.track(options.beforeTimer!().then(fn)), ms),
      }
    : time;
  // The user stored the key for the simulator's origin (Set API Key), once for every window.
  const keys = new Credentials(secrets, {});
  await keys.store(origin.origin, options.apiKey);
  keys.dispose();

  const windows: HostWindow[] = [];
  const disposables: { dispose(): unknown }[] = [];

  const open = async (activity: Activity): Promise<HostWindow> => {
    const credentials = new Credentials(secrets, {});
    // The settings are fixed here; the active environment is read from and kept in the shared globalState, as in VS Code.
    const settings = new ConnectionState(globalState, () => config);
    const polling = new WindowPolling({
      settings,
      credentials,
      cache,
      log,
      time: windowTime,
      random: options.random,
      globalState,
      saveFilters: () => Promise.resolve(),
      initialFilters: options.filters ?? defaultFilters(config.defaultDateRange, config.granularity),
    });
    const { store } = polling;
    let notifier: FailureNotifier | undefined;
    let batchesShown = 0;
    let shownAt: number | undefined;
    disposables.push(
      credentials,
      settings,
      polling,
      // As `activate` does: the notifier is created by the first load, then told about each one.
      store.onDidLoad((event) =>
        (notifier ??= new FailureNotifier({
          store,
          pins: { set: () => new Set() },
          config: () => config,
          state: globalState,
          slot: () => settings.slot(),
          openRun: () => undefined,
          showAll: () => undefined,
          turnOff: () => Promise.resolve(),
          showWarning: (text) => {
            notified.push(text);
            return Promise.resolve(undefined);
          },
        })).afterLoad(event),
      ),
      store.onDidChange(() => {
        const at = store.state.fetchedAt;
        if (at !== undefined && at !== shownAt && !store.state.fromCache) batchesShown++;
        shownAt = at;
      }),
    );
    await inFlight.track(polling.start());
    polling.queue.setVisible(!!activity.dashboardVisible);
    polling.scheduler.setActivity(activity);
    const window: HostWindow = {
      store,
      scheduler: polling.scheduler,
      previous: polling.previous,
      queue: polling.queue,
      start: () => polling.start(),
      notifier: () => notifier,
      get batchesShown() {
        return batchesShown;
      },
    };
    windows.push(window);
    return window;
  };

  return {
    open,
    settle: () => inFlight.settle(),
    windows,
    config,
    logged,
    notified,
    close: async () => {
      for (const d of disposables.splice(0)) d.dispose();
      await inFlight.settle();
      inFlight.dispose();
      await rm(storageDir, { recursive: true, force: true });
    },
  };
}

/** The interval the manifest's default `granite.refreshIntervalSeconds` gives. */
export function defaultIntervalMs(): number {
  return effectiveIntervalMs(manifestConfig('http://127.0.0.1').refreshIntervalSeconds);
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

/** Requests by path, sorted by path. */
export function byPath(requests: readonly RecordedRequest[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of [...requests].sort((a, b) => a.path.localeCompare(b.path)))
    counts[r.path] = (counts[r.path] ?? 0) + 1;
  return counts;
}

/** The requests the quota counts: every authenticated request to the API. */
export function apiRequests(requests: readonly RecordedRequest[]): RecordedRequest[] {
  return requests.filter((r) => r.path.startsWith('/api/') && r.apiKeyValid);
}

/** A batch request for the period before the one shown: its range ends more than an hour before it was sent. */
export function isPreviousPeriod(r: RecordedRequest): boolean {
  const end = (r.body as { end_date?: string } | undefined)?.end_date;
  return r.path === '/api/analytics/batch' && end !== undefined && Date.parse(end) < r.at - hour;
}
