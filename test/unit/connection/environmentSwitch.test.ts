/**
 * The environment switch against two simulators over real sockets: for each connection in turn (default,
 * then two environments, then back), the key is resolved the way the extension resolves it and one
 * request is sent. The simulators' request logs show that no key ever reached another origin, and that
 * GRANITE_API_KEY is never used for an environment.
 */
import assert from 'node:assert/strict';
import { checkBaseUrl } from '../../../src/core/api/baseUrl';
import { GraniteClient } from '../../../src/core/api/client';
import { resolveApiKey, secretName, type Environment } from '../../../src/connection/environments';
import { startSimulator, type Simulator } from '../../simulator/server';

describe('environment switch: keys and origins', () => {
  let production: Simulator;
  let staging: Simulator;
  const secrets = new Map<string, string>();
  const origin = (sim: Simulator) => {
    const c = checkBaseUrl(sim.url);
    assert.ok(c.ok);
    return c.origin;
  };

  before(async () => {
    [production, staging] = await Promise.all([
      startSimulator({ seed: 1, workflows: 3, executions: 100 }),
      startSimulator({ seed: 2, workflows: 3, executions: 100 }),
    ]);
  });
  after(async () => {
    await Promise.all([production.stop(), staging.stop()]);
  });

  /** One refresh with the connection's key, as the store would send it; undefined when there is no key. */
  async function refreshWith(baseUrl: string, environment?: Environment): Promise<'sent' | 'no key'> {
    const check = checkBaseUrl(baseUrl);
    assert.ok(check.ok);
    const key = await resolveApiKey((name) => Promise.resolve(secrets.get(name)), check.origin, {
      environment,
      envOrigin: origin(production),
      envKey: production.apiKey,
    });
    if (!key) return 'no key';
    await new GraniteClient({ baseUrl, apiKey: key.key }).fetchBatch({});
    return 'sent';
  }

  it('never sends a key to another origin, whatever the order of switches', async () => {
    const stagingEnv: Environment = { name: 'Staging', apiBaseUrl: staging.url };
    // Two customers on one origin: separate slots, separate keys.
    const customerA: Environment = { name: 'Customer A', apiBaseUrl: production.url };

    assert.equal(await refreshWith(production.url), 'sent', 'default: GRANITE_API_KEY for its start-up origin');
    assert.equal(await refreshWith(staging.url, stagingEnv), 'no key', 'an environment never gets GRANITE_API_KEY');
    assert.equal(await refreshWith(production.url, customerA), 'no key', 'not even on the same origin');
    assert.equal(staging.requests.length, 0);

    secrets.set(secretName(origin(staging), stagingEnv), staging.apiKey);
    assert.equal(await refreshWith(staging.url, stagingEnv), 'sent');
    assert.equal(await refreshWith(production.url), 'sent', 'back to the default');
    assert.equal(await refreshWith(staging.url, stagingEnv), 'sent');

    const batch = (sim: Simulator) => sim.requests.filter((r) => r.path === '/api/analytics/batch');
    assert.equal(batch(production).length, 2);
    assert.equal(batch(staging).length, 2);
    assert.ok(
      [...production.requests, ...staging.requests].every((r) => r.apiKeyPresent && r.apiKeyValid),
      'every request carried that origin’s own key',
    );
  });

  it('keeps each slot apart in storage', () => {
    const o = 'https://api.getgranite.ai';
    const names = new Set([
      secretName(o),
      secretName(o, { name: 'A', apiBaseUrl: o }),
      secretName(o, { name: 'B', apiBaseUrl: o }),
      secretName('https://staging.getgranite.ai', { name: 'A', apiBaseUrl: o }),
    ]);
    assert.equal(names.size, 4);
    assert.equal(secretName(o), `granite.apiKey:${o}`, 'the default slot is unchanged, so existing keys still work');
  });
});
