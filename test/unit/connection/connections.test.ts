/**
 * Connection resolution (`src/connection/connections.ts`) against the simulator over real sockets, with
 * keys in an in-memory SecretStorage: which key goes to which origin, the cache id (a hash, never the
 * key), why there is no client, and the request timeout passed in through the constructor.
 */
import assert from 'node:assert/strict';
import type { GraniteConfig } from '../../../src/config/configuration';
import { GraniteError } from '../../../src/core/api/errors';
import { cacheIdOf, Connections, type ConnectionsDeps } from '../../../src/connection/connections';
import { Credentials } from '../../../src/connection/credentials';
import { defaultFilters, toRequestFilters } from '../../../src/filters/filters';
import { startSimulator, type Simulator } from '../../simulator/server';
import { MemorySecrets } from '../helpers/memoryState';

describe('connections: from settings and key to a client', () => {
  let sim: Simulator;
  let origin: string;
  let secrets: MemorySecrets;
  let credentials: Credentials;
  let settings: Pick<GraniteConfig, 'apiBaseUrl' | 'environment'>;
  let logged: { secrets: string[]; exchanges: number };

  const connections = (options: Partial<ConnectionsDeps> = {}, env: NodeJS.ProcessEnv = {}) => {
    credentials = new Credentials(secrets, env);
    return new Connections({
      config: () => settings,
      credentials,
      now: Date.now,
      log: {
        setSecrets: (values) => void logged.secrets.push(...values.filter((v): v is string => !!v)),
        exchange: () => {
          logged.exchanges++;
        },
      },
      ...options,
    });
  };

  before(async () => {
    sim = await startSimulator({ seed: 3, workflows: 3, days: 5, executions: 100 });
    origin = new URL(sim.url).origin;
  });
  after(() => sim.stop());
  beforeEach(() => {
    secrets = new MemorySecrets();
    settings = { apiBaseUrl: sim.url, environment: undefined };
    logged = { secrets: [], exchanges: 0 };
  });
  afterEach(() => credentials.dispose());

  it('makes a client with the stored key, registers the key for redaction, and names the cache by a hash', async () => {
    await secrets.store(`granite.apiKey:${origin}`, sim.apiKey);
    const connection = await connections().resolve();
    assert.ok('client' in connection);
    assert.equal(connection.source, 'secret-storage');
    assert.equal(connection.client.origin, origin);
    assert.deepEqual(logged.secrets, [sim.apiKey]);
    assert.equal(connection.cacheId, cacheIdOf(origin, sim.apiKey));
    assert.ok(connection.cacheId.startsWith(`${origin}#`));
    assert.ok(!connection.cacheId.includes(sim.apiKey), 'the cache id never holds the key');
    const batch = await connection.client.fetchBatch(toRequestFilters(defaultFilters('7d', 'auto'), Date.now()));
    assert.ok(batch.data.sections.summary);
    assert.equal(logged.exchanges, 1, 'every exchange is logged');
  });

  it('gives another key another cache id', () => {
    assert.notEqual(cacheIdOf(origin, 'gk_live_one'), cacheIdOf(origin, 'gk_live_two'));
    assert.notEqual(cacheIdOf('https://a.example', 'gk_live_one'), cacheIdOf('https://b.example', 'gk_live_one'));
  });

  it('says there is no key, for the origin asked, without sending anything', async () => {
    const before = sim.requests.length;
    assert.deepEqual(await connections().resolve(), { noKey: true, origin });
    assert.equal(sim.requests.length, before);
  });

  it('explains an unusable base URL instead of making a client', async () => {
    settings = { apiBaseUrl: 'ftp://example.com', environment: undefined };
    const connection = await connections().resolve();
    assert.ok('error' in connection && connection.error instanceof GraniteError);
    assert.equal(connection.error.kind, 'InvalidBaseUrl');
  });

  it('uses GRANITE_API_KEY only for the origin it was given for, and never for an environment', async () => {
    const env = { GRANITE_API_KEY: sim.apiKey };
    const forOrigin = await connections({ environmentKeyOrigin: origin }, env).resolve();
    assert.ok('client' in forOrigin);
    assert.equal(forOrigin.source, 'environment');
    credentials.dispose();
    assert.ok('noKey' in (await connections({ environmentKeyOrigin: 'https://elsewhere.example' }, env).resolve()));
    credentials.dispose();
    settings = { apiBaseUrl: sim.url, environment: { name: 'Staging', apiBaseUrl: sim.url } };
    assert.ok('noKey' in (await connections({ environmentKeyOrigin: origin }, env).resolve()));
  });

  it('reports a keyring that cannot be read as an error to show', async () => {
    const locked = Object.assign(new MemorySecrets(), { get: () => Promise.reject(new Error('keyring locked')) });
    secrets = locked;
    const connection = await connections().resolve();
    assert.ok('error' in connection);
    assert.equal(connection.error.kind, 'KeyStorage');
    assert.match(connection.error.message, /keyring locked/);
  });

  it('gives the client the request timeout passed to the constructor, read at each resolve', async () => {
    await secrets.store(`granite.apiKey:${origin}`, sim.apiKey);
    let timeoutMs: number | undefined = 200;
    const resolver = connections({ requestTimeoutMs: () => timeoutMs });
    sim.faults.next({ kind: 'latency', ms: 1_000 });
    const slow = await resolver.resolve();
    assert.ok('client' in slow);
    await assert.rejects(
      slow.client.fetchBatch(toRequestFilters(defaultFilters('7d', 'auto'), Date.now())),
      (error: unknown) => error instanceof GraniteError && error.kind === 'Timeout',
    );
    timeoutMs = undefined;
    const normal = await resolver.resolve();
    assert.ok('client' in normal);
    assert.ok(
      (await normal.client.fetchBatch(toRequestFilters(defaultFilters('7d', 'auto'), Date.now()))).data.sections
        .summary,
    );
  });
});
