/**
 * The run view: a webview panel per execution (`RunViewPanel`), revealed when already open, restored after
 * a reload by a serializer that reads only the execution id the webview kept (no data, no signed link is
 * in the webview's state). The panel asks a `RunBundleSource` for the data (runData.ts's RunDataSource,
 * which counts and caches the requests), strips the signed links (runViewProtocol.ts) and posts the rest;
 * screenshots are fetched by the host when the Timeline tab is shown and posted as `data:` URLs; the
 * recording's signed link is opened only when the user clicks. Every webview message is checked with zod.
 * Panel options and page inputs come from src/webviewPanel.vscode.ts, as for the dashboard.
 */
import * as vscode from 'vscode';
import type { Services } from '../services.vscode';
import { webviewPageOptions, webviewPanelIcon, webviewPanelOptions } from '../webviewPanel.vscode';
import { Disposable } from '../core/disposable';
import { Emitter, type Event } from '../core/emitter';
import { statusMessageMs } from '../core/timing';
import { copiedMessage } from '../workflows/workflowText';
import type { RunBundle } from './runBundle';
import { type RunIds, buildRunUrl } from './runLink';
import { screenshotLoader, type RunViewDeps, type RunViews, type ScreenshotLoader } from './runViewDeps';
import { copyValue, loadingBundle, recordingLinkAllowed } from './runViewModel';
import {
  maxScreenshotsPerView,
  parseRunViewMessage,
  restoredIds,
  runViewState,
  type RunViewHostMessage,
  type RunViewMessage,
  type RunViewState,
} from './runViewProtocol';
import { runViewHtml } from './runViewHtml';

/** The run view's webview type (also in package.json's `onWebviewPanel:` activation event). */
export const runViewType = 'granite.runView';

/** A message a run view received (`accepted`: in the protocol) or posted; tests watch these. */
export interface RunViewEvent {
  executionId: string;
  direction: 'received' | 'posted';
  type: string | undefined;
  accepted: boolean;
  message?: RunViewHostMessage;
}

// Panels come and go; the event is the class's, so a listener sees every panel (never disposed).
const eventsEmitter = new Emitter<RunViewEvent>();

export class RunViewPanel extends Disposable {
  private static readonly panels = new Map<string, RunViewPanel>();
  static readonly onDidEvent: Event<RunViewEvent> = eventsEmitter.event;
  private ready = false;
  private bundle?: RunBundle;
  private loading = false;
  private screenshotsAsked = false;
  private readonly screenshots = new Map<number, { dataUrl?: string; error?: string }>();
  private readonly loader: ScreenshotLoader;

  /** Opens the run view for an execution, or reveals the one already open. */
  static show(ids: RunIds, ctx: Services, deps: RunViewDeps, beside = false): RunViewPanel {
    const open = RunViewPanel.panels.get(ids.executionId);
    if (open) {
      open.panel.reveal(beside ? vscode.ViewColumn.Beside : undefined);
      return open;
    }
    const panel = vscode.window.createWebviewPanel(
      runViewType,
      RunViewPanel.title(ids, ctx),
      beside ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active,
      webviewPanelOptions(ctx.extension),
    );
    return new RunViewPanel(panel, ids, ctx, deps);
  }

  /** After a reload VS Code hands back the panel with the state the webview kept (the ids only). */
  static restore(panel: vscode.WebviewPanel, ids: RunIds, ctx: Services, deps: RunViewDeps): RunViewPanel {
    panel.webview.options = webviewPanelOptions(ctx.extension);
    RunViewPanel.panels.get(ids.executionId)?.dispose();
    return new RunViewPanel(panel, ids, ctx, deps);
  }

  static get all(): RunViewPanel[] {
    return [...RunViewPanel.panels.values()];
  }

  private static title(ids: RunIds, ctx: Services): string {
    const name = ctx.store.findFailure(ids.executionId)?.workflow_name;
    return name ? vscode.l10n.t('Run: {0}', name) : vscode.l10n.t('Run {0}', ids.executionId);
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private ids: RunIds,
    private readonly ctx: Services,
    private readonly deps: RunViewDeps,
  ) {
    super('runView');
    this.loader = (deps.screenshots ?? screenshotLoader)();
    RunViewPanel.panels.set(ids.executionId, this);
    panel.iconPath = webviewPanelIcon(ctx.extension);
    this.bundle = deps.source.peek?.(ids.executionId);
    panel.webview.html = this.html();
    this.register(panel);
    this.register({
      dispose: () => {
        if (RunViewPanel.panels.get(this.ids.executionId) === this) RunViewPanel.panels.delete(this.ids.executionId);
      },
    });
    this.register(panel.onDidDispose(() => this.dispose()));
    this.register(panel.webview.onDidReceiveMessage((message: unknown) => void this.receive(message)));
    this.register(
      panel.onDidChangeViewState((e) => {
        if (!e.webviewPanel.visible) this.ready = false; // a hidden webview is torn down; it posts ready again
      }),
    );
    void this.load(false);
  }

  get executionId(): string {
    return this.ids.executionId;
  }

  get runIds(): RunIds {
    return { ...this.ids };
  }

  private html(): string {
    return runViewHtml(
      webviewPageOptions(this.panel.webview, this.ctx.extension, 'dist/runView.js', ['media/runView.css']),
    );
  }

