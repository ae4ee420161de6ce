/**
 * GraniteClient against the Granite API simulator over real sockets on 127.0.0.1: every error type comes
 * from a real HTTP exchange (or a real failure to have one), never from a stubbed fetch.
 */
import assert from 'node:assert/strict';
import { GraniteClient, type ExchangeEvent, type GraniteClientOptions } from '../../../src/core/api/client';
import { GraniteError } from '../../../src/core/api/errors';
import { sectionNames } from '../../../src/core/api/schemas';
import { startSimulator, type Simulator } from '../../simulator/server';
import { startSelfSignedServer } from '../helpers/tlsServer';
import { rejectsWith } from '../helpers/rejectsWith';

describe('GraniteClient against the simulator', function () {
  let sim: Simulator;
  let clock: number;
  const events: ExchangeEvent[] = [];
  const client = (options: Partial<GraniteClientOptions> = {}) =>
    new GraniteClient({
      baseUrl: sim.url,
      apiKey: sim.apiKey,
      now: () => clock,
      onExchange: (e) => events.push(e),
      ...options,
    });

  before(async () => {
    clock = Date.UTC(2026, 10, 26, 12, 0, 0);
    sim = await startSimulator({
      seed: 7,
      workflows: 8,
      days: 10,
      executions: 2000,
      quota: 1000,
      clock: { now: () => clock },
    });
  });
  after(async () => sim.stop());
  beforeEach(() => {
    sim.faults.clear();
    sim.requests.length = 0;
    events.length = 0;
  });

  describe('success', () => {
    it('POSTs the filters with the key header and returns every section validated', async () => {
      const result = await client().fetchBatch({ granularity: 'day', workflow_name: null, triggered_by: 'manual' });
      assert.deepEqual(Object.keys(result.data.sections).sort(), [...sectionNames].sort());
      assert.deepEqual(result.data.problems, []);
      assert.ok((result.data.sections.summary?.total_executions ?? 0) > 0);
      const [request] = sim.requests;
      assert.equal(request?.method, 'POST');
      assert.equal(request?.path, '/api/analytics/batch');
      assert.equal(request?.apiKeyValid, true);
      assert.equal(request?.headers['content-type'], 'application/json');
      // Unset filters are omitted rather than sent as null.
      assert.deepEqual(request?.body, { granularity: 'day', triggered_by: 'manual' });
    });

    it('reads the rate-limit headers into the result', async () => {
      const result = await client().fetchBatch({});
      assert.equal(result.rateLimit.limit, 1000);
      assert.equal(typeof result.rateLimit.remaining, 'number');
      assert.ok((result.rateLimit.resetAt ?? 0) > clock);
      assert.ok(result.bytes > 1000);
    });

    it('reports every exchange without the key', async () => {
      await client().fetchBatch({});
      assert.equal(events.length, 1);
      assert.equal(events[0]?.status, 200);
      assert.ok(!JSON.stringify(events).includes(sim.apiKey));
    });

    it('keeps valid sections and reports a drifted one by name and path', async () => {
      sim.faults.next({ kind: 'drift', drift: 'wrongType', section: 'summary' });
      const result = await client().fetchBatch({});
      assert.equal(result.data.sections.summary, undefined);
      assert.ok(result.data.sections.recent_failures);
      assert.equal(result.data.problems.length, 1);
      assert.equal(result.data.problems[0]?.section, 'summary');
      assert.match(result.data.problems[0]?.issues[0]?.path ?? '', /^summary/);
    });

    it('reports a missing section and a null where a value is required, and tolerates extra fields', async () => {
      sim.faults.next({ kind: 'drift', drift: 'missingSection', section: 'endpoint_usage' });
      const missing = await client().fetchBatch({});
      assert.deepEqual(
        missing.data.problems.map((p) => p.section),
        ['endpoint_usage'],
      );
      sim.faults.next({ kind: 'drift', drift: 'nullValue', section: 'top_automations' });
      const nulled = await client().fetchBatch({});
      assert.deepEqual(
        nulled.data.problems.map((p) => p.section),
        ['top_automations'],
      );
      sim.faults.next({ kind: 'drift', drift: 'extraFields' });
      const extra = await client().fetchBatch({});
      assert.deepEqual(extra.data.problems, []);
    });

    it('reads /api/me, /api/analytics/status, the workflow list and an execution', async () => {
      const me = await client().fetchMe();
      assert.equal(me.data.organization.organization_id, sim.orgId);
      const status = await client().fetchStatus();
      assert.equal(status.data.enabled, true);
      const workflows = await client().fetchWorkflows();
      assert.equal(workflows.data.workflows.length, 8);
      const execution = sim.dataset.executions[0]!;
      const detail = await client().fetchExecution(sim.orgId, execution.execution_id);
      assert.equal(detail.data.execution_id, execution.execution_id);
      assert.equal(sim.requests.at(-1)?.path, `/api/organizations/${sim.orgId}/executions/${execution.execution_id}`);
    });
  });

  describe('HTTP errors', () => {
    it('401: Unauthorized, with the server message and the next step, never the key', async () => {
      const error = await rejectsWith(client({ apiKey: 'gk_test_wrong_key_123' }).fetchBatch({}), 'Unauthorized');
      assert.equal(error.status, 401);
      assert.equal(error.serverMessage, 'Invalid or missing API key');
      assert.match(error.userMessage, /Set API Key/);
      assert.ok(!error.message.includes('gk_test_wrong_key_123'));
      assert.equal(error.needsCredentials, true);
      assert.equal(error.retryable, false);
    });

    it('redacts the key when a server echoes it back', async () => {
      sim.faults.next({
        kind: 'status',
        status: 401,
        body: { error: 'unauthorized', message: `Key ${sim.apiKey} is revoked`, code: 401 },
      });
      const error = await rejectsWith(client().fetchBatch({}), 'Unauthorized');
      assert.ok(!error.userMessage.includes(sim.apiKey));
      assert.ok(!String(error.serverMessage).includes(sim.apiKey));
    });

    it('403: Forbidden', async () => {
      sim.faults.next({
        kind: 'status',
        status: 403,
        body: { error: 'forbidden', message: 'Insufficient permissions', code: 403 },
      });
      const error = await rejectsWith(client().fetchBatch({}), 'Forbidden');
      assert.match(error.userMessage, /Insufficient permissions/);
      assert.equal(error.needsCredentials, true);
    });

    it('404: NotFound, pointing at the base URL setting', async () => {
      const error = await rejectsWith(client({ baseUrl: `${sim.url}/wrong-prefix` }).fetchBatch({}), 'NotFound');
      assert.match(error.userMessage, /granite\.apiBaseUrl/);
      assert.equal(error.serverMessage, 'Not Found');
    });

    it("422: InvalidRequest, summarising FastAPI's detail list", async () => {
      const error = await rejectsWith(client().fetchBatch({ granularity: 'fortnight' as 'day' }), 'InvalidRequest');
      assert.equal(error.status, 422);
      assert.match(error.userMessage, /granularity: /);
      assert.match(error.userMessage, /Clear Filters/);
    });

    it('400: InvalidRequest from a plain detail', async () => {
      sim.faults.next({ kind: 'status', status: 400, body: { detail: 'start_date must be before end_date' } });
      const error = await rejectsWith(client().fetchBatch({}), 'InvalidRequest');
      assert.match(error.userMessage, /start_date must be before end_date/);
    });

    it('429 past the quota: RateLimited, retry at the X-RateLimit-Reset time', async () => {
      const small = await startSimulator({
        seed: 1,
        workflows: 3,
        days: 2,
        executions: 50,
        quota: 2,
        clock: { now: () => clock },
      });
      try {
        const c = new GraniteClient({ baseUrl: small.url, apiKey: small.apiKey, now: () => clock });
        await c.fetchBatch({});
        const second = await c.fetchBatch({});
        assert.equal(second.rateLimit.remaining, 0);
        const error = await rejectsWith(c.fetchBatch({}), 'RateLimited');
        const nextHour = Math.ceil((clock + 1) / 3_600_000) * 3_600_000;
        assert.equal(error.retryAt, nextHour);
        assert.equal(error.rateLimit?.limit, 2);
        assert.match(error.userMessage, /rate limit/i);
        assert.match(error.userMessage, /refreshIntervalSeconds/);
        assert.equal(error.retryable, true);
      } finally {
        await small.stop();
      }
    });

    it('429 with Retry-After: the later of Retry-After and the reset wins', async () => {
      sim.faults.next({
        kind: 'status',
        status: 429,
        body: { error: 'rate_limited', message: 'Too many requests', code: 429 },
        headers: { 'Retry-After': '7200' },
      });
      const error = await rejectsWith(client().fetchBatch({}), 'RateLimited');
      assert.equal(error.retryAt, clock + 7_200_000);
      assert.match(error.userMessage, /in about 2 h/);
    });

    for (const status of [500, 502, 503, 504]) {
      it(`${status}: ServerError, retryable`, async () => {
        sim.faults.next({ kind: 'status', status, body: { detail: 'Internal Server Error' } });
        const error = await rejectsWith(client().fetchBatch({}), 'ServerError');
        assert.equal(error.status, status);
        assert.equal(error.retryable, true);
        assert.match(error.userMessage, /retried/);
      });
    }

    it('a redirect is not followed, so the key never goes to another address', async () => {
      const other = await startSimulator({ seed: 2, workflows: 2, days: 1, executions: 10 });
      try {
        sim.faults.next({
          kind: 'status',
          status: 302,
          headers: { Location: `${other.url}/api/analytics/batch` },
          body: '',
        });
        const error = await rejectsWith(client().fetchBatch({}), 'HttpError');
        assert.match(error.userMessage, /redirect/);
        assert.equal(other.requests.length, 0);
      } finally {
        await other.stop();
      }
    });
  });

  describe('network and body failures', () => {
    it('connection refused: NetworkError(refused)', async () => {
      const gone = await startSimulator({ seed: 3, workflows: 2, days: 1, executions: 10 });
      await gone.stop();
      const error = await rejectsWith(
        new GraniteClient({ baseUrl: gone.url, apiKey: 'k' }).fetchBatch({}),
        'NetworkError',
      );
      assert.equal(error.network, 'refused');
      assert.match(error.userMessage, /refused/);
    });

    it('DNS failure of a host under .invalid: NetworkError(dns)', async () => {
      const error = await rejectsWith(
        new GraniteClient({ baseUrl: 'https://granite.invalid', apiKey: 'k' }).fetchBatch({}),
        'NetworkError',
      );
      assert.equal(error.network, 'dns');
      assert.match(error.userMessage, /granite\.invalid/);
    });

    it('TLS failure against a self-signed server: NetworkError(tls)', async () => {
      const tls = await startSelfSignedServer();
      try {
        const error = await rejectsWith(
          new GraniteClient({ baseUrl: tls.url, apiKey: 'k' }).fetchBatch({}),
          'NetworkError',
        );
        assert.equal(error.network, 'tls');
        assert.match(error.userMessage, /certificate/);
      } finally {
        await tls.stop();
      }
    });

    it('a connection dropped mid-body: NetworkError(reset)', async () => {
      sim.faults.next({ kind: 'drop' });
      const error = await rejectsWith(client().fetchBatch({}), 'NetworkError');
      assert.equal(error.network, 'reset');
    });

    it('no answer in time: Timeout', async () => {
      sim.faults.next({ kind: 'latency', ms: 2000 });
      const error = await rejectsWith(client({ timeoutMs: 200 }).fetchBatch({}), 'Timeout');
      assert.match(error.userMessage, /did not answer within/);
    });

    it('a body that drips past the timeout: Timeout (the timeout covers the body too)', async () => {
      sim.faults.next({ kind: 'drip', chunkBytes: 64, intervalMs: 50 });
      await rejectsWith(client({ timeoutMs: 300 }).fetchBatch({}), 'Timeout');
    });

    it('a body past the size cap: ResponseTooLarge, aborted while streaming', async () => {
      sim.faults.next({ kind: 'oversize', bytes: 3 * 1024 * 1024 });
      const error = await rejectsWith(client({ maxResponseBytes: 1024 * 1024 }).fetchBatch({}), 'ResponseTooLarge');
      assert.match(error.userMessage, /larger than 1 MB/);
    });

    it('malformed JSON and a truncated body: InvalidJson', async () => {
      sim.faults.next({ kind: 'malformedJson' });
      await rejectsWith(client().fetchBatch({}), 'InvalidJson');
      sim.faults.next({ kind: 'truncate' });
      const error = await rejectsWith(client().fetchBatch({}), 'InvalidJson');
      assert.match(error.userMessage, /not valid JSON/);
    });

    it('an HTML page with status 200: InvalidJson that points at the base URL', async () => {
      sim.faults.next({ kind: 'html' });
      const error = await rejectsWith(client().fetchBatch({}), 'InvalidJson');
      assert.match(error.userMessage, /web page/);
      assert.match(error.userMessage, /granite\.apiBaseUrl/);
    });

    it('a top level that is not an object, or no valid section: ContractMismatch', async () => {
      sim.faults.next({ kind: 'status', status: 200, body: [1, 2, 3] });
      const notObject = await rejectsWith(client().fetchBatch({}), 'ContractMismatch');
      assert.match(notObject.userMessage, /not a JSON object/);
      sim.faults.next({ kind: 'status', status: 200, body: { data: 'nothing here' } });
      const noSection = await rejectsWith(client().fetchBatch({}), 'ContractMismatch');
      assert.equal(noSection.problems?.length, sectionNames.length);
    });

    it('an aborted request: Aborted, not a network error', async () => {
      sim.faults.next({ kind: 'latency', ms: 2000 });
      const controller = new AbortController();
      const pending = client().fetchBatch({}, { signal: controller.signal });
      setTimeout(() => controller.abort(), 50);
      await rejectsWith(pending, 'Aborted');
    });

    it('an unsafe base URL is refused before any request', () => {
      const before = sim.requests.length;
      assert.throws(
        () => new GraniteClient({ baseUrl: sim.url.replace('127.0.0.1', 'example.com'), apiKey: 'k' }),
        (e: unknown) => e instanceof GraniteError && e.kind === 'InvalidBaseUrl',
      );
      assert.equal(sim.requests.length, before);
    });

    it('an execution the server does not know: NotFound', async () => {
      const error = await rejectsWith(client().fetchExecution(sim.orgId, 'exec_does_not_exist'), 'NotFound');
      assert.match(error.userMessage, /no details for this execution/);
    });
  });
});
