/**
 * Actions per workflow: clicks, keystrokes, scrolls and screenshots stacked per workflow. The chart
 * shows the workflows with the most steps (thousands of bars would be unreadable); the table and the
 * CSV have every workflow.
 */
import type { ChartConfiguration } from 'chart.js';
import type { BatchedAnalyticsResponse } from '../../src/core/api/schemas';
import { formatCount } from '../../src/core/format';
import { isolateBidi } from '../../src/core/escaping';
import { t } from '../l10n';
import type { Theme } from '../theme';
import type { ChartModel } from './chartCard';

const shownWorkflows = 15;

export function actionsModel(section: BatchedAnalyticsResponse['actions_per_workflow'], locale?: string): ChartModel {
  const all = [...section.data].sort((a, b) => b.total_steps - a.total_steps);
  const top = all.slice(0, shownWorkflows);
  const names = [t('Clicks'), t('Keystrokes'), t('Scrolls'), t('Screenshots')];
  const keys = ['clicks', 'keystrokes', 'scrolls', 'screenshots'] as const;
  return {
    summary: all.length
      ? t(
          'Actions per workflow for the {0} workflows with the most steps (of {1}); most: {2} with {3} steps.',
          top.length,
          all.length,
          isolateBidi(top[0]!.workflow_name),
          formatCount(top[0]!.total_steps, locale),
        )
      : t('Actions per workflow: no workflows.'),
    empty: all.length === 0 ? t('No workflow ran in this range.') : undefined,
    height: Math.max(160, 26 * top.length + 60),
    table: () => ({
      columns: [t('Workflow'), ...names, t('Total steps')],
      rows: all.map((w) => [w.workflow_name, ...keys.map((k) => String(w[k])), String(w.total_steps)]),
    }),
    config(theme: Theme): ChartConfiguration {
      const colors = [theme.blue, theme.purple, theme.yellow, theme.green];
      return {
        type: 'bar',
        data: {
          // Isolated with its ellipsis, so a right-to-left name is cut at its own end (the left).
          labels: top.map((w) =>
            isolateBidi(w.workflow_name.length > 32 ? `${w.workflow_name.slice(0, 31)}…` : w.workflow_name),
          ),
          datasets: keys.map((k, i) => ({
            label: names[i],
            data: top.map((w) => w[k]),
            backgroundColor: colors[i],
            borderWidth: 0,
          })),
        },
        options: {
          indexAxis: 'y',
          interaction: { mode: 'index', intersect: false },
          scales: {
            x: { stacked: true, beginAtZero: true, ticks: { precision: 0 } },
            y: { stacked: true, grid: { display: false } },
          },
          plugins: { tooltip: { callbacks: { title: (items) => top[items[0]?.dataIndex ?? 0]?.workflow_name ?? '' } } },
        },
      };
    },
  };
}