  /** Loads the bundle (the source decides whether a request is due) and posts it. */
  private async load(force: boolean): Promise<void> {
    if (this.loading) return;
    this.loading = true;
    this.post();
    try {
      const bundle = await this.deps.source.load(this.ids, { force });
      if (this.isDisposed) return;
      this.bundle = bundle;
      if (force) this.screenshots.clear();
      if (!this.ids.runId && bundle.ids.runId) this.ids = { ...this.ids, runId: bundle.ids.runId };
      const name = bundle.failure?.workflow_name;
      if (name) this.panel.title = vscode.l10n.t('Run: {0}', name);
    } catch (error) {
      this.ctx.log.error(`The run view could not load its data: ${String(error)}`);
    } finally {
      this.loading = false;
    }
    if (this.isDisposed) return;
    this.post();
    if (force && this.screenshotsAsked) void this.loadScreenshots();
  }

  state(): RunViewState {
    const config = this.ctx.config();
    const bundle = this.bundle ?? loadingBundle(this.ids, this.ctx.now());
    return runViewState(bundle, {
      loading: this.loading,
      now: this.ctx.now(),
      locale: vscode.env.language,
      runAgain: !!this.deps.runAgain?.allowed() && vscode.workspace.isTrusted,
      canOpenInGranite: buildRunUrl(config.runUrlTemplate, this.ids, config.appUrl).ok,
      workflowName: bundle.failure?.workflow_name ?? this.ctx.store.findFailure(this.ids.executionId)?.workflow_name,
    });
  }

  private send(message: RunViewHostMessage): void {
    if (!this.ready || this.isDisposed) return;
    eventsEmitter.fire({
      executionId: this.ids.executionId,
      direction: 'posted',
      type: message.type,
      accepted: true,
      message,
    });
    void this.panel.webview.postMessage(message);
  }

  private post(): void {
    this.send({ type: 'state', state: this.state() });
    for (const [index, shot] of this.screenshots) this.send({ type: 'screenshot', index, ...shot });
  }

  private async receive(raw: unknown): Promise<void> {
    const message = parseRunViewMessage(raw);
    const rawType = (raw as { type?: unknown } | null)?.type;
    eventsEmitter.fire({
      executionId: this.ids.executionId,
      direction: 'received',
      type: typeof rawType === 'string' ? rawType : undefined,
      accepted: !!message,
    });
    if (!message) {
      this.ctx.log.warn('Ignored a message from a run view that is not part of its protocol.');
      return;
    }
    try {
      await this.handle(message);
    } catch (error) {
      this.ctx.log.error(`Run view action "${message.type}" failed: ${String(error)}`);
    }
  }

  private async handle(message: RunViewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.post();
        return;
      case 'refresh':
        await this.load(true);
        return;
      case 'copy': {
        const value = this.bundle ? copyValue(this.bundle, message.field) : undefined;
        if (value === undefined) return;
        await vscode.env.clipboard.writeText(value);
        const label = message.field === 'executionId' ? copiedMessage('executionId', value) : vscode.l10n.t('Copied');
        vscode.window.setStatusBarMessage(label, statusMessageMs);
        return;
      }
      case 'openInGranite':
        await vscode.commands.executeCommand('granite.openRunInGranite', { ...this.ids });
        return;
      case 'openExecution':
        await vscode.commands.executeCommand('granite.openRun', {
          executionId: message.executionId,
          runId: message.runId,
        });
        return;
      case 'loadScreenshots':
        this.screenshotsAsked = true;
        await this.loadScreenshots();
        return;
      case 'openRecording': {
        const trace = this.bundle?.trace;
        const url = trace?.state === 'ok' ? trace.trace.recording?.signed_url : undefined;
        // Opened on this click only; the link is never logged, stored or posted.
        if (url && recordingLinkAllowed(url)) await this.ctx.openExternal.open(vscode.Uri.parse(url, true));
        else void vscode.window.showWarningMessage(vscode.l10n.t('This recording has no playable link.'));
        return;
      }
      case 'runAgain':
        if (!this.bundle || !this.deps.runAgain?.allowed() || !vscode.workspace.isTrusted) return;
        await this.deps.runAgain.run(this.bundle, message.parametersJson);
        return;
    }
  }

  /** Fetches each screenshot once per load (the loader bounds concurrency, count, size and type). */
  private async loadScreenshots(): Promise<void> {
    const trace = this.bundle?.trace;
    if (trace?.state !== 'ok' || !trace.trace.screenshots.length || this.screenshots.size) return;
    const urls = trace.trace.screenshots.slice(0, maxScreenshotsPerView);
    await this.loader(urls, (index, result) => {
      if (this.isDisposed) return;
      this.screenshots.set(index, result);
      this.send({ type: 'screenshot', index, ...result });
    });
  }
}

/**
 * The run view's registration: the serializer that restores panels after a reload (keyed by the execution
 * id the webview kept) and the functions the openers (runCommands.vscode.ts) call.
 */
export function registerRunView(context: vscode.ExtensionContext, services: Services, deps: RunViewDeps): RunViews {
  context.subscriptions.push(
    { dispose: () => RunViewPanel.all.forEach((panel) => panel.dispose()) },
    vscode.window.registerWebviewPanelSerializer(runViewType, {
      deserializeWebviewPanel: (panel, state: unknown) => {
        const ids = restoredIds(state);
        if (ids) RunViewPanel.restore(panel, ids, services, deps);
        else panel.dispose(); // nothing says which run: a blank panel would only confuse
        return Promise.resolve();
      },
    }),
  );
  return {
    open: (ids, beside = false) => void RunViewPanel.show(ids, services, deps, beside),
    active: () => RunViewPanel.all.find((view) => view.panel.active)?.runIds,
  };
}
