/**
 * The API base URL is where the key goes, so it is checked before any request: `https:` only (plain
 * `http:` only for loopback, where the simulator and local development live), no credentials in it.
 */
import { t } from '../l10n';

export type BaseUrlCheck =
  { ok: true; baseUrl: string; origin: string; host: string; loopback: boolean } | { ok: false; message: string };

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'localhost' || host === '[::1]' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

export function checkBaseUrl(raw: string): BaseUrlCheck {
  const text = raw.trim();
  if (text === '')
    return {
      ok: false,
      message: t('The Granite API base URL is empty. Set "granite.apiBaseUrl", e.g. https://api.getgranite.ai.'),
    };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    // The value is not echoed: a key pasted into the wrong setting must not end up in a message.
    return {
      ok: false,
      message: t(
        'The Granite API base URL is not a valid URL. Set "granite.apiBaseUrl" to the API\'s address, e.g. https://api.getgranite.ai.',
      ),
    };
  }
  const loopback = isLoopbackHost(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    return {
      ok: false,
      message: t(
        'The Granite API base URL must use https:// (plain http:// is allowed only for localhost), but it is {0}. Fix "granite.apiBaseUrl"; the API key is not sent over an insecure connection.',
        `${url.protocol}//${url.host}`,
      ),
    };
  }
  if (url.username || url.password) {
    return {
      ok: false,
      message: t(
        'The Granite API base URL must not contain a user name or password. Remove them from "granite.apiBaseUrl"; the key is set with "Granite: Set API Key".',
      ),
    };
  }
  if (url.search || url.hash) {
    return {
      ok: false,
      message: t(
        'The Granite API base URL must not contain a query (?…) or fragment (#…). Use only the origin and, if needed, a path prefix.',
      ),
    };
  }
  const path = url.pathname.replace(/\/+$/, '');
  return { ok: true, baseUrl: `${url.origin}${path}`, origin: url.origin, host: url.host, loopback };
}
