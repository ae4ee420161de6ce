/**
 * `node out/test/simulator/cli.js [--port 8787] [--seed 42] [--api-key KEY] [--workflows N] [--days N]
 *  [--executions N] [--large] [--lift-limits] [--quota N] [--faults [P]]`
 *
 * Runs the simulator for demos and manual testing until SIGINT/SIGTERM, then stops cleanly.
 */
import { parseArgs } from 'node:util';
import { largeDatasetOptions, generateDataset } from './generator';
import { startSimulator, type SimulatorOptions } from './server';

/** Probability of a random fault per batch request with a bare `--faults`. */
const DEFAULT_FAULT_RATE = 0.2;

function intOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer, got "${value}"`);
  return n;
}

export function parseCli(argv: string[]): SimulatorOptions & { large: boolean } {
  // `--faults` may be bare or take a probability; parseArgs needs a value, so normalise first.
  const args = argv.flatMap((arg, i) =>
    arg === '--faults' && (argv[i + 1] === undefined || argv[i + 1]?.startsWith('--'))
      ? ['--faults', String(DEFAULT_FAULT_RATE)]
      : [arg],
  );
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      port: { type: 'string' },
      seed: { type: 'string' },
      'api-key': { type: 'string' },
      workflows: { type: 'string' },
      days: { type: 'string' },
      executions: { type: 'string' },
      large: { type: 'boolean' },
      'lift-limits': { type: 'boolean' },
      quota: { type: 'string' },
      faults: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(
      'Usage: cli.js [--port 8787] [--seed 42] [--api-key KEY] [--workflows N] [--days N] [--executions N]\n' +
        '               [--large] [--lift-limits] [--quota N] [--faults [probability]]',
    );
    process.exit(0);
  }
  const faults = values.faults === undefined ? undefined : Number(values.faults);
  if (faults !== undefined && !(faults >= 0 && faults <= 1))
    throw new Error('--faults takes a probability between 0 and 1');
  return {
    port: intOption(values.port, 'port') ?? 8787,
    seed: intOption(values.seed, 'seed') ?? 42,
    apiKey: values['api-key'],
    workflows: intOption(values.workflows, 'workflows'),
    days: intOption(values.days, 'days'),
    executions: intOption(values.executions, 'executions'),
    liftLimits: values['lift-limits'] === true,
    quota: intOption(values.quota, 'quota'),
    randomFaults: faults,
    large: values.large === true,
  };
}

async function main(): Promise<void> {
  const { large, ...options } = parseCli(process.argv.slice(2));
  if (large) {
    const started = Date.now();
    options.dataset = generateDataset({
      ...largeDatasetOptions,
      seed: options.seed ?? 42,
      workflows: options.workflows ?? largeDatasetOptions.workflows,
      days: options.days ?? largeDatasetOptions.days,
      executions: options.executions ?? largeDatasetOptions.executions,
      now: Date.now(),
    });
    console.log(`Generated the large dataset in ${Date.now() - started} ms`);
  }
  const sim = await startSimulator(options);
  console.log(`Granite API simulator listening on ${sim.url}`);
  console.log(`API key: ${sim.apiKey}`);
  console.log(
    `Organization: ${sim.orgId} (${sim.dataset.workflows.length} workflows, ` +
      `${sim.dataset.executions.length} executions over ${sim.dataset.days} days)`,
  );
  if (options.randomFaults)
    console.log(`Random faults on ${Math.round(options.randomFaults * 100)} % of batch requests`);

  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    sim.stop().then(
      () => {
        console.log(`Simulator stopped (${signal})`);
      },
      (error: unknown) => {
        console.error(error);
        process.exitCode = 1;
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
