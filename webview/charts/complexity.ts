/**
 * Workflow complexity: each workflow as a bubble at (complexity score, success rate), sized by its
 * total steps, named in the tooltip — Granite's "steps vs. success" widget. The section has no counts:
 * a workflow that top automations counts gets its rate from those counts, like in the tree.
 */
import type { ChartConfiguration } from 'chart.js';
import type { BatchedAnalyticsResponse } from '../../src/core/api/schemas';
import {
  formatCount,
  formatDuration,
  formatRate,
  formatSharePlain,
  percentOf,
  type Counts,
  type Rate,
} from '../../src/core/format';
import { isolateBidi } from '../../src/core/escaping';
import { t } from '../l10n';
import { withAlpha, type Theme } from '../theme';
import type { ChartModel } from './chartCard';

export function complexityModel(
  section: BatchedAnalyticsResponse['workflow_complexity'],
  locale?: string,
  counts: BatchedAnalyticsResponse['top_automations']['data'] = [],
): ChartModel {
  const items = section.data;
  const byName = new Map<string, Counts>();
  for (const c of counts)
    if (c.executions > 0 && !byName.has(c.workflow_name))
      byName.set(c.workflow_name, { part: c.completed, whole: c.executions });
  const shown = (i: (typeof items)[number]): Rate => byName.get(i.workflow_name) ?? i.success_rate;
  const rate = (i: (typeof items)[number]) => percentOf(shown(i))!;
  const maxSteps = items.reduce((max, i) => Math.max(max, i.total_steps), 1);
  // Area, not radius, proportional to steps; small enough that a thousand bubbles stay readable.
  const radius = (steps: number) => 2 + 10 * Math.sqrt(Math.max(0, steps) / maxSteps);
  const worst = items.reduce<(typeof items)[number] | undefined>(
    (w, i) => (!w || rate(i) < rate(w) ? i : w),
    undefined,
  );
  return {
    summary: items.length
      ? t(
          'Workflow complexity against success rate for {0} workflows; lowest success: {1} at {2}.',
          items.length,
          isolateBidi(worst!.workflow_name),
          formatRate(shown(worst!), locale),
        )
      : t('Workflow complexity: no workflows.'),
    empty: items.length === 0 ? t('No workflow ran in this range.') : undefined,
    table: () => ({
      columns: [
        t('Workflow'),
        t('Complexity score'),
        t('Success rate (%)'),
        t('Total steps'),
        t('Iterations'),
        t('Parameters'),
        t('Avg duration (ms)'),
      ],
      rows: items.map((i) => [
        i.workflow_name,
        String(i.complexity_score),
        rateCellText(shown(i)),
        String(i.total_steps),
        String(i.total_iterations),
        String(i.parameters_count),
        String(Math.round(i.avg_duration_ms)),
      ]),
    }),
    config(theme: Theme): ChartConfiguration {
      return {
        type: 'bubble',
        data: {
          datasets: [
            {
              label: t('Workflows'),
              data: items.map((i) => ({ x: i.complexity_score, y: rate(i), r: radius(i.total_steps) })),
              backgroundColor: withAlpha(theme.purple, 0.45),
              borderColor: theme.purple,
              borderWidth: 1,
              clip: false, // a bubble at 100 % is drawn whole, not cut at the axis
            },
          ],
        },
        options: {
          layout: { padding: { top: 12, right: 12 } },
          scales: {
            x: { type: 'linear', title: { display: true, text: t('Complexity score') } },
            y: {
              max: 100,
              grace: '5%',
              title: { display: true, text: t('Success rate') },
              ticks: { callback: (v) => `${v}%` },
            },
          },
          plugins: {
            legend: { display: false },
            tooltip: {
              callbacks: {
                label: (item) => {
                  const w = items[item.dataIndex];
                  // Canvas text follows the bidi algorithm too: the name is isolated from the figures after it.
                  return w
                    ? `${isolateBidi(w.workflow_name)}: ${t('complexity')} ${w.complexity_score}, ${formatRate(shown(w), locale)}, ${formatCount(w.total_steps, locale)} ${t('steps')}, ${formatDuration(w.avg_duration_ms, locale)}`
                    : '';
                },
              },
            },
          },
        },
      };
    },
  };
}

/** A table cell: counts rounded like every share, a rate sent without counts as sent. */
function rateCellText(rate: Rate): string {
  return typeof rate === 'number' ? String(rate) : formatSharePlain(rate.part, rate.whole);
}
