/**
 * Run Again's rules in plain Node: parameters checked against an untrusted `parameters_schema` (types,
 * `required`, `enum`; everything else ignored, hostile shapes included), the endpoint rule (only the exact
 * URL on the client's own origin; another host, scheme, port, path or a look-alike falls back to execute),
 * and the confirmation's words.
 */
import assert from 'node:assert/strict';
import { checkParameters, chooseRoute, confirmationText, parametersJsonOf } from '../../../src/runAgain/runAgain';

const schema = {
  type: 'object',
  properties: {
    region: { type: 'string', enum: ['EMEA', 'NA'] },
    batch_size: { type: 'integer', enum: [25, 50] },
    ratio: { type: 'number' },
    dry_run: { type: 'boolean', default: false },
    tags: { type: ['array', 'null'] },
    date_from: { type: 'string', format: 'date', pattern: '^\\d{4}' },
  },
  required: ['region', 'batch_size'],
};

describe('Run Again: parameters against the schema', function () {
  it('accepts what matches, keeping the order for the list form', () => {
    const check = checkParameters('{"region":"NA","batch_size":25,"ratio":2,"tags":null,"extra":{"x":1}}', schema);
    assert.ok(check.ok);
    assert.deepEqual(
      check.list.map((p) => p.name),
      ['region', 'batch_size', 'ratio', 'tags', 'extra'],
    );
    assert.deepEqual(check.values.extra, { x: 1 });
  });

  it('names each parameter that is missing, of the wrong type or outside its enum', () => {
    const check = checkParameters('{"batch_size": 30, "ratio": "high", "dry_run": "yes", "tags": {}}', schema);
    assert.ok(!check.ok);
    assert.deepEqual(check.problems, [
      '"region" is required.',
      '"batch_size" must be one of 25, 50; 30 is not.',
      '"ratio" must be number, not string.',
      '"dry_run" must be boolean, not string.',
      '"tags" must be array or null, not object.',
    ]);
    const integer = checkParameters('{"region":"NA","batch_size":25.5}', schema);
    assert.ok(!integer.ok);
    assert.match(integer.problems[0]!, /"batch_size" must be integer, not number/);
  });

  it('ignores format, pattern and anything else; says what is wrong with JSON that is not an object', () => {
    assert.ok(checkParameters('{"region":"EMEA","batch_size":50,"date_from":"yesterday"}', schema).ok);
    for (const [json, expected] of [
      ['{"region": ', /not valid JSON/],
      ['[1, 2]', /must be a JSON object/],
      ['null', /must be a JSON object/],
      ['"text"', /must be a JSON object/],
    ] as const) {
      const check = checkParameters(json, schema);
      assert.ok(!check.ok, json);
      assert.match(check.problems[0]!, expected);
    }
    assert.deepEqual(checkParameters('  ', {}), { ok: true, values: {}, list: [] });
  });

  it('a hostile or broken schema is ignored safely', () => {
    const hostile: unknown[] = [
      null,
      'string',
      [],
      { properties: 'nope', required: 'region' },
      { properties: { region: 'x', n: { type: 7, enum: 'a' } }, required: [1, null, {}] },
      JSON.parse('{"properties": {"__proto__": {"type": "integer"}}, "required": ["__proto__"]}'),
      { properties: { toString: { type: 'integer' } } },
    ];
    for (const s of hostile) {
      const check = checkParameters('{"region": "x", "n": "y"}', s);
      if (!check.ok) assert.match(check.problems.join(' '), /"__proto__" is required/, JSON.stringify(s));
    }
    // A parameter named __proto__ is data, never the prototype.
    const proto = checkParameters('{"__proto__": {"polluted": true}}', JSON.parse('{"required": ["__proto__"]}'));
    assert.ok(proto.ok);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.deepEqual(proto.list[0]?.value, { polluted: true });
  });

  it('bidi controls in a name are isolated; long lists are cut with a count', () => {
    const rtl = checkParameters('{}', { required: ['\u202Eevil'] });
    assert.ok(!rtl.ok);
    assert.equal(rtl.problems[0], '"\u2068\u202Eevil\u2069" is required.');
    const many = checkParameters('{}', { required: Array.from({ length: 12 }, (_, i) => `p${i}`) });
    assert.ok(!many.ok);
    assert.equal(many.problems.length, 9);
    assert.equal(many.problems.at(-1), '… and 4 more.');
  });

  it("starts from the execution's own parameters", () => {
    const json = parametersJsonOf([{ name: 'region', value: 'NA' }, { name: 'n', value: 3 }, { bad: 1 }, 'x']);
    assert.deepEqual(JSON.parse(json), { region: 'NA', n: 3 });
    assert.equal(parametersJsonOf(undefined), '{}');
  });
});

