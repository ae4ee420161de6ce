/**
 * A typed event emitter with the shape of `vscode.EventEmitter`, so the store, the previous period and the
 * notifier run in plain Node (tests drive them there) while their events stay assignable to `vscode.Event`.
 * Delivery follows VS Code's: listeners present when `fire` starts are called in order, one removed
 * meanwhile is skipped, one added meanwhile waits for the next event, and a listener that throws is
 * reported without stopping the others.
 */

export interface Disposable {
  dispose(): unknown;
}

/** `vscode.Event<T>`'s call signature. */
export type Event<T> = (listener: (e: T) => unknown, thisArgs?: unknown, disposables?: Disposable[]) => Disposable;

interface Listener<T> {
  fn: (e: T) => unknown;
  thisArgs: unknown;
}

export class Emitter<T> implements Disposable {
  private listeners = new Set<Listener<T>>();
  private disposed = false;

  readonly event: Event<T> = (fn, thisArgs, disposables) => {
    const listener: Listener<T> = { fn, thisArgs };
    if (!this.disposed) this.listeners.add(listener);
    const subscription = { dispose: () => void this.listeners.delete(listener) };
    disposables?.push(subscription);
    return subscription;
  };

  /** Listeners subscribed now (leak tests). */
  get size(): number {
    return this.listeners.size;
  }

  fire(event: T): void {
    for (const listener of [...this.listeners]) {
      if (!this.listeners.has(listener)) continue;
      try {
        listener.fn.call(listener.thisArgs, event);
      } catch (error) {
        // VS Code logs a listener's error as unexpected and goes on with the next listener.
        console.error(error);
      }
    }
  }

  dispose(): void {
    this.disposed = true;
    this.listeners.clear();
  }
}
