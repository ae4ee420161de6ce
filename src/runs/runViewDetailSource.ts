/**
 * A stand-in RunBundleSource for the run view until RunDataSource (runData.ts) is merged: the failure
 * record from the batch and the execution's detail (one request, counted as `details` like the run
 * document's), with info, history and trace reported as not loaded. Its shape is the one RunDataSource
 * fills, so swapping it is one line in registerRunView.
 */
import { GraniteError } from '../core/api/errors';
import type { ExecutionDetail } from '../core/api/schemas';
import { t } from '../core/l10n';
import type { AnalyticsStore } from '../store/store';
import type { RunBundle, RunPart } from './runBundle';
import type { RunIds } from './runLink';

export class RunDetailSource {
  private readonly held = new Map<string, RunBundle>();

  constructor(
    private readonly store: AnalyticsStore,
    private readonly now: () => number,
  ) {}

  peek(executionId: string): RunBundle | undefined {
    return this.held.get(executionId);
  }

  async load(ids: RunIds, options: { force?: boolean } = {}): Promise<RunBundle> {
    const held = this.held.get(ids.executionId);
    if (held && !options.force && held.detail.state === 'ok') return held;
    const failure = this.store.findFailure(ids.executionId);
    const detail = await this.detail(ids.executionId);
    const notLoaded = { state: 'missing', reason: t('Not loaded in this version.') } as const;
    const bundle: RunBundle = {
      ids: {
        executionId: ids.executionId,
        runId: ids.runId ?? failure?.run_id ?? (detail.state === 'ok' ? detail.value.run_id : ''),
      },
      failure,
      detail,
      info: notLoaded,
      history: notLoaded,
      trace: notLoaded,
      fetchedAt: this.now(),
    };
    this.held.set(ids.executionId, bundle);
    return bundle;
  }

  private async detail(executionId: string): Promise<RunPart<ExecutionDetail>> {
    const orgId = this.store.state.organizationId ?? (await this.store.ensureIdentity());
    if (!orgId) return { state: 'missing', reason: t('The organisation is not known yet.') };
    const connection = await this.store.connection();
    if (!('client' in connection)) return { state: 'missing', reason: t('No API key is set.') };
    this.store.requestCounts.details++;
    try {
      const fetched = await connection.client.fetchExecution(orgId, executionId);
      return { state: 'ok', value: fetched.data, fetchedAt: this.now() };
    } catch (error) {
      const known = error instanceof GraniteError;
      return {
        state: 'error',
        message: known ? error.userMessage : String(error),
        retryable: !known || error.kind !== 'NotFound',
      };
    }
  }
}
