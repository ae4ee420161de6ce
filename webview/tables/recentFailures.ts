/**
 * Recent failures: one row per failed run, newest first, searchable and filterable by category. The
 * message shows its first line and expands to the whole text; each row can open the run or copy its id.
 * Only one page of rows is in the DOM, so 10,000 failures stay fast.
 */
import type { RecentFailureItem } from '../../src/core/api/schemas';
import {
  firstLine,
  formatCount,
  formatDuration,
  humanizeCategory,
  parseTimestamp,
  triggerLabel,
} from '../../src/core/format';
import { Card, csvButton } from '../card';
import { button, el, icon } from '../dom';
import type { Host } from '../host';
import { t } from '../l10n';
import { fillSelect, selectValue, setSelectValue } from '../select';
import { searchDebounceMs } from '../timing';
import { timeCell, workflowLink, type CellContext } from './cells';
import { DataTable } from './dataTable';

interface Row {
  item: RecentFailureItem;
  started: number | undefined;
  /** Lower-case text the search box matches against; built on the first search (it copies every message). */
  haystack?: string;
}

const validId = (id: string) => id.length >= 1 && id.length <= 200;

function haystack(row: Row): string {
  const { item } = row;
  row.haystack ??=
    `${item.workflow_name}\n${item.error_message ?? ''}\n${item.error_category}\n${item.execution_id}\n${item.run_id}`.toLowerCase();
  return row.haystack;
}

export class RecentFailures {
  readonly card = new Card({
    id: 'recent-failures',
    wide: true,
    title: t('Recent failures'),
    description: t('The latest failed runs, with their error category and message.'),
  });
  private readonly table: DataTable<Row>;
  private readonly search = el('vscode-textfield', {
    type: 'search',
    placeholder: t('Search workflow, message or ID'),
    'aria-label': t('Search failures'),
  });
  private readonly category = el('vscode-single-select', { 'aria-label': t('Filter failures by category') });
  private readonly count = el('p', { class: 'muted table-count', 'aria-live': 'polite' });
  private rows: Row[] = [];
  private total = 0;
  private ctx?: CellContext;
  private searchTimer?: number;

  constructor(private readonly host: Host) {
    const ctx = () => this.ctx!;
    this.table = new DataTable<Row>(host, {
      id: 'recent-failures',
      caption: t('Recent failures'),
      defaultSort: { key: 'started', dir: 'desc' },
      pageSize: 50,
      rowKey: (r) => r.item.execution_id,
      // The same words as the tree's tooltip, once a run of the automation was opened.
      rowTitle: (r) => this.ctx?.historyWords?.[r.item.run_id],
      detail: (r) =>
        this.isExpanded(r) ? el('pre', { class: 'full-message' }, r.item.error_message ?? '') : undefined,
      columns: [
        {
          key: 'started',
          label: t('Started'),
          sort: (r) => r.started ?? r.item.started_at,
          cell: (r) => timeCell(r.item.started_at, ctx()),
        },
        {
          key: 'workflow',
          label: t('Workflow'),
          sort: (r) => r.item.workflow_name,
          cell: (r) => workflowLink(r.item.workflow_name, ctx()),
        },
        {
          key: 'category',
          label: t('Category'),
          sort: (r) => humanizeCategory(r.item.error_category),
          cell: (r) => humanizeCategory(r.item.error_category),
        },
        {
          key: 'message',
          label: t('Message'),
          sort: (r) => r.item.error_message ?? undefined,
          cell: (r) => this.messageCell(r),
        },
        {
          key: 'trigger',
          label: t('Trigger'),
          sort: (r) => triggerLabel(r.item.triggered_by),
          cell: (r) => triggerLabel(r.item.triggered_by),
        },
        {
          key: 'duration',
          label: t('Duration'),
          numeric: true,
          sort: (r) => r.item.duration_ms ?? undefined,
          cell: (r) => formatDuration(r.item.duration_ms, ctx().locale),
        },
        { key: 'actions', label: t('Actions'), cell: (r) => this.actionsCell(r.item) },
      ],
    });
    (this.search as HTMLElement & { value: string }).value = host.state.failureSearch;
    this.search.addEventListener('input', () => {
      clearTimeout(this.searchTimer);
      this.searchTimer = window.setTimeout(() => this.applyFilter(), searchDebounceMs);
    });
    this.category.addEventListener('change', () => this.applyFilter());
    this.card.actions.append(
      csvButton(host, 'recent-failures', () => [
        ['Started', 'Workflow', 'Category', 'Message', 'Trigger', 'Duration (ms)', 'Execution ID', 'Run ID'],
        ...this.table.allRows.map(({ item }) => [
          item.started_at,
          item.workflow_name,
          item.error_category,
          item.error_message ?? '',
          item.triggered_by,
          item.duration_ms == null ? '' : String(item.duration_ms),
          item.execution_id,
          item.run_id,
        ]),
      ]),
    );
    this.card.body.append(
      el('div', { class: 'table-tools' }, this.search, this.category),
      this.count,
      this.table.element,
    );
  }

