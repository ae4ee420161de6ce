/**
 * fast-check arbitraries made by walking Granite's OpenAPI excerpt (JSON Schema 2020-12), not our zod
 * schemas, so the fuzz tests cannot inherit a mistake of ours. Every value they make is meant to be
 * valid per the spec; the tests re-check that with ajv, so a generator bug fails loudly.
 *
 * Values are what `JSON.parse` gives for a body a server may send: plain objects (an own `__proto__`
 * key included), `-0`, and ±Infinity, which is how JSON.parse reads a JSON number beyond double range
 * (`1e309`, a 400-digit integer), a number the spec allows. NaN is never made: JSON cannot carry it.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { vendoredSpecPath } from '../unit/contract/openapi';
import { hostileStrings, longString } from './mutations';

export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  format?: string;
  default?: unknown;
}

export type Schemas = Record<string, JsonSchema>;

export function loadSpecSchemas(): Schemas {
  const spec = JSON.parse(readFileSync(vendoredSpecPath, 'utf8')) as { components: { schemas: Schemas } };
  return spec.components.schemas;
}

export interface WalkOptions {
  /** Longest generated array, unless the schema says otherwise (small keeps 10,000 documents fast). */
  maxItems: number;
  /** How often (1 in n objects) unknown keys are added: the spec does not forbid them. */
  extraKeysOneIn: number;
}

const defaults: WalkOptions = { maxItems: 4, extraKeysOneIn: 6 };

const isoDate = fc.date({
  min: new Date('1970-01-01T00:00:00Z'),
  max: new Date('2100-12-31T23:59:59Z'),
  noInvalidDate: true,
});

/** Strings for a plain `type: string`: mostly ordinary, some timestamps and words, some hostile. */
const anyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.string({ maxLength: 24 }) },
  { weight: 4, arbitrary: isoDate.map((d) => d.toISOString()) },
  { weight: 2, arbitrary: isoDate.map((d) => d.toISOString().slice(0, 19)) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'manual',
      'endpoint',
      'scheduled',
      'day',
      'hour',
      'executions',
      'element_not_found',
      'GET',
      'POST',
      'Invoice Intake',
    ),
  },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 16 }) },
  { weight: 2, arbitrary: fc.constantFrom(...hostileStrings) },
  { weight: 1, arbitrary: fc.integer({ min: 200, max: 4000 }).map((n) => longString(n)) },
);
/** A 100,000-character string now and then (they are cheap, but not free). */
const stringLeaf = fc.oneof(
  { weight: 400, arbitrary: anyString },
  { weight: 1, arbitrary: fc.constant(longString(100_000)) },
);

/** An overflowing JSON number: the spec allows it, JSON.parse reads it as ±Infinity. */
const overflow = fc.constantFrom(Infinity, -Infinity);
const hugeIntegers = fc.constantFrom(
  -0,
  2 ** 53,
  -(2 ** 53),
  2 ** 53 + 2,
  1e20,
  -1e20,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
);

function integerLeaf(min?: number, max?: number): fc.Arbitrary<number> {
  if (min !== undefined || max !== undefined) {
    const lo = Math.max(Math.ceil(min ?? -(2 ** 31)), Number.MIN_SAFE_INTEGER);
    return fc.integer({ min: lo, max: Math.min(Math.floor(max ?? lo + 2 ** 31), Number.MAX_SAFE_INTEGER) });
  }
  return fc.oneof(
    { weight: 200, arbitrary: fc.integer({ min: 0, max: 1000 }) },
    { weight: 50, arbitrary: fc.integer() },
    { weight: 8, arbitrary: hugeIntegers },
    { weight: 1, arbitrary: overflow },
  );
}

