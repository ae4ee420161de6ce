/**
 * The one escaper: API strings (workflow names, error messages, categories…) are controlled by whoever
 * can name a workflow or trigger an error, and several VS Code surfaces interpret markup. Each function
 * makes text literal for one kind of surface while keeping it readable.
 */

/** Control characters (except tab and newline) never belong in a label. */
// eslint-disable-next-line no-control-regex -- these are exactly the characters being removed
const controlChars = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/** Bidi embeddings, overrides and isolates (and the marks): a `U+202E` in a name reverses what follows it. */
const bidiControls = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/**
 * A character of a right-to-left script (Unicode bidi classes R and AL; JavaScript has no
 * `\p{Bidi_Class}`, so by block): Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan, Mandaic and the
 * Arabic extensions (U+0590–08FF), Hebrew and Arabic presentation forms, and the supplementary
 * right-to-left blocks (U+10800–10FFF, U+1E800–1EFFF).
 */
const rightToLeft = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;

/** Whether `text` has a character that makes the bidi algorithm reorder it, or what sits next to it. */
export function needsIsolation(text: string): boolean {
  return bidiControls.test(text) || rightToLeft.test(text);
}

/**
 * API text with bidi controls or right-to-left letters goes inside a first-strong isolate (U+2068 …
 * U+2069). Its own overrides end with it, so a name with `U+202E` cannot reverse the rate shown after it;
 * and the figures next to it stay out of its run, so an Arabic name followed by `87.5% · 8 runs` does not
 * read `8 · %87.5` (digits after Arabic letters join their right-to-left run). Inside, the name keeps its
 * own direction. Other text is returned unchanged.
 */
export function isolateBidi(text: string): string {
  return needsIsolation(text) ? `\u2068${text}\u2069` : text;
}

/**
 * Status-bar text, quick-pick labels and tree labels with icon support render `$(name)` as an icon; a
 * backslash before `$(` is VS Code's own escape for it (`escapeIcons` in vs/base/common/iconLabels).
 */
export function inertIcons(text: string): string {
  return isolateBidi(text.replace(controlChars, ' ').replace(/\$\(/g, '\\$('));
}

/**
 * Notifications and error messages turn `[label](command:… | https:…)` into links and render `$(icon)`;
 * neither honours a backslash, so a zero-width space splits the pattern: the text reads the same, and no
 * link or icon can be formed from it.
 */
export function inertLinkedText(text: string): string {
  return isolateBidi(
    text
      .replace(controlChars, ' ')
      .replace(/\](?=\s*\()/g, ']\u200b')
      .replace(/\$\(/g, '$\u200b('),
  );
}

const markdownSpecials = /[\\`*_{}[\]()#+\-.!|<>~&$:=]/g;
/** VS Code's theme-icon syntax (`iconNameExpression` and `iconModifierExpression` in vs/base/common/themables). */
const themeIcon = /\$\([A-Za-z0-9-]+(?:~[A-Za-z]+)?\)/g;

function escapeMarkdown(text: string): string {
  return text.replace(markdownSpecials, (c) => `\\${c}`);
}

/**
 * For Markdown that is assembled as text: every character Markdown or HTML could act on is
 * backslash-escaped, so no link, autolink (`<command:…>`, `https://…`, `www.…`), image, HTML, entity
 * (`&lt;`), heading or `$(icon)` can form, and the text reads exactly as sent. `MarkdownString.appendText`
 * is not enough: it leaves `<`, `&`, `:` and `.` alone, so `<command:…>` and `<https://…>` become links.
 *
 * `themeIcons`: for a MarkdownString with `supportThemeIcons`, VS Code renders `$(name)` in the HTML that
 * Markdown produced unless a backslash precedes it there; so each such `$(name)` gets an escaped
 * backslash in front (`\\\$\(name\)` renders as the text `\$(name)`, which VS Code shows as `$(name)`).
 */
export function inertMarkdown(text: string, options: { themeIcons?: boolean } = {}): string {
  const clean = text.replace(controlChars, ' ');
  let out = '';
  let last = 0;
  if (options.themeIcons) {
    for (const m of clean.matchAll(themeIcon)) {
      out += `${escapeMarkdown(clean.slice(last, m.index))}\\\\${escapeMarkdown(m[0])}`;
      last = m.index + m[0].length;
    }
  }
  // A line break is a backslash hard break: unlike a blank line, it keeps multi-line text in one paragraph
  // (inside the tooltip's `**…**`), and a continuation line cannot start a block.
  return isolateBidi(`${out}${escapeMarkdown(clean.slice(last))}`.replace(/\r?\n/g, '\\\n'));
}

/**
 * Markdown assembled from our own markup and API text: API strings only ever go through `text`. The
 * VS Code adapter (src/markdown.ts) wraps `value` in an untrusted MarkdownString.
 */
export class SafeMarkdown {
  value = '';
  constructor(readonly themeIcons = false) {}

  markup(markdown: string): this {
    this.value += markdown;
    return this;
  }

  text(text: string): this {
    this.value += inertMarkdown(text, { themeIcons: this.themeIcons });
    return this;
  }
}

/** One line for labels and descriptions: newlines and tabs become spaces, runs of space collapse. */
export function oneLine(text: string): string {
  return isolateBidi(text.replace(controlChars, ' ').replace(/\s+/g, ' ').trim());
}
