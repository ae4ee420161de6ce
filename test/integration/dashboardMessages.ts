/**
 * What each dashboard panel received from its webview, counted from the host's own events
 * (`GraniteTestApi.dashboardEvents`). Watching starts the first time a suite fetches the API
 * (`extensionApi`), before any panel is opened, so no panel's "ready" goes uncounted. And a message sent
 * from inside the dashboard's webview, as its page sends them (`postFromWebview`).
 */
import * as assert from 'node:assert/strict';
import type { DashboardPanel } from '../../src/dashboard/dashboard.vscode';
import type { WebviewMessage } from '../../src/dashboard/protocol';
import type { GraniteTestApi } from '../../src/extension';
import { control } from './control';

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

/**
 * Sends `message` from the dashboard's page exactly as its `acquireVsCodeApi().postMessage` does: through
 * `__vscode_post_message__`, the function VS Code's webview host frame (pre/index.html of code-server
 * 4.100.3) keeps for its content frame, which that API calls (the page's own API object can be acquired
 * only once, and VS Code deletes the content frame's `window.parent`). Evaluated in the host frame whose
 * content frame holds the dashboard; the extension host receives it through `onDidReceiveMessage` and
 * validates it like any other message.
 */
export async function postFromWebview(message: WebviewMessage): Promise<void> {
  const sent = await control.evaluateInFrames<boolean>(`(() => {
    if (typeof window.__vscode_post_message__ !== 'function') return undefined;
    const holdsDashboard = [...document.querySelectorAll('iframe')].some((frame) => {
      try {
        return !!frame.contentDocument?.querySelector('#app .dashboard');
      } catch {
        return false;
      }
    });
    if (!holdsDashboard) return undefined;
    window.__vscode_post_message__('onmessage', { message: ${JSON.stringify(message)} });
    return true;
  })()`);
  assert.equal(sent.length, 1, 'one dashboard page sent the message');
}
