/**
 * Chart.js loops until the page runs out of memory when a scale's range overflows to Infinity, which a
 * spec-valid figure near 1.8e308 causes (in a stacked sum, a doughnut's angles, max − min). Figures
 * beyond 2^53 are flagged as implausible by the host and still shown as sent in cards and tables; they
 * are only left out of the drawing (a gap), together with any scale bound computed from them.
 */
import type { ChartConfiguration } from 'chart.js';

const fits = (v: unknown) => typeof v !== 'number' || (Number.isFinite(v) && Math.abs(v) <= Number.MAX_SAFE_INTEGER);

/** A gap: null for a plain value; NaN in an object point, which chart.js skips (it reads `null.x`). */
function point(value: unknown): unknown {
  if (Array.isArray(value)) return value.every(fits) ? value : null;
  if (value === null || typeof value !== 'object') return fits(value) ? value : null;
  const entries = Object.entries(value);
  return entries.every(([, v]) => fits(v))
    ? value
    : Object.fromEntries(entries.map(([k, v]) => [k, fits(v) ? v : NaN]));
}

/** The same configuration, with what cannot be plotted taken out (in place). */
export function plottable(config: ChartConfiguration): ChartConfiguration {
  for (const dataset of config.data.datasets)
    dataset.data = (dataset.data as unknown[]).map(point) as typeof dataset.data;
  for (const scale of Object.values(config.options?.scales ?? {}) as Record<string, unknown>[]) {
    // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- chart.js options are plain objects (no Map); the keys are a fixed list
    for (const key of ['min', 'max', 'suggestedMin', 'suggestedMax']) if (!fits(scale[key])) delete scale[key];
    const ticks = scale.ticks as Record<string, unknown> | undefined;
    if (ticks && !fits(ticks.stepSize)) delete ticks.stepSize;
  }
  return config;
}
