/**
 * The part of `vscode.Memento` (globalState, workspaceState) that the host's classes use, so they take the
 * extension's state in VS Code and an in-memory one in tests.
 */
export interface Memento {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the signature of vscode.Memento.get, so globalState is passed as it is; T is what this extension stored under the key
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}
