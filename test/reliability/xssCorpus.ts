/**
 * The one XSS corpus, shared by every layer (host, Chromium, code-server): hostile strings an API user
 * can put into a workflow name, an error message or any other string Granite sends. `FIELD` in a payload
 * is replaced by the name of the field it is placed in, so a payload that runs (`window.__xss('FIELD')`)
 * or leaks says where it came from.
 *
 * Also here: the list of string fields, the batch poisoner that spreads the corpus over them, the
 * checks every layer shares (CSV cells, Markdown sources), and the record of which payload of which field
 * a layer found rendered as text.
 */
import * as assert from 'node:assert/strict';
import { readable } from './surfaceModel';

export type PayloadKind =
  | 'html'
  | 'url'
  | 'attribute'
  | 'template'
  | 'markdown'
  | 'command'
  | 'codicon'
  | 'bidi'
  | 'zero-width'
  | 'newline'
  | 'control'
  | 'csv'
  | 'long';

export interface Payload {
  kind: PayloadKind;
  text: string;
}

const p = (kind: PayloadKind, text: string): Payload => ({ kind, text });

export const corpus: readonly Payload[] = [
  p('html', `<script>window.__xss('FIELD')</script>`),
  p('html', `<img src=x onerror="window.__xss('FIELD')">`),
  p('html', `<svg onload="window.__xss('FIELD')"><circle r=1 /></svg>`),
  p('html', `<iframe srcdoc="<script>parent.__xss('FIELD')</script>"></iframe>`),
  p('html', `</pre></td></tr><style>*{display:none}</style><script>window.__xss('FIELD')</script>`),
  p('html', `<details open ontoggle=window.__xss('FIELD')>`),
  p('html', `<a href="javascript:window.__xss('FIELD')">FIELD link</a>`),
  p('html', `<input autofocus onfocus=window.__xss('FIELD')>`),
  p('html', `<noscript><p title="</noscript><img src=x onerror=window.__xss('FIELD')>">`),
  p('html', `<math><mtext><table><mglyph><style><img src=x onerror=window.__xss('FIELD')>`),
  p('html', `</script><script>window.__xss('FIELD')</script>`),
  p('html', `<vscode-button onclick="window.__xss('FIELD')">FIELD</vscode-button>`),
  p('html', `&lt;img src=x onerror=window.__xss('FIELD')&gt; &amp; &#x3C;b&#x3E;`),
  p('url', `javascript:window.__xss('FIELD')`),
  p('url', ` JaVaScRiPt:window.__xss('FIELD')`),
  p('url', `data:text/html,<script>window.__xss('FIELD')</script>`),
  p('url', 'data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3MoJ2RhdGEnKTwvc2NyaXB0Pg=='),
  p('url', `vbscript:msgbox('FIELD')`),
  p('attribute', `"><img src=x onerror=window.__xss('FIELD')>`),
  p('attribute', `'><svg/onload=window.__xss('FIELD')>`),
  p('attribute', `" onmouseover="window.__xss('FIELD')" data-x="`),
  p('attribute', `' autofocus onfocus='window.__xss("FIELD")' x='`),
  p('template', '${window.__xss(`FIELD`)}'),
  p('template', `{{constructor.constructor('window.__xss("FIELD")')()}}`),
  p('template', `<%= window.__xss('FIELD') %> #{window.__xss('FIELD')}`),
  p('template', `"; window.__xss('FIELD'); "`),
  p('markdown', `[click me](javascript:window.__xss('FIELD'))`),
  p('markdown', '[FIELD](command:workbench.action.terminal.new)'),
  p('markdown', '![FIELD](https://evil.example/FIELD.png)'),
  p('markdown', '<https://evil.example/FIELD>'),
  p('markdown', 'https://evil.example/FIELD and www.evil.example and mail@evil.example'),
  p('markdown', '[FIELD][r]\n\n[r]: command:workbench.action.terminal.new'),
  p('markdown', '**FIELD** _em_ `code` # heading ~~gone~~ | a | b |'),
  p('markdown', '[x](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22echo%20FIELD%5Cn%22%7D "Open")'),
  p('command', 'command:workbench.action.terminal.new'),
  p('command', '<command:workbench.action.openSettings?%5B%22granite.apiBaseUrl%22%5D>'),
  p('command', '[FIELD] (command:workbench.action.terminal.new)'),
  p('codicon', '$(alert) FIELD $(sync~spin)'),
  p('codicon', '\\$(alert) FIELD $(x)[y](command:workbench.action.terminal.new)'),
  p('bidi', 'FIELD\u202Egnp.exe'),
  p('bidi', '\u2066FIELD\u2069\u200F\u202D'),
  p('zero-width', '\u200BFIELD\u2060\uFEFF\u200D'),
  p('zero-width', '[FIELD]\u200B(command:workbench.action.terminal.new)'),
  p('newline', 'FIELD\r\n[x](command:workbench.action.terminal.new)'),
  p('newline', `FIELD\n\n---\n# heading\n    <script>window.__xss('FIELD')</script>`),
  p('newline', 'FIELD\u2028line\u2029paragraph\nsecond line'),
  p('control', 'FIELD\u0000\u0007\u001b[31mred\u001b[0m\u007f'),
  p('csv', '=HYPERLINK("https://evil.example","FIELD")'),
  p('csv', "+cmd|' /C calc'!A0"),
  p('csv', "-2+3+cmd|' /C calc'!A0"),
  p('csv', '@SUM(1+1)*cmd|" /C calc"!A0'),
  p('csv', '\t=1+1 FIELD'),
  p('csv', '\r=1+1 FIELD'),
  p('long', `${'W'.repeat(6000)}<script>window.__xss('FIELD')</script>`),
  p('long', `${'[x](command:workbench.action.terminal.new) '.repeat(120)}FIELD`),
];

