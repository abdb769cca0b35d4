/**
 * Seeds the bench database with trading-shaped data, reusable between runs.
 *
 *   node_modules/.bin/tsx bench/seed.ts [--scale 1|2.5|full]
 *
 * Scale 1 (default): 20 strategies, 200k signals, 400k orders, 800k fills, 50k equity snapshots,
 * 100k predictions. `--scale full` is issue 6's target (1M/2M/3M/500k/1M). The scale is recorded
 * in `bench.seed`; a run at the same scale skips seeding, another scale re-seeds.
 */
import pg from 'pg';
import { createProgressBar } from '../src/cli/progress-bar.ts';
import { openBenchDatabase } from './db.ts';
import { type SeedSizes, seedSql, TABLE_ORDER } from './seed-sql.ts';

const BATCH = 50_000;

export function sizesFor(scale: string): SeedSizes {
  if (scale === 'full') {
    return {
      strategies: 20,
      signals: 1_000_000,
      orders: 2_000_000,
      fills: 3_000_000,
      equitySnapshots: 500_000,
      predictions: 1_000_000,
    };
  }
  const factor = Number(scale);
  if (!Number.isFinite(factor) || factor <= 0 || factor > 20) {
    throw new RangeError(`--scale must be a number in (0, 20] or "full", got ${scale}`);
  }
  const n = (count: number) => Math.max(100, Math.round(count * factor));
  return {
    strategies: 20,
    signals: n(200_000),
    orders: n(400_000),
    fills: n(800_000),
    equitySnapshots: n(50_000),
    predictions: n(100_000),
  };
}

/** Seeds `url` at `sizes` unless it already holds exactly that seed. Returns false if skipped. */
export async function seed(url: string, sizes: SeedSizes): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      'CREATE SCHEMA IF NOT EXISTS bench; CREATE TABLE IF NOT EXISTS bench.seed (id int PRIMARY KEY, sizes jsonb NOT NULL, complete boolean NOT NULL, seeded_at timestamptz NOT NULL DEFAULT now())',
    );
    const marker = await client.query('SELECT sizes, complete FROM bench.seed WHERE id = 1');
    const previous = marker.rows[0];
    if (previous?.complete && sameSizes(previous.sizes, sizes)) {
      return false;
    }
    const existing = await client.query('SELECT count(*)::int AS n FROM strategies');
    if (!previous && existing.rows[0].n > 0) {
      throw new Error('The bench database holds data it did not seed: use an empty database.');
    }
    const tables = TABLE_ORDER.map((table) => `"${table}"`).join(', ');
    await client.query(`TRUNCATE ${tables}, events, event_commits RESTART IDENTITY CASCADE`);
    await client.query(
      'INSERT INTO bench.seed (id, sizes, complete) VALUES (1, $1, false) ON CONFLICT (id) DO UPDATE SET sizes = $1, complete = false, seeded_at = now()',
      [JSON.stringify(sizes)],
    );
    const now = new Date().toISOString();
    const batches = seedSql(sizes);
    const total = batches.reduce((sum, b) => sum + b.rows, 0);
    const progress = createProgressBar(process.stderr);
    let done = 0;
    for (const table of TABLE_ORDER) {
      await client.query(`ALTER TABLE "${table}" DISABLE TRIGGER USER`);
    }
    try {
      for (const batch of batches) {
        for (let lo = 1; lo <= batch.rows; lo += BATCH) {
          const hi = Math.min(batch.rows, lo + BATCH - 1);
          await client.query(batch.sql, batch.sql.includes('$3') ? [lo, hi, now] : [lo, hi]);
          done += hi - lo + 1;
          progress.update(done, total, batch.table);
        }
        await client.query(
          `SELECT setval(pg_get_serial_sequence('"${batch.table}"', 'id'), ${batch.rows})`,
        );
      }
    } finally {
      for (const table of TABLE_ORDER) {
        await client.query(`ALTER TABLE "${table}" ENABLE TRIGGER USER`);
      }
      progress.done();
    }
    await client.query('ANALYZE');
    await client.query('UPDATE bench.seed SET complete = true, seeded_at = now() WHERE id = 1');
    return true;
  } finally {
    await client.end();
  }
}

/** jsonb reorders keys: compare field by field. */
function sameSizes(recorded: Record<string, unknown>, sizes: SeedSizes): boolean {
  const entries = Object.entries(sizes);
  return (
    Object.keys(recorded).length === entries.length &&
    entries.every(([key, value]) => recorded[key] === value)
  );
}

async function main() {
  const index = process.argv.indexOf('--scale');
  const scale = index >= 0 ? (process.argv[index + 1] ?? '1') : '1';
  const sizes = sizesFor(scale);
  const db = await openBenchDatabase();
  try {
    const started = Date.now();
    const seeded = await seed(db.url, sizes);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      seeded ? `Seeded ${JSON.stringify(sizes)} in ${seconds} s.` : 'Already seeded at this scale.',
    );
  } finally {
    await db.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