function numberLeaf(min?: number, max?: number): fc.Arbitrary<number> {
  if (min !== undefined || max !== undefined) {
    return fc.double({
      min: min ?? -Number.MAX_VALUE,
      max: max ?? Number.MAX_VALUE,
      noNaN: true,
      noDefaultInfinity: true,
    });
  }
  return fc.oneof(
    { weight: 120, arbitrary: fc.double({ min: 0, max: 100, noNaN: true }) },
    { weight: 80, arbitrary: fc.integer({ min: 0, max: 100_000 }) },
    { weight: 40, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
    { weight: 1, arbitrary: overflow },
  );
}

const extraKey = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'queue_metrics'),
);
const extraValue = fc.jsonValue({ maxDepth: 2 });

const jsonType = (v: unknown): string =>
  v === null
    ? 'null'
    : Array.isArray(v)
      ? 'array'
      : typeof v === 'number'
        ? Number.isInteger(v) || !Number.isFinite(v)
          ? 'integer'
          : 'number'
        : typeof v;

/** Sets a key as JSON.parse does (an own data property, even for `__proto__`). */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

export class SpecWalker {
  private readonly byRef = new Map<string, fc.Arbitrary<unknown>>();
  private readonly building = new Set<string>();
  private readonly options: WalkOptions;

  constructor(
    readonly schemas: Schemas,
    options: Partial<WalkOptions> = {},
  ) {
    this.options = { ...defaults, ...options };
  }

  /** Follows `$ref` (only local `#/components/schemas/…` references occur in the excerpt). */
  resolve(schema: JsonSchema): JsonSchema {
    let s = schema;
    for (let hops = 0; s.$ref !== undefined; hops++) {
      const name = /^#\/components\/schemas\/([^/]+)$/.exec(s.$ref)?.[1];
      const target = name === undefined ? undefined : this.schemas[name];
      if (!target || hops > 20) throw new Error(`Cannot resolve ${s.$ref}`);
      s = target;
    }
    return s;
  }

  component(name: string): fc.Arbitrary<unknown> {
    return this.arbitrary({ $ref: `#/components/schemas/${name}` });
  }

  arbitrary(schema: JsonSchema): fc.Arbitrary<unknown> {
    const ref = schema.$ref;
    if (ref === undefined) return this.build(schema);
    let arb = this.byRef.get(ref);
    if (!arb) {
      // The excerpt has no recursive schema; one would need fc.letrec, so say so instead of looping.
      if (this.building.has(ref)) throw new Error(`Recursive schema ${ref} is not supported`);
      this.building.add(ref);
      arb = this.build(this.resolve(schema));
      this.building.delete(ref);
      this.byRef.set(ref, arb);
    }
    return arb;
  }

  private build(s: JsonSchema): fc.Arbitrary<unknown> {
    if (s.const !== undefined) return fc.constant(s.const);
    if (s.enum) return fc.constantFrom(...s.enum);
    const branches = s.anyOf ?? s.oneOf;
    if (branches) return fc.oneof(...branches.map((b) => this.arbitrary(b)));
    const types = Array.isArray(s.type) ? s.type : s.type === undefined ? [] : [s.type];
    if (types.length > 1) return fc.oneof(...types.map((type) => this.build({ ...s, type })));
    const lo = s.exclusiveMinimum ?? s.minimum;
    const hi = s.exclusiveMaximum ?? s.maximum;
    switch (types[0]) {
      case 'object':
        return this.object(s);
      case 'array': {
        const maxLength = Math.max(
          s.minItems ?? 0,
          Math.min(s.maxItems ?? this.options.maxItems, this.options.maxItems),
        );
        return fc.array(this.arbitrary(s.items ?? {}), { minLength: s.minItems ?? 0, maxLength });
      }
      case 'string':
        return this.string(s);
      case 'integer': {
        const arb = integerLeaf(lo, hi);
        return s.exclusiveMinimum !== undefined || s.exclusiveMaximum !== undefined
          ? arb.filter((n) => n !== lo && n !== hi)
          : arb;
      }
      case 'number': {
        const arb = numberLeaf(lo, hi);
        return s.exclusiveMinimum !== undefined || s.exclusiveMaximum !== undefined
          ? arb.filter((n) => n !== lo && n !== hi)
          : arb;
      }
      case 'boolean':
        return fc.boolean();
      case 'null':
        return fc.constant(null);
      default:
        return fc.jsonValue({ maxDepth: 2 }); // `{}`: anything
    }
  }