/** The payload at `index` (wrapping), placed in `field`. */
export function payload(index: number, field: string): string {
  return corpus[((index % corpus.length) + corpus.length) % corpus.length]!.text.replaceAll('FIELD', field);
}

/** Every string field of the batch response, as the issue lists them. */
export const stringFields = [
  'workflow_name',
  'workflows',
  'error_message',
  'error_category',
  'category',
  'sample_messages',
  'trigger_type',
  'triggered_by',
  'endpoint_slug',
  'http_method',
  'time',
  'started_at',
  'last_execution',
  'run_id',
  'execution_id',
  'granularity',
  'sort_by',
] as const;
export type StringField = (typeof stringFields)[number];

/** The error-body fields Granite's three shapes carry (`detail` as a string and as FastAPI's list). */
export const errorBodyFields = ['message', 'detail', 'detail[].msg'] as const;

/** The body a server error sends with `text` in `field`. */
export function errorBody(field: (typeof errorBodyFields)[number], text: string): unknown {
  if (field === 'message') return { error: 'internal_error', message: text, code: 500 };
  if (field === 'detail') return { detail: text };
  return { detail: [{ loc: ['body', 'granularity'], msg: text, type: 'enum' }] };
}

/** Workflow names live in two fields; the tree joins them, so one name maps to one payload. */
const workflowKeys = new Set(['workflows', 'workflow_name']);

/**
 * Replaces every string of a batch with a payload (nulls stay null). Round `r` gives the n-th string of
 * a field payload `n + r` (workflow names: the n-th distinct name), so over `corpus.length` rounds every
 * field gets every payload, the first string of each field is payload `r`, and within one round ids and
 * names stay distinct (lists are cut to the corpus size).
 */
