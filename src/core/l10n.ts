/**
 * User-visible text of src/core, written in English with `{0}`-style placeholders. The host installs
 * `vscode.l10n.t` (and the webview its bundle lookup) with `setTranslator`; without one, the English is
 * formatted as is (unit tests, the simulator).
 */
export type Translator = (message: string, ...args: (string | number)[]) => string;

const english: Translator = (message, ...args) =>
  message.replace(/\{(\d+)\}/g, (match, i: string) => String(args[+i] ?? match));

// One translator per host: the lazily loaded bundle carries its own copy of this module (the new-failure
// notifier and the tools translate there), so the translator lives on globalThis for both copies to share.
const translatorKey = Symbol.for('granite-analytics.translator');
const holder = globalThis as unknown as Record<symbol, Translator | undefined>;

export function setTranslator(fn: Translator): void {
  holder[translatorKey] = fn;
}

export function t(message: string, ...args: (string | number)[]): string {
  return (holder[translatorKey] ?? english)(message, ...args);
}
