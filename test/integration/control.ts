/**
 * Client for the harness's control channel (scripts/vscode-control.mjs): lets a test running inside the
 * extension host take screenshots and drive the workbench UI through Playwright. Selectors are CSS and
 * are searched in the main page and every frame (webviews are nested iframes).
 *
 * Only the code-server runner (`npm run test:integration`) provides the channel. Elsewhere (test-electron)
 * `screenshot` is a no-op and the UI operations throw, so tests can skip UI checks with `control.available`.
 */
import * as path from 'node:path';

const controlUrl = process.env.GRANITE_TEST_CONTROL_URL;

/** Where screenshots land (git-ignored); the harness writes `<name>.png` here. */
export const screenshotDir = path.resolve(__dirname, '../../../test-artifacts/screenshots');

/** Errors thrown on purpose in a webview (to prove the page-error hook works) carry this marker. */
export const expectedPageError = '[expected page error]';

type Reply = { ok: true; value?: unknown } | { ok: false; error: string };

async function send<T>(command: Record<string, unknown>, timeoutMs = 10_000): Promise<T> {
  if (!controlUrl) {
    throw new Error(
      `control.${String(command.op)}: UI control is not available under this runner (only under npm run test:integration)`,
    );
  }
  // A little longer than the harness-side timeout, so its own error message wins.
  const response = await fetch(controlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...command, timeoutMs }),
    signal: AbortSignal.timeout(timeoutMs + 5_000),
  });
  const reply = (await response.json()) as Reply;
  if (!reply.ok) throw new Error(`control.${String(command.op)} failed: ${reply.error}`);
  return reply.value as T;
}

export const control = {
  /** True when the harness's control channel is reachable from this extension host. */
  available: controlUrl !== undefined,

  /** Screenshot of the whole workbench to test-artifacts/screenshots/<name>.png; its path, or undefined (no-op) without the harness. */
  async screenshot(name: string): Promise<string | undefined> {
    if (!controlUrl) return undefined;
    return send<string>({ op: 'screenshot', name }, 30_000);
  },
  /** Types text into whatever has keyboard focus. */
  type: (text: string): Promise<void> => send({ op: 'type', text }),
  /** Presses a key or chord in Playwright syntax, e.g. `Enter`, `F1`, `Control+Shift+P`. */
  press: (key: string): Promise<void> => send({ op: 'press', key }),
  /** Clicks the first visible match, waiting up to timeoutMs for one. */
  click: (selector: string, timeoutMs?: number): Promise<void> => send({ op: 'click', selector }, timeoutMs),
  /** Moves the mouse over the first visible match, waiting up to timeoutMs for one (shows its hover). */
  hover: (selector: string, timeoutMs?: number): Promise<void> => send({ op: 'hover', selector }, timeoutMs),
  /** Waits until a match is visible (or merely attached with `state: 'attached'`). */
  waitFor: (selector: string, options: { timeoutMs?: number; state?: 'visible' | 'attached' } = {}): Promise<void> =>
    send({ op: 'waitFor', selector, state: options.state ?? 'visible' }, options.timeoutMs),
  /** textContent of the first match (waits up to timeoutMs for one to exist). */
  text: (selector: string, timeoutMs?: number): Promise<string | null> => send({ op: 'text', selector }, timeoutMs),
  /** Number of matches right now, over all frames (no waiting). */
  count: (selector: string, options: { visible?: boolean } = {}): Promise<number> =>
    send({ op: 'count', selector, visible: options.visible ?? false }),
  /** Grants clipboard read/write to the workbench (and its webviews). */
  grantClipboard: (): Promise<void> => send({ op: 'grantClipboard' }),
  /** Uncaught errors of the workbench page and its webview frames since the session started, from index `since`. */
  pageErrors: (since = 0): Promise<Array<{ message: string; stack: string }>> => send({ op: 'pageErrors', since }),
  /** Evaluates a JS expression in every frame; results from frames where it is defined. */
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names what its expression evaluates to (as Playwright's evaluate<R>): the values arrive as JSON, unchecked
  evaluateInFrames: <T = unknown>(expression: string): Promise<Array<{ url: string; value: T }>> =>
    send({ op: 'evaluateInFrames', expression }),
};
