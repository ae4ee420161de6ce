/**
 * Shared by the fuzz tests: the seed (fixed, so a run is reproducible; GRANITE_FUZZ_SEED=<int> or
 * =random to vary it), and the document counts reported as a figure at the end of the run.
 */
import fc from 'fast-check';

const defaultSeed = 20_261_126;

function readSeed(): number {
  const env = process.env.GRANITE_FUZZ_SEED?.trim();
  if (!env) return defaultSeed;
  if (env === 'random') return Math.floor(Math.random() * 0x7fffffff);
  const n = Number(env);
  if (!Number.isSafeInteger(n))
    throw new Error(`GRANITE_FUZZ_SEED must be an integer or "random", not ${JSON.stringify(env)}`);
  return n | 0;
}

export const fuzzSeed = readSeed();

/** Parameters for one property: its own seed derived from the run's, so properties stay independent. */
export function fuzzParameters<T>(property: number, numRuns: number): fc.Parameters<T> {
  return { seed: (fuzzSeed + property * 7919) | 0, numRuns, plugins: [() => ({ onAllRunsComplete: clippedReport })] };
}

/** fast-check's report, clipped (a counterexample can hold 100,000-character strings); a plugin's throw replaces fast-check's own report. */
function clippedReport<T>(details: fc.RunDetails<T>): void {
  if (!details.failed) return;
  const message = fc.defaultReportMessage(details) ?? 'Property failed';
  const cause = details.errorInstance instanceof Error ? `\nCaused by: ${details.errorInstance.message}` : '';
  const clip = (text: string, max: number) =>
    text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text;
  throw new Error(`${clip(message, 6000)}${clip(cause, 3000)}`);
}

export const fuzzCounts = { valid: 0, invalid: 0 };

let registered = false;

/** Root hooks (once per run, whichever fuzz file loads first): the seed first, the figure line last. */
export function registerFuzzReport(): void {
  if (registered) return;
  registered = true;
  before(() => console.log(`      fuzz seed = ${fuzzSeed} (GRANITE_FUZZ_SEED=<int> or =random varies it)`));
  after(() => {
    const total = fuzzCounts.valid + fuzzCounts.invalid;
    console.log(`[figure] fuzz documents = ${total} (valid ${fuzzCounts.valid}, invalid ${fuzzCounts.invalid})`);
  });
}
