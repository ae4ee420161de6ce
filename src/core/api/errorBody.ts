/**
 * Granite's error bodies come in three shapes (api-notes.md §4):
 *   FastAPI validation  {"detail": [{"loc": ["body", "granularity"], "msg": "...", "type": "enum"}]}
 *   FastAPI plain       {"detail": "Not Found"}
 *   Granite prose       {"error": "unauthorized", "message": "Invalid or missing API key", "code": 401}
 * This turns any of them (or plain text) into one short line.
 */
const maxLength = 300;

export function summariseErrorBody(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  let json: unknown;
  try {
    json = JSON.parse(trimmed);
  } catch {
    // An HTML error page says nothing useful in a one-line message; plain text does.
    return /^</.test(trimmed) ? undefined : shorten(trimmed);
  }
  return summariseErrorJson(json);
}

export function summariseErrorJson(json: unknown): string | undefined {
  if (json === null || typeof json !== 'object') return typeof json === 'string' ? shorten(json) : undefined;
  const body = json as Record<string, unknown>;
  if (Array.isArray(body.detail)) {
    const parts = body.detail
      .slice(0, 3)
      .map(describeValidationError)
      .filter((s): s is string => !!s);
    if (body.detail.length > 3) parts.push(`and ${body.detail.length - 3} more`);
    return parts.length ? shorten(parts.join('; ')) : undefined;
  }
  if (typeof body.detail === 'string') return shorten(body.detail);
  if (typeof body.message === 'string') return shorten(body.message);
  if (typeof body.error === 'string') return shorten(body.error);
  return undefined;
}

function describeValidationError(item: unknown): string | undefined {
  if (item === null || typeof item !== 'object') return undefined;
  const { loc, msg } = item as { loc?: unknown; msg?: unknown };
  const where = Array.isArray(loc)
    ? loc
        .filter((part) => part !== 'body')
        .map(String)
        .join('.')
    : '';
  const what = typeof msg === 'string' ? msg : 'invalid';
  return where ? `${where}: ${what}` : what;
}

function shorten(text: string): string {
  // Control characters would break a one-line message (and hide text in some renderers).
  const oneLine = text
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is being removed
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return oneLine.length > maxLength ? `${oneLine.slice(0, maxLength - 1)}…` : oneLine;
}
