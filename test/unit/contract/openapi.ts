/**
 * Granite's published OpenAPI excerpt (`shared/granite/openapi-analytics.json`) loaded into ajv (JSON
 * Schema draft 2020-12, which OpenAPI 3.1 uses), so tests can ask "is this valid per the spec?" without
 * going through our own zod schemas. Also the two steps the runs contract suites (runsContract.test.ts,
 * runWritesContract.test.ts) share: a keyed GET on the simulator, and "valid per the spec and per zod".
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import * as z from 'zod/mini';

/**
 * A verbatim copy of the excerpt is kept in `test/fixtures/` so the tests run on a fresh clone; the
 * shared original (`../shared/granite/`), when present, is checked to be identical (see contract.test).
 */
export const vendoredSpecPath = resolve(__dirname, '../../../../test/fixtures/openapi-analytics.json');
export const sharedSpecPath = resolve(__dirname, '../../../../../shared/granite/openapi-analytics.json');

export interface SpecValidator {
  /** Validates `value` against `components.schemas[name]`; returns ajv's errors as text, or undefined. */
  check(name: string, value: unknown): string | undefined;
}

/** The runs excerpt (`openapi-runs.json`, issue 15), vendored and shared the same way. */
export const vendoredRunsSpecPath = resolve(__dirname, '../../../../test/fixtures/openapi-runs.json');
export const sharedRunsSpecPath = resolve(__dirname, '../../../../../shared/granite/openapi-runs.json');

/** A GET on the simulator with its API key: the status and the parsed body. */
export async function simulatorGet(sim: { url: string; apiKey: string }, path: string) {
  const response = await fetch(`${sim.url}${path}`, { headers: { 'X-Granite-API-Key': sim.apiKey } });
  return { status: response.status, json: await response.json() };
}

/** Asserts `json` valid per the spec (ajv) and per our schema (zod), or says which failed and for what. */
export function agreement(spec: SpecValidator) {
  return (name: string, schema: z.ZodMiniType, json: unknown, what: string): void => {
    assert.equal(spec.check(name, json), undefined, `spec ${name}: ${what}`);
    assert.ok(z.safeParse(schema, json).success, `zod ${name}: ${what}`);
  };
}

const cached = new Map<string, SpecValidator>();

/** The analytics excerpt's validator. */
export function specValidator(): SpecValidator {
  return validatorFor(vendoredSpecPath);
}

/** The runs excerpt's validator. */
export function runsSpecValidator(): SpecValidator {
  return validatorFor(vendoredRunsSpecPath);
}

function validatorFor(path: string): SpecValidator {
  const known = cached.get(path);
  if (known) return known;
  const specId = `https://granite.test/${basename(path)}`;
  const spec = JSON.parse(readFileSync(path, 'utf8')) as { components: unknown };
  // OpenAPI keywords outside JSON Schema (e.g. `openapi`, `info`) are not schema keywords: strict off.
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: specId, components: spec.components });
  const compiled = new Map<string, ValidateFunction>();
  const validator: SpecValidator = {
    check(name, value) {
      let validate = compiled.get(name);
      if (!validate) {
        validate = ajv.getSchema(`${specId}#/components/schemas/${name}`);
        if (!validate) throw new Error(`No schema ${name} in the spec`);
        compiled.set(name, validate);
      }
      return validate(value) ? undefined : ajv.errorsText(validate.errors, { dataVar: name });
    },
  };
  cached.set(path, validator);
  return validator;
}
