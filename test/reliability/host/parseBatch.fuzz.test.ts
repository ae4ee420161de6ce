/**
 * Fuzzing the batch parser against Granite's OpenAPI excerpt, which decides what is valid (ajv), not
 * our zod schemas: spec-valid documents generated from the excerpt always parse, to exactly the spec's
 * fields with its defaults; mutated and junk documents never make the parser throw, every section the
 * spec accepts is kept, and every section it rejects is reported by name, and nothing else is.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { summariseProblems } from '../../../src/core/api/parseBatch';
import { sectionNames } from '../../../src/core/api/schemas';
import { clip, parseOrFail, sectionSchemas, sectionVerdict, spec, validBatch, walker } from '../batchFuzz';
import { fuzzCounts, fuzzParameters, registerFuzzReport } from '../fuzzRun';
import { applyMutations, junkValue, materialise, mutationArb } from '../mutations';
import { setOwn } from '../specArbitraries';

registerFuzzReport();

/**
 * Holds the parser to ajv's verdict, section by section. Returns whether the whole document is valid
 * (which must be the case exactly when every section is).
 */
function checkAgreement(doc: unknown): boolean {
  const outcome = parseOrFail(doc);
  const docValid = spec.check('BatchedAnalyticsResponse', doc) === undefined;
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    assert.deepEqual(outcome, { ok: false, reason: 'not-an-object', problems: [] });
    assert.equal(docValid, false);
    return false;
  }
  const record = doc as Record<string, unknown>;
  const problems = outcome.ok ? outcome.batch.problems : outcome.problems;
  let valid = 0;
  for (const name of sectionNames) {
    const verdict = sectionVerdict(name, record[name]);
    const reported = problems.filter((p) => p.section === name);
    if (verdict === undefined) {
      valid++;
      assert.deepEqual(
        reported,
        [],
        `${name} is valid per the spec but the parser reports: ${clip(summariseProblems(reported))}`,
      );
      assert.ok(
        outcome.ok && outcome.batch.sections[name] !== undefined,
        `${name} is valid per the spec but was not kept`,
      );
    } else {
      assert.equal(
        reported.length,
        1,
        `${name} is invalid per the spec (${clip(verdict)}) but the parser reported ${reported.length} problems for it`,
      );
      assert.ok(reported[0]!.issues.length > 0, `${name}: a problem without issues`);
      for (const issue of reported[0]!.issues) {
        assert.ok(
          issue.path === name || issue.path.startsWith(`${name}.`) || issue.path.startsWith(`${name}[`),
          `issue path ${clip(issue.path)} is not in ${name}`,
        );
        assert.ok(typeof issue.message === 'string' && issue.message.length > 0, `${name}: an issue without a message`);
      }
      if (outcome.ok)
        assert.equal(outcome.batch.sections[name], undefined, `${name} is invalid per the spec but was kept`);
    }
  }
  assert.equal(
    problems.length,
    sectionNames.length - valid,
    'a problem was reported for something that is not a section',
  );
  assert.equal(outcome.ok, valid > 0, 'the outcome is ok exactly when some section is valid');
  if (!outcome.ok) assert.equal(outcome.reason, 'every-section-invalid');
  assert.equal(docValid, valid === sectionNames.length, 'ajv judges the document differently from its sections');
  return docValid;
}

function count(valid: boolean): void {
  if (valid) fuzzCounts.valid++;
  else fuzzCounts.invalid++;
}

/** Top-level junk: any JSON value, and objects holding a mix of spec-valid sections and junk. */
const junkDocument: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  junkValue.map(materialise),
  fc
    .record(
      Object.fromEntries(
        sectionNames.map((name) => [name, fc.oneof(walker.arbitrary(sectionSchemas[name]), junkValue)]),
      ),
      { requiredKeys: [] },
    )
    .map((sections) => {
      const doc: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(sections)) setOwn(doc, key, materialise(value));
      return doc;
    }),
);

describe('fuzz: parseBatch against the OpenAPI excerpt', function () {
  this.timeout(120_000);

  it('parses every spec-valid document, to the spec fields with the spec defaults, without problems', () => {
    fc.assert(
      fc.property(validBatch, (doc) => {
        assert.equal(
          spec.check('BatchedAnalyticsResponse', doc),
          undefined,
          'the generator made a spec-invalid document',
        );
        const outcome = parseOrFail(doc);
        assert.ok(
          outcome.ok,
          `a spec-valid document was rejected: ${outcome.ok ? '' : clip(summariseProblems(outcome.problems))}`,
        );
        assert.deepEqual(outcome.batch.problems, []);
        for (const name of sectionNames) {
          assert.deepStrictEqual(
            outcome.batch.sections[name],
            walker.project(sectionSchemas[name], doc[name]),
            `${name} was not parsed as sent`,
          );
        }
        count(true);
      }),
      fuzzParameters(1, 3500),
    );
  });

  it('holds to the spec section by section on mutated documents (wrong types, missing keys, junk)', () => {
    const mutated = fc
      .tuple(validBatch, fc.array(mutationArb, { minLength: 1, maxLength: 4 }))
      .map(([doc, mutations]) => applyMutations(doc, mutations));
    fc.assert(
      fc.property(mutated, (doc) => count(checkAgreement(doc))),
      fuzzParameters(2, 5000),
    );
  });

  it('never throws on junk documents and reports each section the spec rejects', () => {
    fc.assert(
      fc.property(junkDocument, (doc) => count(checkAgreement(doc))),
      fuzzParameters(3, 1000),
    );
  });
});
