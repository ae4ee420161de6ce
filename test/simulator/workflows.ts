/**
 * Workflow definitions: names, ids, triggers, endpoints and the statistical profile each workflow's
 * runs are drawn from. The default dataset gets deliberate "characters" so the dashboard has a story:
 * one struggling workflow, one flaky one, one that went quiet.
 */
import type { Rng } from './random';
import { parameterNames, slugify, workflowNames } from './names';
import type { EndpointDef, TriggerType, WorkflowDef } from './model';

const MINUTE = 60_000;
const DAY = 86_400_000;

type Profile = 'endpoint' | 'scheduled' | 'manual' | 'mixed';
const triggerMixes: Record<Profile, Record<TriggerType, number>> = {
  endpoint: { endpoint: 0.75, manual: 0.25, scheduled: 0 },
  scheduled: { scheduled: 0.85, manual: 0.15, endpoint: 0 },
  manual: { manual: 0.8, scheduled: 0.2, endpoint: 0 },
  mixed: { manual: 0.4, scheduled: 0.3, endpoint: 0.3 },
};
/** Cycled over the workflows so every dataset gets a predictable share of endpoint workflows. */
const defaultProfileCycle: Profile[] = ['endpoint', 'scheduled', 'manual', 'mixed', 'manual'];
/** The large dataset needs ≥ 500 distinct endpoints out of 2,000 workflows. */
const largeProfileCycle: Profile[] = ['endpoint', 'scheduled', 'endpoint', 'manual', 'mixed'];

/** Extra per-workflow numbers the generator needs but the API never shows. */
export interface WorkflowProfile {
  def: WorkflowDef;
  /** Relative share of all executions. */
  weight: number;
  clicksPerStep: number;
  keystrokesPerStep: number;
  scrollsPerStep: number;
  tokensPerIteration: number;
  meanIterations: number;
}

function logUniform(rng: Rng, min: number, max: number): number {
  return Math.exp(rng.float(Math.log(min), Math.log(max)));
}

function endpointsFor(rng: Rng, name: string, taken: Set<string>): EndpointDef[] {
  let slug = slugify(name);
  for (let i = 2; taken.has(slug); i++) slug = `${slugify(name)}-${i}`;
  taken.add(slug);
  const method = rng.weighted<EndpointDef['http_method']>([
    ['POST', 0.75],
    ['PUT', 0.12],
    ['GET', 0.13],
  ]);
  const endpoints: EndpointDef[] = [{ endpoint_slug: slug, http_method: method }];
  // Some endpoints accept a second method on the same slug (e.g. GET to poll, POST to start).
  if (rng.chance(0.2)) endpoints.push({ endpoint_slug: slug, http_method: method === 'GET' ? 'POST' : 'GET' });
  return endpoints;
}

export function defineWorkflows(rng: Rng, count: number, days: number, large: boolean): WorkflowProfile[] {
  const names = workflowNames(rng, count);
  const cycle = large ? largeProfileCycle : defaultProfileCycle;
  const profiles = rng.shuffle(names.map((_, i) => cycle[i % cycle.length] as Profile));
  const ranks = rng.shuffle(names.map((_, i) => i));
  const slugs = new Set<string>();

  const out = names.map((name, i): WorkflowProfile => {
    const profile = profiles[i] as Profile;
    const agent = /Agent|Scraper|Triage/.test(name) || rng.chance(0.25);
    const steps = rng.int(4, 48);
    const params = rng.shuffle(parameterNames).slice(0, rng.int(0, 6));
    const medianDurationMs =
      (large ? logUniform(rng, 2_000, 360_000) : logUniform(rng, 4_000, 200_000)) * (agent ? 1.6 : 1);
    const rank = ranks[i] as number;
    const def: WorkflowDef = {
      name,
      run_id: `run_${rng.hex(12)}`,
      steps,
      parameters: params,
      triggerMix: triggerMixes[profile],
      endpoints: triggerMixes[profile].endpoint > 0 ? endpointsFor(rng, name, slugs) : [],
      agent,
      medianDurationMs: Math.round(medianDurationMs),
      durationSigma: large ? rng.float(0.4, 0.9) : rng.float(0.3, 0.7),
      // The large dataset caps at 1,000 s so the 5 s histogram has ~200 buckets; otherwise the
      // timeout leaves room for the slow tail (4 × median, at least 10 min, in 5 min steps).
      timeoutMs: large
        ? 1_000_000
        : Math.max(10 * MINUTE, Math.ceil((4 * medianDurationMs) / (5 * MINUTE)) * 5 * MINUTE),
      failureRate: large ? logUniform(rng, 0.03, 0.2) : rng.float(0.005, 0.015),
      cancelRate: large ? rng.float(0.003, 0.02) : rng.float(0.001, 0.004),
      quietForMs: 0,
    };
    return {
      def,
      // Zipf-like popularity, flattened so even the least used workflow has a meaningful sample.
      weight: 1 / Math.pow(rank + 1, large ? 0.5 : 0.8),
      clicksPerStep: rng.float(0.5, 3),
      keystrokesPerStep: rng.float(0, 25),
      scrollsPerStep: rng.float(0, 1.2),
      tokensPerIteration: agent ? rng.int(800, 3_000) : 0,
      meanIterations: agent ? rng.int(6, 40) : rng.int(1, 12),
    };
  });

  assignCharacters(rng, out, days, large);
  return out;
}

/** The dashboard story: a struggling workflow, a flaky one and one without runs in the last 7 days. */
function assignCharacters(rng: Rng, workflows: WorkflowProfile[], days: number, large: boolean): void {
  if (large) {
    // A few percent of the large org went quiet at some point in the last month.
    for (const w of workflows) if (rng.chance(0.03)) w.def.quietForMs = rng.int(7, 30) * DAY;
    return;
  }
  const [struggling, flaky, quiet] = workflows;
  // Mid-popularity characters: visible in the top lists without dominating the org-wide figures.
  const byWeight = workflows.slice().sort((x, y) => y.weight - x.weight);
  [struggling, flaky, quiet].forEach((w, i) => {
    const other = byWeight[Math.min(byWeight.length - 1, [3, 5, 8][i] ?? 0)];
    if (w && other) [w.weight, other.weight] = [other.weight, w.weight];
  });
  if (struggling) struggling.def.failureRate = rng.float(0.24, 0.3);
  if (flaky) flaky.def.failureRate = rng.float(0.08, 0.1);
  // Quiet for 7 to 10 days, which only makes sense when the period is long enough to show it.
  if (quiet && workflows.length >= 4 && days > 10) quiet.def.quietForMs = (7 * 24 + rng.int(6, 72)) * 60 * MINUTE;
}
