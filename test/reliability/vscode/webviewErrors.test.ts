/**
 * The hook that fails the run on page errors (test/integration/index.ts, fed by the harness's Playwright
 * `pageerror` listener) really sees errors thrown inside the dashboard webview, a nested iframe: without
 * this, "no page error" elsewhere could be vacuous.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { control, expectedPageError } from '../../integration/control';
import { extensionApi, until } from '../../integration/simulatorSession';
import { webviewMessages } from '../../integration/dashboardMessages';

describe('page errors in the dashboard webview reach the test hook', () => {
  after(async () => (await extensionApi()).dashboard()?.dispose());

  it('an error thrown in the webview is reported by the harness', async () => {
    assert.ok(control.available, 'observing the webview needs the code-server harness (npm run test:integration)');
    const api = await extensionApi();
    await vscode.commands.executeCommand('granite.showAnalytics');
    const panel = await until('the dashboard', () => api.dashboard());
    await until('the webview to be ready', () => webviewMessages(panel).handled > 0);
    const seen = (await control.pageErrors()).length;
    // Thrown from a timer, so it is uncaught in the webview rather than a rejected evaluation.
    const frames = await control.evaluateInFrames(
      `document.querySelector('.banners') ? (setTimeout(() => { throw new Error('${expectedPageError} thrown in the dashboard'); }), true) : undefined`,
    );
    assert.equal(frames.length, 1, 'exactly one frame is the dashboard');
    const reported = await until('the harness to report it', async () =>
      (await control.pageErrors(seen)).find((e) => e.message.includes(expectedPageError)),
    );
    assert.match(reported.message, /thrown in the dashboard/);
  });
});
