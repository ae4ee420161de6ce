/**
 * What the XSS suite reads from the real workbench through the control channel (expressions evaluated in
 * every frame): the `__xss` trap, and the DOM VS Code rendered for the tree, the quick pick and
 * notifications — how many links and icons it drew there, and the text — and a record of every
 * notification rendered in the session.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { control } from '../../integration/control';
import { until } from '../../integration/simulatorSession';
import { markdownHazards, markdownView, readable } from '../surfaceModel';

/** Installs `window.__xss` in every frame (workbench and webviews): a payload that runs records itself. */
export async function armTrap(): Promise<void> {
  await control.evaluateInFrames(
    '(globalThis.__xssCalls ??= [], globalThis.__xss ??= (...a) => globalThis.__xssCalls.push(a), true)',
  );
}

/** Calls of the trap in any frame. */
export async function trapCalls(): Promise<unknown[]> {
  const found = await control.evaluateInFrames<string>(
    'globalThis.__xssCalls?.length ? JSON.stringify(globalThis.__xssCalls) : undefined',
  );
  return found.map((f) => f.value);
}

/** What VS Code drew in a part of the workbench: its text, links and icons. */
export interface Drawn {
  texts: string[];
  links: number;
  icons: string[];
}

/**
 * `rows` selects the rendered items; `icons` the part of each item where an icon can only come from its
 * text (not the item's own icon).
 */
export async function drawn(rows: string, iconScope: string): Promise<Drawn | undefined> {
  const expression = `(() => {
    const rows = [...document.querySelectorAll(${JSON.stringify(rows)})];
    if (!rows.length) return undefined;
    return {
      texts: rows.map((r) => r.textContent ?? ''),
      links: rows.reduce((n, r) => n + r.querySelectorAll('a[href], a[data-href]').length, 0),
      icons: rows.flatMap((r) => [...r.querySelectorAll(${JSON.stringify(`${iconScope} .codicon, ${iconScope} [class*="codicon-"]`)})].map((i) => i.className)),
    };
  })()`;
  const found = await control.evaluateInFrames<Drawn>(expression);
  return found[0]?.value;
}