  update(data: readonly RecentFailureItem[], total: number, ctx: CellContext): void {
    this.ctx = ctx;
    this.total = total;
    this.rows = data.map((item) => ({
      item,
      started: parseTimestamp(item.started_at),
    }));
    const categories = [...new Set(data.map((d) => d.error_category))].sort();
    const chosen = categories.includes(this.host.state.failureCategory) ? this.host.state.failureCategory : '';
    fillSelect(
      this.category,
      [{ value: '', label: t('All categories') }, ...categories.map((c) => ({ value: c, label: humanizeCategory(c) }))],
      chosen,
    );
    this.card.setNote(data.length ? undefined : t('No failed runs in this range.'));
    this.applyFilter(chosen);
  }

  /** From a quick insight: show only this category's failures, and bring the table into view. */
  showCategory(category: string): void {
    setSelectValue(this.category, category);
    this.applyFilter(category);
    this.card.element.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }

  private applyFilter(category = selectValue(this.category)): void {
    const search = ((this.search as HTMLElement & { value?: string }).value ?? '').trim().toLowerCase();
    this.host.patch({ failureSearch: search, failureCategory: category });
    const shown = this.rows.filter(
      (r) => (!category || r.item.error_category === category) && (!search || haystack(r).includes(search)),
    );
    const locale = this.ctx?.locale;
    const parts: string[] = [];
    if (this.total > this.rows.length)
      parts.push(
        t(
          'Showing {0} of {1} failures (the most recent).',
          formatCount(this.rows.length, locale),
          formatCount(this.total, locale),
        ),
      );
    if (shown.length !== this.rows.length)
      parts.push(t('{0} match the search and category.', formatCount(shown.length, locale)));
    this.count.textContent = parts.join(' ');
    this.count.hidden = parts.length === 0;
    this.table.element.hidden = this.rows.length === 0;
    this.table.setRows(shown, locale);
  }

  private isExpanded(row: Row): boolean {
    return this.host.state.expanded.includes(row.item.execution_id);
  }

  private messageCell(row: Row): Node {
    const message = row.item.error_message ?? '';
    const line = firstLine(message);
    if (line === message.trim()) return el('span', { class: 'message' }, line || t('(no message)'));
    const open = this.isExpanded(row);
    const toggle = button(
      '',
      () => {
        const expanded = this.host.state.expanded.filter((id) => id !== row.item.execution_id);
        if (!open) expanded.push(row.item.execution_id);
        this.host.patch({ expanded: expanded.slice(-200) });
        this.table.renderPage();
        document.querySelector<HTMLElement>(`tr[data-key="${CSS.escape(row.item.execution_id)}"] .expand`)?.focus();
      },
      {
        class: 'expand icon-button',
        'aria-expanded': String(open),
        'aria-label': open ? t('Hide the whole message') : t('Show the whole message'),
      },
    );
    toggle.append(icon(open ? 'chevron-down' : 'chevron-right'));
    return el('span', { class: 'message' }, toggle, line);
  }

  private actionsCell(item: RecentFailureItem): Node {
    const ok = validId(item.execution_id);
    const open = button(
      t('Open run'),
      () =>
        this.host.post({
          type: 'openRun',
          executionId: item.execution_id,
          ...(validId(item.run_id) ? { runId: item.run_id } : {}),
        }),
      { class: 'link', disabled: !ok, title: t('Open the run’s details') },
    );
    const copy = button(t('Copy ID'), () => this.host.post({ type: 'copyId', executionId: item.execution_id }), {
      class: 'link',
      disabled: !ok,
      title: t('Copy the execution ID'),
    });
    return el('span', { class: 'row-actions' }, open, copy);
  }
}
