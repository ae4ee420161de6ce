/**
 * The webview's side of the channel to the extension host: typed posts (the shared protocol's
 * `WebviewMessage`) and the UI state VS Code keeps while the panel is hidden or reloaded.
 */
import type { WebviewMessage } from '../src/dashboard/protocol';
import type { SortDirection } from '../src/dashboard/sortRows';

export interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

/** What survives the webview being torn down: view choices only, never data. */
export interface UiState {
  scrollY: number;
  sort: Record<string, { key: string; dir: SortDirection }>;
  /** Execution ids whose full error message is open. */
  expanded: string[];
  /** Chart ids shown as a table. */
  asTable: Record<string, boolean>;
  failureCategory: string;
  failureSearch: string;
  /** The failure-breakdown category whose sample messages are shown. */
  sampleCategory: string;
}

const defaults: UiState = {
  scrollY: 0,
  sort: {},
  expanded: [],
  asTable: {},
  failureCategory: '',
  failureSearch: '',
  sampleCategory: '',
};

export class Host {
  private ui: UiState;
  private saveQueued = false;

  constructor(private readonly api: VsCodeApi) {
    const saved = api.getState();
    this.ui = { ...defaults, ...(saved && typeof saved === 'object' ? (saved as Partial<UiState>) : {}) };
  }

  post(message: WebviewMessage): void {
    this.api.postMessage(message);
  }

  get state(): Readonly<UiState> {
    return this.ui;
  }

  /** Merges a change; changes made in one task are saved once. */
  patch(change: Partial<UiState>): void {
    this.ui = { ...this.ui, ...change };
    if (this.saveQueued) return;
    this.saveQueued = true;
    queueMicrotask(() => {
      this.saveQueued = false;
      this.api.setState(this.ui);
    });
  }
}
