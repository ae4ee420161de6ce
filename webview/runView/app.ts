/**
 * The run view's page: a header (workflow, status, Refresh while the execution is in progress, loading and
 * fetch time) and the tabs — Summary, Parameters & result, Automation, History, and Timeline only when
 * there is a trace. Each state from the host re-renders the shown tab and marks the others to be built
 * when next shown; log blocks survive states, so a Refresh keeps their scroll and search.
 */
import { formatAge } from '../../src/core/format';
import { inProgressStatuses } from '../../src/runs/runViewModel';
import type { RunViewMessage, RunViewState } from '../../src/runs/runViewProtocol';
import { button, el } from '../dom';
import { t } from '../l10n';
import { statusBadge } from './fields';
import type { RunViewHost } from './host';
import { renderAutomation } from './automation';
import { renderHistory } from './history';
import { renderResult, type LogViews } from './result';
import { renderSummary } from './summary';
import { Tabs, type TabSpec } from './tabs';
import { drawScreenshot, renderTimeline, type Screenshots } from './timeline';

export class RunViewApp {
  readonly element: HTMLElement;
  private readonly header: HTMLElement;
  private readonly tabs: Tabs;
  private readonly logs: LogViews = new Map();
  private readonly shots: Screenshots = new Map();
  private state?: RunViewState;
  private screenshotsAsked = false;

  constructor(private readonly host: RunViewHost) {
    this.header = el('header', { class: 'run-header' });
    this.tabs = new Tabs(t('Run'), (id) => this.host.save({ tab: id }));
    this.element = el('div', { class: 'run-view' }, this.header, this.tabs.element);
  }

  private post = (message: RunViewMessage) => this.host.post(message);

  render(state: RunViewState): void {
    const previous = this.state;
    this.state = state;
    if (
      previous?.trace.state === 'ok' &&
      state.trace.state === 'ok' &&
      previous.trace.fetchedAt !== state.trace.fetchedAt
    ) {
      this.shots.clear(); // a new trace: new links, new screenshots
      this.screenshotsAsked = false;
    }
    this.host.save({ executionId: state.executionId, runId: state.runId || undefined });
    this.renderHeader(state);
    const specs: TabSpec[] = [
      { id: 'summary', label: t('Summary'), render: (p) => renderSummary(p, state, this.post) },
      { id: 'result', label: t('Parameters & result'), render: (p) => renderResult(p, state, this.logs, this.post) },
      { id: 'automation', label: t('Automation'), render: (p) => renderAutomation(p, state, this.post) },
      { id: 'history', label: t('History'), render: (p) => renderHistory(p, state, this.post) },
    ];
    if (state.trace.state === 'ok')
      specs.push({
        id: 'timeline',
        label: t('Timeline'),
        render: (p) => renderTimeline(p, state, this.shots, this.post),
        onShow: () => this.askScreenshots(),
      });
    this.tabs.setTabs(specs, this.tabs.selected || this.host.tab || 'summary');
  }

  private askScreenshots(): void {
    const trace = this.state?.trace;
    if (this.screenshotsAsked || trace?.state !== 'ok' || !trace.screenshotCount) return;
    this.screenshotsAsked = true;
    this.post({ type: 'loadScreenshots' });
  }

  /** A screenshot the host fetched: kept, and drawn if the Timeline is built. */
  screenshot(index: number, shot: { dataUrl?: string; error?: string }): void {
    this.shots.set(index, shot);
    const trace = this.state?.trace;
    const slot = this.element.querySelector<HTMLElement>(`.screenshot[data-index="${index}"]`);
    if (slot && trace?.state === 'ok') drawScreenshot(slot, shot, index + 1, trace.screenshotCount);
  }

  private renderHeader(state: RunViewState): void {
    const detail = state.detail.state === 'ok' ? state.detail.value : undefined;
    const status = detail?.status ?? (state.failure ? 'failed' : undefined);
    const running = !!detail && inProgressStatuses.includes(detail.status);
    const title = state.workflowName ?? t('Execution {0}', state.executionId);
    this.header.replaceChildren(
      el('h1', { dir: 'auto' }, title),
      status ? statusBadge(status) : '',
      running || state.loading
        ? button(t('Refresh'), () => this.post({ type: 'refresh' }), {
            class: 'refresh',
            disabled: state.loading,
          })
        : '',
      el(
        'span',
        { class: 'fetched muted', role: 'status' },
        state.loading
          ? t('Loading…')
          : state.fetchedAt && state.detail.state === 'ok'
            ? t('Loaded {0}', formatAge(state.fetchedAt, state.now))
            : '',
      ),
    );
    document.title = title;
  }
}
