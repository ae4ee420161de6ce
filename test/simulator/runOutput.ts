/**
 * What a finished execution printed: `return_code`, `stdout` and `stderr` inside its `result` (details.ts),
 * the fields a person reads first in the run view. Drawn from a per-execution seed, so the detail route and
 * the history route (runs.ts) always agree, and tests can rebuild the text from the raw execution.
 */
import type { Dataset, Execution } from './model';
import { hashString, Rng } from './random';
import { isoMillis } from './time';

/** Exit codes as a Python driver script reports them; 143 = terminated by SIGTERM (a cancel). */
export const returnCodes = { completed: 0, failed: 1, cancelled: 143 } as const;
/** Two log lines per step, capped so a long run stays a few KB (the 10 MB bench builds its own). */
const maxStepLines = 400;

const actions = ['click', 'type', 'read', 'scroll', 'wait for', 'navigate to'] as const;
const targets = ['"Submit"', '"Invoice number"', 'the results table', '"Next page"', 'the login form', '"Export"'];

export interface RunOutput {
  return_code: number;
  stdout: string;
  stderr: string;
}

/** The output of a terminal execution; undefined while it is pending or running. */
export function runOutput(dataset: Dataset, e: Execution): RunOutput | undefined {
  if (e.status !== 'completed' && e.status !== 'failed' && e.status !== 'cancelled') return undefined;
  const rng = new Rng(hashString(`log:${e.execution_id}`) ^ dataset.seed);
  const end = e.completed_at_ms ?? e.started_at_ms;
  const lines = [`${isoMillis(e.started_at_ms)} INFO starting ${e.workflow_name} (${e.execution_id})`];
  const steps = Math.min(e.steps, maxStepLines / 2);
  for (let step = 1; step <= steps; step++) {
    const at = e.started_at_ms + Math.floor(((end - e.started_at_ms) * step) / (steps + 1));
    lines.push(`${isoMillis(at)} INFO step ${step}/${e.steps}: ${rng.pick(actions)} ${rng.pick(targets)}`);
    lines.push(`${isoMillis(at)} DEBUG screenshot saved (step ${step})`);
  }
  let stderr = '';
  if (e.status === 'completed') {
    lines.push(`${isoMillis(end)} INFO finished: ${e.steps} steps`);
    if (rng.chance(0.2)) stderr = `${isoMillis(end)} WARNING slow page load (${rng.int(3, 9)} s)\n`;
  } else if (e.status === 'failed') {
    lines.push(`${isoMillis(end)} ERROR step ${e.steps} failed`);
    stderr =
      'Traceback (most recent call last):\n' +
      `  File "automation.py", line ${rng.int(20, 400)}, in run_step\n` +
      `granite.errors.${e.error_category ?? 'unknown'}: ${e.error_message ?? 'no message'}\n`;
  } else {
    lines.push(`${isoMillis(end)} INFO received SIGTERM, stopping`);
    stderr = `${isoMillis(end)} WARNING cancelled by user\n`;
  }
  return { return_code: returnCodes[e.status], stdout: `${lines.join('\n')}\n`, stderr };
}
