import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, type Database } from '../src/db/prisma.ts';
import { buildDemoData } from '../src/demo/build-demo-data.ts';
import {
  DEMO_TABLES,
  type DemoDataSummary,
  hasAnyData,
  loadDemoData,
} from '../src/demo/load-demo-data.ts';
import { createTestDatabase, type TestDatabase } from './support/database.ts';

const NOW = new Date('2026-03-10T12:34:56.789Z');
const OPTIONS = { scale: 0.05, seed: 7, now: NOW };
const TABLES = DEMO_TABLES;

let db: TestDatabase;
let prisma: Database;
let summary: DemoDataSummary;
let emptyBefore: boolean;
const progress: Array<{ done: number; total: number; label: string }> = [];

beforeAll(async () => {
  db = await createTestDatabase();
  prisma = createPrismaClient(db.url);
  emptyBefore = !(await hasAnyData(prisma));
  summary = await loadDemoData(prisma, {
    ...OPTIONS,
    onProgress: (done, total, label) => progress.push({ done, total, label }),
  });
});

afterAll(async () => {
  await prisma?.$disconnect();
  await db?.drop();
});

/** Runs a query that selects offending rows; the tests expect none (at most 5 are shown). */
function offending(sql: string): Promise<unknown[]> {
  return prisma.$queryRawUnsafe(`SELECT * FROM (${sql}) offending LIMIT 5`);
}

async function count(sql: string): Promise<number> {
  const [row] = await prisma.$queryRawUnsafe<Array<{ n: number }>>(
    `SELECT count(*)::int AS n FROM (${sql}) counted`,
  );
  return row?.n ?? 0;
}

describe('loadDemoData', () => {
  it('writes every table and reports the rows it wrote per table', async () => {
    for (const [key, table] of Object.entries(TABLES)) {
      const written = summary[key as keyof DemoDataSummary];
      expect(written, table).toBeGreaterThan(0);
      expect(await count(`SELECT 1 FROM ${table}`), table).toBe(written);
    }
  });

  it('reports progress per batch, in rows, up to the total', () => {
    const total = Object.values(summary).reduce((sum, rows) => sum + rows, 0);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.every((step) => step.total === total)).toBe(true);
    expect(progress.map((step) => step.done)).toEqual(
      [...progress.map((step) => step.done)].sort((a, b) => a - b),
    );
    expect(progress.at(-1)?.done).toBe(total);
  });

  it('makes hasAnyData true, so the gateway loads the demo only on first start', async () => {
    expect(emptyBefore).toBe(true);
    expect(await hasAnyData(prisma)).toBe(true);
  });

  it('has a strategy for each of the five source systems', async () => {
    const rows = await prisma.$queryRawUnsafe<Array<{ source: string }>>(
      `SELECT DISTINCT metadata->>'source' AS source FROM strategies ORDER BY 1`,
    );
    expect(rows.map((row) => row.source)).toEqual([
      'abidance',
      'arb_engine',
      'btc_signal_trader',
      'ea_okx',
      'gal_friday',
    ]);
  });

  it('rejects a scale outside (0, 10]', async () => {
    await expect(loadDemoData(prisma, { scale: 0 })).rejects.toThrow(/scale must be > 0/);
  });
});

describe('orders and fills', () => {
  it("keeps an order's filled quantity, average price and fees equal to its fills'", async () => {
    expect(
      await offending(`
        SELECT o.id::text, o.status, o.filled_quantity::text, f.quantity::text
          FROM orders o
          LEFT JOIN (SELECT order_id, sum(quantity) AS quantity, sum(price * quantity) AS notional,
                            sum(fee) AS fee
                       FROM fills GROUP BY order_id) f ON f.order_id = o.id
         WHERE o.filled_quantity <> coalesce(f.quantity, 0)
            OR o.fees <> coalesce(f.fee, 0)
            OR (f.quantity > 0 AND abs(o.average_fill_price - f.notional / f.quantity) > 1e-9)
            OR (f.quantity IS NULL AND o.average_fill_price IS NOT NULL)`),
    ).toEqual([]);
  });

  it('gives every order the status its fills imply', async () => {
    expect(
      await offending(`
        SELECT id::text, status, quantity::text, filled_quantity::text FROM orders
         WHERE (status = 'FILLED') <> (filled_quantity = quantity)
            OR (status = 'PARTIALLY_FILLED' AND NOT (filled_quantity > 0 AND filled_quantity < quantity))
            OR (status IN ('NEW', 'REJECTED', 'PENDING_NEW') AND filled_quantity <> 0)
            OR (status = 'REJECTED' AND status_reason IS NULL)
            OR ((closed_at IS NULL) <> (status IN ('NEW', 'PARTIALLY_FILLED', 'PENDING_NEW')))`),
    ).toEqual([]);
    const statuses = await prisma.$queryRawUnsafe<Array<{ status: string }>>(
      'SELECT DISTINCT status::text FROM orders',
    );
    expect(statuses.map((row) => row.status)).toEqual(
      expect.arrayContaining(['FILLED', 'CANCELED']),
    );
  });

  it("keeps every order's timeline in order", async () => {
    expect(
      await offending(`
        SELECT id::text, created_at, submitted_at, first_fill_at, closed_at FROM orders
         WHERE submitted_at < created_at OR first_fill_at < submitted_at
            OR closed_at < coalesce(first_fill_at, submitted_at) OR updated_at < created_at`),
    ).toEqual([]);
  });

  it('never fills more than an order asks for, and fills copy their order', async () => {
    expect(
      await offending(`
        SELECT f.id::text, f.quantity::text, o.quantity::text AS ordered
          FROM fills f JOIN orders o ON o.id = f.order_id
         WHERE f.quantity > o.quantity OR f.side <> o.side OR f.strategy_id <> o.strategy_id
            OR f.mode <> o.mode OR f.exchange <> o.exchange OR f.symbol <> o.symbol
            OR f.position_id IS DISTINCT FROM o.position_id OR f.executed_at < o.created_at`),
    ).toEqual([]);
  });
});

