/**
 * The dashboard webview's HTML shell, shared by the host panel and the Chromium tests so both run under
 * exactly the same Content Security Policy:
 *   default-src 'none'; script-src 'nonce-…'; style-src <cspSource>; img-src <cspSource> data:;
 *   font-src <cspSource>
 * No connect-src: the webview makes no network calls (the key never reaches it). No inline styles or
 * scripts besides the one nonce'd bundle. Nothing from the API is in this HTML: data arrives by message.
 * The page itself is the common one of src/core/webviewHtml.ts; this file owns the dashboard's policy.
 */
import { makeNonce, webviewContentSecurityPolicy, webviewHtml, type WebviewHtmlOptions } from '../core/webviewHtml';

export { makeNonce };

export type DashboardHtmlOptions = WebviewHtmlOptions;

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return webviewContentSecurityPolicy(cspSource, nonce, [cspSource, 'data:']);
}

export function dashboardHtml(options: DashboardHtmlOptions): string {
  return webviewHtml(options, contentSecurityPolicy(options.cspSource, options.nonce), 'Granite Analytics');
}
