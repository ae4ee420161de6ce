/**
 * What the `granite.runAgain` command loads for itself when no run view hands it a bundle (runAgain.vscode.ts):
 * the organisation from `/api/me` (id and slug, for the endpoint rule), the execution's detail and its
 * automation's info — three requests, each counted. The run data source (runData.ts) builds richer bundles
 * for the run view; Run Again needs only these parts.
 */
import type { GraniteClient } from '../core/api/client';
import { GraniteError } from '../core/api/errors';
import { RunsApi } from '../core/api/runsApi';
import type { RecentFailureItem } from '../core/api/schemas';
import { t } from '../core/l10n';
import type { RunBundle } from '../runs/runBundle';

export interface BundleDeps {
  client: Pick<GraniteClient, 'fetchMe' | 'fetchExecution' | 'getValidated'>;
  findFailure: (executionId: string) => RecentFailureItem | undefined;
  now: () => number;
  countRequest: () => void;
}

/** The bundle, or what went wrong in words for the user. */
export async function loadRunAgainBundle(
  executionId: string,
  deps: BundleDeps,
): Promise<{ ok: true; bundle: RunBundle } | { ok: false; message: string }> {
  const { client } = deps;
  try {
    deps.countRequest();
    const me = (await client.fetchMe()).data.organization;
    const organization = { id: me.organization_id, slug: me.organization_slug, name: me.organization_name };
    deps.countRequest();
    const detail = await client.fetchExecution(organization.id, executionId);
    deps.countRequest();
    const info = await new RunsApi(client).fetchAutomationInfo(organization.id, detail.data.run_id);
    const notNeeded = { state: 'missing' as const, reason: t('Not needed to run again.') };
    return {
      ok: true,
      bundle: {
        ids: { executionId, runId: detail.data.run_id },
        failure: deps.findFailure(executionId),
        detail: { state: 'ok', value: detail.data, fetchedAt: detail.receivedAt },
        info: { state: 'ok', value: info.data, fetchedAt: info.receivedAt },
        history: notNeeded,
        trace: notNeeded,
        organization,
        fetchedAt: deps.now(),
      },
    };
  } catch (error) {
    const message = error instanceof GraniteError ? error.userMessage : String(error);
    return { ok: false, message: t('Run Again could not load the run: {0}', message) };
  }
}
