/**
 * The ways the identity routes (`GET /api/me`, `GET /api/analytics/status`) fail in the field, as standing
 * faults: a test faults both routes for as long as it likes (`faults.clear()` ends it) and counts the
 * requests each route received in the simulator's log.
 */
import type { Fault, FaultController } from './faults';
import type { RecordedRequest } from './server';

export const ME_PATH = '/api/me';
export const STATUS_PATH = '/api/analytics/status';
export const identityPaths = [ME_PATH, STATUS_PATH] as const;
export type IdentityPath = (typeof identityPaths)[number];

/** Bodies that are JSON, answered with 200, and not what the spec says each route returns. */
const specInvalidBodies: Record<IdentityPath, unknown> = {
  // CurrentUserResponse requires member_id, email, status and an organization object.
  [ME_PATH]: { member_id: 42, organization: 'Acme' },
  // AnalyticsStatusResponse is { enabled: boolean, message: string }.
  [STATUS_PATH]: { enabled: 'yes' },
};

export interface IdentityFault {
  /** How a test title names it. */
  name: string;
  fault: (path: IdentityPath) => Fault;
}

export const identityFaults: readonly IdentityFault[] = [
  {
    name: '404 (a gateway that exposes only the analytics routes)',
    fault: () => ({ kind: 'status', status: 404, body: { detail: 'Not Found' } }),
  },
  {
    name: '403 (a key without that permission)',
    fault: () => ({ kind: 'status', status: 403, body: { detail: 'The API key lacks the permission for this route' } }),
  },
  {
    name: '500',
    fault: () => ({
      kind: 'status',
      status: 500,
      body: { error: 'internal_error', message: 'Internal server error', code: 500 },
    }),
  },
  {
    name: 'a body that does not match the spec',
    fault: (path) => ({ kind: 'status', status: 200, body: specInvalidBodies[path] }),
  },
];

/** Every request to both identity routes gets `fault` until `faults.clear()`. */
export function faultIdentityRoutes(faults: FaultController, fault: IdentityFault): void {
  for (const path of identityPaths) faults.always(fault.fault(path), { path });
}

/** Requests the log holds for `path` (from `since`, an index into the log). */
export function requestsTo(requests: readonly RecordedRequest[], path: string, since = 0): number {
  return requests.slice(since).filter((r) => r.path === path).length;
}
