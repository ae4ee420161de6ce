/**
 * The dashboard panel: one at a time, restored after a reload by a serializer. It reads the store and
 * sends no request of its own; while it is visible, src/queueMetrics/ asks for the queue metrics (opening
 * it with fresh data costs that one request at most). Every message from the webview
 * is validated with the shared protocol before anything is done; unknown messages are ignored. Panel
 * options and page inputs come from src/webviewPanel.vscode.ts, as for the run view.
 */
import * as vscode from 'vscode';
import type { Services } from '../services.vscode';
import { webviewPageOptions, webviewPanelIcon, webviewPanelOptions } from '../webviewPanel.vscode';
import { kpiDeltas } from '../comparison/compare';
import { toCsv } from '../core/csv';
import { filterKey, rangePresets, sanitizeFilters, type FilterState } from '../filters/filters';
import { Disposable } from '../core/disposable';
import { CountedEmitter, Emitter, type Event } from '../core/emitter';
import type { AnalyticsStore } from '../store/store';
import type { DashboardLayoutPart } from '../layout/layout.vscode';
import { statusMessageMs } from '../core/timing';
import { effectiveIntervalMs } from '../core/refreshScheduler';
import { withQueue } from '../queueMetrics/queueExport';
import { automationWords } from '../runs/runHistory';
import { dashboardViewType } from './viewType';
import { quickInsights } from './insights';
import {
  implausibleNotice,
  parseWebviewMessage,
  type DashboardState,
  type HostMessage,
  type WebviewMessage,
} from './protocol';
import { dashboardHtml } from './dashboardHtml';

/** Store changes come in bursts (loading, data, identity, previous period) within a few ms: one post per burst. */
const postDebounceMs = 30;

/** A message from a panel's webview: acted on (`accepted`), or ignored because it is not in the protocol. */
export interface DashboardReceipt {
  panel: DashboardPanel;
  /** The message's `type`, when it has a string one. */
  type: string | undefined;
  accepted: boolean;
}

/** A message a panel posted to its webview. */
export interface DashboardPost {
  panel: DashboardPanel;
  message: HostMessage;
}

// Panels come and go; these events are the class's, so a listener sees every panel, including later ones.
// They live as long as the extension host and are never disposed.
const receivedEmitter = new Emitter<DashboardReceipt>();
const postedEmitter = new Emitter<DashboardPost>();
type Created = (panel: DashboardPanel) => void;

export class DashboardPanel extends Disposable {
  private static current?: DashboardPanel;
  private ready = false;
  private postTimer?: ReturnType<typeof setTimeout>;
  private readonly visibilityEmitter = new CountedEmitter<boolean>('dashboard.onDidChangeVisibility');
  /** Fires when the panel becomes visible or hidden (the scheduler polls while it is visible). */
  readonly onDidChangeVisibility = this.visibilityEmitter.event;
  /** Every message any dashboard panel receives from its webview, once checked against the protocol. */
  static readonly onDidReceiveMessage: Event<DashboardReceipt> = receivedEmitter.event;
  /** Every message any dashboard panel posts to its webview. */
  static readonly onDidPost: Event<DashboardPost> = postedEmitter.event;

