/**
 * chart.js with only the parts the dashboard draws (tree-shaken; never chart.js/auto), and defaults
 * taken from the VS Code theme. Animation is off: first paint must be fast, and motion is unwanted
 * under prefers-reduced-motion anyway.
 */
import {
  ArcElement,
  BarController,
  BarElement,
  BubbleController,
  CategoryScale,
  Chart,
  Decimation,
  DoughnutController,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { withAlpha, type Theme } from '../theme';

Chart.register(
  BarController,
  LineController,
  DoughnutController,
  BubbleController,
  BarElement,
  LineElement,
  PointElement,
  ArcElement,
  CategoryScale,
  LinearScale,
  Tooltip,
  Legend,
  Filler,
  Decimation,
);

export function applyChartDefaults(theme: Theme): void {
  Chart.defaults.animation = false;
  Chart.defaults.color = theme.foreground;
  Chart.defaults.borderColor = theme.kind === 'high-contrast' ? theme.lines : withAlpha(theme.lines, 0.35);
  Chart.defaults.font.family = theme.fontFamily;
  Chart.defaults.font.size = 11;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.plugins.legend.labels.boxWidth = 12;
  Chart.defaults.plugins.tooltip.animation = false;
}

export { Chart };