describe('positions', () => {
  const perPosition = `
    SELECT p.*,
           sum(f.quantity) FILTER (WHERE (f.side = 'BUY') = (p.direction = 'LONG')) AS entry_qty,
           coalesce(sum(f.quantity) FILTER (WHERE (f.side = 'BUY') <> (p.direction = 'LONG')), 0)
             AS exit_qty,
           sum(f.price * f.quantity) FILTER (WHERE (f.side = 'BUY') = (p.direction = 'LONG'))
             AS entry_notional,
           coalesce(sum(f.price * f.quantity) FILTER (WHERE (f.side = 'BUY') <> (p.direction = 'LONG')), 0)
             AS exit_notional,
           sum(f.fee) AS fill_fees, min(f.executed_at) AS first_fill, max(f.executed_at) AS last_fill
      FROM positions p JOIN fills f ON f.position_id = p.id
     GROUP BY p.id`;

  it('derives size, remaining size, entry price and fees from the fills', async () => {
    expect(await count('SELECT 1 FROM positions')).toBe(await count(perPosition));
    expect(
      await offending(`
        SELECT id::text, size::text, entry_qty::text FROM (${perPosition}) p
         WHERE size <> entry_qty OR remaining_size <> entry_qty - exit_qty OR fees <> fill_fees
            OR abs(average_entry_price - entry_notional / entry_qty) > 1e-9
            OR opened_at <> first_fill`),
    ).toEqual([]);
  });

  it('realizes (exit - entry) x quantity - fees - funding on a closed position, reversed for shorts', async () => {
    expect(
      await offending(`
        SELECT id::text, direction, realized_pnl::text FROM (${perPosition}) p
         WHERE status IN ('CLOSED', 'LIQUIDATED')
           AND realized_pnl <> CASE direction WHEN 'LONG' THEN exit_notional - entry_notional
                                              ELSE entry_notional - exit_notional END
                               - fees - funding_fees`),
    ).toEqual([]);
  });

  it('closes positions with a time and an exit reason, and leaves open ones without', async () => {
    expect(
      await offending(`
        SELECT id::text, status, closed_at, exit_reason FROM (${perPosition}) p
         WHERE (status IN ('CLOSED', 'LIQUIDATED'))
               <> (closed_at IS NOT NULL AND exit_reason IS NOT NULL AND remaining_size = 0)
            OR (closed_at IS NOT NULL AND closed_at <> last_fill)`),
    ).toEqual([]);
    expect(await count(`SELECT 1 FROM positions WHERE status = 'CLOSED'`)).toBeGreaterThan(
      (await count('SELECT 1 FROM positions')) / 2,
    );
  });

  it('is opened by an executed signal when it has one', async () => {
    expect(
      await offending(`
        SELECT p.id::text, s.status FROM positions p JOIN signals s ON s.id = p.signal_id
         WHERE s.status <> 'EXECUTED' OR s.strategy_id <> p.strategy_id`),
    ).toEqual([]);
  });
});

describe('signals', () => {
  it('are approved or executed when they led to orders; rejected ones say why', async () => {
    expect(
      await offending(`
        SELECT DISTINCT s.id::text, s.status FROM signals s JOIN orders o ON o.signal_id = s.id
         WHERE s.status NOT IN ('APPROVED', 'EXECUTED')`),
    ).toEqual([]);
    expect(
      await offending(`
        SELECT id::text FROM signals
         WHERE (status = 'REJECTED') <> (rejection_reason IS NOT NULL)`),
    ).toEqual([]);
  });

  it('keep scores within 0-100 and confidences within 0-1', async () => {
    expect(
      await offending(`
        SELECT id::text, score::text, confidence::text FROM signals
         WHERE score NOT BETWEEN 0 AND 100 OR confidence NOT BETWEEN 0 AND 1`),
    ).toEqual([]);
  });
});

