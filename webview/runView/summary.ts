/**
 * The Summary tab: status, workflow, start and finish (local time, UTC in the tooltip), duration, trigger,
 * endpoint, user (`user_id` as sent), and the error's category, name and whole message (from the failure
 * record, else from `result`'s error: ExecutionDetail has neither). Copy Execution ID and Open in Granite
 * are host commands; every value is text.
 */
import { formatDuration, humanizeCategory, triggerLabel } from '../../src/core/format';
import { runError } from '../../src/runs/runViewModel';
import type { RunViewMessage, RunViewState } from '../../src/runs/runViewProtocol';
import { button, el } from '../dom';
import { t } from '../l10n';
import { fieldList, partNotice, section, statusBadge, timeEl } from './fields';

export function renderSummary(panel: HTMLElement, state: RunViewState, post: (m: RunViewMessage) => void): void {
  const detail = state.detail.state === 'ok' ? state.detail.value : undefined;
  const failure = state.failure;
  const status = detail?.status ?? (failure ? 'failed' : undefined);
  const started = detail?.started_at ?? failure?.started_at;
  const trigger = detail?.triggered_by ?? failure?.triggered_by;
  const error = runError(failure, detail?.result);
  const fields = fieldList([
    [t('Status'), status ? statusBadge(status) : undefined, 'status'],
    [t('Workflow'), state.workflowName, 'workflow'],
    [t('Started'), started ? timeEl(started, state.locale) : undefined, 'started'],
    [t('Finished'), detail?.completed_at ? timeEl(detail.completed_at, state.locale) : undefined, 'finished'],
    [t('Duration'), formatDuration(detail?.duration_ms ?? failure?.duration_ms, state.locale), 'duration'],
    [t('Trigger'), trigger ? triggerLabel(trigger) : undefined, 'trigger'],
    [t('Endpoint'), detail?.endpoint_slug ?? undefined, 'endpoint'],
    [t('User'), detail?.user_id ?? undefined, 'user'],
    [t('Execution ID'), state.executionId, 'executionId'],
    [t('Automation (run ID)'), state.runId || detail?.run_id, 'runId'],
    [t('Job ID'), detail?.job_id ?? undefined, 'jobId'],
  ]);
  const actions = el(
    'div',
    { class: 'actions' },
    button(t('Copy Execution ID'), () => post({ type: 'copy', field: 'executionId' }), { class: 'copy-id' }),
    state.canOpenInGranite
      ? button(t('Open in Granite'), () => post({ type: 'openInGranite' }), { class: 'open-granite' })
      : null,
  );
  const errorBlock = error
    ? section(
        t('Error'),
        fieldList([
          [
            t('Category'),
            error.category ? `${humanizeCategory(error.category)} (${error.category})` : undefined,
            'errorCategory',
          ],
          [t('Name'), error.name, 'errorName'],
        ]),
        error.message
          ? el('pre', { class: 'error-message', dir: 'auto', 'data-field': 'errorMessage' }, error.message)
          : null,
        el(
          'p',
          { class: 'muted' },
          error.from === 'failure' ? t('From the failure record.') : t("From the execution's result."),
        ),
      )
    : null;
  panel.replaceChildren(
    ...[partNotice(state.detail, t('Execution details'), state.loading), fields, actions, errorBlock].filter(
      (n): n is HTMLElement => !!n,
    ),
  );
}
