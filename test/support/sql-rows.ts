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
