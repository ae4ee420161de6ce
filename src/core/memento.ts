/**
 * The part of `vscode.Memento` (globalState, workspaceState) that the host's classes use, so they take the
 * extension's state in VS Code and an in-memory one in tests.
 */
export interface Memento {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}
