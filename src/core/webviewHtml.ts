/**
 * The HTML shell every webview page of the extension is built from (the dashboard's dashboardHtml.ts and
 * the run view's runViewHtml.ts), so the pages cannot drift apart in how they escape attributes, which
 * directives their Content Security Policy carries, or how the nonce is drawn. Each page keeps its own file
 * and header stating its exact policy; only the image sources differ between them. Plain TypeScript with no
 * imports: the host bundles it, and the Chromium tests (test/webview/harness.ts) serve the same pages.
 */

/** What a page needs to be served, by the host panel or by the Chromium test server. */
export interface WebviewHtmlOptions {
  /** `webview.cspSource` in VS Code; the test server's origin in Chromium tests. */
  cspSource: string;
  /** From a cryptographic random source (`makeNonce`). */
  nonce: string;
  scriptUri: string;
  styleUris: string[];
  /** UI strings for the webview (localisation bundle), serialised into a data attribute. */
  l10n?: Record<string, string>;
  title?: string;
  /** Lets the page install its test hooks (webview/testHooks.ts): tests and benchmarks only, never in Production mode. */
  testHooks?: boolean;
}

/** Text made literal inside a double-quoted HTML attribute (and in element text). */
export const escapeAttribute = (value: string): string =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * default-src 'none'; only the nonce'd bundle runs; styles and fonts from the webview's own resources;
 * images from `imgSources` alone. No connect-src: no webview makes a network call (the key never reaches it).
 */
export function webviewContentSecurityPolicy(cspSource: string, nonce: string, imgSources: string[]): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `img-src ${imgSources.join(' ')}`,
    `font-src ${cspSource}`,
  ].join('; ');
}

/**
 * The page: the policy in a meta tag, the style sheets, an empty busy `<main id="app">` carrying the UI
 * strings, and the one module script. Nothing from the API is in it: data arrives by message.
 */
export function webviewHtml(options: WebviewHtmlOptions, contentSecurityPolicy: string, defaultTitle: string): string {
  const attr = escapeAttribute;
  const styles = options.styleUris.map((href) => `<link rel="stylesheet" href="${attr(href)}">`).join('\n    ');
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy)}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    ${styles}
    <title>${attr(options.title ?? defaultTitle)}</title>
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
