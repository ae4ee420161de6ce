/**
 * Values the spec allows but that cannot be right (negative counts and durations, rates outside
 * 0–100, unknown triggers, unparseable timestamps), injected into spec-valid batches: the document is
 * still valid (ajv), it parses without problems and with every value kept, and each injected value is
 * flagged by a warning at its exact path (where to inject is read from the spec: see implausible.ts).
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { sectionNames } from '../../../src/core/api/schemas';
import { clip, parseOrFail, sectionSchemas, spec, validBatch, walker } from '../batchFuzz';
import { fuzzCounts, fuzzParameters, registerFuzzReport } from '../fuzzRun';
import { unparseable, withImplausibleValues } from '../implausible';

registerFuzzReport();

/** `recent_failures.data[3].started_at` → the parsed value there (undefined when there is none). */
function valueAtPath(root: unknown, path: string): unknown {
  let value = root;
  for (const key of path.match(/[^.[\]]+/g) ?? []) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[/^\d+$/.test(key) ? Number(key) : key];
  }
  return value;
}

const injected = withImplausibleValues(validBatch);

describe('fuzz: implausible values are kept and flagged', function () {
  this.timeout(60_000);

  it('the timestamps used as unparseable do not parse', () => {
    for (const text of unparseable)
      assert.ok(Number.isNaN(Date.parse(text)) && Number.isNaN(Date.parse(`${text}Z`)), JSON.stringify(text));
  });

  it('parses spec-valid documents with implausible values, keeps every value and warns at each one', () => {
    fc.assert(
      fc.property(injected, ({ doc, chosen }) => {
        assert.equal(spec.check('BatchedAnalyticsResponse', doc), undefined, 'an injected value broke the spec');
        const outcome = parseOrFail(doc);
        assert.ok(outcome.ok, 'a spec-valid document with implausible values was rejected');
        const { sections, problems, warnings } = outcome.batch;
        assert.deepEqual(problems, [], 'implausible values must be warnings, not problems');
        for (const name of sectionNames)
          assert.deepStrictEqual(
            sections[name],
            walker.project(sectionSchemas[name], doc[name]),
            `${name} lost or changed data`,
          );
        const flagged = new Set(warnings.map((w) => w.path));
        for (const path of chosen)
          assert.ok(flagged.has(path), `no warning for ${clip(path)} = ${clip(String(valueAtPath(doc, path)), 60)}`);
        for (const w of warnings) {
          assert.equal(w.path.split(/[.[]/)[0], w.section, `warning ${w.path} filed under ${w.section}`);
          assert.ok(
            sections[w.section] !== undefined && valueAtPath(sections, w.path) !== undefined,
            `warning ${w.path} points at nothing`,
          );
          assert.ok(w.message.length > 0 && !/[\n\r]/.test(w.message), `warning ${w.path}: not a one-line message`);
        }
        fuzzCounts.valid++;
      }),
      fuzzParameters(4, 1000),
    );
  });
});
