/**
 * A typed event emitter with the shape of `vscode.EventEmitter`, so the store, the previous period and the
 * notifier run in plain Node (tests drive them there) while their events stay assignable to `vscode.Event`.
 * Delivery follows VS Code's: listeners present when `fire` starts are called in order, one removed
 * meanwhile is skipped, one added meanwhile waits for the next event, and a listener that throws is
 * reported without stopping the others.
 */

import { countLive, type DisposableLike } from './disposable';

/** `vscode.Event<T>`'s call signature. */
export type Event<T> = (
  listener: (e: T) => unknown,
  thisArgs?: unknown,
  disposables?: DisposableLike[],
) => DisposableLike;

export class Emitter<T> implements DisposableLike {
  private readonly listeners = new Set<{ fn: (e: T) => unknown; thisArgs: unknown }>();
  private disposed = false;

  /** `onCount` is told +1 per subscription and -1 when it ends (`CountedEmitter` in disposable.ts counts them). */
  constructor(private readonly onCount?: (delta: number) => void) {}

  readonly event: Event<T> = (fn, thisArgs, disposables) => {
    const listener = { fn, thisArgs };
    if (!this.disposed) {
      this.listeners.add(listener);
      this.onCount?.(1);
    }
    const subscription = { dispose: () => this.listeners.delete(listener) && this.onCount?.(-1) };
    disposables?.push(subscription);
    return subscription;
  };

  fire(event: T): void {
    for (const listener of [...this.listeners]) {
      try {
        if (this.listeners.has(listener)) listener.fn.call(listener.thisArgs, event);
      } catch (error) {
        // VS Code logs a listener's error as unexpected and goes on with the next listener.
        console.error(error);
      }
    }
  }

  dispose(): void {
    this.onCount?.(-this.listeners.size);
    this.disposed = true;
    this.listeners.clear();
  }
}

/**
 * An event emitter whose subscriptions are counted live under `kind` (see `liveCounts` in disposable.ts),
 * each until it is disposed or the emitter is (disposing an emitter drops its listeners).
 */
export class CountedEmitter<T> extends Emitter<T> {
  constructor(kind: string) {
    super((delta) => countLive(kind, delta));
  }
}
