/**
 * Whether this window is focused and a Granite view (the tree, the dashboard) is visible, as the scheduler
 * is told: it polls at full rate only then. Views add themselves; focus is watched here.
 */
import * as vscode from 'vscode';
import { Disposable } from '../core/disposable';
import type { RefreshScheduler } from '../core/refreshScheduler';

export class WindowActivity extends Disposable {
  private readonly views: (() => boolean)[] = [];

  constructor(private readonly scheduler: Pick<RefreshScheduler, 'setActivity'>) {
    super();
    this.register(vscode.window.onDidChangeWindowState(() => this.update()));
  }

  /** A view that counts as "Granite visible"; its owner calls `update` when its visibility changes. */
  addView(visible: () => boolean): void {
    this.views.push(visible);
  }

  get viewVisible(): boolean {
    return this.views.some((visible) => visible());
  }

  /** Tells the scheduler the window's focus and whether a Granite view is visible. */
  readonly update = (): void => {
    this.scheduler.setActivity({ focused: vscode.window.state.focused, viewVisible: this.viewVisible });
  };
}
