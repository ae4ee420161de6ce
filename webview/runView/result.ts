/**
 * The Parameters & result tab: the execution's parameters as a table, Run Again's area when the host
 * allows it, then what a person looks for first in `result` — the error, the return code, stdout and
 * stderr as virtualised log blocks (logView.ts) — and the rest of `result` as a lazy JSON tree.
 */
import { errorText, resultParts, runError } from '../../src/runs/runViewModel';
import type { CopyField, RunViewMessage, RunViewState } from '../../src/runs/runViewProtocol';
import { el } from '../dom';
import { t } from '../l10n';
import { fieldList, partNotice, section } from './fields';
import { jsonTree } from './jsonTree';
import { LogView } from './logView';
import { runAgainArea } from './runAgain';

/** The log blocks live across states, so a refresh keeps their scroll and search. */
export type LogViews = Map<CopyField, LogView>;

function logView(logs: LogViews, field: CopyField, title: string, text: string, post: (m: RunViewMessage) => void) {
  let view = logs.get(field);
  if (!view) {
    view = new LogView(title, () => post({ type: 'copy', field }));
    view.element.dataset.log = field;
    logs.set(field, view);
  }
  view.setText(text);
  return view.element;
}

function parametersTable(parameters: Record<string, unknown>[]): HTMLElement {
  if (!parameters.length) return el('p', { class: 'muted' }, t('No parameters.'));
  const show = (v: unknown) => (typeof v === 'string' ? v : ((JSON.stringify(v) as string | undefined) ?? ''));
  const rows = parameters.map((p) => {
    const named = typeof p.name === 'string' && Object.keys(p).every((k) => k === 'name' || k === 'value');
    return el(
      'tr',
      {},
      el('td', { dir: 'auto' }, named ? (p.name as string) : '—'),
      el('td', {}, el('code', { dir: 'auto' }, named ? show(p.value) : show(p))),
    );
  });
  return el(
    'table',
    { class: 'parameters' },
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, t('Name')), el('th', { scope: 'col' }, t('Value')))),
    el('tbody', {}, ...rows),
  );
}

export function renderResult(
  panel: HTMLElement,
  state: RunViewState,
  logs: LogViews,
  post: (m: RunViewMessage) => void,
): void {
  const notice = partNotice(state.detail, t('Execution details'), state.loading);
  if (state.detail.state !== 'ok') {
    panel.replaceChildren(notice ?? '');
    return;
  }
  const detail = state.detail.value;
  const parts = resultParts(detail.result);
  const error = errorText(runError(state.failure, detail.result));
  const blocks: (HTMLElement | null)[] = [
    section(t('Parameters'), parametersTable(detail.parameters ?? [])),
    state.runAgain ? runAgainArea(detail.parameters ?? [], post) : null,
    parts.returnCode !== undefined ? fieldList([[t('Return code'), parts.returnCode, 'returnCode']]) : null,
    error ? logView(logs, 'error', t('Error'), error, post) : null,
    parts.stdout !== undefined ? logView(logs, 'stdout', t('stdout'), parts.stdout, post) : null,
    parts.stderr !== undefined ? logView(logs, 'stderr', t('stderr'), parts.stderr, post) : null,
    Object.keys(parts.rest).length
      ? section(t('Other result fields'), jsonTree(parts.rest, t('Other result fields')))
      : null,
    detail.result ? null : el('p', { class: 'muted' }, t('This execution has no result.')),
  ];
  panel.replaceChildren(...blocks.filter((b): b is HTMLElement => !!b));
}
