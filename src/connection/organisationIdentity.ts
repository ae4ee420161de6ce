/**
 * Who the key belongs to and whether analytics is on for it, as the store shows them: the organisation's
 * name and id from `/api/me`, and the server's message when `/api/analytics/status` says analytics is off.
 * When to ask is `IdentityLookup`'s rule; this adds that an answer for an older key or origin is dropped.
 */
import type { GraniteClient } from '../core/api/client';
import { t } from '../core/l10n';
import { IdentityLookup } from './identityLookup';

/** What the answers change in the store's state; a field left out was not answered (or not asked). */
export interface IdentityFacts {
  organization?: string;
  organizationId?: string;
  /** The server's message when analytics is disabled for the organisation; undefined once it is enabled. */
  analyticsDisabled?: string;
}

export class OrganisationIdentity {
  private readonly lookup: IdentityLookup;
  /** Bumped when the key or origin changes: answers for an older one are dropped (filters do not matter). */
  private epoch = 0;

  /** `countRequest` is told about each request really sent (a lookup that is not due sends nothing). */
  constructor(
    now: () => number,
    private readonly countRequest: () => void,
  ) {
    this.lookup = new IdentityLookup(now);
  }

  /**
   * After a batch request with `client` for `scope` (the cache id: origin and key hash, never the key):
   * asks whatever is due and resolves to what the answers say, or to undefined when the key or origin
   * changed meanwhile. `forbidden`: the batch got a 403, so the status is worth asking again.
   */
  async afterBatch(
    client: Pick<GraniteClient, 'fetchMe' | 'fetchStatus'>,
    scope: string,
    forbidden: boolean,
  ): Promise<IdentityFacts | undefined> {
    const epoch = this.epoch;
    const [me, status] = await this.lookup.afterBatch(
      scope,
      forbidden,
      () => (this.countRequest(), client.fetchMe()),
      () => (this.countRequest(), client.fetchStatus()),
    );
    if (epoch !== this.epoch) return undefined;
    const facts: IdentityFacts = {};
    if (me) {
      facts.organization = me.data.organization.organization_name;
      facts.organizationId = me.data.organization.organization_id;
    }
    if (status) {
      facts.analyticsDisabled = status.data.enabled
        ? undefined
        : status.data.message || t('Analytics is disabled for this organisation.');
    }
    return facts;
  }

  /** A key was set or deleted, or the origin changed: answers in flight are dropped and everything may be asked again. */
  forget(): void {
    this.epoch++;
    this.lookup.forget();
  }
}
