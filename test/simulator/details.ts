/**
 * Bodies of the non-analytics routes: the current user and one execution's details (its `result` carries
 * the process output of runOutput.ts; runs.ts builds the history rows from it). Derived from the
 * dataset deterministically (per-execution seeds), so no extra data is stored per execution.
 */
import type { CurrentUserResponse, ExecutionDetail } from '../../src/core/api/schemas';
import type { Dataset, Execution } from './model';
import { parameterValue } from './names';
import { hashString, Rng } from './random';
import { runOutput } from './runOutput';
import { isoMillis } from './time';

export const ORGANIZATION_NAME = 'Acme Automation';

export function currentUser(dataset: Dataset): CurrentUserResponse {
  const rng = new Rng(hashString(`member:${dataset.orgId}`));
  return {
    member_id: `mem_${rng.hex(12)}`,
    email: 'automation.lead@acme-automation.example',
    created_at: isoMillis(Math.floor(dataset.now / 86_400_000 - 400) * 86_400_000),
    status: 'active',
    organization: {
      organization_id: dataset.orgId,
      organization_name: ORGANIZATION_NAME,
      organization_slug: dataset.orgSlug,
    },
    roles: ['admin'],
  };
}

function result(dataset: Dataset, e: Execution, rng: Rng): Record<string, unknown> | null {
  const outcome = outcomeOf(e, rng);
  // The process output has its own seed (runOutput.ts), so adding it left every other value unchanged.
  return outcome === null ? null : { ...outcome, ...runOutput(dataset, e) };
}

function outcomeOf(e: Execution, rng: Rng): Record<string, unknown> | null {
  switch (e.status) {
    case 'pending':
    case 'running':
      return null;
    case 'completed':
      return {
        success: true,
        steps_completed: e.steps,
        iterations: e.iterations,
        tokens_used: e.tokens,
        output: { rows_processed: rng.int(1, 500), message: `Completed ${e.steps} steps` },
      };
    default:
      // Failed and cancelled runs carry the public API's error shape: { type, message }.
      return {
        success: false,
        steps_completed: e.steps,
        iterations: e.iterations,
        tokens_used: e.tokens,
        error: { type: e.error_category ?? 'unknown', message: e.error_message },
      };
  }
}

export function executionDetail(dataset: Dataset, e: Execution): ExecutionDetail {
  const rng = new Rng(hashString(e.execution_id) ^ dataset.seed);
  const def = dataset.workflows[e.workflow];
  return {
    execution_id: e.execution_id,
    run_id: e.run_id,
    triggered_by: e.triggered_by,
    endpoint_slug: e.endpoint_slug,
    parameters:
      e.parameters ??
      (def?.parameters ?? []).map((name) => ({ name, value: parameterValue(rng, name, e.started_at_ms) })),
    status: e.status,
    started_at: isoMillis(e.started_at_ms),
    completed_at: e.completed_at_ms === null ? null : isoMillis(e.completed_at_ms),
    duration_ms: e.duration_ms,
    result: result(dataset, e, rng),
    job_id: e.status === 'pending' ? null : `job_${rng.hex(16)}`,
    // The user is only known for manual runs (the spec: "User ID if manually triggered").
    user_id: e.triggered_by === 'manual' ? `user_${rng.hex(12)}` : null,
  };
}
