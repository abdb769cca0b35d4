import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './support/database.ts';

// Collectors in other languages write plain SQL, so the database itself must refuse rows that
// break the model's rules, and say which rule.
let database: TestDatabase;
let client: pg.Client;
let strategyId: string;
let orderId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
  strategyId = (
    await client.query(
      `INSERT INTO strategies (name, updated_at) VALUES ('sql-writer', now()) RETURNING id`,
    )
  ).rows[0].id;
  orderId = (
    await client.query(
      `INSERT INTO orders (client_order_id, strategy_id, exchange, symbol, side, type, quantity, updated_at)
       VALUES ('sql-1', $1, 'kraken', 'XRP/USD', 'BUY', 'MARKET', '100', now()) RETURNING id`,
      [strategyId],
    )
  ).rows[0].id;
});

afterAll(async () => {
  await client?.end();
  await database?.drop();
});

const refusals: Array<{ rule: string; sql: string }> = [
  {
    rule: 'orders_quantity_positive',
    sql: `INSERT INTO orders (client_order_id, strategy_id, exchange, symbol, side, type, quantity, updated_at)
          VALUES ('sql-zero', $1, 'kraken', 'XRP/USD', 'BUY', 'MARKET', '0', now())`,
  },
  {
    rule: 'orders_filled_quantity_within_quantity',
    sql: `UPDATE orders SET filled_quantity = 101 WHERE strategy_id = $1`,
  },
  {
    rule: 'orders_backtest_run_iff_backtest_mode',
    sql: `INSERT INTO orders (client_order_id, strategy_id, exchange, symbol, side, type, quantity, mode, updated_at)
          VALUES ('sql-bt', $1, 'kraken', 'XRP/USD', 'BUY', 'MARKET', '1', 'BACKTEST', now())`,
  },
  {
    rule: 'fills_quantity_positive',
    sql: `INSERT INTO fills (order_id, strategy_id, exchange, symbol, side, price, quantity, executed_at)
          SELECT id, $1, 'kraken', 'XRP/USD', 'BUY', '0.5', '0', now() FROM orders WHERE client_order_id = 'sql-1'`,
  },
  {
    rule: 'signals_confidence_between_0_and_1',
    sql: `INSERT INTO signals (strategy_id, exchange, symbol, direction, confidence, generated_at, updated_at)
          VALUES ($1, 'kraken', 'XRP/USD', 'LONG', 87, now(), now())`,
  },
  {
    rule: 'positions_remaining_size_within_size',
    sql: `INSERT INTO positions (strategy_id, exchange, symbol, direction, size, remaining_size, average_entry_price, opened_at, updated_at)
          VALUES ($1, 'kraken', 'XRP/USD', 'LONG', '10', '11', '0.5', now(), now())`,
  },
  {
    rule: 'positions_closed_have_closed_at',
    sql: `INSERT INTO positions (strategy_id, exchange, symbol, direction, status, size, remaining_size, average_entry_price, opened_at, updated_at)
          VALUES ($1, 'kraken', 'XRP/USD', 'LONG', 'CLOSED', '10', '0', '0.5', now(), now())`,
  },
];

describe('the database refuses invalid rows from plain SQL', () => {
  it.each(refusals)('enforces $rule', async ({ rule, sql }) => {
    await expect(client.query(sql, [strategyId])).rejects.toMatchObject({ constraint: rule });
  });

  it('refuses a side outside BUY/SELL and a lower-case enum', async () => {
    const insert = (side: string) =>
      client.query(
        `INSERT INTO orders (client_order_id, strategy_id, exchange, symbol, side, type, quantity, updated_at)
         VALUES ($2, $1, 'kraken', 'XRP/USD', $3, 'MARKET', '1', now())`,
        [strategyId, `sql-side-${side}`, side],
      );
    await expect(insert('HOLD')).rejects.toThrow(
      /invalid input value for enum "OrderSide": "HOLD"/,
    );
    await expect(insert('buy')).rejects.toThrow(/invalid input value for enum "OrderSide": "buy"/);
  });

  it('refuses NULL in a list column', async () => {
    await expect(
      client.query(`UPDATE strategies SET symbols = NULL WHERE id = $1`, [strategyId]),
    ).rejects.toThrow(/null value in column "symbols"/);
  });

  it('makes a retried fill a no-op through its natural key', async () => {
    const insert = `INSERT INTO fills (order_id, strategy_id, exchange, exchange_fill_id, symbol, side, price, quantity, executed_at)
      VALUES ($1, $2, 'kraken', 'TX-1', 'XRP/USD', 'BUY', '0.5', '10', now())
      ON CONFLICT (exchange, exchange_fill_id) DO NOTHING`;
    await client.query(insert, [orderId, strategyId]);
    await client.query(insert, [orderId, strategyId]);
    const { rows } = await client.query(
      `SELECT count(*)::int AS n FROM fills WHERE exchange_fill_id = 'TX-1'`,
    );
    expect(rows[0].n).toBe(1);
  });
});
