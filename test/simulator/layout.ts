/**
 * `GET`/`PUT /api/analytics/layout`: each API key's dashboard layout, in memory. A `PUT` body is
 * validated the way pydantic validates `DashboardLayout` (422 in FastAPI's `{detail: [...]}` shape),
 * stored with the spec's defaults filled in and unknown fields dropped, and stamped with `updated_at`.
 * Widget types are free strings (Granite documents none), so any type is stored as sent.
 */
import { jsonInvalid, notAnObject, parseDateTime, type ValidationErrorItem } from './filters';
import { jsonReply, type Reply } from './respond';
import { isoMillis } from './time';

export const LAYOUT_PATH = '/api/analytics/layout';

export type WidgetWidth = 'full' | 'half' | 'third';
export const widgetWidths: readonly WidgetWidth[] = ['full', 'half', 'third'];

export interface StoredWidget {
  id: string;
  type: string;
  visible: boolean;
  order: number;
  width: WidgetWidth;
}

export interface StoredLayout {
  widgets: StoredWidget[];
  updated_at: string | null;
}

/** What Granite answers before a user ever saved: no widgets (the client then draws its default). */
export const emptyLayout: StoredLayout = { widgets: [], updated_at: null };

export type LayoutResult = { ok: true; layout: StoredLayout } | { ok: false; detail: ValidationErrorItem[] };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function field(
  errors: ValidationErrorItem[],
  loc: (string | number)[],
  item: Record<string, unknown>,
  name: string,
  kind: 'string' | 'boolean' | 'integer',
): unknown {
  const value = item[name];
  if (value === undefined) return undefined;
  // Strict: pydantic's lax mode would also take "1" for an integer and "true" for a boolean; nothing we
  // send does that, and a stricter simulator catches a client that starts to.
  const ok = kind === 'integer' ? typeof value === 'number' && Number.isInteger(value) : typeof value === kind;
  if (!ok) {
    const [type, msg] =
      kind === 'string'
        ? ['string_type', 'Input should be a valid string']
        : kind === 'boolean'
          ? ['bool_type', 'Input should be a valid boolean']
          : ['int_type', 'Input should be a valid integer'];
    errors.push({ type, loc: [...loc, name], msg, input: value });
  }
  return value;
}

function widget(errors: ValidationErrorItem[], raw: unknown, index: number): StoredWidget | undefined {
  const loc = ['body', 'widgets', index];
  if (!isObject(raw)) {
    errors.push({
      type: 'model_type',
      loc,
      msg: 'Input should be a valid dictionary or instance of WidgetConfig',
      input: raw,
    });
    return undefined;
  }
  const before = errors.length;
  for (const name of ['id', 'type']) {
    if (raw[name] === undefined)
      errors.push({ type: 'missing', loc: [...loc, name], msg: 'Field required', input: raw });
  }
  const id = field(errors, loc, raw, 'id', 'string');
  const type = field(errors, loc, raw, 'type', 'string');
  const visible = field(errors, loc, raw, 'visible', 'boolean');
  const order = field(errors, loc, raw, 'order', 'integer');
  const width = raw.width;
  if (width !== undefined && !(widgetWidths as readonly unknown[]).includes(width)) {
    const expected = "'full', 'half' or 'third'";
    errors.push({
      type: 'enum',
      loc: [...loc, 'width'],
      msg: `Input should be ${expected}`,
      input: width,
      ctx: { expected },
    });
  }
  if (errors.length > before) return undefined;
  return {
    id: id as string,
    type: type as string,
    visible: (visible as boolean | undefined) ?? true,
    order: (order as number | undefined) ?? 0,
    width: (width as WidgetWidth | undefined) ?? 'half',
  };
}

/** Validates a `PUT` body's text; the `updated_at` it carries is checked but the server sets its own. */
export function parseLayoutBody(text: string): LayoutResult {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (err) {
    return { ok: false, detail: [jsonInvalid(err)] };
  }
  if (!isObject(body)) return { ok: false, detail: [notAnObject(body)] };
  const errors: ValidationErrorItem[] = [];
  const widgets: StoredWidget[] = [];
  if (body.widgets === undefined) {
    errors.push({ type: 'missing', loc: ['body', 'widgets'], msg: 'Field required', input: body });
  } else if (!Array.isArray(body.widgets)) {
    errors.push({
      type: 'list_type',
      loc: ['body', 'widgets'],
      msg: 'Input should be a valid list',
      input: body.widgets,
    });
  } else {
    body.widgets.forEach((raw: unknown, i) => {
      const w = widget(errors, raw, i);
      if (w) widgets.push(w);
    });
  }
  const updatedAt = body.updated_at;
  if (updatedAt !== undefined && updatedAt !== null) {
    const parsed = typeof updatedAt === 'string' ? parseDateTime(updatedAt) : { error: 'invalid type' };
    if ('error' in parsed) {
      errors.push({
        type: 'datetime_from_date_parsing',
        loc: ['body', 'updated_at'],
        msg: `Input should be a valid datetime, ${parsed.error}`,
        input: updatedAt,
      });
    }
  }
  return errors.length > 0 ? { ok: false, detail: errors } : { ok: true, layout: { widgets, updated_at: null } };
}

/** Every key's layout. Tests and demos set one directly (as if saved in the Granite web app). */
export class LayoutStore {
  private readonly byKey = new Map<string, StoredLayout>();

  get(apiKey: string): StoredLayout {
    return this.byKey.get(apiKey) ?? emptyLayout;
  }

  /**
   * Stores the widgets stamped with `now`; `updated_at` always moves forward (at least 1 ms past the last
   * one), so two saves within one clock tick still read as a change to a client comparing them.
   */
  set(apiKey: string, widgets: readonly StoredWidget[], now: number): StoredLayout {
    const previous = this.byKey.get(apiKey)?.updated_at;
    const previousMs = previous ? Date.parse(previous) : -Infinity;
    const layout: StoredLayout = {
      widgets: widgets.map((w) => ({ ...w })),
      updated_at: isoMillis(Math.max(now, previousMs + 1)),
    };
    this.byKey.set(apiKey, layout);
    return layout;
  }

  clear(): void {
    this.byKey.clear();
  }
}

/** `PUT`: stores a valid layout for the key and answers it as stored; 422 otherwise, nothing stored. */
export function putLayoutReply(store: LayoutStore, apiKey: string, bodyText: string, now: number): Reply {
  const parsed = parseLayoutBody(bodyText);
  return parsed.ok
    ? jsonReply(200, store.set(apiKey, parsed.layout.widgets, now))
    : jsonReply(422, { detail: parsed.detail });
}
