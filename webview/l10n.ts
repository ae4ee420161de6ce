/**
 * UI strings. The host passes a bundle (English text → translation) in `#app[data-l10n]`, the way
 * `vscode.l10n` bundles are keyed; `{0}`-style placeholders are filled after the lookup. The same lookup
 * translates src/core's strings (formatAge, range labels) through its `setTranslator`.
 */
import { setTranslator } from '../src/core/l10n';

let bundle: Record<string, string> = {};

export function loadL10n(root: HTMLElement): void {
  try {
    const parsed: unknown = JSON.parse(root.dataset.l10n ?? '{}');
    if (parsed && typeof parsed === 'object') bundle = parsed as Record<string, string>;
  } catch {
    bundle = {};
  }
  setTranslator(t);
}

export function t(text: string, ...args: (string | number)[]): string {
  const template = typeof bundle[text] === 'string' ? bundle[text] : text;
  return args.length === 0
    ? template
    : template.replace(/\{(\d+)\}/g, (match, i: string) => (args[Number(i)] ?? match).toString());
}