export function poisonBatch(json: unknown, round: number): unknown {
  const counters = new Map<string, number>();
  const names = new Map<string, string>();
  const next = (field: string) => {
    const n = counters.get(field) ?? 0;
    counters.set(field, n + 1);
    return payload(n + round, field);
  };
  const walk = (value: unknown, field: string): unknown => {
    if (typeof value === 'string') {
      if (!workflowKeys.has(field)) return next(field);
      let name = names.get(value);
      if (name === undefined) names.set(value, (name = next('workflow')));
      return name;
    }
    if (Array.isArray(value)) return value.slice(0, corpus.length).map((v) => walk(v, field));
    if (value && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
    return value;
  };
  return walk(json, 'batch');
}

/** The kinds the issue asks the corpus to cover. */
export const requiredKinds: readonly PayloadKind[] = [
  'html',
  'url',
  'attribute',
  'template',
  'markdown',
  'command',
  'codicon',
  'bidi',
  'zero-width',
  'newline',
  'csv',
  'long',
];

/** Prints the figure line of a layer. */
export function reportFigure(layer: string, fields: number): void {
  console.log(
    `[figure] xss payloads = ${corpus.length}, fields = ${fields}, cases = ${corpus.length}×${fields} = ${corpus.length * fields} (${layer})`,
  );
}

/** Raw values of each string field whose text was found rendered where a surface shows that field. */
export type FieldsFound = Map<StringField, string[]>;

/** The corpus index of the payload `value` carries in `field` (workflow names carry the 'workflow' ones). */
export function payloadIndexOf(field: string, value: string): number | undefined {
  const placed = workflowKeys.has(field) ? 'workflow' : field;
  let indexes = payloadIndexes.get(placed);
  if (!indexes) payloadIndexes.set(placed, (indexes = new Map(corpus.map((_, i) => [payload(i, placed), i]))));
  return indexes.get(value);
}
const payloadIndexes = new Map<string, Map<string, number>>();

/**
 * Which payloads of which fields a layer found rendered as text: a field is marked only with the payload
 * its found value carries. Fields no surface of the layer shows are counted apart.
 */
export class FieldCoverage {
  private readonly found = new Map<string, Set<number>>();

  /** Each value found rendered: its payload is marked for its field (a value that is no payload marks nothing). */
  markFound(found: FieldsFound | ReadonlyMap<string, readonly string[]>): void {
    for (const [field, values] of found)
      for (const value of values) {
        const index = payloadIndexOf(field, value);
        if (index !== undefined) this.mark(field, index);
      }
  }

  mark(field: string, index: number): void {
    this.found.set(field, (this.found.get(field) ?? new Set()).add(index));
  }

  /** How many distinct payloads of `field` were found rendered. */
  count(field: string): number {
    return this.found.get(field)?.size ?? 0;
  }

  /**
   * Every field of `fields` that the layer shows was found rendered with every payload, and exactly
   * `unshown` were found with none; prints both counts.
   */
  assertComplete(layer: string, fields: readonly string[], unshown: readonly string[]): void {
    const none = fields.filter((field) => this.count(field) === 0);
    const shown = fields.filter((field) => this.count(field) > 0);
    console.log(
      `[figure] xss ${layer}: ${corpus.length} payloads; ${shown.length} fields found rendered as text ` +
        `(${shown.map((f) => `${f} ${this.count(f)}`).join(', ')}); ${none.length} fields shown on no surface (${none.join(', ') || 'none'})`,
    );
    assert.deepEqual(none, [...unshown], `${layer}: the fields no surface shows`);
    for (const field of shown)
      assert.equal(
        this.count(field),
        corpus.length,
        `${layer}: ${field} was found rendered with ${this.count(field)} of ${corpus.length} payloads`,
      );
  }
}

/**
 * Whether `said` (a server's message as the client keeps it: one line, cut with "…", a validation
 * error's field first) shows the payload `text`: what is left of it is the start of `text`, as a reader
 * takes it in.
 */
export function saysPayload(said: string, text: string): boolean {
  const kept = readable(said.replace(/^granularity: /, '').replace(/…$/, ''));
  return kept.length > 0 && readable(text).startsWith(kept);
}
