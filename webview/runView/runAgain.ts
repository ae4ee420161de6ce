/**
 * Run Again's area in the run view: shown only when the host says Run Again is allowed (setting on,
 * trusted workspace). A JSON editor pre-filled with the execution's parameters as an object of name →
 * value, and a button that posts the text as it is (`runAgain {parametersJson}`). The host checks it
 * against the automation's schema and asks for confirmation in VS Code's own modal dialog; this area
 * only checks that the text is a JSON object, to say so early.
 */
import type { RunViewMessage } from '../../src/runs/runViewProtocol';
import { button, el, uid } from '../dom';
import { t } from '../l10n';

/** `[{name, value}]` → `{name: value}`; items of another shape keep the array form so nothing is lost. */
export function parametersObject(parameters: Record<string, unknown>[]): unknown {
  const named = parameters.every((p) => typeof p.name === 'string');
  if (!named) return parameters;
  return Object.fromEntries(parameters.map((p) => [p.name as string, p.value]));
}

export function runAgainArea(parameters: Record<string, unknown>[], post: (m: RunViewMessage) => void): HTMLElement {
  const id = uid('run-again');
  const editor = el('textarea', { id, class: 'run-again-json', rows: 8, spellcheck: 'false', dir: 'ltr' });
  editor.value = JSON.stringify(parametersObject(parameters), null, 2);
  const message = el('p', { class: 'run-again-message', role: 'status' });
  const run = button(
    t('Run Again…'),
    () => {
      try {
        const parsed: unknown = JSON.parse(editor.value);
        if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      } catch {
        message.textContent = t('The parameters must be a JSON object, such as {"name": "value"}.');
        return;
      }
      message.textContent = t('VS Code asks you to confirm before anything is sent.');
      post({ type: 'runAgain', parametersJson: editor.value });
    },
    { class: 'run-again' },
  );
  return el(
    'section',
    { class: 'block run-again-area' },
    el('h2', {}, t('Run Again')),
    el('label', { for: id }, t('Parameters (JSON)')),
    editor,
    el('div', { class: 'actions' }, run),
    message,
  );
}
