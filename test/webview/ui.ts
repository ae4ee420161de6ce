/** Page interactions shared by the webview tests. */
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { parseWebviewMessage, type WebviewMessage } from '../../src/dashboard/protocol';
import { clearPosted, posted } from './harness';

/** Picks an option of a <vscode-single-select> by its label, with the mouse. */
export async function chooseOption(page: Page, select: string, label: string | RegExp): Promise<void> {
  await page.locator(select).click();
  await page.locator(`${select} li.option`, { hasText: label }).first().click();
}

/** Runs `action` and returns the messages it posted, each checked against the shared protocol. */
export async function postsOf(page: Page, action: () => Promise<unknown>): Promise<WebviewMessage[]> {
  await clearPosted(page);
  await action();
  await page.waitForTimeout(50);
  const messages = await posted(page);
  return messages.map((m) => {
    const parsed = parseWebviewMessage(m);
    assert.ok(parsed, `not a protocol message: ${JSON.stringify(m).slice(0, 300)}`);
    return parsed;
  });
}

/** The one message `action` posts. */
export async function onePost(page: Page, action: () => Promise<unknown>): Promise<WebviewMessage> {
  const messages = await postsOf(page, action);
  assert.equal(messages.length, 1, `expected one message, got ${JSON.stringify(messages)}`);
  return messages[0]!;
}
