/**
 * A chart in a card: the canvas in a figure with role="img" and a summary for screen readers, a
 * "Show as table" toggle with the numbers behind it, and "Export CSV". The chart is created when its
 * card is near the viewport (or the page is idle) and updated in place afterwards, so a filter change
 * does not rebuild it.
 */
import type { ChartConfiguration } from 'chart.js';
import { Card, csvButton, type CardOptions } from '../card';
import { el } from '../dom';
import type { Host } from '../host';
import { t } from '../l10n';
import { DataTable } from '../tables/dataTable';
import type { Theme } from '../theme';
import { plottable } from './plottable';
import { Chart } from './setup';

export interface ChartModel {
  /** The figure's accessible name: what the chart shows, in a sentence or two. */
  summary: string;
  /** The numbers behind the chart (for "Show as table" and "Export CSV"), made only when asked for. */
  table(): { columns: string[]; rows: string[][] };
  /** Says why nothing is drawn, e.g. no runs in the range. */
  empty?: string;
  /** A note shown above the chart (it is still drawn), e.g. that a filter makes the figure trivial. */
  note?: string;
  /** CSS height of the figure in px, when the default does not fit (many bars). */
  height?: number;
  config(theme: Theme): ChartConfiguration;
}

export interface ChartCardOptions extends CardOptions {
  csvName: string;
}

export class ChartCard {
  readonly card: Card;
  readonly figure = el('figure', { class: 'chart', role: 'img' });
  private readonly canvas = el('canvas');
  private readonly tableBox = el('div', { class: 'chart-table', hidden: true });
  private readonly toggle: HTMLElement;
  private chart?: Chart;
  private model?: ChartModel;
  /** The model or theme changed since the chart was last drawn. */
  dirty = false;

  constructor(
    private readonly host: Host,
    readonly options: ChartCardOptions,
  ) {
    this.card = new Card(options);
    this.figure.append(this.canvas);
    this.toggle = el('vscode-button', { secondary: true, icon: 'table', 'aria-pressed': 'false' }, t('Show as table'));
    this.toggle.addEventListener('click', () => this.setAsTable(!this.asTable));
    this.card.actions.append(
      this.toggle,
      csvButton(host, options.csvName, () => this.csvRows()),
    );
    this.card.body.append(this.figure, this.tableBox);
    this.applyToggle();
  }

  get element(): HTMLElement {
    return this.card.element;
  }

  private get asTable(): boolean {
    return this.host.state.asTable[this.options.id] === true;
  }

  private setAsTable(on: boolean): void {
    this.host.patch({ asTable: { ...this.host.state.asTable, [this.options.id]: on } });
    this.applyToggle();
  }

  private applyToggle(): void {
    const on = this.asTable;
    this.toggle.setAttribute('aria-pressed', String(on));
    this.toggle.textContent = on ? t('Show as chart') : t('Show as table');
    this.toggle.setAttribute('icon', on ? 'graph' : 'table');
    this.tableBox.hidden = !on;
    this.figure.hidden = on || !!this.model?.empty;
    if (on) this.fillTable();
  }

  private fillTable(): void {
    if (!this.model || this.tableBox.hidden) return;
    const { columns, rows } = this.model.table();
    // The table is rebuilt only when shown: most users never open it.
    const view = new DataTable<string[]>(this.host, {
      id: `${this.options.id}-table`,
      caption: this.options.title,
      pageSize: 50,
      columns: columns.map((label, i) => ({
        key: String(i),
        label,
        cell: (row: string[]) => row[i] ?? '',
        // `>99.9` and `<0.1` (shares that would round onto 100 or 0) are numbers too.
        numeric:
          rows.length > 0 &&
          rows.every((row) => row[i] === '' || Number.isFinite(Number(row[i]?.replace(/^[<>]/, '')))),
      })),
    });
    view.setRows(rows);
    this.tableBox.replaceChildren(view.element);
  }

  private csvRows(): string[][] {
    if (!this.model) return [];
    const { columns, rows } = this.model.table();
    return [columns, ...rows];
  }

  /** New data (undefined: the section is missing and the card shows its problem instead). */
  setModel(model: ChartModel | undefined): void {
    this.model = model;
    this.card.setNote(model?.empty ?? model?.note);
    this.figure.hidden = this.asTable || !!model?.empty;
    this.figure.setAttribute('aria-label', model ? model.summary : this.options.title);
    this.dirty = true;
    if (this.asTable) this.fillTable();
  }

  themeChanged(): void {
    this.dirty = true;
  }

  /** Creates or updates the chart; cheap when nothing changed. */
  draw(theme: Theme): void {
    if (!this.dirty) return;
    this.dirty = false;
    const model = this.model;
    if (!model || model.empty) {
      this.chart?.destroy();
      this.chart = undefined;
      this.figure.removeAttribute('data-drawn');
      return;
    }
    if (model.height) this.figure.style.height = `${model.height}px`;
    else this.figure.style.removeProperty('height');
    const config = plottable(model.config(theme));
    const type = (config as { type: string }).type;
    if (this.chart && (this.chart.config as { type: string }).type === type) {
      this.chart.data = config.data;
      this.chart.options = config.options ?? {};
      this.chart.update('none');
    } else {
      this.chart?.destroy();
      this.chart = new Chart(this.canvas, config);
    }
    this.figure.dataset.drawn = 'true';
  }
}
