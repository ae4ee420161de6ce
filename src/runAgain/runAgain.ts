/**
 * Run Again's rules, free of VS Code (runAgain.vscode.ts asks and sends; runAgainFollow.ts follows):
 * the parameters as the user edited them (JSON) checked against the automation's `parameters_schema`, which
 * is untrusted (types, `required` and `enum` only; anything else in it is ignored, whatever its shape); which
 * route to send to (the automation's public endpoint only when its URL is exactly the one Granite would build
 * on the client's own origin, so the key goes to no other host or route; else `execute`); and the words of
 * the confirmation and of the outcome.
 */
import type { AutomationWithEndpointInfo } from '../core/api/runSchemas';
import type { ParameterValue } from '../core/api/runsWriteApi';
import { isolateBidi } from '../core/escaping';
import { t } from '../core/l10n';

export type ParameterCheck =
  { ok: true; values: Record<string, unknown>; list: ParameterValue[] } | { ok: false; problems: string[] };

/** At most this many problems are listed; the rest are counted. */
const maxProblems = 8;
const jsonTypes = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'] as const;
type JsonType = (typeof jsonTypes)[number];

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** An own property only: a schema's `__proto__` or `constructor` key is data, never the prototype's. */
const own = (o: Record<string, unknown>, key: string): unknown => (Object.hasOwn(o, key) ? o[key] : undefined);

/** A parameter's name as shown in a message: quoted, isolated, bounded. */
export function quoteName(name: string): string {
  return `"${isolateBidi(name.length > 60 ? `${name.slice(0, 60)}…` : name)}"`;
}

function typeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value as JsonType;
}

function matchesType(value: unknown, type: JsonType): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

/** The schema's `type` for a property as a list of known JSON types; undefined when absent or unusable. */
function declaredTypes(schema: Record<string, unknown>): JsonType[] | undefined {
  const type = own(schema, 'type');
  const list = (Array.isArray(type) ? type : [type]).filter((x): x is JsonType => jsonTypes.includes(x as JsonType));
  return list.length > 0 ? list : undefined;
}

/** Deep equality for JSON values (enum members may be objects or arrays). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return (
    ka.length === kb.length &&
    ka.every(
      (k) => Object.hasOwn(b, k) && sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
    )
  );
}

function shortJson(value: unknown): string {
  const text = JSON.stringify(value);
  return isolateBidi(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

/**
 * Parses the edited parameters (a JSON object, name → value) and checks them against the schema. The list
 * form (`[{name, value}]`, for `execute`) keeps the object's key order.
 */
export function checkParameters(json: string, schema: unknown): ParameterCheck {
  let parsed: unknown;
  try {
    parsed = json.trim() === '' ? {} : JSON.parse(json);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      problems: [t('The parameters are not valid JSON ({0}). Write them as an object: {"name": value}.', reason)],
    };
  }
  if (!isRecord(parsed))
    return {
      ok: false,
      problems: [t('The parameters must be a JSON object of names and values, e.g. {"region": "EMEA"}.')],
    };
  const problems: string[] = [];
  const root = isRecord(schema) ? schema : {};
  const propertiesIn = own(root, 'properties');
  const properties = isRecord(propertiesIn) ? propertiesIn : {};
  const requiredIn = own(root, 'required');
  const required = Array.isArray(requiredIn) ? requiredIn.filter((x): x is string => typeof x === 'string') : [];
  for (const name of required) if (!Object.hasOwn(parsed, name)) problems.push(t('{0} is required.', quoteName(name)));
  for (const name of Object.keys(parsed)) {
    const rule = own(properties, name);
    if (!isRecord(rule)) continue;
    const value = parsed[name];
    const types = declaredTypes(rule);
    if (types && !types.some((type) => matchesType(value, type))) {
      problems.push(t('{0} must be {1}, not {2}.', quoteName(name), types.join(t(' or ')), typeOf(value)));
      continue;
    }
    const allowed = own(rule, 'enum');
    if (Array.isArray(allowed) && allowed.length > 0 && !allowed.some((option) => sameJson(option, value)))
      problems.push(
        t(
          '{0} must be one of {1}; {2} is not.',
          quoteName(name),
          allowed.slice(0, 12).map(shortJson).join(', '),
          shortJson(value),
        ),
      );
  }
  if (problems.length > maxProblems) {
    const more = problems.length - maxProblems;
    return { ok: false, problems: [...problems.slice(0, maxProblems), t('… and {0} more.', more)] };
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, values: parsed, list: Object.keys(parsed).map((name) => ({ name, value: parsed[name] })) };
}

