/** Trigger distribution: runs by trigger as a doughnut (`endpoint` reads "API", as in Granite). */
import type { ChartConfiguration } from 'chart.js';
import type { BatchedAnalyticsResponse } from '../../src/core/api/schemas';
import { formatCount, formatShare, formatSharePlain, triggerLabel } from '../../src/core/format';
import { t } from '../l10n';
import type { Theme } from '../theme';
import type { ChartModel } from './chartCard';

export function triggersModel(section: BatchedAnalyticsResponse['trigger_distribution'], locale?: string): ChartModel {
  const items = [...section.data].sort((a, b) => b.count - a.count);
  const labels = items.map((i) => triggerLabel(i.trigger_type));
  const total = items.reduce((sum, i) => sum + i.count, 0);
  const parts = items.map(
    (item, i) => `${labels[i]} ${formatCount(item.count, locale)} (${formatShare(item.count, total, locale)})`,
  );
  return {
    summary: total ? t('Trigger distribution: {0}.', parts.join(', ')) : t('Trigger distribution: no runs.'),
    empty: total === 0 ? t('No runs in this range.') : undefined,
    table: () => ({
      columns: [t('Trigger'), t('Runs'), t('Share (%)')],
      rows: items.map((item, i) => [labels[i]!, String(item.count), formatSharePlain(item.count, total)]),
    }),
    config(theme: Theme): ChartConfiguration<'doughnut'> {
      const palette = [theme.blue, theme.purple, theme.orange, theme.green, theme.yellow, theme.red];
      return {
        type: 'doughnut',
        data: {
          labels,
          datasets: [
            {
              data: items.map((i) => i.count),
              backgroundColor: items.map((_, i) => palette[i % palette.length]!),
              borderColor: theme.background,
              borderWidth: 2,
            },
          ],
        },
        options: { cutout: '55%', plugins: { legend: { position: 'right' } } },
      };
    },
  };
}