/** Polls `drawn` until `ok`; on timeout, says what was drawn instead (and takes a screenshot). */
export async function untilDrawn(
  what: string,
  rows: string,
  iconScope: string,
  ok: (d: Drawn) => boolean,
  timeoutMs = 10_000,
): Promise<Drawn> {
  const deadline = Date.now() + timeoutMs;
  let last: Drawn | undefined;
  for (;;) {
    last = await drawn(rows, iconScope);
    if (last && ok(last)) return last;
    if (Date.now() > deadline) {
      await control.screenshot(`xss-${what.replace(/[^\w.-]+/g, '-').slice(0, 60)}`);
      throw new Error(
        `Timed out waiting for ${what}; drawn: ${JSON.stringify(last?.texts.map((t) => t.slice(0, 160)) ?? null).slice(0, 1200)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export const treeRows = '.customview-tree .monaco-list-row';
/** The label and description of a tree row (the item's own ThemeIcon is outside). */
export const treeLabel = '.monaco-icon-label-container';
/** TreeView.message: a sibling of the tree in the view (vs/workbench/browser/parts/views/treeView). */
export const treeMessage = '.tree-explorer-viewlet-tree-view > .message';
export const pickRows = '.quick-input-widget .quick-input-list .monaco-list-row';
/** Label, description and detail of a pick (the checkbox and actions are outside). */
export const pickLabel = '.quick-input-list-rows';
/** Notifications as the notification centre lists them. */
export const notificationRows = '.notifications-center .notification-list-item-message';

/**
 * Starts recording, in the workbench page, the text of every notification VS Code renders (a toast, or a
 * row of the notification centre), so one that is closed or cleared before anyone looks is still seen.
 * Idempotent; returns how many distinct texts are recorded (0 again after a reload of the page).
 */
export async function watchNotifications(): Promise<number> {
  const found = await control.evaluateInFrames<number>(`(() => {
    if (!document.querySelector('.monaco-workbench')) return undefined;
    if (!globalThis.__graniteNotifications) {
      const texts = (globalThis.__graniteNotifications = []);
      const seen = new Set();
      const record = (item) => {
        const text = (item.textContent ?? '').trim();
        if (text && !seen.has(text)) { seen.add(text); texts.push(text); }
      };
      // Targets: a row whose text changed; added nodes: new toasts and rows (their subtree only).
      const visit = (node, added) => {
        const element = node.nodeType === 1 ? node : node.parentElement;
        const item = element?.closest?.('.notification-list-item');
        if (item) record(item);
        else if (added && element?.querySelectorAll) element.querySelectorAll('.notification-list-item').forEach(record);
      };
      new MutationObserver((records) => {
        for (const r of records) {
          visit(r.target, false);
          r.addedNodes.forEach((n) => visit(n, true));
        }
      }).observe(document.body, { childList: true, subtree: true, characterData: true });
      document.querySelectorAll('.notification-list-item').forEach(record);
    }
    return globalThis.__graniteNotifications.length;
  })()`);
  const count = found[0]?.value;
  assert.ok(count !== undefined, 'the workbench page was found');
  return count;
}

/** The notification texts recorded by `watchNotifications`, from index `since`. */
export async function notificationTexts(since: number): Promise<string[]> {
  const found = await control.evaluateInFrames<string[]>(`globalThis.__graniteNotifications?.slice(${since})`);
  return found[0]?.value ?? [];
}

/** What VS Code's hover widget rendered: text as shown (line breaks included), links, images and icons drawn. */
export interface RenderedHover {
  text: string;
  links: number;
  images: number;
  icons: string[];
}

/**
 * Moves the real mouse over the element `mark` selects in the workbench (an expression marks it with
 * `data-xss-target`, so any text can be targeted) and returns the hover VS Code rendered for it once its
 * text starts to show `expected`.
 */
export async function renderedHover(
  findTarget: string,
  expected: string,
  what: string,
  at: 'start' | 'anywhere',
): Promise<RenderedHover> {
  // Away first, so the element's hover is shown afresh (the mouse may already be on it).
  await control.hover('.part.sidebar .title-label');
  await control.evaluateInFrames(
    `document.querySelectorAll('[data-xss-target]').forEach((e) => e.removeAttribute('data-xss-target'))`,
  );
  const marked = await until(
    `${what}: its element`,
    async () =>
      (
        await control.evaluateInFrames<boolean>(
          `(() => { const e = ${findTarget}; if (!e) return undefined; e.setAttribute('data-xss-target', ''); return true; })()`,
        )
      ).length > 0,
  );
  assert.ok(marked);
  await control.hover('[data-xss-target]');
  const expression = `(() => {
    const hover = [...document.querySelectorAll('.workbench-hover .hover-contents, .monaco-hover .hover-contents')].find((h) => h.offsetParent !== null);
    if (!hover) return undefined;
    return { text: hover.innerText ?? '', links: hover.querySelectorAll('a').length, images: hover.querySelectorAll('img').length,
      icons: [...hover.querySelectorAll('.codicon, [class*="codicon-"]')].map((i) => i.className) };
  })()`;
  // The start of `expected` identifies this hover (the previous one may still be fading out).
  const wanted = readable(expected).slice(0, 12);
  let last: RenderedHover | undefined;
  try {
    return await until(`${what}: the hover`, async () => {
      last = (await control.evaluateInFrames<RenderedHover>(expression))[0]?.value;
      const text = last ? readable(last.text) : '';
      return (at === 'start' ? text.startsWith(wanted) : text.includes(wanted)) ? last : undefined;
    });
  } catch (error) {
    await control.screenshot(`xss-hover-${what.replace(/[^\w.-]+/g, '-').slice(0, 40)}`);
    throw new Error(`${String(error)}; shown: ${JSON.stringify(last?.text.slice(0, 200))}`, { cause: error });
  }
}

/** A hover's MarkdownString: untrusted, no HTML, no construct from API text, and it reads as `expected`. */
export function checkMarkdownString(value: unknown, themeIcons: boolean, expected: string[], where: string): void {
  assert.ok(value instanceof vscode.MarkdownString, `${where}: not a MarkdownString`);
  assert.ok(!value.isTrusted, `${where}: trusted`);
  assert.ok(!value.supportHtml, `${where}: supports HTML`);
  assert.equal(!!value.supportThemeIcons, themeIcons, `${where}: supportThemeIcons`);
  assert.deepEqual(markdownHazards(value.value), [], `${where}: ${JSON.stringify(value.value).slice(0, 160)}`);
  const view = markdownView(value.value, themeIcons);
  assert.ok(
    view.icons.every((icon) => ['warning'].includes(icon)),
    `${where}: icons ${view.icons.join()}`,
  );
  for (const text of expected)
    assert.ok(
      readable(view.visible).includes(readable(text)),
      `${where}: ${JSON.stringify(text).slice(0, 80)} not shown literally`,
    );
}

/** The label of a tree item as a string. */
export function labelOf(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}
