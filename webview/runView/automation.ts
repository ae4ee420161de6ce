/**
 * The Automation tab (`GET …/automations/{run_id}/info`): description, hint, status, endpoint, and the
 * endpoint's URL as TEXT with a Copy button — never a link and never fetched, since any request to it runs
 * the automation — and the parameters schema as a JSON tree (untrusted JSON, shown as text).
 */
import type { RunViewMessage, RunViewState } from '../../src/runs/runViewProtocol';
import { button, el } from '../dom';
import { t } from '../l10n';
import { fieldList, partNotice, section, timeEl } from './fields';
import { jsonTree } from './jsonTree';

export function renderAutomation(panel: HTMLElement, state: RunViewState, post: (m: RunViewMessage) => void): void {
  const notice = partNotice(state.info, t('The automation'), state.loading);
  if (state.info.state !== 'ok') {
    panel.replaceChildren(notice ?? '');
    return;
  }
  const info = state.info.value;
  const url = info.endpoint_url
    ? el(
        'span',
        { class: 'endpoint-url' },
        el('code', { dir: 'ltr', 'data-field': 'endpointUrl' }, info.endpoint_url),
        button(t('Copy'), () => post({ type: 'copy', field: 'endpointUrl' }), {
          class: 'copy-endpoint',
          'aria-label': t('Copy endpoint URL'),
        }),
      )
    : undefined;
  panel.replaceChildren(
    fieldList([
      [t('Description'), info.workflow_description ?? undefined, 'description'],
      [t('Hint'), info.workflow_hint ?? undefined, 'hint'],
      [t('Status'), info.status ?? undefined, 'automationStatus'],
      [t('Endpoint'), info.endpoint_slug ?? undefined, 'endpointSlug'],
      [t('Endpoint URL'), url, 'endpointUrlRow'],
      [t('Created'), info.created_at ? timeEl(info.created_at, state.locale) : undefined, 'created'],
    ]),
    url
      ? el('p', { class: 'muted' }, t('Any request to this URL runs the automation, so it is shown as text only.'))
      : '',
    section(
      t('Parameters schema'),
      info.parameters_schema && Object.keys(info.parameters_schema).length
        ? jsonTree(info.parameters_schema, t('Parameters schema'))
        : el('p', { class: 'muted' }, t('No parameters schema.')),
    ),
  );
}
