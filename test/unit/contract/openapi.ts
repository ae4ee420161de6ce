/**
 * Granite's published OpenAPI excerpt (`shared/granite/openapi-analytics.json`) loaded into ajv (JSON
 * Schema draft 2020-12, which OpenAPI 3.1 uses), so tests can ask "is this valid per the spec?" without
 * going through our own zod schemas.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

const specId = 'https://granite.test/openapi-analytics.json';

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

let cached: SpecValidator | undefined;

export function specValidator(): SpecValidator {
  if (cached) return cached;
  const spec = JSON.parse(readFileSync(vendoredSpecPath, 'utf8')) as { components: unknown };
  // OpenAPI keywords outside JSON Schema (e.g. `openapi`, `info`) are not schema keywords: strict off.
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: specId, components: spec.components });
  const compiled = new Map<string, ValidateFunction>();
  cached = {
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
  return cached;
}