describe('backtests', () => {
  it('give every BACKTEST row a backtest run, and no other row one', async () => {
    for (const table of ['signals', 'orders', 'positions', 'equity_snapshots']) {
      expect(
        await count(
          `SELECT 1 FROM ${table} WHERE (mode = 'BACKTEST') <> (backtest_run_id IS NOT NULL)`,
        ),
        table,
      ).toBe(0);
      if (table !== 'signals') {
        expect(
          await count(`SELECT 1 FROM ${table} WHERE mode = 'BACKTEST'`),
          table,
        ).toBeGreaterThan(0);
      }
    }
    expect(
      await count(`
        SELECT 1 FROM fills f JOIN orders o ON o.id = f.order_id
         WHERE (o.mode = 'BACKTEST') <> (f.mode = 'BACKTEST')`),
    ).toBe(0);
  });

  it('sum the completed run up from its positions', async () => {
    expect(
      await offending(`
        SELECT r.id::text, r.total_pnl::text, sum(p.realized_pnl)::text AS positions_pnl
          FROM backtest_runs r JOIN positions p ON p.backtest_run_id = r.id
         WHERE r.status = 'COMPLETED'
         GROUP BY r.id
        HAVING r.trade_count <> count(*) OR r.total_pnl <> round(sum(p.realized_pnl), 8)
            OR r.final_equity <> r.initial_capital + r.total_pnl`),
    ).toEqual([]);
  });
});

describe('market realism', () => {
  const decimals: Record<string, number> = {
    'binance-usdm BTCUSDT': 1,
    'binance-usdm ETHUSDT': 2,
    'binance BTCUSDT': 2,
    'binance ETHUSDT': 2,
    'okx BTC-USDT-SWAP': 1,
    'okx ETH-USDT-SWAP': 2,
    'coinbase BTC-USD': 2,
    'kraken XRP/USD': 5,
  };

  it('prices each instrument in its range and on its tick', async () => {
    const rows = await prisma.$queryRawUnsafe<
      Array<{ instrument: string; low: number; high: number; decimals: number }>
    >(`
      SELECT exchange || ' ' || symbol AS instrument, min(price)::float8 AS low,
             max(price)::float8 AS high, max(scale(trim_scale(price)))::int AS decimals
        FROM fills GROUP BY 1 ORDER BY 1`);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const range = row.instrument.includes('BTC')
        ? [60_000, 100_000]
        : row.instrument.includes('ETH')
          ? [2_000, 4_000]
          : [0.5, 3];
      expect(row.low, row.instrument).toBeGreaterThanOrEqual(range[0] ?? 0);
      expect(row.high, row.instrument).toBeLessThanOrEqual(range[1] ?? 0);
      expect(row.decimals, row.instrument).toBeLessThanOrEqual(decimals[row.instrument] ?? 0);
    }
  });

  it('puts every event in the 30 days before now', async () => {
    const now = `'${NOW.toISOString()}'::timestamptz`;
    const from = `${now} - interval '31 days'`;
    const checks = {
      signals: 'generated_at',
      orders: 'created_at',
      fills: 'executed_at',
      positions: 'opened_at',
      predictions: 'time',
      equity_snapshots: 'time',
      risk_events: 'time',
    };
    for (const [table, column] of Object.entries(checks)) {
      expect(
        await count(`SELECT 1 FROM ${table} WHERE ${column} > ${now} OR ${column} < ${from}`),
        table,
      ).toBe(0);
    }
  });
});

describe('determinism', () => {
  const firstSignal = `
    SELECT to_jsonb(s) - 'id' - 'strategy_id' - 'prediction_id' - 'backtest_run_id' AS row
      FROM signals s ORDER BY generated_at, id LIMIT 1`;

  it('gives the same rows for the same seed', async () => {
    const other = await createTestDatabase();
    const otherPrisma = createPrismaClient(other.url);
    try {
      expect(await loadDemoData(otherPrisma, OPTIONS)).toEqual(summary);
      expect(await otherPrisma.$queryRawUnsafe(firstSignal)).toEqual(
        await prisma.$queryRawUnsafe(firstSignal),
      );
    } finally {
      await otherPrisma.$disconnect();
      await other.drop();
    }
  });

  it('gives other rows for another seed', () => {
    const first = (seed: number) =>
      buildDemoData({ scale: OPTIONS.scale, seed, now: NOW.getTime() }).signals[0]?.generatedAt;
    expect(first(OPTIONS.seed)).toEqual(first(OPTIONS.seed));
    expect(first(OPTIONS.seed + 1)).not.toEqual(first(OPTIONS.seed));
  });
});

describe('several gateways starting on one empty database', () => {
  it('loads the demo data exactly once', async () => {
    const shared = await createTestDatabase();
    const clients = [createPrismaClient(shared.url), createPrismaClient(shared.url)];
    try {
      const results = await Promise.all(
        clients.map((client) => loadDemoData(client, { scale: 0.02, onlyIfEmpty: true })),
      );
      expect(results.filter((result) => result !== null)).toHaveLength(1);
      const [{ count }] = await (clients[0] as Database).$queryRaw<[{ count: bigint }]>`
        SELECT count(*) AS count FROM strategies`;
      expect(Number(count)).toBe(results.find((result) => result !== null)?.strategies);
      expect(
        await loadDemoData(clients[1] as Database, { scale: 0.02, onlyIfEmpty: true }),
      ).toBeNull();
    } finally {
      for (const client of clients) await client.$disconnect();
      await shared.drop();
    }
  });
});
