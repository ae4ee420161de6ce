/**
 * The dashboard layout in VS Code (`registerLayout`): the `granite.dashboard.layout` setting (`granite`
 * or `local`), the one-time modal before the first Save to Granite, and the part of the dashboard panel
 * that is the layout's — its share of the state and the `saveLayout`/`reloadLayout` messages — so that
 * dashboardPanel.vscode.ts only passes them on. The rules are in layoutSource.ts and dashboardLayout.ts.
 */
import * as vscode from 'vscode';
import type { Services } from '../services.vscode';
import { Emitter, type Event } from '../core/emitter';
import type { LayoutState, WebviewMessage } from '../dashboard/protocol';
import { storageCacheFiles } from '../store/batchCache.vscode';
import { LayoutSource, type LayoutMode } from './layoutSource';

const modeSetting = 'granite.dashboard.layout';

/** The layout's messages from the dashboard's webview. */
export type LayoutMessage = Extract<WebviewMessage, { type: 'saveLayout' | 'reloadLayout' }>;

/** What the dashboard panel asks of the layout. */
export interface DashboardLayoutPart {
  /** The layout for the dashboard's state; after a connection or mode change it also starts reading the new one. */
  state(): LayoutState;
  /** The state changed (read, saved, mode): the panel posts again. */
  onDidChange: Event<void>;
  /** The dashboard's webview is (again) ready: read the layout if this session has not yet. */
  opened(): void;
  handle(message: LayoutMessage): Promise<void>;
}

function readMode(): LayoutMode {
  return vscode.workspace.getConfiguration('granite').get<string>('dashboard.layout') === 'local' ? 'local' : 'granite';
}

/**
 * Modal, because the Save changes another product (Granite's web app) and the user must be able to say no
 * before it happens; a toast could be missed or answered after the `PUT`. Asked once (layoutSource.ts).
 */
async function confirmGraniteSave(): Promise<boolean> {
  const save = vscode.l10n.t('Save to Granite');
  const answer = await vscode.window.showInformationMessage(
    vscode.l10n.t('Save this dashboard layout to Granite?'),
    {
      modal: true,
      detail: vscode.l10n.t(
        'Your layout is kept in Granite, so saving it here also changes the Analytics page in the Granite web app. To keep a layout in VS Code only, set "granite.dashboard.layout" to "local". You are asked this once.',
      ),
    },
    save,
  );
  return answer === save;
}

export interface LayoutOptions {
  /** Stands in for the dialog before the first Save to Granite when it returns an answer; only `GraniteTestApi` passes it. */
  confirmGraniteSave?: () => Promise<boolean> | undefined;
}

export function registerLayout(
  context: vscode.ExtensionContext,
  services: Services,
  options: LayoutOptions = {},
): DashboardLayoutPart {
  const source = new LayoutSource({
    connection: () => services.store.connection(),
    files: storageCacheFiles(context.globalStorageUri),
    globalState: context.globalState,
    mode: readMode,
    now: services.now,
    log: services.log,
    confirmGraniteSave: () => options.confirmGraniteSave?.() ?? confirmGraniteSave(),
    countRequest: () => services.store.requestCounts.layout++,
  });
  const changed = new Emitter<void>();
  // Another key, origin or mode: the layout shown belongs to the old one. It is read again the next time
  // the open dashboard asks for its state (never for a closed one: `state()` is only asked by a panel).
  let reopen = false;
  const invalidate = () => {
    reopen = true;
    changed.fire();
  };
  context.subscriptions.push(
    source,
    changed,
    source.onDidChange(() => changed.fire()),
    services.settings.onDidChangeConnection(invalidate),
    services.credentials.onDidChange(invalidate),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(modeSetting)) return;
      // Back from `local`, Granite's layout may have changed in the web app meanwhile: read it again.
      source.forgetReads();
      invalidate();
    }),
  );
  const open = () =>
    void source.open().catch((e: unknown) => services.log.warn(`Could not show the dashboard layout: ${String(e)}`));
  return {
    state: () => {
      if (reopen) {
        reopen = false;
        open();
      }
      return source.state();
    },
    onDidChange: changed.event,
    opened: open,
    handle: (message) =>
      message.type === 'saveLayout' ? source.save(message.widgets, message.overwrite) : source.reload(),
  };
}
