/**
 * The dashboard's layout on the host: read from Granite (`GET /api/analytics/layout`) once per session
 * and connection when the dashboard opens, painted first from the disk cache (layoutCache.ts), and saved
 * back whole (`PUT`) from Customize mode after a second `GET` has shown nobody changed it meanwhile. In
 * `local` mode (`granite.dashboard.layout`) nothing is read from or written to Granite: the layout is kept
 * in globalState. layout.vscode.ts wires it to the settings and the dashboard panel.
 *
 * Errors are contained (STATUS-14, "the error surface"): nothing here reports to the store, the scheduler
 * or the credentials prompt, so a 401 or 429 on these routes never marks the key invalid or pauses the
 * batch. A failed read gives our default layout (or, offline, the cached one) and one log line; a failed
 * Save gives `saveError`, and the webview keeps the edit.
 */
import * as z from 'zod/mini';
import type { Connection } from '../connection/connections';
import { GraniteError } from '../core/api/errors';
import { fetchLayout, putLayout } from '../core/api/queueAndLayout';
import { DashboardLayout, type WidgetConfig } from '../core/api/queueAndLayoutSchemas';
import { Disposable } from '../core/disposable';
import { CountedEmitter } from '../core/emitter';
import { t } from '../core/l10n';
import type { LogSink } from '../core/logSink';
import type { Memento } from '../core/memento';
import type { LayoutSource as Source, LayoutState } from '../dashboard/protocol';
import type { CacheFiles } from '../store/batchCache';
import { defaultLayout, layoutForSave } from './dashboardLayout';
import { LayoutCache, layoutCacheKey } from './layoutCache';

export type LayoutMode = LayoutState['mode'];

/** globalState: the layout of `local` mode (per user, all windows). */
export const localLayoutKey = 'granite.dashboard.localLayout';
/** globalState: the first Save in `granite` mode has said that it also changes Granite's web app. */
export const graniteSaveNoticeKey = 'granite.dashboard.layoutSaveNoticeShown';

export interface LayoutSourceDeps {
  /** The client and cache id for the current settings and key (the store's). */
  connection: () => Promise<Connection>;
  /** The batch cache's files. */
  files: CacheFiles;
  globalState: Memento;
  mode: () => LayoutMode;
  now: () => number;
  log: Pick<LogSink, 'info' | 'warn'>;
  /** Asked once, before the first Save in `granite` mode: go ahead (true) or not. */
  confirmGraniteSave: () => PromiseLike<boolean>;
  /** Told of each request sent (the store's request counts). */
  countRequest: () => void;
}

/** What a read gave: the layout to show, and Granite's layout as last read (what a Save builds on). */
interface Shown {
  layout: DashboardLayout;
  source: Source;
  read?: DashboardLayout;
}

/** A failed read keeps a cached layout when retrying later can help (offline, busy); otherwise our default. */
const transient = new Set(['NetworkError', 'Timeout', 'RateLimited', 'Aborted']);

export class LayoutSource extends Disposable {
  private readonly emitter = this.register(new CountedEmitter<void>('layout.onDidChange'));
  /** Fires whenever `state()` changes. */
  readonly onDidChange = this.emitter.event;
  private readonly cache: LayoutCache;
  /** One read per session and connection (cache id: origin and key), kept once started. */
  private readonly sessions = new Map<string, Promise<Shown>>();
  private shown: Shown = { layout: defaultLayout(), source: 'default' };
  private shownFor?: string;
  /** Granite's layout from the Save's own `GET` that found a conflict: an Overwrite builds on it. */
  private theirs?: DashboardLayout;
  private saving = false;
  private saveError?: string;
  private conflict?: LayoutState['conflict'];
  private savedCount = 0;
  /** Bumped by each open: an older open's answer does not replace a newer one's. */
  private generation = 0;

  constructor(private readonly deps: LayoutSourceDeps) {
    super('layout');
    this.cache = new LayoutCache(deps.files);
  }

  state(): LayoutState {
    return {
      layout: this.shown.layout,
      source: this.shown.source,
      mode: this.deps.mode(),
      saving: this.saving,
      saveError: this.saveError,
      conflict: this.conflict,
      savedCount: this.savedCount,
    };
  }

  /**
   * The dashboard opened (or the mode or connection may have changed): shows the layout for the current
   * mode and connection, reading Granite only the first time in this session for that connection.
   */
  async open(): Promise<void> {
    const generation = ++this.generation;
    if (this.deps.mode() === 'local') {
      this.show({ layout: this.localLayout(), source: 'local' }, 'local');
      return;
    }
    const connection = await this.deps.connection();
    if (generation !== this.generation) return;
    if (!('client' in connection)) {
      this.show({ layout: defaultLayout(), source: 'default' }, undefined);
      return;
    }
    const id = connection.cacheId;
    let session = this.sessions.get(id);
    if (!session) {
      const read = { answered: false };
      session = this.read(connection).then((shown) => ((read.answered = true), shown));
      this.sessions.set(id, session);
      if (this.shownFor !== id) {
        // Instant paint: the last layout read, until Granite answers (a cache slower than Granite is ignored).
        const cached = await this.cache.read(layoutCacheKey(connection.client.origin, id));
        if (cached && generation === this.generation && !read.answered)
          this.show({ layout: cached.layout, source: 'cache', read: cached.layout }, id);
      }
    }
    const shown = await session;
    if (generation === this.generation) this.show(shown, id);
  }

