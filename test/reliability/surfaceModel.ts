/**
 * How VS Code surfaces read the strings the extension gives them, modelled on VS Code 1.100's own rules
 * (quoted from its source where it matters), so host and code-server tests can ask of any shown string:
 * what does the user see, and did anything in it turn into a link, an icon, HTML or a formula?
 *
 * - Markdown (hovers of tree items and the status bar): CommonMark + GFM (marked), then, with
 *   `supportThemeIcons`, `$(name)` in the resulting HTML becomes an icon unless a backslash precedes it.
 * - Icon labels (status-bar text, quick-pick label/description/detail): `renderLabelWithIcons`.
 * - Notifications and error messages: `parseLinkedText` turns `[label](https:|command:|file:…)` into links.
 * - CSV: a cell starting with `=`, `+`, `-`, `@`, tab or CR is a formula to a spreadsheet.
 */

/** `iconNameExpression` and `iconModifierExpression` (vs/base/common/themables). */
const iconName = '[A-Za-z0-9-]+(?:~[A-Za-z]+)?';
/** `renderLabelWithIcons`: `(\\)?\$\((name)\)`; an escaped one shows as `$(name)`, the others as icons. */
const labelIcon = new RegExp(`(\\\\)?\\$\\((${iconName})\\)`, 'g');
/** `markdownEscapeEscapedIcons`, run on the Markdown source before marked when icons are supported. */
const escapedIconInSource = new RegExp(`\\\\\\$\\(${iconName}\\)`, 'g');
/** `parseLinkedText` (vs/base/common/linkedText), verbatim. */
const linkedTextLink = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;
/** The inert.ts control characters: shown as spaces on every VS Code surface. */
// eslint-disable-next-line no-control-regex -- these are the characters the surfaces replace
export const controlChars = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/** Text as a reader takes it in: zero-width spaces (inert.ts's link breakers) and runs of whitespace do not count. */
export function readable(text: string): string {
  return text
    .replace(controlChars, ' ')
    .replace(/\u200b/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A label rendered with icon support: the visible text, and the icons that would be drawn. */
export function iconLabel(text: string): { visible: string; icons: string[] } {
  const icons: string[] = [];
  const visible = text.replace(labelIcon, (_m, escaped: string | undefined, name: string) => {
    if (escaped) return `$(${name})`;
    icons.push(name);
    return '';
  });
  return { visible, icons };
}

/** The links a notification would render from `text`. */
export function notificationLinks(text: string): string[] {
  return [...text.matchAll(linkedTextLink)].map((m) => m[2]!);
}

interface Lexed {
  c: string;
  escaped: boolean;
}

/** CommonMark backslash escapes: a backslash before ASCII punctuation makes it a literal character, before a line end a hard break. */
function lex(source: string): Lexed[] {
  const out: Lexed[] = [];
  for (let i = 0; i < source.length; i++) {
    const next = source[i + 1];
    if (source[i] === '\\' && next === '\n') {
      out.push({ c: '\n', escaped: false }); // a hard line break
      i++;
    } else if (source[i] === '\\' && next !== undefined && /[!-/:-@[-`{-~]/.test(next)) {
      out.push({ c: next, escaped: true });
      i++;
    } else {
      out.push({ c: source[i]!, escaped: false });
    }
  }
  return out;
}

/**
 * What in a Markdown source could become something other than text: a link or image (`[`, `](`), raw
 * HTML or an autolink (`<`), an entity (`&`), a code span, or a GFM autolink (`https://`, `www.`,
 * `name@host.tld`). Only unescaped characters count.
 */
export function markdownHazards(source: string): string[] {
  const raw = lex(source)
    .map((ch) => (ch.escaped ? '\u0001' : ch.c))
    .join('');
  const rules: [string, RegExp][] = [
    ['link or image', /[[\]]/],
    ['HTML or autolink', /</],
    ['entity', /&(?!nbsp;)/], // appendText's own `&nbsp;` is fine
    ['code span', /`/],
    ['GFM URL autolink', /(?:https?|ftp):\/\//i],
    ['GFM www autolink', /(?:^|[^\w])www\./i],
    ['GFM email autolink', /(?<![\w.+-])[\w.+-]{1,64}@[\w-]+\.[\w-]/],
  ];
  return rules.filter(([, re]) => re.test(raw)).map(([name]) => name);
}

/** The text a hover shows for a Markdown source (given no construct formed), and the icons it draws. */
export function markdownView(source: string, themeIcons: boolean): { visible: string; icons: string[] } {
  const prepared = themeIcons ? source.replace(escapedIconInSource, (m) => `\\${m}`) : source;
  // An escaped `&` stays literal; appendText's raw `&nbsp;` reads as a space.
  const html = lex(prepared)
    .map((ch) => (ch.escaped && ch.c === '&' ? '\uE000' : ch.c))
    .join('')
    .replace(/&nbsp;/g, ' ')
    .replace(/\uE000/g, '&')
    .replace(/ {2,}\n/g, '\n');
  return themeIcons ? iconLabel(html) : { visible: html, icons: [] };
}

/**
 * Whether a bidi embedding, override or isolate opened in `text` is still open at its end (Unicode
 * bidi algorithm, rules X1–X7): then it reorders whatever the surface shows after the text, e.g. the
 * success rate after a workflow name.
 */
export function bidiOpenAtEnd(text: string): boolean {
  const stack: ('embedding' | 'isolate')[] = [];
  for (const c of text) {
    if ('\u202a\u202b\u202d\u202e'.includes(c)) stack.push('embedding');
    else if (c === '\u202c' && stack.at(-1) === 'embedding') stack.pop();
    else if ('\u2066\u2067\u2068'.includes(c)) stack.push('isolate');
    else if (c === '\u2069' && stack.includes('isolate')) stack.length = stack.lastIndexOf('isolate');
  }
  return stack.length > 0;
}

/** RFC 4180, as spreadsheets read it. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell !== '' || row.length) rows.push([...row, cell]);
  return rows;
}

/** A cell a spreadsheet would evaluate (OWASP CSV injection: `=`, `+`, `-`, `@`, tab, carriage return). */
export function isFormula(cell: string): boolean {
  return /^[=+\-@\t\r]/.test(cell);
}
