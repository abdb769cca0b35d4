/**
 * What the live-event triggers cost writers, and what reading the log costs.
 *
 *   node_modules/.bin/tsx bench/live-events.ts
 *
 * Starts a throwaway embedded PostgreSQL (fsync on, like a real server), applies the migrations
 * and prints timings of: one 10,000-row INSERT of fills, 10,000 one-row autocommit INSERTs on 1
 * and on 8 connections (with the fills trigger enabled and disabled), and `readEvents` of an
 * empty tail (the feed's safety poll) and of a 1,000-event page.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres.ts';
import { applyPendingMigrations } from '../src/db/migrations.ts';
import { readEvents, readHeadCursor } from '../src/realtime/event-log.ts';

const ROWS = 10_000;
const INSERT_FILL = `INSERT INTO fills (order_id, strategy_id, exchange, symbol, side, price, quantity, executed_at)
  SELECT $1, $2, 'binance', 'BTCUSDT', 'BUY', 100, 0.01, now() FROM generate_series(1, $3::int)`;

async function time(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

async function main() {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'tradegraph-bench-'));
  await chmod(dataDir, 0o755); // the server runs as the postgres user when we are root
  const server = await startEmbeddedPostgres({
    dataDir: path.join(dataDir, 'pg'),
    persistent: true,
  });
  const pool = new pg.Pool({ connectionString: server.url, max: 8 });
  try {
    await applyPendingMigrations(server.url);
    const strategy = await pool.query(
      "INSERT INTO strategies (name) VALUES ('bench') RETURNING id",
    );
    const strategyId = strategy.rows[0].id;
    const order = await pool.query(
      `INSERT INTO orders (client_order_id, strategy_id, exchange, symbol, side, type, quantity, limit_price)
       VALUES ('bench', $1, 'binance', 'BTCUSDT', 'BUY', 'LIMIT', 1, 100) RETURNING id`,
      [strategyId],
    );
    const params = (count: number) => [order.rows[0].id, strategyId, count];
    const oneByOne = (connections: number) =>
      Promise.all(
        Array.from({ length: connections }, async () => {
          for (let i = 0; i < ROWS / connections; i++) await pool.query(INSERT_FILL, params(1));
        }),
      );
    for (const triggers of ['enabled', 'disabled']) {
      const verb = triggers === 'enabled' ? 'ENABLE' : 'DISABLE';
      await pool.query(`ALTER TABLE fills ${verb} TRIGGER fills_live_events`);
      const bulk: number[] = [];
      for (let round = 0; round < 5; round++)
        bulk.push(await time(() => pool.query(INSERT_FILL, params(ROWS))));
      const single = await time(() => oneByOne(1));
      const eight = await time(() => oneByOne(8));
      const rate = (ms: number) => Math.round((ROWS / ms) * 1000);
      console.log(
        `triggers ${triggers}: one ${ROWS}-row INSERT ${median(bulk).toFixed(0)} ms (median of 5); ` +
          `${ROWS} one-row commits: 1 connection ${rate(single)}/s, 8 connections ${rate(eight)}/s`,
      );
    }
    const head = await readHeadCursor(pool);
    const idle: number[] = [];
    for (let i = 0; i < 200; i++) idle.push(await time(() => readEvents(pool, { after: head })));
    const page: number[] = [];
    const events = await readEvents(pool, { after: null, limit: 10_000 });
    for (let i = 0; i < 50; i++) {
      const from = events[Math.floor(Math.random() * 9_000)]?.cursor ?? null;
      page.push(await time(() => readEvents(pool, { after: from, limit: 1_000 })));
    }
    const total = await pool.query('SELECT count(*) FROM events');
    console.log(
      `readEvents over ${total.rows[0].count} events: empty tail ${median(idle).toFixed(2)} ms, ` +
        `page of 1,000 ${median(page).toFixed(1)} ms (medians)`,
    );
  } finally {
    await pool.end();
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
