/**
 * Schema drift keeps the last good copy of a section the latest batch could not read (errors never
 * replace data), and the message about it names the sections, the next step and how old the kept data is.
 */
import assert from 'node:assert/strict';
import { keepLastGood, type ParsedBatch } from '../../../src/core/api/parseBatch';
import { isKept, problemsMessage } from '../../../src/core/problems';

const summary = {
  total_executions: 10,
  completed: 9,
  success_rate: 90,
  total_failures: 1,
  active_today: 1,
  avg_duration_ms: 1000,
} as unknown as NonNullable<ParsedBatch['sections']['summary']>;
const workflows = ['a', 'b'];
const problem = (section: 'summary' | 'workflows') => ({
  section,
  issues: [{ path: section, message: 'Section is missing' }],
});

describe('keepLastGood and problemsMessage', () => {
  const previous: ParsedBatch = { sections: { summary, workflows }, problems: [], warnings: [] };

  it('keeps the previous copy of an unreadable section, marked with the time it was received', () => {
    const next: ParsedBatch = { sections: { workflows: ['c'] }, problems: [problem('summary')], warnings: [] };
    const kept = keepLastGood(next, previous, 1_000);
    assert.equal(kept.sections.summary, summary);
    assert.deepEqual(kept.sections.workflows, ['c'], 'readable sections are the new ones');
    assert.equal(kept.problems[0]?.keptFrom, 1_000);
    assert.equal(isKept(kept.problems, 'summary'), true);
    // Kept again on the next refresh: still dated from the first time.
    const again = keepLastGood(
      { sections: { workflows: ['d'] }, problems: [problem('summary')], warnings: [] },
      kept,
      2_000,
    );
    assert.equal(again.problems[0]?.keptFrom, 1_000);
  });

  it('changes nothing without problems, without a previous batch, or when the previous lacked the section', () => {
    const clean: ParsedBatch = { sections: { summary }, problems: [], warnings: [] };
    assert.equal(keepLastGood(clean, previous, 1_000), clean);
    const drifted: ParsedBatch = { sections: { summary }, problems: [problem('workflows')], warnings: [] };
    assert.equal(keepLastGood(drifted, undefined, undefined), drifted);
    const nothingToKeep = keepLastGood(drifted, { sections: { summary }, problems: [], warnings: [] }, 1_000);
    assert.equal(nothingToKeep.problems[0]?.keptFrom, undefined);
    assert.equal(nothingToKeep.sections.workflows, undefined);
  });

  it('says which sections, what to do, and how old the kept ones are', () => {
    assert.equal(problemsMessage([], 0), undefined);
    const dropped = problemsMessage([problem('workflows')], 0);
    assert.match(dropped ?? '', /could not be read \(workflows\).*update the extension.*not shown/);
    const kept = problemsMessage([{ ...problem('summary'), keptFrom: 0 }], 5 * 60_000);
    assert.match(kept ?? '', /could not be read \(summary\).*update the extension.*last good summary from .*5.*stale/);
  });
});
