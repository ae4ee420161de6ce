/**
 * Live subscriptions and disposables, counted by kind, so a test can prove that opening and closing
 * things (the dashboard, 50 times) leaves nothing behind. One map update per subscribe and dispose: cheap
 * enough to stay on in production, where nothing reads the counts.
 */
import { Emitter, type Disposable } from './emitter';

// One registry per extension host. The lazily loaded dashboard bundle carries its own copy of this module,
// so the map lives on globalThis (under a registered symbol) for both copies to share it.
const registryKey = Symbol.for('granite-analytics.liveCounts');
const holder = globalThis as unknown as Record<symbol, Map<string, number> | undefined>;
const registry = (holder[registryKey] ??= new Map<string, number>());

function add(kind: string, delta: number): void {
  const next = (registry.get(kind) ?? 0) + delta;
  if (next === 0) registry.delete(kind);
  else registry.set(kind, next);
}

/** Live counts by kind (kinds at zero are left out). */
export function liveCounts(): Readonly<Record<string, number>> {
  return Object.fromEntries([...registry].sort(([a], [b]) => a.localeCompare(b)));
}

/** `disposable`, counted as live under `kind` until it is first disposed. */
export function tracked(kind: string, disposable: Disposable): Disposable {
  add(kind, 1);
  let live = true;
  return {
    dispose: () => {
      if (live) add(kind, -1);
      live = false;
      disposable.dispose();
    },
  };
}

/**
 * An event emitter whose subscriptions are counted under `kind`, each until it is disposed or the
 * emitter is (disposing an emitter drops its listeners).
 */
export class CountedEmitter<T> extends Emitter<T> {
  constructor(kind: string) {
    super((delta) => add(kind, delta));
  }
}
