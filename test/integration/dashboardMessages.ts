/**
 * What each dashboard panel received from its webview, counted from the host's own events
 * (`GraniteTestApi.dashboardEvents`). Watching starts the first time a suite fetches the API
 * (`extensionApi`), before any panel is opened, so no panel's "ready" goes uncounted.
 */
import type { DashboardPanel } from '../../src/dashboard/dashboard.vscode';
import type { GraniteTestApi } from '../../src/extension';

interface Counts {
  /** Messages in the protocol, acted on. */
  handled: number;
  /** Messages outside the protocol, ignored. */
  rejected: number;
}

const counts = new WeakMap<DashboardPanel, Counts>();
let watching = false;

/** Starts counting (once per run; later calls do nothing). */
export function watchDashboardMessages(api: GraniteTestApi): void {
  if (watching) return;
  watching = true;
  api.dashboardEvents.onDidReceiveMessage(({ panel, accepted }) => {
    const c = counts.get(panel) ?? { handled: 0, rejected: 0 };
    if (accepted) c.handled++;
    else c.rejected++;
    counts.set(panel, c);
  });
}

/** The messages `panel` has received from its webview so far (none when no panel is open). */
export function webviewMessages(panel: DashboardPanel | undefined): Readonly<Counts> {
  return (panel && counts.get(panel)) ?? { handled: 0, rejected: 0 };
}
