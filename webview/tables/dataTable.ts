/**
 * A sortable, paginated table (plain <table>: thousands of rows stay fast because only one page is in
 * the DOM). Sort headers are buttons (keyboard-operable) with aria-sort; the sort survives reloads
 * through the UI state.
 */
import { sortRows, type SortDirection, type SortValue } from '../../src/dashboard/sortRows';
import { button, el, icon, replaceChildren } from '../dom';
import type { Host } from '../host';
import { t } from '../l10n';

export interface Column<R> {
  key: string;
  label: string;
  /** Header tooltip: what the column counts. */
  title?: string;
  numeric?: boolean;
  /** Sort key; a column without one is not sortable. */
  sort?: (row: R) => SortValue;
  cell: (row: R) => Node | string;
}

export interface TableOptions<R> {
  id: string;
  caption: string;
  columns: Column<R>[];
  defaultSort?: { key: string; dir: SortDirection };
  pageSize?: number;
  /** An optional row under a row (an expanded message). */
  detail?: (row: R) => Node | undefined;
  rowKey?: (row: R) => string;
  /** A row's tooltip (plain text), if it has one. */
  rowTitle?: (row: R) => string | undefined;
}

export class DataTable<R> {
  readonly element: HTMLElement;
  private readonly table = el('table', { class: 'data' });
  private readonly body = el('tbody');
  private readonly pager = el('div', { class: 'pager' });
  private readonly heads = new Map<string, HTMLTableCellElement>();
  private rows: readonly R[] = [];
  private sorted: R[] = [];
  private page = 0;
  private locale?: string;

  constructor(
    private readonly host: Host,
    private readonly options: TableOptions<R>,
  ) {
    const head = el('tr');
    for (const column of options.columns) {
      const th = el('th', { scope: 'col', class: column.numeric ? 'num' : undefined, title: column.title });
      th.append(
        column.sort ? button(column.label, () => this.toggleSort(column.key), { class: 'sort' }) : column.label,
      );
      if (column.sort) th.querySelector('button')!.append(icon('arrow-small-down'));
      this.heads.set(column.key, th);
      head.append(th);
    }
    this.table.append(el('caption', { class: 'visually-hidden' }, options.caption), el('thead', {}, head), this.body);
    this.element = el('div', { class: 'table-wrap' }, el('div', { class: 'table-scroll' }, this.table), this.pager);
  }

  private get sort(): { key: string; dir: SortDirection } | undefined {
    return this.host.state.sort[this.options.id] ?? this.options.defaultSort;
  }

  setRows(rows: readonly R[], locale?: string): void {
    this.rows = rows;
    this.locale = locale;
    this.page = 0;
    this.resort();
  }

  private toggleSort(key: string): void {
    const current = this.sort;
    const column = this.options.columns.find((c) => c.key === key)!;
    // Numbers open descending (largest first), text ascending.
    const first: SortDirection = column.numeric ? 'desc' : 'asc';
    const dir: SortDirection = current?.key === key ? (current.dir === 'asc' ? 'desc' : 'asc') : first;
    this.host.patch({ sort: { ...this.host.state.sort, [this.options.id]: { key, dir } } });
    this.page = 0;
    this.resort();
    this.heads.get(key)?.querySelector('button')?.focus();
  }

  private resort(): void {
    const sort = this.sort;
    const column = sort && this.options.columns.find((c) => c.key === sort.key && c.sort);
    this.sorted = sort && column?.sort ? sortRows(this.rows, column.sort, sort.dir, this.locale) : [...this.rows];
    for (const [key, th] of this.heads) {
      const active = !!sort && column?.key === key;
      if (active) th.setAttribute('aria-sort', sort.dir === 'asc' ? 'ascending' : 'descending');
      else th.removeAttribute('aria-sort');
      th.classList.toggle('sorted', active);
      th.classList.toggle('asc', active && sort.dir === 'asc');
    }
    this.renderPage();
  }

  /** Re-renders the current page (after a row was expanded). */
  renderPage(): void {
    const size = this.options.pageSize ?? 50;
    const pages = Math.max(1, Math.ceil(this.sorted.length / size));
    this.page = Math.min(this.page, pages - 1);
    const start = this.page * size;
    const slice = this.sorted.slice(start, start + size);
    const fragment = document.createDocumentFragment();
    for (const row of slice) {
      const tr = el('tr');
      if (this.options.rowKey) tr.dataset.key = this.options.rowKey(row);
      const title = this.options.rowTitle?.(row);
      if (title) tr.title = title;
      for (const column of this.options.columns)
        tr.append(el('td', { class: column.numeric ? 'num' : undefined }, column.cell(row)));
      fragment.append(tr);
      const detail = this.options.detail?.(row);
      if (detail)
        fragment.append(el('tr', { class: 'detail' }, el('td', { colspan: this.options.columns.length }, detail)));
    }
    this.body.replaceChildren(fragment);
    this.renderPager(start, slice.length, pages);
  }

  private renderPager(start: number, shown: number, pages: number): void {
    if (pages <= 1) {
      replaceChildren(this.pager);
      return;
    }
    const count = new Intl.NumberFormat(this.locale);
    const go = (delta: number) => () => {
      this.page += delta;
      this.renderPage();
      this.table.scrollIntoView({ block: 'nearest' });
    };
    replaceChildren(
      this.pager,
      el(
        'span',
        { class: 'muted', 'aria-live': 'polite' },
        t(
          'Rows {0}–{1} of {2}',
          count.format(start + 1),
          count.format(start + shown),
          count.format(this.sorted.length),
        ),
      ),
      button(t('Previous'), go(-1), { class: 'link', disabled: this.page === 0 }),
      button(t('Next'), go(1), { class: 'link', disabled: this.page >= pages - 1 }),
    );
  }

  /** Every row in the current order, for "Export CSV". */
  get allRows(): readonly R[] {
    return this.sorted;
  }
}
