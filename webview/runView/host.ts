/**
 * The run view's side of the channel to the extension host: typed posts (runViewProtocol.ts) and the
 * little VS Code keeps across a reload — which execution and which tab, never data or links; the
 * serializer reopens the view from the execution id (runView.vscode.ts).
 */
import type { RunViewMessage, RunViewUiState } from '../../src/runs/runViewProtocol';
import type { VsCodeApi } from '../host';

export class RunViewHost {
  private ui: Partial<RunViewUiState>;

  constructor(private readonly api: VsCodeApi) {
    const saved = api.getState();
    this.ui = saved && typeof saved === 'object' ? saved : {};
  }

  post(message: RunViewMessage): void {
    this.api.postMessage(message);
  }

  get tab(): string | undefined {
    return typeof this.ui.tab === 'string' ? this.ui.tab : undefined;
  }

  save(change: Partial<RunViewUiState>): void {
    const next = { ...this.ui, ...change };
    if (next.executionId === this.ui.executionId && next.runId === this.ui.runId && next.tab === this.ui.tab) return;
    this.ui = next;
    this.api.setState({ executionId: next.executionId, runId: next.runId, tab: next.tab });
  }
}