describe('Run Again: the endpoint rule', function () {
  const origin = 'https://api.getgranite.ai';
  const organization = { id: 'org_123', slug: 'acme' };
  const info = (endpoint_url: string | null, endpoint_slug: string | null = 'daily-report') => ({
    run_id: 'run_9',
    endpoint_slug,
    endpoint_url,
  });

  it('the endpoint only when its URL is exactly <origin>/api/{org slug or id}/{slug}', () => {
    assert.deepEqual(
      chooseRoute({ origin, baseUrl: origin, organization, info: info(`${origin}/api/acme/daily-report`) }),
      {
        kind: 'endpoint',
        orgIdentifier: 'acme',
        endpointSlug: 'daily-report',
        url: `${origin}/api/acme/daily-report`,
      },
    );
    const byId = chooseRoute({
      origin,
      baseUrl: origin,
      organization,
      info: info(`${origin}/api/org_123/daily-report`),
    });
    assert.equal(byId.kind === 'endpoint' && byId.orgIdentifier, 'org_123');
  });

  it('another host, scheme, port, path, query, org or slug: execute on our origin, with a note', () => {
    const others = [
      'https://evil.example/api/acme/daily-report',
      'https://api.getgranite.ai.evil.example/api/acme/daily-report',
      'https://api.getgranite.ai@evil.example/api/acme/daily-report',
      'http://api.getgranite.ai/api/acme/daily-report',
      'https://api.getgranite.ai:8443/api/acme/daily-report',
      'https://api.getgranite.ai/v2/api/acme/daily-report',
      'https://api.getgranite.ai/api/acme/daily-report?wait=true',
      'https://api.getgranite.ai/api/acme/daily-report/',
      'https://API.getgranite.ai/api/acme/daily-report',
      'https://api.getgranite.ai/api/other-org/daily-report',
      'https://api.getgranite.ai/api/acme/other-slug',
      'https://api.getgranite.ai/api/acme/../analytics/batch',
    ];
    for (const url of others) {
      const route = chooseRoute({ origin, baseUrl: origin, organization, info: info(url) });
      assert.equal(route.kind, 'execute', url);
      assert.equal(route.kind === 'execute' && route.orgId, 'org_123');
      assert.match(route.kind === 'execute' ? (route.note ?? '') : '', /execute route is used/);
    }
  });

  it('no endpoint, a dot slug, or a base URL with a path prefix: execute', () => {
    assert.deepEqual(chooseRoute({ origin, baseUrl: origin, organization, info: info(null, null) }), {
      kind: 'execute',
      orgId: 'org_123',
      runId: 'run_9',
      note: undefined,
    });
    assert.equal(
      chooseRoute({ origin, baseUrl: origin, organization, info: info(`${origin}/api/acme/..`, '..') }).kind,
      'execute',
    );
    const prefixed = chooseRoute({
      origin,
      baseUrl: `${origin}/granite`,
      organization,
      info: info(`${origin}/api/acme/daily-report`),
    });
    assert.equal(prefixed.kind, 'execute');
  });

  it('the confirmation names workflow, environment and organisation, and says it runs on the drivers', () => {
    const { message, detail } = confirmationText({
      workflow: 'Daily report',
      environment: 'Staging',
      origin,
      organization: 'Acme Automation',
      route: { kind: 'execute', orgId: 'org_123', runId: 'run_9' },
      parameters: { region: 'NA' },
    });
    assert.equal(message, 'Run "Daily report" again?');
    assert.match(detail, /runs the automation for real on the organisation's drivers in Acme Automation/);
    assert.match(detail, /Environment: Staging \(https:\/\/api\.getgranite\.ai\)/);
    assert.match(detail, /Organisation: Acme Automation/);
    assert.match(detail, /Parameters: \{"region":"NA"\}/);
    const plain = confirmationText({
      workflow: 'x',
      origin,
      organization: 'Acme',
      route: { kind: 'endpoint', orgIdentifier: 'acme', endpointSlug: 's', url: `${origin}/api/acme/s` },
      parameters: {},
    });
    assert.match(plain.detail, /Environment: default connection/);
    assert.match(plain.detail, /its endpoint https:\/\/api\.getgranite\.ai\/api\/acme\/s/);
  });
});
