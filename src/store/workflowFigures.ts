/**
 * Figures for one workflow, fetched on demand: one filtered batch request when the user expands or selects
 * a workflow that the batch does not cover. Never automatic, never one per tree item; kept until the next
 * refresh, filter change or sign-out, which also abort what is still in flight.
 */
import type { GraniteClient } from '../core/api/client';
import { GraniteError } from '../core/api/errors';
import type { ParsedBatch } from '../core/api/parseBatch';
import { toRequestFilters, type FilterState } from '../filters/filters';
import { t } from '../core/l10n';
import { failureOutcome, successOutcome } from '../core/outcome';
import type { RefreshOutcome } from '../core/refreshScheduler';
import { rowFromWorkflowBatch, type Thresholds, type WorkflowRow } from '../workflows/workflowHealth';

export interface WorkflowFiguresDeps {
  client: () => Promise<GraniteClient | undefined>;
  gate: () => { ok: boolean };
  filters: () => FilterState;
  thresholds: () => Thresholds;
  now: () => number;
  onOutcome: (outcome: RefreshOutcome) => void;
  onChange: () => void;
  countRequest: () => void;
  warn: (message: string) => void;
}

export class WorkflowFigures {
  private readonly rows = new Map<string, WorkflowRow>();
  private readonly batches = new Map<string, ParsedBatch>();
  private readonly errors = new Map<string, string>();
  private readonly inFlight = new Map<string, { controller: AbortController; promise: Promise<void> }>();

  constructor(private readonly deps: WorkflowFiguresDeps) {}

  get rowMap(): ReadonlyMap<string, WorkflowRow> {
    return this.rows;
  }

  batch(name: string): ParsedBatch | undefined {
    return this.batches.get(name);
  }

  allBatches(): Iterable<ParsedBatch> {
    return this.batches.values();
  }

  /** Why the last on-demand request for this workflow failed, if it did. */
  error(name: string): string | undefined {
    return this.errors.get(name);
  }

  loading(name: string): boolean {
    return this.inFlight.has(name);
  }

  fetch(name: string): Promise<void> {
    if (this.rows.has(name)) return Promise.resolve();
    const running = this.inFlight.get(name);
    if (running) return running.promise;
    const controller = new AbortController();
    const promise = this.run(name, controller).finally(() => {
      if (this.inFlight.get(name)?.controller === controller) this.inFlight.delete(name);
      this.deps.onChange();
    });
    this.inFlight.set(name, { controller, promise });
    return promise;
  }

  private async run(name: string, controller: AbortController): Promise<void> {
    this.errors.delete(name);
    if (!this.deps.gate().ok) {
      this.errors.set(name, t('Requests are paused (rate limit or key); try again later.'));
      return;
    }
    try {
      const client = await this.deps.client();
      if (!client || controller.signal.aborted) return;
      this.deps.countRequest();
      const result = await client.fetchBatch(
        toRequestFilters({ ...this.deps.filters(), workflow: name }, this.deps.now()),
        { signal: controller.signal },
      );
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- an abort can come during the await; TypeScript keeps `aborted` narrowed to false across it (TS#9998)
      if (controller.signal.aborted) return;
      this.batches.set(name, result.data);
      this.rows.set(name, rowFromWorkflowBatch(name, result.data.sections, this.deps.thresholds()));
      this.deps.onOutcome(successOutcome(result));
    } catch (error) {
      const graniteError =
        error instanceof GraniteError ? error : new GraniteError('NetworkError', String(error), { cause: error });
      if (graniteError.kind === 'Aborted' || controller.signal.aborted) return;
      this.errors.set(name, graniteError.userMessage);
      this.deps.warn(`Could not load figures for one workflow: ${graniteError.userMessage}`);
      // A 429 or 401 here must slow or stop the scheduler too.
      if (graniteError.kind === 'RateLimited' || graniteError.needsCredentials) {
        this.deps.onOutcome(failureOutcome(graniteError, this.deps.now()));
      }
    }
  }

  /** After a refresh, a filter change or a sign-out: forget everything and abort what is in flight. */
  clear(): void {
    for (const { controller } of this.inFlight.values()) controller.abort();
    this.inFlight.clear();
    this.rows.clear();
    this.batches.clear();
    this.errors.clear();
  }
}
