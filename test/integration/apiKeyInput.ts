/**
 * Set API Key through VS Code's real password box, as a user does. Typing goes to whatever has focus, and
 * right after a notification the box does not always have it: a run once waited for ever on a box that
 * never got the key. So the box is clicked first, and an Enter that left it open is retried (twice at most).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { control } from './control';

const passwordBox = '.quick-input-widget input[type="password"]';

/** Runs Set API Key and types `key` into its password box; resolves to the command's result. */
export async function setKeyThroughTheUi(key: string): Promise<boolean | undefined> {
  assert.ok(control.available, 'typing into VS Code’s UI needs the code-server harness (npm run test:integration)');
  const result = vscode.commands.executeCommand<boolean>('granite.setApiKey');
  for (let attempt = 1; ; attempt++) {
    await control.click(passwordBox);
    await control.press('Control+A');
    await control.type(key);
    await control.press('Enter');
    if (await boxClosed(5_000)) return result;
    if (attempt === 3) throw new Error('the API key box stayed open after Enter three times');
    console.log(`[ui] the API key box stayed open after Enter (attempt ${attempt}); typing the key again`);
  }
}

async function boxClosed(withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if ((await control.count(passwordBox, { visible: true })) === 0) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}
