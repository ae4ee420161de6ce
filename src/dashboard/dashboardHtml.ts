/**
 * The dashboard webview's HTML shell, shared by the host panel and the Chromium tests so both run under
 * exactly the same Content Security Policy:
 *   default-src 'none'; script-src 'nonce-…'; style-src <cspSource>; img-src <cspSource> data:;
 *   font-src <cspSource>
 * No connect-src: the webview makes no network calls (the key never reaches it). No inline styles or
 * scripts besides the one nonce'd bundle. Nothing from the API is in this HTML: data arrives by message.
 */
export interface DashboardHtmlOptions {
  /** `webview.cspSource` in VS Code; the test server's origin in Chromium tests. */
  cspSource: string;
  /** From a cryptographic random source (see `makeNonce`). */
  nonce: string;
  scriptUri: string;
  styleUris: string[];
  /** UI strings for the webview (localisation bundle), serialised into a data attribute. */
  l10n?: Record<string, string>;
  title?: string;
  /** Lets the page install its test hooks (webview/testHooks.ts): tests and benchmarks only, never in Production mode. */
  testHooks?: boolean;
}

const attr = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
  ].join('; ');
}

export function dashboardHtml(options: DashboardHtmlOptions): string {
  const styles = options.styleUris.map((href) => `<link rel="stylesheet" href="${attr(href)}">`).join('\n    ');
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(options.cspSource, options.nonce))}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    ${styles}
    <title>${attr(options.title ?? 'Granite Analytics')}</title>
  </head>
  <body>
    <main id="app" data-l10n="${attr(JSON.stringify(options.l10n ?? {}))}"${options.testHooks ? ' data-test-hooks' : ''} aria-busy="true"></main>
    <script type="module" nonce="${attr(options.nonce)}" src="${attr(options.scriptUri)}"></script>
  </body>
</html>`;
}

/** 32 hex characters from the platform's cryptographic random source (Node and browsers). */
export function makeNonce(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
