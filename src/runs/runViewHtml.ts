/**
 * The run view's HTML shell, shared by the host panel (runView.vscode.ts) and the Chromium tests so both
 * run under the same Content Security Policy:
 *   default-src 'none'; script-src 'nonce-…'; style-src <cspSource>; img-src data:; font-src <cspSource>
 * Images only as `data:` (screenshots are fetched by the host and posted as data), so no remote host, not
 * even the webview's own resource origin, can be asked for an image; no connect-src: the webview makes no
 * network call. Nothing from the API is in this HTML: data arrives by message.
 */
import { makeNonce } from '../dashboard/dashboardHtml';

export { makeNonce };

export interface RunViewHtmlOptions {
  /** `webview.cspSource` in VS Code; the test server's origin in Chromium tests. */
  cspSource: string;
  /** From a cryptographic random source (`makeNonce`). */
  nonce: string;
  scriptUri: string;
  styleUris: string[];
  /** UI strings for the webview (localisation bundle), serialised into a data attribute. */
  l10n?: Record<string, string>;
  title?: string;
  /** Lets the page install its test hooks (webview/testHooks.ts): tests and benchmarks only. */
  testHooks?: boolean;
}

const attr = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function runViewContentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    'img-src data:',
    `font-src ${cspSource}`,
  ].join('; ');
}

export function runViewHtml(options: RunViewHtmlOptions): string {
  const styles = options.styleUris.map((href) => `<link rel="stylesheet" href="${attr(href)}">`).join('\n    ');
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${attr(runViewContentSecurityPolicy(options.cspSource, options.nonce))}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    ${styles}
    <title>${attr(options.title ?? 'Granite Run')}</title>
  </head>
  <body>
    <main id="app" data-l10n="${attr(JSON.stringify(options.l10n ?? {}))}"${options.testHooks ? ' data-test-hooks' : ''} aria-busy="true"></main>
    <script type="module" nonce="${attr(options.nonce)}" src="${attr(options.scriptUri)}"></script>
  </body>
</html>`;
}
