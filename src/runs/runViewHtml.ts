/**
 * The run view's HTML shell, shared by the host panel (runView.vscode.ts) and the Chromium tests so both
 * run under the same Content Security Policy:
 *   default-src 'none'; script-src 'nonce-…'; style-src <cspSource>; img-src data:; font-src <cspSource>
 * Images only as `data:` (screenshots are fetched by the host and posted as data), so no remote host, not
 * even the webview's own resource origin, can be asked for an image; no connect-src: the webview makes no
 * network call. Nothing from the API is in this HTML: data arrives by message. The page itself is the
 * common one of src/core/webviewHtml.ts; this file owns the run view's policy.
 */
import { makeNonce, webviewContentSecurityPolicy, webviewHtml, type WebviewHtmlOptions } from '../core/webviewHtml';

export { makeNonce };

export type RunViewHtmlOptions = WebviewHtmlOptions;

export function runViewContentSecurityPolicy(cspSource: string, nonce: string): string {
  return webviewContentSecurityPolicy(cspSource, nonce, ['data:']);
}

export function runViewHtml(options: RunViewHtmlOptions): string {
  return webviewHtml(options, runViewContentSecurityPolicy(options.cspSource, options.nonce), 'Granite Run');
}
