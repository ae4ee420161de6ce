/**
 * The one escaper: API strings (workflow names, error messages, categories…) are controlled by whoever
 * can name a workflow or trigger an error, and several VS Code surfaces interpret markup. Each function
 * makes text literal for one kind of surface while keeping it readable.
 */

/** Control characters (except tab and newline) never belong in a label. */
// eslint-disable-next-line no-control-regex -- these are exactly the characters being removed
const controlChars = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/**
 * Status-bar text, quick-pick labels and tree labels with icon support render `$(name)` as an icon; a
 * backslash before `$(` is VS Code's own escape for it (`escapeIcons` in vs/base/common/iconLabels).
 */
export function inertIcons(text: string): string {
  return text.replace(controlChars, ' ').replace(/\$\(/g, '\\$(');
}

/**
 * Notifications and error messages turn `[label](command:… | https:…)` into links and render `$(icon)`;
 * neither honours a backslash, so a zero-width space splits the pattern: the text reads the same, and no
 * link or icon can be formed from it.
 */
export function inertLinkedText(text: string): string {
  return text.replace(controlChars, ' ').replace(/\](?=\s*\()/g, ']\u200b').replace(/\$\(/g, '$\u200b(');
}

const markdownSpecials = /[\\`*_{}[\]()#+\-.!|<>~&$:]/g;

/**
 * For Markdown that is assembled as text (`appendMarkdown`): every character Markdown or HTML could act
 * on is backslash-escaped, so links, images, HTML and `$(icon)` stay literal. Prefer
 * `MarkdownString.appendText`, which does the same; use this where a string is built first.
 */
export function inertMarkdown(text: string): string {
  return text.replace(controlChars, ' ').replace(markdownSpecials, (c) => `\\${c}`).replace(/\r?\n/g, '  \n');
}

/** One line for labels and descriptions: newlines and tabs become spaces, runs of space collapse. */
export function oneLine(text: string): string {
  return text.replace(controlChars, ' ').replace(/\s+/g, ' ').trim();
}
