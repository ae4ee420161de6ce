/**
 * The History tab (`GET …/automations/{run_id}/executions`): the plain words on recent outcomes
 * (HistoryWords, made by the host), a strip of the last 50 outcomes oldest first, and the executions
 * newest first, each opening its own run view through the host (ids only).
 */
import { formatDuration, parseTimestamp, triggerLabel } from '../../src/core/format';
import type { RunViewMessage, RunViewState } from '../../src/runs/runViewProtocol';
import { button, el } from '../dom';
import { t } from '../l10n';
import { partNotice, statusBadge, timeEl, timeText } from './fields';

function words(state: RunViewState): HTMLElement | null {
  const w = state.words;
  if (!w) return null;
  const lines = [w.streak, w.ratio, w.lastSuccess].filter((s): s is string => !!s);
  return el(
    'div',
    { class: `history-words kind-${w.kind}`, 'data-kind': w.kind },
    ...lines.map((line) => el('p', { dir: 'auto' }, line)),
  );
}

function strip(state: RunViewState): HTMLElement | null {
  const items = state.words?.strip ?? [];
  if (!items.length) return null;
  return el(
    'ol',
    { class: 'outcome-strip', 'aria-label': t('Last {0} outcomes, oldest first', items.length) },
    ...items.map((item) => {
      const when = timeText(item.startedAt, state.locale).text;
      const label = `${item.status} · ${when}`;
      return el('li', {
        class: `outcome status-${item.status}${item.executionId === state.executionId ? ' this-run' : ''}`,
        title: label,
        'aria-label': label,
        'data-status': item.status,
      });
    }),
  );
}

export function renderHistory(panel: HTMLElement, state: RunViewState, post: (m: RunViewMessage) => void): void {
  const notice = partNotice(state.history, t('History'), state.loading);
  if (state.history.state !== 'ok') {
    panel.replaceChildren(...[words(state), strip(state), notice].filter((n): n is HTMLElement => !!n));
    return;
  }
  const { executions, total } = state.history.value;
  const sorted = [...executions].sort(
    (a, b) => (parseTimestamp(b.started_at) ?? 0) - (parseTimestamp(a.started_at) ?? 0),
  );
  const rows = sorted.map((e) =>
    el(
      'tr',
      { 'data-execution': e.execution_id, 'aria-current': e.execution_id === state.executionId ? 'true' : undefined },
      el('td', {}, statusBadge(e.status)),
      el('td', {}, timeEl(e.started_at, state.locale)),
      el('td', {}, formatDuration(e.duration_ms, state.locale)),
      el('td', { dir: 'auto' }, triggerLabel(e.triggered_by)),
      el(
        'td',
        {},
        e.execution_id === state.executionId
          ? el('span', { class: 'muted' }, t('This run'))
          : button(t('Open'), () => post({ type: 'openExecution', executionId: e.execution_id, runId: e.run_id }), {
              class: 'open-execution',
              'aria-label': t('Open the run of {0}', timeText(e.started_at, state.locale).text),
            }),
      ),
    ),
  );
  panel.replaceChildren(
    ...[
      words(state),
      strip(state),
      el('p', { class: 'muted' }, t('{0} of {1} executions of this automation, newest first.', sorted.length, total)),
      el(
        'table',
        { class: 'history' },
        el(
          'thead',
          {},
          el(
            'tr',
            {},
            ...[t('Status'), t('Started'), t('Duration'), t('Trigger'), t('Run')].map((h) =>
              el('th', { scope: 'col' }, h),
            ),
          ),
        ),
        el('tbody', {}, ...rows),
      ),
    ].filter((n): n is HTMLElement => !!n),
  );
}
