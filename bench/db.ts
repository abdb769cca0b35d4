import { chmod, mkdir } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../src/db/embedded-postgres.ts';
import { applyPendingMigrations } from '../src/db/migrations.ts';

/**
 * Where the bench keeps its embedded cluster between runs (when DATABASE_URL is unset);
 * `BENCH_DATA_DIR` keeps another, e.g. one per scale, since changing scale re-seeds.
 */
export const BENCH_DATA_DIR = path.resolve(process.env.BENCH_DATA_DIR ?? 'bench/.data');

export interface BenchDatabase {
  url: string;
  /** 'DATABASE_URL' or the embedded cluster's folder. */
  description: string;
  stop(): Promise<void>;
}

/**
 * DATABASE_URL if set, else a persistent embedded PostgreSQL in `bench/.data/postgres`, started
 * with pg_stat_statements preloaded (so statements per request can be counted). Migrated.
 */
export async function openBenchDatabase(): Promise<BenchDatabase> {
  const external = process.env.DATABASE_URL;
  if (external) {
    await applyPendingMigrations(external);
    return { url: external, description: 'DATABASE_URL', stop: async () => {} };
  }
  await mkdir(BENCH_DATA_DIR, { recursive: true });
  await chmod(BENCH_DATA_DIR, 0o755); // the server runs as the postgres user when we are root
  const dataDir = path.join(BENCH_DATA_DIR, 'postgres');
  let server: EmbeddedPostgres = await startEmbeddedPostgres({ dataDir, persistent: true });
  if (!(await preloaded(server.url))) {
    await query(server.url, "ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'");
    await server.stop();
    server = await startEmbeddedPostgres({ dataDir, persistent: true });
  }
  await applyPendingMigrations(server.url);
  return { url: server.url, description: `embedded PostgreSQL in ${dataDir}`, stop: server.stop };
}

async function preloaded(url: string): Promise<boolean> {
  const rows = await query(url, 'SHOW shared_preload_libraries');
  return String(rows[0]?.shared_preload_libraries ?? '').includes('pg_stat_statements');
}

/** One statement on a short-lived connection. */
export async function query(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}
