/**
 * The webviews' one door for tests and benchmarks (the dashboard's and the run view's): `window.__graniteRendered` and `window.__graniteAllCharts`.
 * Installed only when the page asks with `data-test-hooks` on #app: the Chromium harness always does, the
 * extension only outside Production mode (dashboardHtml.ts), so a user's dashboard exposes nothing.
 */
import { allDrawnPollMs } from './timing';

/** What draws charts later (the dashboard's scheduler); the run view has none, so its charts are always drawn. */
interface ChartDrawer {
  scheduler: { readonly pending: boolean };
}

declare global {
  interface Window {
    /** Resolves with the render count after the next state is drawn. */
    __graniteRendered: Promise<number>;
    /** Resolves when every chart, including those below the fold, has been drawn. */
    __graniteAllCharts: () => Promise<void>;
  }
}

/** Installs the hooks if the page asks for them, and returns what to call after each render. */
export function installTestHooks(root: HTMLElement, dashboard?: ChartDrawer): (() => void) | undefined {
  if (root.dataset.testHooks === undefined) return undefined;
  let renders = 0;
  let resolveRendered: (n: number) => void = () => undefined;
  const nextRendered = () => {
    window.__graniteRendered = new Promise((resolve) => (resolveRendered = resolve));
  };
  nextRendered();
  window.__graniteAllCharts = () =>
    new Promise((resolve) => {
      const check = () => (dashboard?.scheduler.pending ? setTimeout(check, allDrawnPollMs) : resolve());
      check();
    });
  return () => {
    const resolve = resolveRendered;
    nextRendered();
    resolve(++renders);
  };
}
