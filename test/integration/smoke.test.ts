/**
 * Proves the harness: the extension loads and activates in a real VS Code 1.100, the API works end to
 * end, and the control channel can drive the UI and take screenshots.
 */
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { control, screenshotDir } from './control';

const EXTENSION_ID = 'granite-analytics.granite-analytics';

/** Polls until `check` returns true; UI and document state settle asynchronously. */
async function eventually(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('smoke: the harness runs the extension in real VS Code', () => {
  it('runs VS Code 1.100', () => {
    assert.ok(vscode.version.startsWith('1.100'), `vscode.version is ${vscode.version}`);
  });

  it('finds and activates the extension', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded (check engines.vscode and dist/extension.js)`);
    await extension.activate();
    assert.strictEqual(extension.isActive, true);
  });

  it('executes a command registered by the test', async () => {
    const registration = vscode.commands.registerCommand('graniteTest.echo', (value: string) => `echo:${value}`);
    try {
      assert.strictEqual(await vscode.commands.executeCommand<string>('graniteTest.echo', 'x'), 'echo:x');
    } finally {
      registration.dispose();
    }
  });

  it('opens an untitled document in an editor and types into it through the UI', async function () {
    const document = await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'granite' });
    await vscode.window.showTextDocument(document);
    assert.strictEqual(document.isUntitled, true);
    assert.strictEqual(vscode.window.activeTextEditor?.document, document);
    assert.ok(control.available, 'UI checks need the code-server harness (npm run test:integration)');

    await control.waitFor('.monaco-editor .view-lines');
    await control.press('End'); // through the UI too, so it reaches the editor before the typing does
    await control.type('-smoke');
    await eventually(
      () => document.getText() === 'granite-smoke',
      `typed text (got ${JSON.stringify(document.getText())})`,
    );
    assert.match((await control.text('.monaco-editor .view-lines')) ?? '', /granite-smoke/);
    assert.ok((await control.count('.monaco-workbench')) >= 1);
  });

  it('takes a screenshot through the control channel', async function () {
    assert.ok(control.available, 'UI checks need the code-server harness (npm run test:integration)');
    const file = path.join(screenshotDir, 'smoke-workbench.png');
    fs.rmSync(file, { force: true });
    const written = await control.screenshot('smoke-workbench');
    assert.strictEqual(written, file);
    const png = fs.readFileSync(file);
    assert.ok(png.length > 1000, `screenshot is only ${png.length} bytes`);
    assert.deepStrictEqual([...png.subarray(1, 4)], [...Buffer.from('PNG')]);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
