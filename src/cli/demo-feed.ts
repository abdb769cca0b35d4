/**
 * `npm run demo:feed`: a simulated collector that writes a live stream of signals, orders,
 * fills, positions, equity snapshots and predictions through the writer modules, into the
 * database `npm start` serves, so that subscriptions and queries show data moving.
 *
 *   npm run demo:feed -- [--rate <events/s>] [--duration <s>] [--steps <n>] [--seed <n>]
 *
 * With DATABASE_URL it writes there. Without it, it connects to the embedded PostgreSQL of the
 * running `npm start` (same TRADEGRAPH_DATA_DIR); it never starts a server of its own.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { connectionUrlOfRunningEmbedded } from '../db/embedded-connection.ts';
import { createPrismaClient } from '../db/prisma.ts';
import { DEFAULT_RATE, type DemoFeedOptions, runDemoFeed } from '../demo/feed/run-demo-feed.ts';

const USAGE = `Usage: npm run demo:feed -- [options]

Writes a simulated live stream of signals, orders, fills, positions, equity snapshots and ML
predictions into the database npm start serves: DATABASE_URL if set, else the embedded
PostgreSQL of a running npm start (same TRADEGRAPH_DATA_DIR).

Options:
  --rate <n>       events per second, on average (default ${DEFAULT_RATE}; at most 1000)
  --duration <s>   stop after this many seconds (default: run until Ctrl-C)
  --steps <n>      stop after this many events
  --seed <n>       seed of the simulation: the same seed gives the same events (default: random)
  -h, --help       show this help`;

/** Parsed command line; `help` means print USAGE and exit. */
interface FeedArguments {
  help: boolean;
  rate: number;
  durationMs?: number;
  steps?: number;
  seed: number;
}

/**
 * Parses the command line; throws an error naming the flag and what it expects for an unknown
 * flag, a missing value or a value out of range.
 */
function parseFeedArguments(argv: string[], randomSeed: () => number): FeedArguments {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        rate: { type: 'string' },
        duration: { type: 'string' },
        steps: { type: 'string' },
        seed: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new Error(`${(error as Error).message}\n\n${USAGE}`);
  }
  const text = (name: string) => values[name] as string | undefined;
  const rate = number('--rate', text('rate'), { min: 0, exclusive: true, max: 1000 });
  const duration = number('--duration', text('duration'), { min: 0, exclusive: true });
  const steps = number('--steps', text('steps'), { min: 1, integer: true });
  const seed = number('--seed', text('seed'), { min: 0, max: 2 ** 32 - 1, integer: true });
  return {
    help: values.help === true,
    rate: rate ?? DEFAULT_RATE,
    durationMs: duration === undefined ? undefined : duration * 1000,
    steps,
    seed: seed ?? randomSeed(),
  };
}

function number(
  flag: string,
  value: string | undefined,
  rule: { min: number; exclusive?: boolean; max?: number; integer?: boolean },
): number | undefined {
  if (value === undefined) return undefined;
  const parsed = value.trim() === '' ? Number.NaN : Number(value);
  const kind = rule.integer ? 'an integer' : 'a number';
  const bounds = `${rule.exclusive ? 'greater than' : 'at least'} ${rule.min}${rule.max === undefined ? '' : ` and at most ${rule.max}`}`;
  if (
    !Number.isFinite(parsed) ||
    (rule.integer && !Number.isInteger(parsed)) ||
    (rule.exclusive ? parsed <= rule.min : parsed < rule.min) ||
    (rule.max !== undefined && parsed > rule.max)
  ) {
    throw new Error(`${flag} must be ${kind} ${bounds}, got "${value}". See --help.`);
  }
  return parsed;
}

async function main(): Promise<number> {
  const args = parseFeedArguments(process.argv.slice(2), () => Math.floor(Math.random() * 2 ** 31));
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const config = loadConfig();
  const databaseUrl =
    config.databaseUrl ??
    (await connectionUrlOfRunningEmbedded(resolve(config.dataDir, 'postgres')));
  const where = config.databaseUrl ? 'DATABASE_URL' : 'the embedded database of npm start';
  const db = createPrismaClient(databaseUrl, { poolSize: 2 });
  const stop = new AbortController();
  const onSignal = (name: string) => {
    if (stop.signal.aborted) return;
    console.log(`\n${name} received: finishing the current write, then stopping ...`);
    stop.abort();
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  try {
    await assertMigrated(db);
    console.log(
      `Feeding ${where} at ~${args.rate} events/s with seed ${args.seed} (Ctrl-C to stop) ...`,
    );
    const options: DemoFeedOptions = {
      rate: args.rate,
      seed: args.seed,
      steps: args.steps,
      durationMs: args.durationMs,
      signal: stop.signal,
      log: (line) => console.log(line),
    };
    const summary = await runDemoFeed(db, options);
    console.log(
      `Stopped after ${summary.steps} events: ${summary.signals} signals (${summary.approved} approved, ${summary.rejected} rejected), ` +
        `${summary.orders} orders, ${summary.fills} fills, ${summary.positionsOpened} positions opened, ` +
        `${summary.positionsClosed} closed, ${summary.equitySnapshots} equity snapshots, ` +
        `${summary.predictions} predictions (${summary.resolvedPredictions} resolved).`,
    );
    return 0;
  } finally {
    await db.$disconnect();
  }
}

/** A clear message instead of Prisma's "table does not exist" on a database never migrated. */
async function assertMigrated(db: ReturnType<typeof createPrismaClient>): Promise<void> {
  const [row] = await db.$queryRaw<{ ok: boolean }[]>`
    SELECT to_regclass('public.signals') IS NOT NULL AS ok`;
  if (!row?.ok) {
    throw new Error(
      'The database has no Tradegraph tables: apply the migrations first (npm run migrate:deploy, or npm start).',
    );
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
