/**
 * The seed as SQL: one `INSERT ... SELECT FROM generate_series($1, $2)` per table, run in
 * batches of ids. Ids are explicit and every foreign key is arithmetic on them, so rows agree:
 * order j belongs to signal ((j-1) % signals) + 1 and to that signal's strategy, fill i to order
 * ((i-1) % orders) + 1 (same strategy), one signal in 20 opened a position (its orders and fills
 * point at it), the newest 500 positions are open, equity snapshots are hourly per strategy.
 * Everything is generated in PostgreSQL: no rows cross the wire.
 */
export interface SeedSizes {
  strategies: number;
  signals: number;
  orders: number;
  fills: number;
  equitySnapshots: number;
  predictions: number;
}

export interface SeedBatch {
  table: string;
  rows: number;
  /** Parameters: $1 first id, $2 last id, $3 the data set's "now" (timestamptz). */
  sql: string;
}

/** Parents first. */
export const TABLE_ORDER = [
  'strategies',
  'ml_models',
  'predictions',
  'signals',
  'positions',
  'orders',
  'fills',
  'equity_snapshots',
];

export const MODELS = 5;
export const OPEN_POSITIONS = 500;
const SYMBOLS = "(ARRAY['BTCUSDT','ETHUSDT','SOLUSDT','XRPUSDT','BNBUSDT'])";

export function positionCount(sizes: SeedSizes): number {
  return Math.floor(sizes.signals / 20);
}

