import pg from 'pg';
import type { LiveEvent } from '../../src/realtime/event-log.ts';

// Plain-SQL writers, as a collector in another language would write: no Prisma, no app code.

/** A connected client; the caller ends it. */
export async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

let sequence = 0;

/** Inserts a strategy and one order of it; returns their ids. */
export async function seedStrategyAndOrder(db: pg.Client) {
  const n = ++sequence;
  const strategy = await db.query<{ id: string }>(
    'INSERT INTO strategies (name) VALUES ($1) RETURNING id',
    [`live-${n}-${process.pid}`],
  );
  const strategyId = strategy.rows[0]?.id as string;
  const order = await db.query<{ id: string }>(
    `INSERT INTO orders (client_order_id, strategy_id, exchange, symbol, side, type, quantity, limit_price)
     VALUES ($1, $2, 'binance', 'BTCUSDT', 'BUY', 'LIMIT', 1, 100) RETURNING id`,
    [`live-order-${n}-${process.pid}`, strategyId],
  );
  return { strategyId, orderId: order.rows[0]?.id as string };
}

/** Inserts `count` signals in one statement; returns their ids in id order. */
export async function insertSignals(db: pg.Client, strategyId: string, count = 1) {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO signals (strategy_id, exchange, symbol, direction, generated_at)
     SELECT $1, 'binance', 'BTCUSDT', 'LONG', now() FROM generate_series(1, $2::int)
     RETURNING id`,
    [strategyId, count],
  );
  return rows.map((row) => row.id).sort(byBigint);
}

/** Inserts `count` fills of one order in one statement; returns their ids in id order. */
export async function insertFills(
  db: pg.Client,
  ids: { strategyId: string; orderId: string },
  count = 1,
) {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO fills (order_id, strategy_id, exchange, symbol, side, price, quantity, executed_at)
     SELECT $1, $2, 'binance', 'BTCUSDT', 'BUY', 100, 0.01, now() FROM generate_series(1, $3::int)
     RETURNING id`,
    [ids.orderId, ids.strategyId, count],
  );
  return rows.map((row) => row.id).sort(byBigint);
}

export function byBigint(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** `stream:entityId`, the identity of an event for comparisons. */
export const keyOf = (event: LiveEvent) => `${event.stream}:${event.entityId}`;

/** Leaves out signal_updated, which repeats every signal insert on a second stream. */
export const isCreation = (event: LiveEvent) => event.stream !== 'signal_updated';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns true; fails with `what` after `timeoutMs`. */
export async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(10);
  }
}
