/**
 * Generated batches rendered in Debian Chromium under the real CSP: spec-valid ones, ones with
 * implausible values, ones with broken sections, and unreadable ones. Each is parsed by our parser,
 * turned into the dashboard state as the host does, sent through JSON (as postMessage does) to one
 * page, and drawn. After each: no page error, console error or CSP violation, and nothing blank: every
 * card shows its widget, its empty state or its error, and the banners say what the state holds.
 */
import * as assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Page } from 'playwright-core';
import { parseBatch, summariseProblems, type ParseOutcome } from '../../../src/core/api/parseBatch';
import type { SectionName } from '../../../src/core/api/schemas';
import { implausibleNotice, type DashboardState } from '../../../src/dashboard/protocol';
import { defaultFilters } from '../../../src/filters/filters';
import { aggregateBatch } from '../../simulator/aggregate';
import { resolveFilters } from '../../simulator/filters';
import { generateDataset } from '../../simulator/generator';
import { aBatch } from '../../unit/builders/batchBuilder';
import { stateFrom } from '../../webview/fixtures';
import { allChartsDrawn, deliver, Harness, pageProblems } from '../../webview/harness';
import { fuzzSeed } from '../fuzzRun';
import { withImplausibleValues } from '../implausible';
import { applyMutations, junkValue, materialise, mutationArb } from '../mutations';
import { loadSpecSchemas, SpecWalker } from '../specArbitraries';
import { inspectDashboard, type DashboardReport } from './inspect';

const renders = 320;
const renderTimeoutMs = 15_000;
/** Where each section is shown (`workflows` feeds the filter bar, not a card). */
const cardOf: Record<Exclude<SectionName, 'workflows'>, string> = {
  summary: 'card-summary',
  executions_over_time: 'card-executions',
  success_rate: 'card-success-rate',
  failure_breakdown: 'card-failures',
  trigger_distribution: 'card-triggers',
  top_automations: 'card-top-automations',
  duration_distribution: 'card-durations',
  recent_failures: 'card-recent-failures',
  actions_per_workflow: 'card-actions',
  workflow_complexity: 'card-complexity',
  endpoint_usage: 'card-endpoints',
};
const locales = ['en-GB', 'de-DE', 'ar-EG', 'ja-JP', 'hi-IN', 'not a locale'];

type Made = 'valid' | 'implausible' | 'mutated' | 'simulator' | 'junk';
// Longer lists than the host fuzz uses, so charts and tables have something to draw.
const valid = new SpecWalker(loadSpecSchemas(), { maxItems: 12 })
  .component('BatchedAnalyticsResponse')
  .map((d) => structuredClone(d) as Record<string, unknown>);
const now = Date.UTC(2026, 10, 26, 9, 17);
/** Realistic batches (random spec-valid ones nearly always hold some implausible value). */
const simulated = fc
  .record({
    seed: fc.nat(),
    days: fc.integer({ min: 1, max: 40 }),
    executions: fc.integer({ min: 0, max: 3000 }),
    granularity: fc.constantFrom('hour' as const, 'day' as const, 'week' as const),
  })
  .map(({ seed, days, executions, granularity }) =>
    aggregateBatch(
      generateDataset({ seed, now, workflows: 1 + (seed % 30), days, executions }),
      resolveFilters({ granularity }, now),
      { now, liftLimits: false },
    ),
  );
const generated: fc.Arbitrary<{ made: Made; doc: unknown }> = fc.oneof(
  { weight: 8, arbitrary: valid.map((doc) => ({ made: 'valid' as const, doc })) },
  { weight: 6, arbitrary: withImplausibleValues(valid).map(({ doc }) => ({ made: 'implausible' as const, doc })) },
  {
    weight: 6,
    arbitrary: fc
      .tuple(valid, fc.array(mutationArb, { minLength: 1, maxLength: 5 }))
      .map(([doc, m]) => ({ made: 'mutated' as const, doc: applyMutations(doc, m) })),
  },
  { weight: 2, arbitrary: simulated.map((doc) => ({ made: 'simulator' as const, doc })) },
  { weight: 1, arbitrary: junkValue.map((doc) => ({ made: 'junk' as const, doc: materialise(doc) })) },
);

/** What was rendered, by the parse outcome (a generated "valid" batch may hold implausible values too). */
function kindOf(outcome: ParseOutcome): 'plausible' | 'implausible' | 'section-invalid' | 'unreadable' {
  if (!outcome.ok) return 'unreadable';
  if (outcome.batch.problems.length) return 'section-invalid';
  return outcome.batch.warnings.length ? 'implausible' : 'plausible';
}

/** The state the host would post for this response (a failed parse is a ContractMismatch error, before any data). */
function hostState(outcome: ParseOutcome, index: number): DashboardState {
  const filters = defaultFilters('30d');
  const locale = locales[index % locales.length]!;
  if (outcome.ok)
    return stateFrom(outcome.batch, filters, { implausible: implausibleNotice(outcome.batch.warnings), locale });
  const why =
    outcome.reason === 'not-an-object'
      ? 'it is not a JSON object'
      : `no section matches (${summariseProblems(outcome.problems, 3)})`;
  return stateFrom({ sections: {}, problems: [], warnings: [] }, filters, {
    error: { kind: 'ContractMismatch', message: `Granite's analytics response could not be read: ${why}.` },
    locale,
  });
}

