import pg from 'pg';
import WebSocket from 'ws';

/** A global ID as the gateway encodes it. */
export const gid = (typename: string, id: bigint | string) =>
  Buffer.from(`${typename}:${id}`).toString('base64');

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Inserts a strategy and one large BUY order for it; returns their database ids. */
export async function insertStrategyAndOrder(sql: pg.Client, name: string) {
  const strategy = (
    await sql.query(`INSERT INTO strategies (name, updated_at) VALUES ($1, now()) RETURNING id`, [
      name,
    ])
  ).rows[0].id as string;
  const order = (
    await sql.query(
      `INSERT INTO orders (client_order_id, strategy_id, exchange, symbol, side, type, quantity, updated_at)
       VALUES ($1, $2, 'kraken', 'XRP/USD', 'BUY', 'MARKET', '1000000', now()) RETURNING id`,
      [`${name}-order`, strategy],
    )
  ).rows[0].id as string;
  return { strategy, order };
}

/** Inserts fills `from`..`to` (exchange fill ids `<prefix>-<n>`) with plain SQL, one commit each. */
export async function insertFills(
  sql: pg.Client,
  ids: { strategy: string; order: string },
  prefix: string,
  from: number,
  to: number,
) {
  for (let n = from; n <= to; n += 1) {
    await sql.query(
      `INSERT INTO fills (order_id, strategy_id, exchange, exchange_fill_id, symbol, side, price, quantity, executed_at)
       VALUES ($1, $2, 'kraken', $3, 'XRP/USD', 'BUY', '0.5', '1', now())`,
      [ids.order, ids.strategy, `${prefix}-${n}`],
    );
  }
}

/** `ws`'s WebSocket, remembering every socket the client opens so a test can cut them. */
export class TrackedWebSocket extends WebSocket {
  static opened: TrackedWebSocket[] = [];
  constructor(...args: ConstructorParameters<typeof WebSocket>) {
    super(...args);
    TrackedWebSocket.opened.push(this);
  }
}

/** Waits until `check` passes, polling. */
export async function waitFor(check: () => boolean, timeoutMs = 10_000, what = 'condition') {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

export { pg };
