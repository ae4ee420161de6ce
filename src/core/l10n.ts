/**
 * User-visible text of src/core, written in English with `{0}`-style placeholders. The host installs
 * `vscode.l10n.t` (and the webview its bundle lookup) with `setTranslator`; without one, the English is
 * formatted as is (unit tests, the simulator).
 */
export type Translator = (message: string, ...args: (string | number)[]) => string;

let translator: Translator = (message, ...args) => message.replace(/\{(\d+)\}/g, (match, i: string) => String(args[+i] ?? match));

export function setTranslator(fn: Translator): void {
  translator = fn;
}

export function t(message: string, ...args: (string | number)[]): string {
  return translator(message, ...args);
}
