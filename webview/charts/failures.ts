/**
 * Failure breakdown: failures per category (horizontal bars, largest first). Clicking a bar, or picking
 * the category in the list under the chart (keyboard), shows that category's sample messages as text.
 */
import type { ChartConfiguration } from 'chart.js';
import type { BatchedAnalyticsResponse, FailureCategoryItem } from '../../src/core/api/schemas';
import { formatCount, formatSharePlain, humanizeCategory } from '../../src/core/format';
import { isolateBidi } from '../../src/core/escaping';
import { el, replaceChildren } from '../dom';
import type { Host } from '../host';
import { t } from '../l10n';
import type { Theme } from '../theme';
import { fillSelect, selectValue, setSelectValue } from '../select';
import { ChartCard, type ChartModel } from './chartCard';

export class FailureBreakdown {
  readonly chart: ChartCard;
  private readonly picker = el('vscode-single-select', { 'aria-label': t('Category whose sample messages are shown') });
  private readonly samples = el('div', { class: 'samples', 'aria-live': 'polite' });
  private items: FailureCategoryItem[] = [];

  constructor(private readonly host: Host) {
    this.chart = new ChartCard(host, {
      id: 'failures',
      csvName: 'failure-breakdown',
      title: t('Failure breakdown'),
      description: t('Failed runs by error category, with sample error messages.'),
    });
    this.picker.addEventListener('change', () => this.select(selectValue(this.picker)));
    this.chart.card.body.append(
      el('div', { class: 'samples-bar' }, el('span', { class: 'muted' }, t('Sample messages for')), this.picker),
      this.samples,
    );
  }

  update(section: BatchedAnalyticsResponse['failure_breakdown'], locale?: string): void {
    this.items = [...section.data].sort((a, b) => b.count - a.count);
    const items = this.items;
    const labels = items.map((i) => humanizeCategory(i.category));
    const total = section.total_failures || items.reduce((sum, i) => sum + i.count, 0);
    const chosen = items.find((i) => i.category === this.host.state.sampleCategory) ?? items[0];
    fillSelect(
      this.picker,
      items.map((item, i) => ({ value: item.category, label: labels[i]! })),
      chosen?.category ?? '',
    );
    this.show(chosen);
    const model: ChartModel = {
      summary: items.length
        ? t(
            'Failure breakdown: {0} failures in {1} categories; most are {2} ({3}).',
            formatCount(total, locale),
            items.length,
            isolateBidi(labels[0]!),
            formatCount(items[0]!.count, locale),
          )
        : t('Failure breakdown: no failures.'),
      empty: items.length === 0 ? t('No failures in this range.') : undefined,
      height: Math.max(160, Math.min(480, 28 * items.length + 40)),
      table: () => ({
        columns: [t('Category'), t('Failures'), t('Share (%)'), t('Sample messages')],
        rows: items.map((item, i) => [
          labels[i]!,
          String(item.count),
          formatSharePlain(item.count, total),
          item.sample_messages.join('\n'),
        ]),
      }),
      config: (theme: Theme): ChartConfiguration => ({
        type: 'bar',
        data: {
          labels,
          datasets: [
            { label: t('Failures'), data: items.map((i) => i.count), backgroundColor: theme.red, borderWidth: 0 },
          ],
        },
        options: {
          indexAxis: 'y',
          scales: { x: { beginAtZero: true, ticks: { precision: 0 } }, y: { grid: { display: false } } },
          plugins: { legend: { display: false } },
          onClick: (_event, elements) => {
            const index = elements[0]?.index;
            if (index !== undefined && items[index]) this.select(items[index].category);
          },
          onHover: (event, elements) => {
            const target = event.native?.target as HTMLElement | undefined;
            if (target) target.style.cursor = elements.length ? 'pointer' : 'default';
          },
        },
      }),
    };
    this.chart.setModel(model);
    this.samples.hidden = items.length === 0;
    this.picker.parentElement!.hidden = items.length === 0;
  }

  private select(category: string): void {
    this.host.patch({ sampleCategory: category });
    this.show(this.items.find((i) => i.category === category));
  }

  private show(item: FailureCategoryItem | undefined): void {
    if (!item) {
      replaceChildren(this.samples);
      return;
    }
    setSelectValue(this.picker, item.category);
    const messages = item.sample_messages;
    replaceChildren(
      this.samples,
      el('h3', {}, t('{0}: {1} failures', isolateBidi(humanizeCategory(item.category)), item.count)),
      messages.length
        ? el('ul', { class: 'sample-list' }, ...messages.map((m) => el('li', {}, el('pre', {}, m))))
        : el('p', { class: 'muted' }, t('Granite sent no sample messages for this category.')),
    );
  }
}