  /** Forgets every read of this session, so the next `open` asks Granite again (the mode changed). */
  forgetReads(): void {
    this.sessions.clear();
  }

  /** The conflict prompt's Reload (or a reload asked for): read Granite again and drop what was shown. */
  async reload(): Promise<void> {
    this.conflict = undefined;
    this.saveError = undefined;
    this.theirs = undefined;
    if (this.shownFor !== undefined && this.shownFor !== 'local') this.sessions.delete(this.shownFor);
    this.emitter.fire();
    await this.open();
  }

  private async read(connection: Extract<Connection, { client: unknown }>): Promise<Shown> {
    const { client, cacheId } = connection;
    const key = layoutCacheKey(client.origin, cacheId);
    let shown: Shown;
    try {
      this.deps.countRequest();
      const result = await fetchLayout(client);
      await this.cache
        .write(key, { layout: result.data, fetchedAt: result.receivedAt })
        .catch((e: unknown) => this.deps.log.warn(`Could not cache the dashboard layout: ${String(e)}`));
      if (result.data.widgets.length === 0) {
        this.deps.log.info(`${client.origin} has no saved dashboard layout for this key: showing the default layout.`);
        shown = { layout: defaultLayout(), source: 'default', read: result.data };
      } else shown = { layout: result.data, source: 'granite', read: result.data };
    } catch (error) {
      const e =
        error instanceof GraniteError ? error : new GraniteError('NetworkError', String(error), { cause: error });
      const cached = transient.has(e.kind) ? await this.cache.read(key) : undefined;
      this.deps.log.warn(
        `Could not read the dashboard layout from ${client.origin}; showing ${cached ? 'the last one read' : 'the default layout'}: ${e.message}`,
      );
      shown = cached
        ? { layout: cached.layout, source: 'cache', read: cached.layout }
        : { layout: defaultLayout(), source: 'default' };
    }
    return shown;
  }

  private show(shown: Shown, id: string | undefined): void {
    this.shown = shown;
    this.shownFor = id;
    this.emitter.fire();
  }

  private localLayout(): DashboardLayout {
    const stored = z.safeParse(DashboardLayout, this.deps.globalState.get(localLayoutKey));
    return stored.success && stored.data.widgets.length > 0 ? stored.data : defaultLayout();
  }

  /**
   * Customize mode's Save: the edited widgets, written whole. In `granite` mode a `GET` first: when
   * Granite's `updated_at` differs from the one we read (string inequality: it is kept as sent, never
   * parsed), nothing is written and `conflict` asks for Reload or Overwrite; `overwrite` skips that check.
   * One Save at a time: one asked for while another is in flight is ignored (the page disables Save then).
   */
  async save(edited: readonly WidgetConfig[], overwrite = false): Promise<void> {
    if (this.saving) return;
    if (this.deps.mode() === 'local') {
      const layout = layoutForSave(edited, this.shown.source === 'local' ? this.shown.layout : this.localLayout());
      await this.deps.globalState.update(localLayoutKey, layout);
      this.savedCount++;
      this.saveError = undefined;
      this.show({ layout, source: 'local' }, 'local');
      return;
    }
    if (!this.deps.globalState.get<boolean>(graniteSaveNoticeKey)) {
      if (!(await this.deps.confirmGraniteSave())) return;
      await this.deps.globalState.update(graniteSaveNoticeKey, true);
    }
    this.saving = true;
    this.saveError = undefined;
    this.conflict = undefined;
    this.emitter.fire();
    try {
      await this.write(edited, overwrite);
    } catch (error) {
      const e =
        error instanceof GraniteError ? error : new GraniteError('NetworkError', String(error), { cause: error });
      this.deps.log.warn(`Could not save the dashboard layout: ${e.message}`);
      this.saveError = e.userMessage;
    } finally {
      this.saving = false;
      this.emitter.fire();
    }
  }

  private async write(edited: readonly WidgetConfig[], overwrite: boolean): Promise<void> {
    const connection = await this.deps.connection();
    if (!('client' in connection)) {
      this.saveError =
        'error' in connection
          ? connection.error.userMessage
          : t('Set an API key to save the layout to Granite; your edits are kept.');
      return;
    }
    const { client, cacheId } = connection;
    const ours = this.shownFor === cacheId ? this.shown.read : undefined;
    let base: DashboardLayout = (overwrite ? this.theirs : undefined) ?? ours ?? { widgets: [], updated_at: null };
    if (!overwrite) {
      this.deps.countRequest();
      const current = (await fetchLayout(client)).data;
      if ((current.updated_at ?? null) !== (base.updated_at ?? null)) {
        this.theirs = current;
        this.conflict = { theirsUpdatedAt: current.updated_at ?? null };
        return;
      }
      base = current;
    }
    this.deps.countRequest();
    const stored = (await putLayout(client, layoutForSave(edited, base))).data;
    const shown: Shown = { layout: stored, source: 'granite', read: stored };
    this.theirs = undefined;
    this.savedCount++;
    this.sessions.set(cacheId, Promise.resolve(shown));
    this.show(shown, cacheId);
    await this.cache
      .write(layoutCacheKey(client.origin, cacheId), { layout: stored, fetchedAt: this.deps.now() })
      .catch((e: unknown) => this.deps.log.warn(`Could not cache the dashboard layout: ${String(e)}`));
  }
}
