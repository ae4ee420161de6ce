/**
 * The pinned workflows of the current connection (origin, or environment), kept in globalState so they
 * follow the user across workspaces and windows (and Settings Sync). Workflow names belong to an
 * organisation, so each connection has its own list.
 */
import * as vscode from 'vscode';
import { Disposable } from '../core/disposable';
import type { Services } from '../services.vscode';
import { togglePin } from './pins';

const storageKey = 'granite.pinnedWorkflows';

export class PinnedWorkflows extends Disposable {
  private readonly emitter = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.emitter.event;

  constructor(
    private readonly state: vscode.Memento & { setKeysForSync(keys: readonly string[]): void },
    private readonly slot: () => string,
  ) {
    super();
    state.setKeysForSync([storageKey]);
  }

  private all(): Record<string, string[]> {
    const value = this.state.get<unknown>(storageKey);
    return typeof value === 'object' && value !== null ? (value as Record<string, string[]>) : {};
  }

  list(): string[] {
    const names = this.all()[this.slot()];
    return Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string') : [];
  }

  set(): ReadonlySet<string> {
    return new Set(this.list());
  }

  async toggle(name: string, pin: boolean): Promise<void> {
    const all = this.all();
    all[this.slot()] = togglePin(this.list(), name, pin);
    await this.state.update(storageKey, all);
    this.emitter.fire();
  }

  /** The connection changed: the views re-read the list of the new one. */
  changed(): void {
    this.emitter.fire();
  }
}

/** The pins of the current connection; a new origin or environment shows its own list. */
export function registerPins(context: vscode.ExtensionContext, services: Services): PinnedWorkflows {
  const pins = new PinnedWorkflows(context.globalState, () => services.settings.slot());
  context.subscriptions.push(
    pins,
    services.settings.onDidChangeConnection(() => pins.changed()),
  );
  return pins;
}
