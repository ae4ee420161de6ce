/**
 * The one way to own things that must be let go: listeners, timers, emitters, panels. A class extends
 * `Disposable`, hands each thing it owns to `register` as it creates it, and is disposed once: everything
 * registered is disposed in reverse order, an error in one does not stop the rest, and `isDisposed` says
 * so afterwards (after vscode-pull-request-github's `src/common/lifecycle.ts`).
 *
 * Leak counting lives here too, so a test can prove that opening and closing things (the dashboard, 50
 * times) leaves nothing behind: an owner given a `kind` counts itself and what it registered as live until
 * it is disposed, and a `CountedEmitter` (emitter.ts) counts its subscriptions. One map update each: cheap
 * enough to stay on in production, where nothing reads the counts.
 */

/** Anything with `dispose()`: `vscode.Disposable`, a subscription, an `Emitter`, a `Disposable`. */
export interface DisposableLike {
  dispose(): unknown;
}

const live = new Map<string, number>();

/** Counts `delta` more (or fewer) live things of `kind`. */
export function countLive(kind: string, delta: number): void {
  const next = (live.get(kind) ?? 0) + delta;
  if (next === 0) live.delete(kind);
  else live.set(kind, next);
}

/** Live counts by kind, sorted (kinds at zero are left out). */
export function liveCounts(): Readonly<Record<string, number>> {
  return Object.fromEntries([...live].sort(([a], [b]) => a.localeCompare(b)));
}

export abstract class Disposable implements DisposableLike {
  private readonly owned: DisposableLike[] = [];
  private disposed = false;

  /** With a `kind`, this owner is counted live under `kind` and what it registered under `<kind>.disposables`. */
  protected constructor(private readonly kind?: string) {
    if (kind) countLive(kind, 1);
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Owns `thing` from now on; registered after `dispose`, it is disposed at once. */
  protected register<T extends DisposableLike>(thing: T): T {
    if (this.disposed) {
      thing.dispose();
      return thing;
    }
    this.owned.push(thing);
    if (this.kind) countLive(`${this.kind}.disposables`, 1);
    return thing;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.kind) {
      countLive(this.kind, -1);
      countLive(`${this.kind}.disposables`, -this.owned.length);
    }
    for (const thing of this.owned.splice(0).reverse()) {
      try {
        thing.dispose();
      } catch (error) {
        // As VS Code does: report it and go on, so one failure does not leak the rest.
        console.error(error);
      }
    }
  }
}