  private string(s: JsonSchema): fc.Arbitrary<string> {
    if (s.format === 'date-time') return isoDate.map((d) => d.toISOString());
    if (s.format === 'date') return isoDate.map((d) => d.toISOString().slice(0, 10));
    if (s.minLength !== undefined || s.maxLength !== undefined)
      return fc.string({ minLength: s.minLength ?? 0, maxLength: s.maxLength ?? 64 });
    return stringLeaf;
  }

  private object(s: JsonSchema): fc.Arbitrary<Record<string, unknown>> {
    const properties = s.properties ?? {};
    const required = new Set(s.required ?? []);
    const model: Record<string, fc.Arbitrary<unknown>> = {};
    for (const [key, prop] of Object.entries(properties)) {
      const value = this.arbitrary(prop);
      // A defaulted key is sometimes sent with exactly its default.
      model[key] =
        prop.default !== undefined && !required.has(key)
          ? fc.oneof({ weight: 4, arbitrary: value }, { weight: 1, arbitrary: fc.constant(prop.default) })
          : value;
    }
    const record = fc.record(model, { requiredKeys: [...required].filter((k) => k in model) });
    const additional = s.additionalProperties;
    const extraArb = typeof additional === 'object' ? this.arbitrary(additional) : extraValue;
    const extras =
      additional === false
        ? fc.constant([] as [string, unknown][])
        : fc.oneof(
            { weight: this.options.extraKeysOneIn - 1, arbitrary: fc.constant([] as [string, unknown][]) },
            {
              weight: 1,
              arbitrary: fc.array(
                fc.tuple(
                  extraKey.filter((k) => !(k in properties)),
                  extraArb,
                ),
                { maxLength: 3 },
              ),
            },
          );
    return fc.tuple(record, extras).map(([known, extra]) => {
      const out: Record<string, unknown> = {};
      for (const [key, value] of extra) setOwn(out, key, value);
      for (const key of Object.keys(known)) setOwn(out, key, (known as Record<string, unknown>)[key]);
      return out;
    });
  }

  /**
   * What our parser must return for a spec-valid value: the spec's fields only (unknown keys are
   * dropped), `default` filled in, and the two documented choices of ours: an absent optional array
   * reads as empty, and a number JSON.parse read as ±Infinity is kept as the largest finite number.
   */
  project(schema: JsonSchema, value: unknown): unknown {
    const s = this.resolve(schema);
    const branches = s.anyOf ?? s.oneOf;
    if (branches) {
      const branch = branches.find((b) => this.accepts(this.resolve(b), value));
      return branch ? this.project(branch, value) : value;
    }
    if (typeof value === 'number')
      return value === Infinity ? Number.MAX_VALUE : value === -Infinity ? -Number.MAX_VALUE : value;
    if (Array.isArray(value)) return value.map((item) => this.project(s.items ?? {}, item));
    if (value === null || typeof value !== 'object' || !s.properties) return value;
    const source = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [key, prop] of Object.entries(s.properties)) {
      if (Object.hasOwn(source, key)) out[key] = this.project(prop, source[key]);
      else if (prop.default !== undefined) out[key] = structuredClone(prop.default);
      else if (this.resolve(prop).type === 'array' && !s.required?.includes(key)) out[key] = [];
    }
    return out;
  }

  /** A shallow type match, enough to pick the `anyOf` branch of a spec-valid value. */
  private accepts(s: JsonSchema, value: unknown): boolean {
    if (s.enum) return s.enum.includes(value);
    const types = Array.isArray(s.type) ? s.type : s.type === undefined ? [] : [s.type];
    if (types.length === 0) return true;
    const actual = jsonType(value);
    return types.includes(actual) || (actual === 'integer' && types.includes('number'));
  }
}
