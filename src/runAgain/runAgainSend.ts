/**
 * The moment Run Again sends (runAgain.vscode.ts calls this after the confirmation and the environment
 * check): exactly one write through runsWriteApi.ts on the route runAgain.ts chose, and what to follow next
 * (runAgainFollow.ts). Pure; a failure is runsWriteApi.ts's `RunWriteError`, which says whether the run may
 * have started.
 */
import {
  defaultExecuteTimeoutSeconds,
  executeAnswerGraceMs,
  type ParameterValue,
  type RunsWriteApi,
} from '../core/api/runsWriteApi';
import { t } from '../core/l10n';
import type { RunAgainOutcome, RunAgainRoute } from './runAgain';
import type { FollowTarget } from './runAgainFollow';

export interface SendInput {
  route: RunAgainRoute;
  values: Record<string, unknown>;
  list: ParameterValue[];
  /** The automation (`run_id`) and the executions known before sending (never taken for the new one). */
  runId: string;
  known: ReadonlySet<string>;
  workflow: string;
  sentAt: number;
}

export async function sendOnce(
  writes: Pick<RunsWriteApi, 'invokeEndpoint' | 'executeAutomation'>,
  input: SendInput,
): Promise<{ target: FollowTarget; outcome: Extract<RunAgainOutcome, { kind: 'started' }> }> {
  const { route, sentAt, workflow } = input;
  if (route.kind === 'endpoint') {
    const { data } = await writes.invokeEndpoint(route.orgIdentifier, route.endpointSlug, input.values);
    return {
      target: {
        kind: 'endpoint',
        agentRunId: data.runId,
        runId: input.runId,
        endpointSlug: route.endpointSlug,
        sentAt,
        known: input.known,
      },
      outcome: {
        kind: 'started',
        route: 'endpoint',
        agentRunId: data.runId,
        message: t('Run Again sent "{0}" to its endpoint; following it.', workflow),
      },
    };
  }
  const { data } = await writes.executeAutomation(route.orgId, route.runId, input.list);
  // Sent without `timeout`, so the run's is Granite's default.
  const deadline = sentAt + defaultExecuteTimeoutSeconds * 1000 + executeAnswerGraceMs;
  return {
    target: { kind: 'execute', runId: route.runId, answer: data, sentAt, deadline },
    outcome: {
      kind: 'started',
      route: 'execute',
      executionId: data.execution_id,
      message: t('Run Again started "{0}"; following it.', workflow),
    },
  };
}

/** Why Run Again is not available here. */
export function notAllowedMessage(trusted: boolean): string {
  return trusted
    ? t('Run Again is off. Turn on "granite.runs.allowRunAgain" in your user settings to run automations from VS Code.')
    : t('Run Again is not available in an untrusted workspace.');
}