export function seedSql(sizes: SeedSizes): SeedBatch[] {
  const { strategies: S, signals: N, orders: O } = sizes;
  const P = positionCount(sizes);
  const strategyOf = (signal: string) => `((${signal} - 1) % ${S}) + 1`;
  const symbolOf = (strategy: string) => `${SYMBOLS}[((${strategy} - 1) % 5) + 1]`;
  const signalTime = (signal: string) =>
    `($3::timestamptz - (${N} - ${signal}) * interval '${(30 * 86_400) / N} seconds')`;
  // Signal k opened a position when its offset in its block of 20 equals the block number mod 20.
  const positionOf = (signal: string) =>
    `CASE WHEN (${signal} - 1) % 20 = ((${signal} - 1) / 20) % 20 THEN (${signal} - 1) / 20 + 1 END`;
  const signalOfPosition = (p: string) => `((${p} - 1) * 20 + ((${p} - 1) % 20) + 1)`;
  const fromSeries = (id: string) => `FROM generate_series($1::bigint, $2::bigint) AS ${id}`;
  return [
    {
      table: 'strategies',
      rows: S,
      sql: `INSERT INTO strategies (id, name, version, kind, status, symbols, base_currency, allocated_capital)
        SELECT s, 'bench-' || lpad(s::text, 2, '0'), '1', 'TREND_FOLLOWING', 'ACTIVE',
               ARRAY[${symbolOf('s')}], 'USDT', 100000 ${fromSeries('s')}`,
    },
    {
      table: 'ml_models',
      rows: MODELS,
      sql: `INSERT INTO ml_models (id, name, version) SELECT m, 'bench-model-' || m, '1' ${fromSeries('m')}`,
    },
    {
      table: 'predictions',
      rows: sizes.predictions,
      sql: `INSERT INTO predictions (id, model_id, exchange, symbol, target, value, confidence, time)
        SELECT q, ((q - 1) % ${MODELS}) + 1, 'binance', ${symbolOf('q')}, 'return_1h',
               round((random() - 0.5)::numeric, 8), round(random()::numeric, 6),
               $3::timestamptz - (${sizes.predictions} - q) * interval '1 second' ${fromSeries('q')}`,
    },
    {
      table: 'signals',
      rows: N,
      sql: `INSERT INTO signals (id, strategy_id, exchange, symbol, timeframe, direction, strength, score,
               confidence, entry_type, entry_price, stop_loss, status, generated_at)
        SELECT k, ${strategyOf('k')}, 'binance', ${symbolOf(strategyOf('k'))}, '1h',
               (CASE WHEN k % 2 = 0 THEN 'LONG' ELSE 'SHORT' END)::"SignalDirection", 'NORMAL',
               round((random() * 100)::numeric, 4), round(random()::numeric, 6), 'LIMIT',
               round((100 + random() * 900)::numeric, 8), round((50 + random() * 40)::numeric, 8),
               (CASE WHEN k % 3 = 0 THEN 'REJECTED' ELSE 'EXECUTED' END)::"SignalStatus",
               ${signalTime('k')} ${fromSeries('k')}`,
    },
    {
      table: 'positions',
      rows: P,
      sql: `INSERT INTO positions (id, strategy_id, signal_id, exchange, symbol, direction, status, size,
               remaining_size, average_entry_price, stop_loss, unrealized_pnl, leverage, opened_at, closed_at)
        SELECT p, ${strategyOf('k')}, k, 'binance', ${symbolOf(strategyOf('k'))},
               (CASE WHEN k % 2 = 0 THEN 'LONG' ELSE 'SHORT' END)::"PositionDirection",
               (CASE WHEN p > ${P - OPEN_POSITIONS} THEN 'OPEN' ELSE 'CLOSED' END)::"PositionStatus",
               2, CASE WHEN p > ${P - OPEN_POSITIONS} THEN 2 ELSE 0 END,
               round((100 + random() * 900)::numeric, 8), 90, round((random() * 200 - 100)::numeric, 8),
               3, ${signalTime('k')},
               CASE WHEN p > ${P - OPEN_POSITIONS} THEN NULL ELSE ${signalTime('k')} + interval '1 hour' END
        FROM (SELECT p, ${signalOfPosition('p')} AS k ${fromSeries('p')}) AS t`,
    },
    {
      table: 'orders',
      rows: O,
      sql: `INSERT INTO orders (id, client_order_id, strategy_id, signal_id, position_id, exchange, symbol,
               side, type, status, quantity, limit_price, filled_quantity, average_fill_price, fees,
               fee_asset, created_at, submitted_at, updated_at)
        SELECT j, 'bench-' || j, ${strategyOf('k')}, k, ${positionOf('k')}, 'binance',
               ${symbolOf(strategyOf('k'))},
               (CASE WHEN k % 2 = 0 THEN 'BUY' ELSE 'SELL' END)::"OrderSide", 'LIMIT', 'FILLED',
               1, round((100 + random() * 900)::numeric, 8), 1,
               round((100 + random() * 900)::numeric, 8), 0.1, 'USDT',
               ${signalTime('k')} + (1 + (j - 1) / ${N}) * interval '1 second',
               ${signalTime('k')} + (1 + (j - 1) / ${N}) * interval '1 second',
               ${signalTime('k')} + (2 + (j - 1) / ${N}) * interval '1 second'
        FROM (SELECT j, ((j - 1) % ${N}) + 1 AS k ${fromSeries('j')}) AS t`,
    },
    {
      table: 'fills',
      rows: sizes.fills,
      sql: `INSERT INTO fills (id, order_id, strategy_id, position_id, exchange, exchange_fill_id, symbol,
               side, price, quantity, fee, fee_asset, liquidity, executed_at)
        SELECT i, o, ${strategyOf('k')}, ${positionOf('k')}, 'binance', 'bench-' || i,
               ${symbolOf(strategyOf('k'))},
               (CASE WHEN k % 2 = 0 THEN 'BUY' ELSE 'SELL' END)::"OrderSide",
               round((100 + random() * 900)::numeric, 8), round((0.01 + random())::numeric, 8),
               round((random() / 10)::numeric, 8), 'USDT',
               (CASE WHEN i % 2 = 0 THEN 'MAKER' ELSE 'TAKER' END)::"Liquidity",
               ${signalTime('k')} + (3 + (o - 1) / ${N} + (i - 1) / ${O}) * interval '1 second'
        FROM (SELECT i, o, ((o - 1) % ${N}) + 1 AS k
              FROM (SELECT i, ((i - 1) % ${O}) + 1 AS o ${fromSeries('i')}) AS a) AS t`,
    },
    {
      table: 'equity_snapshots',
      rows: sizes.equitySnapshots,
      sql: `INSERT INTO equity_snapshots (id, strategy_id, account, currency, equity, available_balance,
               drawdown_pct, open_position_count, time)
        SELECT e, ((e - 1) % ${S}) + 1, 'default', 'USDT',
               round((100000 + random() * 10000)::numeric, 8), round((50000 + random() * 1000)::numeric, 8),
               round((random() * 10)::numeric, 4), (e % 5)::int,
               date_trunc('hour', $3::timestamptz) - ((${sizes.equitySnapshots} - e) / ${S}) * interval '1 hour'
        ${fromSeries('e')}`,
    },
  ];
}
