import type pg from 'pg';

// Rows written with plain SQL on a separate connection, as a collector in another language
// writes them; live-event tests need that path, not Prisma's.

/** Inserts a strategy and returns its id. */
export async function insertStrategy(sql: pg.Client, name: string): Promise<bigint> {
  const { rows } = await sql.query(
    `INSERT INTO strategies (name, updated_at) VALUES ($1, now()) RETURNING id`,
    [name],
  );
  return BigInt(rows[0].id);
}

/** Inserts a large market buy order on kraken XRP/USD, room for many fills; returns its id. */
export async function insertOrder(
  sql: pg.Client,
  strategyId: bigint,
  clientOrderId: string,
): Promise<bigint> {
  const { rows } = await sql.query(
    `INSERT INTO orders (client_order_id, strategy_id, exchange, symbol, side, type, quantity, updated_at)
     VALUES ($1, $2, 'kraken', 'XRP/USD', 'BUY', 'MARKET', '1000000', now()) RETURNING id`,
    [clientOrderId, strategyId],
  );
  return BigInt(rows[0].id);
}

/** The global ID of a row, as the API issues it. */
export const globalId = (typename: string, id: bigint) =>
  Buffer.from(`${typename}:${id}`).toString('base64');

let fillNumber = 0;

/**
 * Commits one fill of `orderId` (kraken XRP/USD, bought at 0.5123, 1.25 of it) through plain
 * SQL, as a collector in another language would; returns its exchange fill id, unique within
 * the test process.
 */
export async function insertFill(
  sql: pg.Client,
  orderId: bigint,
  strategyId: bigint,
  executedAt = new Date(),
): Promise<string> {
  fillNumber += 1;
  const exchangeFillId = `sql-fill-${fillNumber}`;
  await sql.query(
    `INSERT INTO fills (order_id, strategy_id, exchange, exchange_fill_id, symbol, side, price, quantity, executed_at)
     VALUES ($1, $2, 'kraken', $3, 'XRP/USD', 'BUY', '0.5123', '1.25', $4)`,
    [orderId, strategyId, exchangeFillId, executedAt],
  );
  return exchangeFillId;
}
