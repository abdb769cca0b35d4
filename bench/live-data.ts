import pg from 'pg';

/** Strategies and orders the live benches write fills for, created fresh for each run. */
export interface LiveData {
  strategies: { id: bigint; globalId: string; orderIds: bigint[] }[];
}

export const globalId = (typename: string, id: bigint) =>
  Buffer.from(`${typename}:${id}`).toString('base64');

/**
 * Creates `strategies` strategies with `ordersPerStrategy` acknowledged buy orders each, large
 * enough for any number of fills, on instruments of their own (so writers on different
 * strategies never wait for each other's locks).
 */
export async function createLiveData(
  databaseUrl: string,
  strategies: number,
  ordersPerStrategy: number,
): Promise<LiveData> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const result: LiveData = { strategies: [] };
    for (let s = 0; s < strategies; s++) {
      const { rows } = await client.query(
        'INSERT INTO strategies (name, updated_at) VALUES ($1, now()) RETURNING id',
        [`bench-live-${run}-${s}`],
      );
      const id = BigInt(rows[0].id);
      const orders = await client.query(
        `INSERT INTO orders (client_order_id, strategy_id, exchange, symbol, side, type, status,
           quantity, fee_asset, updated_at)
         SELECT $1 || '-' || n, $2, 'bench', $1 || '-SYM', 'BUY', 'MARKET', 'NEW',
           '1000000000000', 'USD', now()
         FROM generate_series(1, $3::int) AS n RETURNING id`,
        [`bench-${run}-${s}`, id, ordersPerStrategy],
      );
      result.strategies.push({
        id,
        globalId: globalId('Strategy', id),
        orderIds: orders.rows.map((row) => BigInt(row.id)),
      });
    }
    return result;
  } finally {
    await client.end();
  }
}

/**
 * Commits one fill per call through plain SQL (autocommit), stamped with the time just before
 * the INSERT in `metadata.sentAt`: subscribers measure commit-to-receive from it (so the INSERT
 * and its commit, a few ms, are counted in).
 */
export function fillInserter(pool: pg.Pool, data: LiveData) {
  let sequence = 0;
  return async () => {
    sequence += 1;
    const strategy = data.strategies[sequence % data.strategies.length];
    if (!strategy) throw new Error('no strategies');
    const orderId = strategy.orderIds[sequence % strategy.orderIds.length];
    await pool.query(
      `INSERT INTO fills (order_id, strategy_id, exchange, exchange_fill_id, symbol, side, price,
         quantity, metadata, executed_at)
       SELECT id, strategy_id, exchange, $2, symbol, side, '100.25', '0.001', $3::jsonb, now()
       FROM orders WHERE id = $1`,
      [
        orderId,
        `bench-${process.pid}-${Date.now()}-${sequence}`,
        JSON.stringify({ sentAt: Date.now() }),
      ],
    );
  };
}

/** Calls `insert` `rate` times per second until `stop()`; resolves `stop()` with the count. */
export function atFixedRate(rate: number, insert: () => Promise<void>) {
  let running = true;
  let committed = 0;
  let late = 0;
  const inFlight = new Set<Promise<void>>();
  const started = performance.now();
  const loop = (async () => {
    for (let n = 0; running; n++) {
      const due = started + (n * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      else if (wait < -1000 / rate) late += 1;
      const write: Promise<void> = insert().then(() => {
        committed += 1;
        inFlight.delete(write);
      });
      inFlight.add(write);
      if (inFlight.size > 50) await Promise.race(inFlight);
    }
  })();
  return {
    get committed() {
      return committed;
    },
    async stop(): Promise<{ committed: number; late: number }> {
      running = false;
      await loop;
      await Promise.all(inFlight);
      return { committed, late };
    },
  };
}

/** Writes slowly until every subscription has received something (is surely registered). */
export async function untilAllLive(
  insert: () => Promise<void>,
  live: () => Promise<{ live: number; subscriptions: number }>,
  timeoutMs = 180_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await insert();
    await new Promise((resolve) => setTimeout(resolve, 250));
    const state = await live();
    if (state.live >= state.subscriptions) return;
    if (Date.now() > deadline) {
      throw new Error(`only ${state.live} of ${state.subscriptions} subscriptions went live`);
    }
  }
}
