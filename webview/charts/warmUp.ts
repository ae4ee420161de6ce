/**
 * Runs the first-use work while the page waits for its first state, so it is not on the data → drawn
 * path: chart.js's code is compiled on first use (one throwaway chart of each kind on a detached
 * canvas), and the first Intl formatter of each kind loads locale data.
 */
import type { ChartConfiguration } from 'chart.js';
import { formatCount, formatDuration, formatRate, formatTimestamp } from '../../src/core/format';
import { Chart } from './setup';

export function warmUp(): void {
  const locale = navigator.language;
  formatCount(1, locale);
  formatRate(50.5, locale);
  formatDuration(1500, locale);
  formatDuration(90_000, locale);
  formatTimestamp('2026-01-01T00:00:00Z', locale);
  const canvas = document.createElement('canvas');
  canvas.width = 60;
  canvas.height = 40;
  const data = { labels: ['a', 'b'], datasets: [{ data: [1, 2] }, { data: [2, 1] }] };
  const configs: ChartConfiguration[] = [
    { type: 'bar', data, options: { responsive: false, scales: { x: { stacked: true }, y: { stacked: true } } } },
    {
      type: 'line',
      data: {
        datasets: [
          {
            data: [
              { x: 0, y: 1 },
              { x: 1, y: null },
            ],
            parsing: false,
            fill: 'origin',
          },
        ],
      },
      options: { responsive: false, scales: { x: { type: 'linear' } } },
    },
    { type: 'doughnut', data, options: { responsive: false } },
    { type: 'bubble', data: { datasets: [{ data: [{ x: 1, y: 1, r: 2 }] }] }, options: { responsive: false } },
  ];
  for (const config of configs) new Chart(canvas, config).destroy();
}
