/**
 * When the store may ask Granite who the key belongs to (`GET /api/me`) and whether analytics is on
 * (`GET /api/analytics/status`). Both rarely change, so each route is asked once per origin and key,
 * whatever the answer: a route that failed (a 404 from a gateway that exposes only the analytics routes,
 * a 403 from a key without that permission, a 5xx, a body that does not match the spec) is asked again no
 * earlier than an hour later, never once per Refresh — on the free plan (100 requests an hour) that would
 * triple what a refresh costs. A new origin or key starts afresh. After a 403 on the batch the status is
 * worth asking again (it says whether analytics was switched off), but within the same hourly limit.
 */

export type IdentityRoute = 'me' | 'status';

/** The least time between two requests to one route for one origin and key, once it has been asked. */
export const identityRetryMs = 60 * 60 * 1000;

/** How the batch request that prompts the lookups ended. */
export type BatchOutcome = 'ok' | 'forbidden';

/** One route's memory: when it was last answered or failed, or the lookup in flight. */
interface Entry {
  at: number;
  known?: boolean;
  inFlight?: Promise<unknown>;
}

// Lean on purpose: it is in dist/extension.js, whose budget is 100 KB.
export class IdentityLookup {
  /** The origin and key hash the entries belong to. */
  private scope?: string;
  private readonly entries = new Map<IdentityRoute, Entry>();

  constructor(private readonly now: () => number) {}

  /**
   * Asks `route` through `request` if it is due for `scope`, or joins the lookup in flight; resolves to the
   * answer, or to undefined when it failed or nothing was sent (known already, or failed within the hour).
   * `scope` names the origin and key: a hash of the key, never the key itself. `recheckKnown` lets a
   * known answer be asked again once an hour has passed since it came.
   */
  lookUp<T>(scope: string, route: IdentityRoute, request: () => Promise<T>, recheckKnown = false): Promise<T | undefined> {
    if (scope !== this.scope) this.forget();
    this.scope = scope;
    const entry = this.entries.get(route);
    if (entry?.inFlight) return entry.inFlight as Promise<T | undefined>;
    if (entry && ((entry.known && !recheckKnown) || this.now() - entry.at < identityRetryMs)) return Promise.resolve(undefined);
    const next: Entry = { at: this.now() };
    this.entries.set(route, next);
    // A lookup from before `forget()` or a new scope leaves the new memory alone.
    const settle = (known: boolean, value?: T) => {
      if (this.entries.get(route) === next) this.entries.set(route, { at: this.now(), known });
      return value;
    };
    return (next.inFlight = request().then((value) => settle(true, value), () => settle(false)));
  }

  /**
   * The lookups a batch's outcome calls for: both routes after a success; after a 403 both as well, the
   * status even when it is known (analytics may have been switched off), each within the hourly limit.
   */
  async afterBatch<M, S>(scope: string, batch: BatchOutcome, request: { me: () => Promise<M>; status: () => Promise<S> }): Promise<{ me?: M; status?: S }> {
    const [me, status] = await Promise.all([this.lookUp(scope, 'me', request.me), this.lookUp(scope, 'status', request.status, batch === 'forbidden')]);
    return { me, status };
  }

  /** A key was set or deleted, or the origin changed: everything may be asked again. */
  forget(): void {
    this.scope = undefined;
    this.entries.clear();
  }
}
