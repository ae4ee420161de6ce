/**
 * "Open in Granite" for a run. Granite documents no per-run URL yet, so the link comes from a user
 * template (`granite.runUrlTemplate`, placeholders `{executionId}` and `{runId}`); the result is opened
 * only if it is `https:` on the host of `granite.appUrl`, so no template or id can send the browser
 * anywhere else. Ids are URL-encoded where they are substituted.
 */
import { t } from '../core/l10n';

export interface RunIds {
  executionId: string;
  runId?: string;
}

export type RunLink = { ok: true; url: string } | { ok: false; message: string };

export const defaultAppUrl = 'https://app.getgranite.ai';

export function buildRunUrl(template: string, ids: RunIds, appUrl: string): RunLink {
  let app: URL;
  try {
    app = new URL(appUrl);
  } catch {
    return { ok: false, message: t('"granite.appUrl" is not a valid URL ({0}).', appUrl) };
  }
  if (app.protocol !== 'https:') return { ok: false, message: t('"granite.appUrl" must use https://.') };
  const filled = (template.trim() || app.origin)
    .replace(/\{executionId\}/g, encodeURIComponent(ids.executionId))
    .replace(/\{runId\}/g, encodeURIComponent(ids.runId ?? ''));
  let url: URL;
  try {
    url = new URL(filled);
  } catch {
    return { ok: false, message: t('"granite.runUrlTemplate" does not give a valid URL ({0}).', filled) };
  }
  if (url.protocol !== 'https:' || url.host !== app.host || url.username || url.password) {
    return {
      ok: false,
      message: t(
        'The run link must be an https:// address on {0} (granite.appUrl); "granite.runUrlTemplate" gives {1}.',
        app.host,
        `${url.protocol}//${url.host}`,
      ),
    };
  }
  return { ok: true, url: url.toString() };
}
