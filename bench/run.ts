/**
 * `npm run bench`: seeds (or reuses) the bench database, then for each server in turn starts it
 * as its own process, builds its bodies, counts SQL statements per request (pg_stat_statements),
 * runs each query with autocannon in a separate process, and stops it. Writes
 * bench/results/latest.json and the results section of BENCHMARKS.md.
 *
 *   npm run bench -- [--scale 1|full] [--duration 10] [--warmup 3] [--connections 10]
 */
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import pg from 'pg';
import { benchHeaders } from './api-key.ts';
import { openBenchDatabase } from './db.ts';
import { prepare } from './prepare.ts';
import { QUERY_NAMES, type QueryName } from './queries.ts';
import { writeReport } from './report.ts';
import { seed, sizesFor } from './seed.ts';
import { SERVER_NAMES, type ServerName, startServer } from './servers.ts';

const run = promisify(execFile);
const STATEMENT_SAMPLES = 20;

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

export interface LoadResult {
  rps: number;
  requests: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  bytesPerRequest: number;
  statements: number | null;
}

export type Results = Record<ServerName, Partial<Record<QueryName, LoadResult>>>;

/** Statements per request from pg_stat_statements deltas, or null when it is not loaded. */
async function countStatements(
  dbUrl: string,
  url: string,
  body: string,
  headers: Record<string, string>,
): Promise<number | null> {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    try {
      await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
      await client.query('SELECT pg_stat_statements_reset()');
    } catch {
      return null;
    }
    for (let i = 0; i < STATEMENT_SAMPLES; i++) {
      const response = await fetch(url, {
        method: 'POST',
        headers,
        body,
      });
      await response.text();
    }
    // Leaves out this client's own statements, the live feed's polling of `events`, and API key
    // verification (cached for 2 s, so at most one lookup per 2 s per key, not per request).
    const result = await client.query(
      `SELECT coalesce(sum(calls), 0)::int AS calls FROM pg_stat_statements
        WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND query NOT ILIKE '%pg_stat_statements%' AND query NOT ILIKE '%events%'
          AND query NOT ILIKE '%api_keys%'
          AND query !~* '^\\s*(LISTEN|UNLISTEN)'`,
    );
    return result.rows[0].calls / STATEMENT_SAMPLES;
  } finally {
    await client.end();
  }
}

async function main() {
  const scale = option('scale', '1');
  const spec = {
    warmup: Number(option('warmup', '3')),
    duration: Number(option('duration', '10')),
    connections: Number(option('connections', '10')),
  };
  const only = option('servers', SERVER_NAMES.join(',')).split(',') as ServerName[];
  const sizes = sizesFor(scale);
  const db = await openBenchDatabase();
  const results = {} as Results;
  try {
    console.log(`Database: ${db.description}`);
    if (!(await seed(db.url, sizes))) console.log(`Already seeded at ${JSON.stringify(sizes)}.`);
    const headers = await benchHeaders(db.url);
    for (const name of only) {
      console.log(`\n== ${name}`);
      const server = await startServer(name, db.url);
      results[name] = {};
      try {
        const bodies = await prepare(name, server.url, sizes.signals, headers);
        // Counted before any load: right after autocannon stops, the server is still answering
        // the requests it had queued, and their statements would be counted for the next query
        // ((b) showed 1.45 statements per request after (a)'s load, 1 on its own).
        const statements = new Map<QueryName, number | null>();
        for (const query of QUERY_NAMES) {
          const body = bodies[query][0] as string;
          statements.set(query, await countStatements(db.url, server.url, body, headers));
        }
        for (const query of QUERY_NAMES) {
          const list = bodies[query];
          const input = JSON.stringify({ url: server.url, bodies: list, headers, ...spec });
          const { stdout } = await run('node_modules/.bin/tsx', ['bench/load.ts', input], {
            maxBuffer: 1 << 24,
          });
          const result = {
            ...JSON.parse(stdout.trim().split('\n').pop() ?? '{}'),
            statements: statements.get(query) ?? null,
          };
          results[name][query] = result;
          console.log(
            `${query.padEnd(10)} ${result.rps.toFixed(0).padStart(6)} req/s  p50 ${result.p50} ms  p99 ${result.p99} ms  statements ${result.statements ?? 'n/a'}  errors ${result.errors + result.non2xx}`,
          );
        }
      } finally {
        await server.stop();
      }
    }
  } finally {
    await db.stop();
  }
  await mkdir('bench/results', { recursive: true });
  const record = { date: new Date().toISOString(), scale, sizes, spec, results };
  await writeFile('bench/results/latest.json', `${JSON.stringify(record, null, 2)}\n`);
  await writeReport(record);
}

await main();
