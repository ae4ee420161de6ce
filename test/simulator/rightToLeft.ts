/**
 * The default generated dataset with right-to-left names where they sit next to figures: the two
 * busiest workflows of the last week that failed at least 2 % of their runs (so a rate can fall by a
 * point or more) are renamed to an Arabic and a Hebrew name, and the most frequent failure category of
 * the week to a Hebrew one. Every count stays the generator's.
 */
import { renameCategory, renameWorkflow } from './fixtures';
import { defaultDatasetOptions, generateDataset, type Dataset } from './generator';

export const arabicName = 'تقرير المبيعات الأسبوعي';
export const hebrewName = 'דוח מכירות שבועי';
export const hebrewCategory = 'תם הזמן';

const week = 7 * 24 * 60 * 60_000;

function busiest(counts: Map<string, number>): string[] {
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([key]) => key);
}

export function rightToLeftDataset(seed: number, now = Date.now()): Dataset {
  const dataset = generateDataset({ seed, ...defaultDatasetOptions, now });
  const runs = new Map<string, number>();
  const failed = new Map<string, number>();
  const failures = new Map<string, number>();
  for (const e of dataset.executions) {
    if (e.started_at_ms < dataset.now - week) continue;
    runs.set(e.workflow_name, (runs.get(e.workflow_name) ?? 0) + 1);
    if (e.status !== 'failed') continue;
    failed.set(e.workflow_name, (failed.get(e.workflow_name) ?? 0) + 1);
    if (e.error_category) failures.set(e.error_category, (failures.get(e.error_category) ?? 0) + 1);
  }
  const [first, second] = busiest(runs).filter((name) => (failed.get(name) ?? 0) >= 0.02 * runs.get(name)!);
  const [category] = busiest(failures);
  if (!first || !second || !category) throw new Error('the generated week has too few runs');
  renameWorkflow(dataset, first, arabicName);
  renameWorkflow(dataset, second, hebrewName);
  renameCategory(dataset, category, hebrewCategory);
  return dataset;
}
