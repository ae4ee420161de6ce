/**
 * What the runs and trace routes (runs.ts, traces.ts) need of a request: a structural subset of routes.ts's
 * `RouteContext`, kept here so those files do not import routes.ts, which imports them (no cycles, even
 * type-only ones).
 */
import type { Dataset } from './model';
import type { Reply } from './respond';

export interface RunsContext {
  dataset: Dataset;
  /** Simulator clock at the request's arrival. */
  now: number;
  query: URLSearchParams;
  /** The simulator's own origin, e.g. http://127.0.0.1:54321. */
  origin: string;
}

export interface RunsRoute {
  method: 'GET';
  pattern: RegExp;
  handle(ctx: RunsContext, params: string[]): Reply;
  /** Served without the API key and outside the quota (a signed storage link). */
  public?: true;
}