/** What must be on screen for `state`; returns what is wrong (empty when all is well). */
function blankness(state: DashboardState, report: DashboardReport): string[] {
  const wrong: string[] = [];
  const hasData = Object.keys(state.sections).some((k) => k !== 'workflows');
  const banner = (id: string) => report.banners.find((b) => b.id === `banner-${id}`);
  if (!hasData) {
    if (!report.contentHidden) wrong.push('cards shown without data');
    if (report.banners.length === 0) wrong.push('no data and no banner: a blank panel');
    if (state.error && !banner('error')?.text.includes(state.error.message)) wrong.push('the error is not shown');
    return wrong;
  }
  if (report.contentHidden) wrong.push('data but the cards are hidden');
  if (state.problems.length && !banner('problems')) wrong.push('no banner for the sections that could not be read');
  const implausible = banner('implausible');
  if (state.implausible && implausible?.title !== state.implausible.examples.join('\n'))
    wrong.push('no banner (with examples) for the implausible values');
  if (!state.implausible && implausible) wrong.push('an implausible-values banner without warnings');
  for (const [section, id] of Object.entries(cardOf) as [SectionName, string][]) {
    const card = report.cards.find((c) => c.id === id);
    if (!card) {
      wrong.push(`${id} is missing`);
      continue;
    }
    const problem = state.problems.find((p) => p.section === section);
    if (problem) {
      if (!card.problem?.includes(`"${section}"`)) wrong.push(`${id}: no error card for ${section}`);
    } else if (card.problem !== undefined || !card.bodyShown) {
      wrong.push(`${id}: ${section} parsed but its card shows an error or nothing`);
    } else if (card.kpis.length && card.kpis.some((k) => k.trim() === '')) {
      wrong.push(`${id}: an empty KPI`);
    } else if (card.figure && !(card.note || (card.figure.drawn && card.figure.pixels > 0))) {
      wrong.push(`${id}: neither a drawn chart nor an empty state (${JSON.stringify(card.figure)})`);
    } else if (card.tableRows !== undefined && card.tableRows === 0 && !card.note) {
      wrong.push(`${id}: an empty table without an empty state`);
    }
  }
  return wrong;
}

/** Whether `promise` settled true within `ms`. */
async function within(promise: Promise<boolean>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<false>((done) => (timer = setTimeout(() => done(false), ms)));
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

describe('fuzz: the dashboard renders generated batches', function () {
  this.timeout(600_000);
  let harness: Harness;
  let page: Page;

  before(async () => {
    harness = await Harness.start();
    page = await harness.open();
  });

  after(async () => {
    await harness?.stop();
  });

  it('draws figures near the largest double instead of hanging (found by this fuzz test)', async () => {
    const doc = aBatch()
      .set('executions_over_time.data.0.failed', Number.MAX_VALUE)
      .set('trigger_distribution.data.0.count', 5e307)
      .set('duration_distribution.histogram.0.bucket_start_ms', -Number.MAX_VALUE)
      .set('workflow_complexity.data.0.success_rate', -1e308)
      .build();
    const outcome = parseBatch(doc);
    assert.ok(outcome.ok && outcome.batch.warnings.length === 4, 'each is spec-valid and flagged');
    const state = hostState(outcome, 0);
    assert.ok(
      await within(
        deliver(page, state)
          .then(() => allChartsDrawn(page))
          .then(() => true),
        renderTimeoutMs,
      ),
      'not drawn in time',
    );
    assert.deepEqual([...(await pageProblems(page)), ...blankness(state, await page.evaluate(inspectDashboard))], []);
  });

  it(`renders ${renders} generated batches without errors and without a blank panel`, async () => {
    const samples = fc.sample(generated, { seed: fuzzSeed, numRuns: renders });
    const counts: Record<ReturnType<typeof kindOf>, number> = {
      plausible: 0,
      implausible: 0,
      'section-invalid': 0,
      unreadable: 0,
    };
    const started = Date.now();
    for (const [index, { made, doc }] of samples.entries()) {
      const outcome = parseBatch(doc);
      const state = hostState(outcome, index);
      const fail = async (why: string) => {
        const file = join(process.cwd(), 'test-artifacts', `fuzz-render-${fuzzSeed}-${index}.json`);
        await mkdir(join(process.cwd(), 'test-artifacts'), { recursive: true });
        await writeFile(file, JSON.stringify({ seed: fuzzSeed, index, made, doc }));
        assert.fail(`render ${index} (${made}, seed ${fuzzSeed}, document in ${file}): ${why.slice(0, 2000)}`);
      };
      // VS Code serialises webview messages as JSON; a value JSON cannot carry would change here.
      const drawn = deliver(page, JSON.parse(JSON.stringify(state)) as DashboardState)
        .then(() => allChartsDrawn(page))
        .then(() => true);
      // A chart stuck in a loop would otherwise only end when the tab runs out of memory, minutes later.
      if (!(await within(drawn, renderTimeoutMs))) await fail(`not drawn within ${renderTimeoutMs} ms`);
      const report = await page.evaluate(inspectDashboard);
      const wrong = [...(await pageProblems(page)), ...blankness(state, report)];
      if (wrong.length) await fail(wrong.join('; '));
      counts[kindOf(outcome)]++;
    }
    const summary = Object.entries(counts)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
    console.log(`      ${renders} renders in ${((Date.now() - started) / 1000).toFixed(1)} s, seed ${fuzzSeed}`);
    console.log(`[figure] fuzz renders = ${renders} (${summary})`);
    assert.ok(
      Object.values(counts).every((n) => n > 0),
      `not every kind was rendered: ${summary}`,
    );
  });
});
