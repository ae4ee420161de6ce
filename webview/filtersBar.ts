/**
 * The filters bar, like Granite's: date range (presets or custom UTC dates), granularity, workflow,
 * trigger and status. Every change posts one `setFilters` with the whole FilterState; the host fetches
 * and sends a new state. The active filters stay visible as chips, each removable, with "Clear filters".
 */
import type { DashboardState } from '../src/dashboard/protocol';
import {
  checkCustomRange,
  defaultFilters,
  filterKey,
  granularityChoices,
  isRangePreset,
  rangeLabel,
  rangePresets,
  type FilterState,
  type GranularityChoice,
} from '../src/filters/filters';
import { triggerTypes, type ExecutionStatus } from '../src/core/api/vocabulary';
import { triggerLabel } from '../src/core/format';
import { isolateBidi } from '../src/core/escaping';
import { button, el, icon, replaceChildren } from './dom';
import type { Host } from './host';
import { t } from './l10n';
import { fillSelect, selectValue, setSelectValue } from './select';
import { workflowOptionsIdleTimeoutMs } from './timing';

const granularityLabels = (): Record<GranularityChoice, string> => ({
  auto: t('Auto'),
  hour: t('Hourly'),
  day: t('Daily'),
  week: t('Weekly'),
  month: t('Monthly'),
});
/** Granite's statuses (vocabulary.ts) in the select's order: outcomes first, then runs still going. */
const statuses = [
  'completed',
  'failed',
  'cancelled',
  'running',
  'pending',
] as const satisfies readonly ExecutionStatus[];
// Compile-time only: a status added to the vocabulary must be offered here too.
type _AssertTrue<T extends true> = T;
type _EveryStatusOffered = _AssertTrue<ExecutionStatus extends (typeof statuses)[number] ? true : false>;
const statusLabel = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export class FiltersBar {
  readonly element: HTMLElement;
  private readonly range = this.select('filter-range', t('Date range'));
  private readonly granularity = this.select('filter-granularity', t('Granularity'));
  private readonly workflow = this.select('filter-workflow', t('Workflow'));
  private readonly trigger = this.select('filter-trigger', t('Trigger'));
  private readonly status = this.select('filter-status', t('Status'));
  private readonly start = el('vscode-textfield', {
    type: 'date',
    id: 'filter-start',
    'aria-label': t('Start date (UTC)'),
  });
  private readonly end = el('vscode-textfield', { type: 'date', id: 'filter-end', 'aria-label': t('End date (UTC)') });
  private readonly custom = el('div', { class: 'custom-range', hidden: true });
  private readonly customError = el('span', { class: 'error-text', role: 'alert' });
  private readonly chips = el('div', { class: 'active-filters', 'aria-label': t('Active filters') });
  private filters: FilterState = defaultFilters();
  private now = Date.now();
  /** Workflow names for the select; thousands of options are built when the page is idle (or on focus). */
  private workflowNames: string[] = [];
  private workflowsFilled = false;
  /** The user picked "Custom…" and has not applied dates yet: a new state must not close the fields. */
  private editingCustom = false;

  constructor(private readonly host: Host) {
    const field = (label: string, control: HTMLElement) =>
      el('label', { class: 'field' }, el('span', { class: 'field-label' }, label), control);
    const apply = el('vscode-button', { secondary: true }, t('Apply'));
    apply.addEventListener('click', () => this.applyCustom());
    replaceChildren(
      this.custom,
      field(t('From (UTC)'), this.start),
      field(t('To (UTC)'), this.end),
      apply,
      this.customError,
    );
    const refresh = el(
      'vscode-button',
      { icon: 'refresh', id: 'refresh', title: t('Fetch the latest figures from Granite') },
      t('Refresh'),
    );
    refresh.addEventListener('click', () => host.post({ type: 'refresh' }));
    const exportJson = el(
      'vscode-button',
      { secondary: true, icon: 'json', title: t('Save every section of the current data as JSON') },
      t('Export JSON'),
    );
    exportJson.addEventListener('click', () => host.post({ type: 'exportJson' }));
    this.element = el(
      'div',
      { class: 'filters', role: 'group', 'aria-label': t('Filters') },
      el(
        'div',
        { class: 'filter-row' },
        field(t('Date range'), this.range),
        this.custom,
        field(t('Granularity'), this.granularity),
        field(t('Workflow'), this.workflow),
        field(t('Trigger'), this.trigger),
        field(t('Status'), this.status),
        el('div', { class: 'toolbar' }, refresh, exportJson),
      ),
      this.chips,
    );
    this.workflow.addEventListener('focusin', () => this.fillWorkflows(true));
    this.range.addEventListener('change', () => this.onRange());
    this.granularity.addEventListener('change', () =>
      this.change({ granularity: selectValue(this.granularity) as GranularityChoice }),
    );
    this.workflow.addEventListener('change', () => this.change({ workflow: selectValue(this.workflow) || undefined }));
    this.trigger.addEventListener('change', () =>
      this.change({ trigger: (selectValue(this.trigger) || undefined) as FilterState['trigger'] }),
    );
    this.status.addEventListener('change', () =>
      this.change({ status: (selectValue(this.status) || undefined) as FilterState['status'] }),
    );
    this.fillStatic(this.filters);
    this.fillWorkflows(false);
  }

  private select(id: string, label: string): HTMLElement {
    return el('vscode-single-select', { id, 'aria-label': label });
  }

  /** The options that do not depend on the data, built before the first state arrives. */
  private fillStatic(f: FilterState): void {
    const rangeValue = f.range.kind === 'preset' && !this.editingCustom ? f.range.preset : 'custom';
    fillSelect(
      this.range,
      [
        ...rangePresets.map((p) => ({ value: p, label: rangeLabel({ kind: 'preset', preset: p }) })),
        { value: 'custom', label: t('Custom…') },
      ],
      rangeValue,
    );
    const labels = granularityLabels();
    fillSelect(
      this.granularity,
      granularityChoices.map((g) => ({ value: g, label: labels[g] })),
      f.granularity,
    );
    fillSelect(
      this.trigger,
      [{ value: '', label: t('All triggers') }, ...triggerTypes.map((v) => ({ value: v, label: triggerLabel(v) }))],
      f.trigger ?? '',
    );
    fillSelect(
      this.status,
      [{ value: '', label: t('All statuses') }, ...statuses.map((s) => ({ value: s, label: statusLabel(s) }))],
      f.status ?? '',
    );
  }

  update(state: DashboardState): void {
    // Offline only cached filter sets can be shown; the offline banner offers them instead.
    for (const control of [this.range, this.granularity, this.workflow, this.trigger, this.status])
      control.toggleAttribute('disabled', !!state.offline);
    this.element.classList.toggle('offline', !!state.offline);
    this.filters = state.filters;
    this.now = state.now;
    const f = state.filters;
    this.fillStatic(f);
    const names =
      state.workflows.includes(f.workflow ?? '') || !f.workflow ? state.workflows : [f.workflow, ...state.workflows];
    if (names.length > 15) this.workflow.setAttribute('combobox', '');
    if (names.length !== this.workflowNames.length || names.some((n, i) => n !== this.workflowNames[i]))
      this.workflowsFilled = false;
    this.workflowNames = names;
    this.fillWorkflows(this.workflowsFilled);
    if (!this.workflowsFilled)
      requestIdleCallback(() => this.fillWorkflows(true), { timeout: workflowOptionsIdleTimeoutMs });
    this.custom.hidden = f.range.kind !== 'custom' && !this.editingCustom;
    if (f.range.kind === 'custom' && !this.editingCustom) {
      setValue(this.start, f.range.start);
      setValue(this.end, f.range.end);
    }
    this.renderChips();
  }

  /** All names when `full` (the select is in use), else only "All" and the current one: cheap to render. */
  private fillWorkflows(full: boolean): void {
    const current = this.filters.workflow ?? '';
    const names = full ? this.workflowNames : current ? [current] : [];
    fillSelect(
      this.workflow,
      [{ value: '', label: t('All workflows') }, ...names.map((n) => ({ value: n, label: n }))],
      current,
    );
    this.workflowsFilled = full;
  }

  private onRange(): void {
    const value = selectValue(this.range);
    if (isRangePreset(value)) {
      this.editingCustom = false;
      this.custom.hidden = true;
      this.change({ range: { kind: 'preset', preset: value } });
      return;
    }
    // Custom: prefill the last 7 UTC days; nothing is sent until Apply.
    this.editingCustom = true;
    this.custom.hidden = false;
    if (!getValue(this.start)) setValue(this.start, isoDate(this.now - 6 * 86_400_000));
    if (!getValue(this.end)) setValue(this.end, isoDate(this.now));
    this.start.focus();
  }

  private applyCustom(): void {
    const start = getValue(this.start);
    const end = getValue(this.end);
    const problem = checkCustomRange(start, end);
    this.customError.textContent = problem ?? '';
    if (problem) return;
    this.editingCustom = false;
    this.change({ range: { kind: 'custom', start, end } });
  }

  private change(change: Partial<FilterState>): void {
    const next: FilterState = { ...this.filters, ...change };
    // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- FilterState is a plain object; the keys are a fixed list of its optional ones
    for (const key of ['workflow', 'trigger', 'status'] as const) if (next[key] === undefined) delete next[key];
    if (filterKey(next) === filterKey(this.filters)) return;
    this.filters = next;
    this.host.post({ type: 'setFilters', filters: next });
    this.renderChips();
  }

  private renderChips(): void {
    const f = this.filters;
    const chip = (label: string, remove?: () => void) =>
      el(
        'span',
        { class: 'chip' },
        label,
        remove
          ? button('', remove, {
              class: 'icon-button',
              'aria-label': t('Remove filter: {0}', label),
              title: t('Remove this filter'),
            })
          : null,
      );
    const items: HTMLElement[] = [chip(rangeLabel(f.range))];
    if (f.granularity !== 'auto')
      items.push(
        chip(t('Granularity: {0}', granularityLabels()[f.granularity]), () => this.change({ granularity: 'auto' })),
      );
    if (f.workflow)
      items.push(chip(t('Workflow: {0}', isolateBidi(f.workflow)), () => this.change({ workflow: undefined })));
    if (f.trigger)
      items.push(chip(t('Trigger: {0}', triggerLabel(f.trigger)), () => this.change({ trigger: undefined })));
    if (f.status) items.push(chip(t('Status: {0}', statusLabel(f.status)), () => this.change({ status: undefined })));
    for (const item of items) item.querySelector('button')?.append(icon('close'));
    const defaults = defaultFilters();
    const clear =
      filterKey(f) === filterKey(defaults)
        ? null
        : button(
            t('Clear filters'),
            () => this.change({ ...defaults, workflow: undefined, trigger: undefined, status: undefined }),
            { class: 'link', id: 'clear-filters' },
          );
    replaceChildren(this.chips, el('span', { class: 'muted' }, t('Showing:')), ...items, clear);
    setSelectValue(this.range, f.range.kind === 'preset' && !this.editingCustom ? f.range.preset : 'custom');
  }
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function getValue(field: HTMLElement): string {
  return (field as HTMLElement & { value?: string }).value ?? '';
}

function setValue(field: HTMLElement, value: string): void {
  (field as HTMLElement & { value: string }).value = value;
}
