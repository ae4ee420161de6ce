/**
 * The organisation and analytics status as the store shows them (`src/connection/organisationIdentity.ts`),
 * asked by a real client of the simulator over real sockets: each route once per key, requests counted as
 * sent, an answer that arrives after the key changed dropped, and analytics switched off said in the
 * server's words.
 */
import assert from 'node:assert/strict';
import { GraniteClient } from '../../../src/core/api/client';
import { OrganisationIdentity } from '../../../src/connection/organisationIdentity';
import { ME_PATH, requestsTo, STATUS_PATH } from '../../simulator/identityFaults';
import { startSimulator, type Simulator } from '../../simulator/server';

describe('organisation identity: the answers the store shows', () => {
  let sim: Simulator;
  let sent: number;
  let identity: OrganisationIdentity;
  const client = () => new GraniteClient({ baseUrl: sim.url, apiKey: sim.apiKey });
  const scope = () => `${new URL(sim.url).origin}#key`;

  afterEach(() => sim.stop());
  const start = async (analyticsEnabled = true) => {
    sim = await startSimulator({ seed: 4, workflows: 3, days: 5, executions: 100, analyticsEnabled });
    sent = 0;
    identity = new OrganisationIdentity(Date.now, () => sent++);
  };

  it('gives the organisation and the enabled status once, then asks nothing more for that key', async () => {
    await start();
    const facts = await identity.afterBatch(client(), scope(), false);
    assert.equal(facts?.organizationId, sim.orgId);
    assert.ok(facts?.organization);
    assert.ok(
      facts && 'analyticsDisabled' in facts && facts.analyticsDisabled === undefined,
      'an enabled status clears a disabled one',
    );
    assert.deepEqual(await identity.afterBatch(client(), scope(), false), {}, 'nothing asked, nothing changed');
    assert.equal(sent, 2);
    assert.equal(requestsTo(sim.requests, ME_PATH) + requestsTo(sim.requests, STATUS_PATH), 2);
  });

  it('says analytics is disabled in the server’s words', async () => {
    await start(false);
    const facts = await identity.afterBatch(client(), scope(), false);
    assert.equal(facts?.analyticsDisabled, 'Analytics is disabled for this organization');
  });

  it('drops answers that arrive after the key changed, and asks again for the new one', async () => {
    await start();
    sim.faults.next({ kind: 'latency', ms: 300 }, { path: ME_PATH });
    const pending = identity.afterBatch(client(), scope(), false);
    identity.forget();
    assert.equal(await pending, undefined, 'the old key’s answers are not shown');
    const again = await identity.afterBatch(client(), scope(), false);
    assert.equal(again?.organizationId, sim.orgId);
    assert.equal(requestsTo(sim.requests, ME_PATH), 2);
    assert.equal(sent, 4);
  });
});
