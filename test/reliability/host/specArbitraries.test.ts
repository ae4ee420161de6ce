/**
 * The generator the fuzz tests rest on: whatever it makes from a schema must be valid against that
 * schema (ajv), for every component of the excerpt and for the keywords the excerpt does not use yet.
 */
import assert from 'node:assert/strict';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { spec, walker } from '../batchFuzz';
import { fuzzParameters } from '../fuzzRun';
import { SpecWalker, type JsonSchema } from '../specArbitraries';

describe('fuzz generator: values made from a schema are valid against it', () => {
  for (const name of Object.keys(walker.schemas)) {
    it(`components.schemas.${name}`, () => {
      fc.assert(
        fc.property(walker.component(name), (value) => {
          assert.equal(spec.check(name, value), undefined);
        }),
        fuzzParameters(10, 100),
      );
    });
  }

  it('handles bounds, lengths, item counts, const, type lists and closed objects', () => {
    const schema: JsonSchema = {
      type: 'object',
      required: ['bounded', 'open', 'exclusive', 'list', 'code', 'fixed', 'either'],
      additionalProperties: false,
      properties: {
        bounded: { type: 'integer', minimum: -5, maximum: 5 },
        open: { type: 'number', minimum: 0.5 },
        exclusive: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
        list: { type: 'array', items: { type: 'boolean' }, minItems: 2, maxItems: 3 },
        code: { type: 'string', minLength: 2, maxLength: 3 },
        fixed: { const: 'v1' },
        either: { type: ['string', 'null'] },
        day: { type: 'string', format: 'date' },
        at: { type: 'string', format: 'date-time', default: '2026-01-01T00:00:00Z' },
      },
    };
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    fc.assert(
      fc.property(new SpecWalker({}).arbitrary(schema), (value) => {
        assert.ok(validate(value), ajv.errorsText(validate.errors));
      }),
      fuzzParameters(11, 500),
    );
  });
});