  /** Opens the dashboard, or reveals it if it is open. */
  static show(ctx: Services, layout: DashboardLayoutPart, onCreated: Created): DashboardPanel {
    if (DashboardPanel.current) {
      DashboardPanel.current.panel.reveal();
      return DashboardPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(
      dashboardViewType,
      vscode.l10n.t('Granite Analytics'),
      vscode.ViewColumn.Active,
      webviewPanelOptions(ctx.extension),
    );
    const dashboard = new DashboardPanel(panel, ctx, layout);
    onCreated(dashboard);
    return dashboard;
  }

  /** After a reload VS Code hands back the panel it had (see dashboardLoader's serializer). */
  static restore(panel: vscode.WebviewPanel, ctx: Services, layout: DashboardLayoutPart, onCreated: Created): void {
    panel.webview.options = webviewPanelOptions(ctx.extension);
    DashboardPanel.current?.dispose();
    onCreated(new DashboardPanel(panel, ctx, layout));
  }

  static get open(): DashboardPanel | undefined {
    return DashboardPanel.current;
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly ctx: Services,
    private readonly layout: DashboardLayoutPart,
  ) {
    // Counted as live (`dashboard`, `dashboard.disposables`) until disposed: tests see a closed panel leave nothing.
    super('dashboard');
    DashboardPanel.current = this;
    const store: AnalyticsStore = ctx.store;
    panel.iconPath = webviewPanelIcon(ctx.extension);
    panel.webview.html = this.html();
    // Disposed in reverse: the panel last, after the visibility listeners have heard it is hidden.
    this.register(panel);
    this.register(this.visibilityEmitter);
    this.register({
      dispose: () => {
        if (DashboardPanel.current === this) DashboardPanel.current = undefined;
        if (this.postTimer) clearTimeout(this.postTimer);
        this.visibilityEmitter.fire(false);
      },
    });
    for (const subscription of [
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((message: unknown) => void this.receive(message)),
      panel.onDidChangeViewState((e) => {
        if (!e.webviewPanel.visible) this.ready = false; // a hidden webview is torn down; it posts ready again
        this.visibilityEmitter.fire(e.webviewPanel.visible);
      }),
      store.onDidChange(() => this.schedulePost()),
      ctx.previous.onDidChange(() => this.schedulePost()),
      layout.onDidChange(() => this.schedulePost()),
      ctx.queue.onDidChange(() => this.schedulePost()),
      ctx.runData.onDidLoad(() => this.schedulePost()),
    ])
      this.register(subscription);
  }

  get visible(): boolean {
    return this.panel.visible;
  }

  private html(): string {
    const styles = ['media/codicon.css', 'media/dashboard.css'];
    return dashboardHtml(webviewPageOptions(this.panel.webview, this.ctx.extension, 'dist/webview.js', styles));
  }

  /** The state the webview renders, from the store and the previous period (no request of its own). */
  state(offline?: DashboardState['offline']): DashboardState {
    const s = this.ctx.store.state;
    const config = this.ctx.config();
    const previous = this.ctx.previous.current();
    const sections = s.batch?.sections ?? {};
    const locale = vscode.env.language;
    const intervalMs = effectiveIntervalMs(config.refreshIntervalSeconds);
    return {
      sections: s.batch?.sections ?? {},
      problems: s.batch?.problems ?? [],
      implausible: implausibleNotice(s.batch?.warnings),
      filters: s.filters,
      workflows: s.batch?.sections.workflows ?? [],
      fetchedAt: s.fetchedAt,
      // Cached data is stale only once it is older than the refresh interval (or at once when polling is off: 0).
      stale:
        !!s.batch &&
        (!!s.error || (s.fromCache && (intervalMs === 0 || this.ctx.now() - (s.fetchedAt ?? 0) > intervalMs))),
      fromCache: s.fromCache,
      loading: s.loading,
      error: s.error ? { kind: s.error.kind, message: s.error.userMessage } : undefined,
      noKey: s.key?.present === false,
      analyticsDisabled: s.analyticsDisabled,
      organization: s.organization,
      environment: config.environment?.name,
      deltas: previous ? kpiDeltas(sections, previous.batch.sections, locale) : {},
      comparedAt: previous?.fetchedAt,
      insights: previous ? quickInsights(sections, previous.batch.sections, locale) : [],
      historyWords: automationWords(sections.recent_failures?.data ?? [], this.ctx.runData),
      offline,
      thresholds: { warning: config.warningThreshold, error: config.errorThreshold },
      now: this.ctx.now(),
      locale: vscode.env.language,
      layout: this.layout.state(),
      queue: this.ctx.queue.state(locale),
    };
  }

  /** Store changes come in bursts (loading, data, identity): post once per burst. */
  private schedulePost(): void {
    if (!this.ready || this.postTimer) return;
    this.postTimer = setTimeout(() => {
      this.postTimer = undefined;
      this.post();
    }, postDebounceMs);
  }

  private post(): void {
    if (!this.ready) return;
    void this.offlineOptions().then((offline) => {
      if (!this.ready || this.isDisposed) return;
      const message: HostMessage = { type: 'state', state: this.state(offline) };
      postedEmitter.fire({ panel: this, message });
      void this.panel.webview.postMessage(message);
    });
  }

  /**
   * While Granite is unreachable, the filter sets the dashboard can still show: the current one and the
   * other date ranges (same workflow, trigger and status) whose batches are in the cache.
   */
  private async offlineOptions(): Promise<DashboardState['offline']> {
    const s = this.ctx.store.state;
    if (!s.error || (s.error.kind !== 'NetworkError' && s.error.kind !== 'Timeout')) return undefined;
    const connection = await this.ctx.store.connection();
    if (!('client' in connection)) return { cached: [] };
    const candidates: FilterState[] = [
      s.filters,
      ...rangePresets.map((preset): FilterState => ({ ...s.filters, range: { kind: 'preset', preset } })),
    ];
    const seen = new Set<string>();
    const cached: { filters: FilterState; fetchedAt: number }[] = [];
    for (const filters of candidates) {
      const key = filterKey(filters);
      if (seen.has(key)) continue;
      seen.add(key);
      const fetchedAt =
        key === filterKey(s.filters) && s.batch ? s.fetchedAt : await this.ctx.cache.savedAt(connection.cacheId, key);
      if (fetchedAt !== undefined) cached.push({ filters, fetchedAt });
    }
    return { cached };
  }

  private async receive(raw: unknown): Promise<void> {
    const message = parseWebviewMessage(raw);
    if (!message) {
      const type = (raw as { type?: unknown } | null)?.type;
      receivedEmitter.fire({ panel: this, type: typeof type === 'string' ? type : undefined, accepted: false });
      this.ctx.log.warn('Ignored a message from the dashboard that is not part of its protocol.');
      return;
    }
    receivedEmitter.fire({ panel: this, type: message.type, accepted: true });
    try {
      await this.handle(message);
    } catch (error) {
      this.ctx.log.error(`Dashboard action "${message.type}" failed: ${String(error)}`);
    }
  }

  private async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.layout.opened(); // the layout's GET: on opening the dashboard, once per session (src/layout/)
        this.post();
        return;
      case 'refresh':
        await this.ctx.store.refresh('user');
        return;
      case 'setApiKey':
        await vscode.commands.executeCommand('granite.setApiKey');
        return;
      case 'openRun':
        await vscode.commands.executeCommand('granite.openRun', {
          executionId: message.executionId,
          runId: message.runId,
          beside: true,
        });
        return;
      case 'copyId':
        await vscode.env.clipboard.writeText(message.executionId);
        vscode.window.setStatusBarMessage(vscode.l10n.t('Copied execution ID'), statusMessageMs);
        return;
      case 'setFilters':
        await this.ctx.store.setFilters(sanitizeFilters(message.filters, this.ctx.store.state.filters));
        return;
      case 'exportJson':
        await this.save(
          'granite-analytics.json',
          { JSON: ['json'] },
          JSON.stringify(withQueue(this.ctx.store.state.batch?.sections ?? {}, this.ctx.queue.state()), null, 2),
        );
        return;
      case 'exportCsv':
        await this.save(`${message.name}.csv`, { CSV: ['csv'] }, toCsv(message.rows));
        return;
      case 'saveLayout':
      case 'reloadLayout':
        await this.layout.handle(message);
        return;
    }
  }

  private async save(defaultName: string, filters: Record<string, string[]>, content: string): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder, defaultName) : undefined,
      filters,
      title: vscode.l10n.t('Export Granite analytics'),
    });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(content));
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Exported to {0}.', vscode.workspace.asRelativePath(target)),
    );
  }
}
