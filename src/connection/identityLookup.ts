/**
 * When the store may ask Granite who the key belongs to (`GET /api/me`) and whether analytics is on
 * (`GET /api/analytics/status`). Both rarely change, so each route is asked once per origin and key,
 * whatever the answer: a route that failed (a 404 from a gateway that exposes only the analytics routes,
 * a 403 from a key without that permission, a 5xx, a body that does not match the spec) is asked again no
 * earlier than an hour later, never once per Refresh — on the free plan (100 requests an hour) that would
 * triple what a refresh costs. A new origin or key starts afresh. After a 403 on the batch the status is
 * worth asking again (it says whether analytics was switched off), but within the same hourly limit.
 */

/** The least time between two requests to one route for one origin and key, once it has been asked. */
export const identityRetryMs = 60 * 60 * 1000;

/** One route's memory for one origin and key: when it was last answered or failed, or the lookup in flight. */
interface Entry {
  at: number;
  known?: boolean;
  inFlight?: Promise<unknown>;
}

export class IdentityLookup {
  /** By origin, key hash and route. */
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number) {}

  /**
   * After a batch request: `/api/me` and the status, each if it is due for `scope` (the origin and a hash
   * of the key, never the key itself). After a 403 (`forbidden`) the status is asked even when it is known,
   * since analytics may have been switched off, but still no sooner than an hour after it was last asked.
   * Resolves to the answers; undefined for a route that failed or was not asked.
   */
  afterBatch<M, S>(
    scope: string,
    forbidden: boolean,
    me: () => Promise<M>,
    status: () => Promise<S>,
  ): Promise<[M | undefined, S | undefined]> {
    return Promise.all([this.lookUp(`${scope} me`, me), this.lookUp(`${scope} status`, status, forbidden)]);
  }

  /**
   * Asks through `request` if `key` (origin, key hash and route) is due, or joins the lookup in flight;
   * resolves to the answer, or to undefined when it failed or nothing was sent (known already, or failed
   * within the hour). `recheckKnown` lets a known answer be asked again an hour after it came.
   */
  lookUp<T>(key: string, request: () => Promise<T>, recheckKnown = false): Promise<T | undefined> {
    const entry = this.entries.get(key);
    if (entry?.inFlight) return entry.inFlight as Promise<T | undefined>;
    if (entry && ((entry.known && !recheckKnown) || this.now() - entry.at < identityRetryMs))
      return Promise.resolve(undefined);
    const next: Entry = { at: this.now() };
    this.entries.set(key, next);
    // A lookup from before `forget()` leaves the new memory alone.
    const settle = (known: boolean, value?: T) => {
      if (this.entries.get(key) === next) this.entries.set(key, { at: this.now(), known });
      return value;
    };
    return (next.inFlight = request().then(
      (value) => settle(true, value),
      () => settle(false),
    ));
  }

  /** A key was set or deleted, or the origin changed: everything may be asked again. */
  forget(): void {
    this.entries.clear();
  }
}
