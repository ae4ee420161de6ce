/**
 * Where the language-model tools get a batch for their filters, spending as few requests as possible:
 * 1. the views' batch when the filters are the views' and it is fresh (younger than the refresh interval):
 *    no request;
 * 2. a batch this module fetched for the same key and filters that is still fresh: no request;
 * 3. the views' filters but stale data: the store's own refresh (joins one in flight, updates the views);
 * 4. other filters: one filtered batch request through the store's client, shared by concurrent calls.
 * Nothing is sent while the scheduler's gate is shut (rate limit, refused key): the model gets a message
 * saying why and until when. Errors become messages too, never exceptions a model cannot read.
 *
 * Only types come from `vscode` here, so the unit tests run this against the simulator in plain Node.
 */
import type { GraniteClient } from '../core/api/client';
import { GraniteError } from '../core/api/errors';
import { isolateBidi } from '../core/escaping';
import type { ParsedBatch } from '../core/api/parseBatch';
import { filterKey, toRequestFilters, type FilterState } from '../filters/filters';
import { t } from '../core/l10n';
import { failureOutcome, successOutcome } from '../core/outcome';
import type { RefreshOutcome } from '../core/refreshScheduler';
import type { AnalyticsStore } from '../store/store';
import type { StoreDeps } from '../store/storeState';
import { Disposable } from '../core/disposable';
import { utcTime } from './toolText';

export type ToolBatch =
  { ok: true; batch: ParsedBatch; fetchedAt: number } | { ok: false; message: string; apiText?: string };

export interface ToolBatchesDeps {
  store: Pick<AnalyticsStore, 'state' | 'connection' | 'refresh' | 'requestCounts'>;
  gate: StoreDeps['gate'];
  onOutcome: (outcome: RefreshOutcome) => void;
  now: () => number;
  /** How long a batch answers without a new request: the refresh interval. */
  freshForMs: () => number;
}

/** A few filter sets are enough for one conversation; older ones are dropped first. */
const maxRemembered = 4;

export class ToolBatches extends Disposable {
  private readonly remembered = new Map<string, { batch: ParsedBatch; fetchedAt: number }>();
  private readonly inFlight = new Map<string, Promise<ToolBatch>>();
  private readonly controllers = new Set<AbortController>();

  constructor(private readonly deps: ToolBatchesDeps) {
    super();
    this.register({
      dispose: () => {
        for (const controller of this.controllers) controller.abort();
        this.remembered.clear();
      },
    });
  }

  async get(filters: FilterState): Promise<ToolBatch> {
    const key = filterKey(filters);
    const viewsKey = () => filterKey(this.deps.store.state.filters);
    const fromViews = (): ToolBatch | undefined => {
      const { batch, fetchedAt } = this.deps.store.state;
      return batch && this.fresh(fetchedAt) && viewsKey() === key
        ? { ok: true, batch, fetchedAt: fetchedAt! }
        : undefined;
    };
    const shown = fromViews();
    if (shown) return shown;

    const connection = await this.deps.store.connection();
    if ('noKey' in connection) {
      this.remembered.clear();
      return {
        ok: false,
        message: t(
          'No Granite API key is set for {0}, so there is no data. Ask the user to run "Granite: Set API Key".',
          connection.origin,
        ),
      };
    }
    if ('error' in connection) return failed(connection.error);
    // Batches of another key or address are never answered from, nor kept.
    const prefix = `${connection.cacheId}|`;
    for (const k of this.remembered.keys()) if (!k.startsWith(prefix)) this.remembered.delete(k);
    const id = prefix + key;
    const kept = this.remembered.get(id);
    if (kept && this.fresh(kept.fetchedAt)) return { ok: true, ...kept };

    const running = this.inFlight.get(id);
    if (running) return running;
    const shut = this.shut();
    if (shut) return shut;
    if (viewsKey() === key) {
      await this.deps.store.refresh('tool');
      const error = this.deps.store.state.error;
      return (
        fromViews() ??
        (error ? failed(error) : { ok: false, message: t('Granite sent no data for these filters; try again.') })
      );
    }
    const promise = this.fetch(connection.client, filters, id).finally(() => this.inFlight.delete(id));
    this.inFlight.set(id, promise);
    return promise;
  }

  private fresh(at: number | undefined): boolean {
    return at !== undefined && this.deps.now() - at < this.deps.freshForMs();
  }

  /** Why nothing may be sent now, or undefined. The views' Refresh may retry a refused key; a model may not. */
  private shut(): ToolBatch | undefined {
    const gate = this.deps.gate();
    if (gate.ok) return undefined;
    if (gate.reason === 'rate-limited') {
      return {
        ok: false,
        message: t(
          "Granite's rate limit is reached; nothing was requested. Requests resume at {0}.",
          utcTime(gate.until),
        ),
      };
    }
    return {
      ok: false,
      message: t(
        'Granite refused the API key, so nothing is requested until it changes. Ask the user to run "Granite: Set API Key".',
      ),
    };
  }

  private async fetch(client: GraniteClient, filters: FilterState, id: string): Promise<ToolBatch> {
    const controller = new AbortController();
    this.controllers.add(controller);
    this.deps.store.requestCounts.tool++;
    try {
      const result = await client.fetchBatch(toRequestFilters(filters, this.deps.now()), { signal: controller.signal });
      // Only a used-up quota concerns the schedule: a success for other filters must not delay the views' refresh.
      const outcome = successOutcome(result);
      if (outcome.blockedUntil !== undefined) this.deps.onOutcome(outcome);
      this.remembered.delete(id);
      this.remembered.set(id, { batch: result.data, fetchedAt: result.receivedAt });
      if (this.remembered.size > maxRemembered) this.remembered.delete(this.remembered.keys().next().value!);
      return { ok: true, batch: result.data, fetchedAt: result.receivedAt };
    } catch (error) {
      const graniteError =
        error instanceof GraniteError ? error : new GraniteError('NetworkError', String(error), { cause: error });
      // A 429 or a refused key must slow or stop the scheduler too; other errors are this call's alone.
      if (graniteError.kind === 'RateLimited' || graniteError.needsCredentials)
        this.deps.onOutcome(failureOutcome(graniteError, this.deps.now()));
      return failed(graniteError);
    } finally {
      this.controllers.delete(controller);
    }
  }
}

function failed(error: GraniteError): ToolBatch {
  // The client isolates the server's words for VS Code surfaces; a chat answer quotes them exactly as sent.
  const said = error.serverMessage;
  const apiText = said === undefined ? error.userMessage : error.userMessage.replace(isolateBidi(said), said);
  return { ok: false, message: t('Granite could not provide the data.'), apiText };
}
