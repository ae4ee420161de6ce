/**
 * Pinned workflows: the ones a user watches. They sort first in the tree, and the status bar can show
 * their combined success rate instead of the organisation's: completed out of executions summed over the
 * pinned workflows whose counts are known (a rate without counts cannot be weighted, so it is left out
 * and the tooltip says which workflows are missing).
 */
import { rateOf } from '../core/format';
import type { WorkflowRow } from '../workflows/workflowHealth';

/** Pinned rows first, each group keeping the order it had. */
export function pinnedFirst(rows: readonly WorkflowRow[], pinned: ReadonlySet<string>): WorkflowRow[] {
  if (pinned.size === 0) return [...rows];
  return [...rows.filter((r) => pinned.has(r.name)), ...rows.filter((r) => !pinned.has(r.name))];
}

export interface PinnedRate {
  rate?: number;
  executions: number;
  completed: number;
  /** Pinned workflows whose counts are in the rate. */
  included: string[];
  /** Pinned workflows with runs whose counts are not known yet (not in the batch). */
  missing: string[];
}

export function pinnedRate(
  rows: ReadonlyMap<string, WorkflowRow> | readonly WorkflowRow[],
  pinned: readonly string[],
): PinnedRate {
  const byName: ReadonlyMap<string, WorkflowRow> =
    rows instanceof Map ? rows : new Map((rows as readonly WorkflowRow[]).map((r) => [r.name, r]));
  let executions = 0;
  let completed = 0;
  const included: string[] = [];
  const missing: string[] = [];
  for (const name of pinned) {
    const row = byName.get(name);
    if (row?.coverage === 'no-runs') {
      included.push(name);
      continue;
    }
    if (!row || row.executions === undefined || row.completed === undefined) {
      missing.push(name);
      continue;
    }
    executions += row.executions;
    completed += row.completed;
    included.push(name);
  }
  return { rate: rateOf(completed, executions), executions, completed, included, missing };
}

/** Adds or removes a name, keeping the list short and free of duplicates. */
export function togglePin(pinned: readonly string[], name: string, pin: boolean): string[] {
  const rest = pinned.filter((n) => n !== name);
  return pin ? [...rest, name].slice(-100) : rest;
}
