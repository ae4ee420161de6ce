/** Loads the lazy bundle (`dist/lazy.js`, built from src/lazy.ts) once, on first use. */
import type * as LazyModule from './lazy';

let loaded: typeof LazyModule | undefined;

export function loadLazy(): typeof LazyModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazily loaded sibling bundle
  loaded ??= require('./lazy.js') as typeof LazyModule;
  return loaded;
}