/** The execution's own parameters (`[{name, value}]`, untyped in the spec) as the JSON the editor starts from. */
export function parametersJsonOf(parameters: readonly unknown[] | null | undefined): string {
  const values: Record<string, unknown> = {};
  for (const item of parameters ?? []) {
    if (isRecord(item) && typeof item.name === 'string' && Object.hasOwn(item, 'value'))
      Object.defineProperty(values, item.name, {
        value: item.value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
  return JSON.stringify(values, null, 2);
}

export type RunAgainRoute =
  | { kind: 'endpoint'; orgIdentifier: string; endpointSlug: string; url: string }
  | { kind: 'execute'; orgId: string; runId: string; note?: string };

export interface RouteInput {
  /** The client's origin and base URL (never taken from the endpoint URL). */
  origin: string;
  baseUrl: string;
  /** From `/api/me`. */
  organization: { id: string; slug?: string };
  info: Pick<AutomationWithEndpointInfo, 'run_id' | 'endpoint_slug' | 'endpoint_url'>;
}

/**
 * The endpoint only when `endpoint_url` is exactly `<API origin>/api/{org slug or id}/{endpoint_slug}` as
 * the client would send it: any other host, scheme, port, path or query means `execute`, so the key is
 * sent to the client's own origin and to these two routes only.
 */
export function chooseRoute(input: RouteInput): RunAgainRoute {
  const { info, organization, origin } = input;
  const execute = (note?: string): RunAgainRoute => ({
    kind: 'execute',
    orgId: organization.id,
    runId: info.run_id,
    note,
  });
  const slug = info.endpoint_slug;
  const url = info.endpoint_url;
  if (!slug || !url) return execute();
  const usable = (id: string | undefined): id is string => !!id && id !== '.' && id !== '..';
  if (input.baseUrl === origin && usable(slug)) {
    for (const identifier of [organization.slug, organization.id].filter(usable)) {
      const built = `${origin}/api/${encodeURIComponent(identifier)}/${encodeURIComponent(slug)}`;
      if (built === url) return { kind: 'endpoint', orgIdentifier: identifier, endpointSlug: slug, url };
    }
  }
  return execute(
    t(
      "The automation's endpoint URL is not {0}/api/…/{1} on this connection, so Granite's execute route is used and the key goes nowhere else.",
      origin,
      isolateBidi(slug),
    ),
  );
}

export interface ConfirmationFacts {
  workflow: string;
  /** The environment's name, or undefined for the default connection. */
  environment?: string;
  origin: string;
  organization: string;
  route: RunAgainRoute;
  parameters: Record<string, unknown>;
}

/** The modal's message (short) and detail: what runs, where, with what, and that drivers will run it. */
export function confirmationText(facts: ConfirmationFacts): { message: string; detail: string } {
  const parameters = JSON.stringify(facts.parameters);
  const shown = parameters.length > 300 ? `${parameters.slice(0, 300)}…` : parameters;
  const environment = facts.environment
    ? t('{0} ({1})', isolateBidi(facts.environment), facts.origin)
    : t('default connection ({0})', facts.origin);
  const via =
    facts.route.kind === 'endpoint'
      ? t('its endpoint {0}', facts.route.url)
      : t("Granite's execute route for automation {0}", isolateBidi(facts.route.runId));
  return {
    message: t('Run "{0}" again?', isolateBidi(facts.workflow)),
    detail: [
      t(
        "This runs the automation for real on the organisation's drivers in {0}. It is not a preview and it cannot be undone from VS Code.",
        isolateBidi(facts.organization),
      ),
      t('Environment: {0}', environment),
      t('Organisation: {0}', isolateBidi(facts.organization)),
      t('Sent to: {0}', via),
      t('Parameters: {0}', isolateBidi(shown)),
    ].join('\n'),
  };
}

/** What a Run Again attempt came to; `message` is for the user. */
export type RunAgainOutcome =
  | { kind: 'not-allowed'; message: string }
  | { kind: 'invalid'; message: string; problems: string[] }
  | { kind: 'missing'; message: string }
  | { kind: 'cancelled'; message: string }
  | { kind: 'environment-changed'; message: string }
  | { kind: 'failed'; outcome: 'not-started' | 'unknown'; message: string }
  | { kind: 'started'; route: 'endpoint' | 'execute'; executionId?: string; agentRunId?: string; message: string };

/** The one notification when a followed run ends (runAgainFollow.ts's `FollowEnd`), and how it is shown. */
export function followEndText(
  workflow: string,
  end:
    | { kind: 'finished'; status: string }
    | { kind: 'gave-up'; reason: 'requests' | 'deadline' }
    | { kind: 'error'; message: string },
): { text: string; severity: 'info' | 'warning' } {
  const name = isolateBidi(workflow);
  if (end.kind === 'finished') {
    const ok = end.status === 'completed' || end.status === 'succeeded' || end.status === 'success';
    return {
      text: ok
        ? t('Run Again: "{0}" completed.', name)
        : t('Run Again: "{0}" ended as {1}. Its run view shows why.', name, isolateBidi(end.status)),
      severity: ok ? 'info' : 'warning',
    };
  }
  if (end.kind === 'gave-up')
    return {
      text:
        end.reason === 'deadline'
          ? t('Run Again: "{0}" has not finished within its timeout; no longer following it. Check its history.', name)
          : t('Run Again: "{0}" is still going after 20 checks; no longer following it. Check its history.', name),
      severity: 'info',
    };
  return {
    text: t('Run Again: "{0}" was started, but following it failed ({1}). Check its history.', name, end.message),
    severity: 'warning',
  };
}
