/**
 * What VS Code keeps for an extension, in memory: globalState (a `Memento`) and SecretStorage. Host classes
 * take these in their constructors, so unit and host tests pass these instead of a `vscode` module.
 */
import type { SecretStore } from '../../../src/connection/credentials';
import { Emitter } from '../../../src/core/emitter';
import type { Memento } from '../../../src/core/memento';

/** globalState: values go through JSON, as VS Code persists them. */
export class MemoryMemento implements Memento {
  private readonly values = new Map<string, string>();

  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the Memento interface's get<T> (as vscode.Memento's): the caller names the stored type
  get<T>(key: string): T | undefined {
    const json = this.values.get(key);
    return json === undefined ? undefined : (JSON.parse(json) as T);
  }

  update(key: string, value: unknown): Promise<void> {
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, JSON.stringify(value));
    return Promise.resolve();
  }
}

/** SecretStorage, shared by every window as VS Code's is. */
export class MemorySecrets implements SecretStore {
  private readonly values = new Map<string, string>();
  private readonly emitter = new Emitter<{ key: string }>();
  readonly onDidChange = this.emitter.event;

  get(key: string): Promise<string | undefined> {
    return Promise.resolve(this.values.get(key));
  }

  store(key: string, value: string): Promise<void> {
    this.values.set(key, value);
    this.emitter.fire({ key });
    return Promise.resolve();
  }

  delete(key: string): Promise<void> {
    this.values.delete(key);
    this.emitter.fire({ key });
    return Promise.resolve();
  }
}
