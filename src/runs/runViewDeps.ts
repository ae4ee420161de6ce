/**
 * What a run view (runView.vscode.ts) is given: where its data comes from (RunDataSource, runData.ts),
 * how its screenshots are fetched (screenshotFetch.ts, one fetcher per view so its 50 count per view), and
 * Run Again's hook (src/runAgain/runAgain.vscode.ts). Pure, so the shapes can be shared without `vscode`.
 */
import type { RunBundle } from './runBundle';
import type { RunIds } from './runLink';
import { ScreenshotFetcher } from './screenshotFetch';

/** Where a run view gets its data: RunDataSource (runData.ts) fits this shape. */
export interface RunBundleSource {
  load(ids: RunIds, options?: { force?: boolean }): Promise<RunBundle>;
  /** A bundle already held (fresh or not), without a request. */
  peek?(executionId: string): RunBundle | undefined;
}

/** Fetches screenshots: each signed link → a `data:` URL or why not, by index. Never rejects. */
export type ScreenshotLoader = (
  urls: readonly string[],
  deliver: (index: number, result: { dataUrl: string } | { error: string }) => void,
) => Promise<void>;

/** Run Again (src/runAgain/runAgain.vscode.ts) plugs in here: whether it is allowed now, and the action itself. */
export interface RunAgainHook {
  allowed(): boolean;
  run(bundle: RunBundle, parametersJson: string): Promise<void>;
}

export interface RunViewDeps {
  source: RunBundleSource;
  /** A loader per panel; default: screenshotFetch.ts on the platform fetch. */
  screenshots?: () => ScreenshotLoader;
  runAgain?: RunAgainHook;
}

/** What other features use (registerRunView's answer): open (or reveal) a run view; the one in front. */
export interface RunViews {
  open: (ids: RunIds, beside?: boolean) => void;
  /** The ids of the run view in front, for the title bar's commands. */
  active: () => RunIds | undefined;
}

/** screenshotFetch.ts's fetcher as a loader: ≤ 4 at a time, ≤ 50 per view, checked bytes → data: URLs. */
export function screenshotLoader(): ScreenshotLoader {
  const fetcher = new ScreenshotFetcher({ fetch: globalThis.fetch.bind(globalThis) });
  return async (urls, deliver) => {
    await fetcher.fetchAll(urls, (shot) =>
      deliver(shot.index, shot.ok ? { dataUrl: shot.dataUrl } : { error: shot.message }),
    );
  };
}
