/**
 * What the user sees of a failed or partial refresh, read from every surface: the status bar (text and
 * tooltip), the Workflows view (its message and welcome state), and the dashboard (the state posted to
 * the webview, and the webview's own DOM through the harness's control channel).
 */
import * as assert from 'node:assert/strict';
import type { GraniteTestApi } from '../../../src/extension';
import { control } from '../../integration/control';
import { plainText, until } from '../../integration/simulatorSession';
import { dashboardPosts } from './session';

export function statusTooltip(api: GraniteTestApi): string {
  return plainText(api.statusBar.item.tooltip);
}

/** The text of a dashboard banner in the webview's DOM, once it contains `expected`. */
export async function webviewBanner(id: string, expected: string): Promise<string> {
  let last = '';
  await until(
    `the webview's #banner-${id} to say "${expected}"`,
    async () => {
      last = ((await control.text(`#banner-${id}`, 2_000).catch(() => null)) ?? '').replace(/\s+/g, ' ');
      return last.includes(expected);
    },
    15_000,
  );
  return last;
}

/**
 * A failed refresh while data is shown: the same data stays on every surface, marked stale, and every
 * surface carries the error's message.
 */
export async function assertStaleWithError(api: GraniteTestApi, message: string, rowsBefore: number): Promise<void> {
  const state = api.store.state;
  assert.equal(api.tree.currentViewState, 'data', 'the tree keeps its rows, not a welcome view');
  assert.equal(api.tree.currentRows.length, rowsBefore, 'every row stays');
  const treeMessage = api.tree.view.message ?? '';
  assert.ok(treeMessage.includes(message), `the tree message carries the error: ${treeMessage}`);
  assert.match(treeMessage, /Showing data from/, 'the tree says how old the data shown is');
  assert.match(
    api.statusBar.item.text,
    /^\$\(warning\) \d/,
    `the status bar keeps the rate, with a warning: ${api.statusBar.item.text}`,
  );
  assert.ok(statusTooltip(api).includes(message), `the status bar tooltip carries the error: ${statusTooltip(api)}`);
  const posted = await until('the dashboard to be told', () => {
    const s = dashboardPosts.last?.state;
    return s?.error?.message === message && s.stale && Object.keys(s.sections).length > 1 ? s : undefined;
  });
  assert.equal(posted.fetchedAt, state.fetchedAt, 'the panel shows the last good data’s time');
  // Unreachable (network, timeout): the offline banner says it and offers the cached ranges; otherwise the stale one.
  if (control.available) await webviewBanner(posted.offline ? 'offline' : 'stale', message);
}

/** Words of a message, each of which must appear: the problem, then the next step. */
export function assertWords(text: string, words: readonly RegExp[], where: string): void {
  for (const word of words) assert.match(text, word, `${where} names the problem and the next step`);
}
