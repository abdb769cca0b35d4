import type { Fill, Order, Position, Prisma } from '../generated/prisma/client.ts';
import { Prisma as PrismaRuntime } from '../generated/prisma/client.ts';
import type { Decimal } from './decimal-input.ts';
import {
  type FillBatchPlan,
  fillKey,
  type NewFill,
  type OrderSnapshot,
  type ParsedFill,
  type PositionSnapshot,
  type PositionWork,
  planFillBatch,
  positionKey,
} from './fill-batch-rows.ts';
import type { RecordFillResult } from './fills.ts';
import { asStoredJsonb } from './jsonb-value.ts';

// Writes a batch of fills with a constant number of statements, whatever its size: every lock,
// read and write is one set-based statement over the whole batch (arrays through unnest), and
// the arithmetic runs in memory (fill-batch-rows.ts). About 11 statements for 1 fill or 1,000.

/**
 * Thrown inside the transaction when a concurrent writer stored one of the batch's exchange fill
 * ids first (for another order: this batch's orders are locked). The caller retries the batch,
 * which then finds the stored fill.
 */
export class FillRaceLost extends Error {
  override readonly name = 'FillRaceLost';
}

type Tx = Prisma.TransactionClient;

/** Records `fills` in order inside `tx` and returns one result per fill, in input order. */
export async function writeFillBatch(
  tx: Tx,
  fills: readonly ParsedFill[],
): Promise<RecordFillResult[]> {
  const orders = await lockOrders(tx, fills);
  const storedFills = await findStoredFills(tx, fills, orders);
  await lockInstruments(tx, orders);
  const positions = await lockPositions(tx, orders, storedFills);
  const plan = planFillBatch(fills, { orders, positions, storedFills });
  const now = await allocateIds(tx, plan);
  await insertPositions(
    tx,
    plan.positions.filter((position) => position.row === null),
  );
  await updatePositions(
    tx,
    plan.positions.filter((position) => position.row !== null),
  );
  await insertFills(tx, plan.fills);
  await updateOrders(tx, plan);
  return readResults(tx, plan, orders, storedFills, now);
}

/** Locks every order of the batch, in id order so that two batches cannot deadlock. */
async function lockOrders(tx: Tx, fills: readonly ParsedFill[]): Promise<Order[]> {
  const ids: bigint[] = [];
  const clientOrderIds: string[] = [];
  for (const { ref } of fills) {
    if ('id' in ref) ids.push(ref.id);
    else clientOrderIds.push(ref.clientOrderId);
  }
  const locked = await tx.$queryRaw<{ id: bigint }[]>`
    SELECT id FROM orders
    WHERE id = ANY(${ids}::bigint[]) OR client_order_id = ANY(${clientOrderIds}::text[])
    ORDER BY id FOR UPDATE`;
  return tx.order.findMany({ where: { id: { in: locked.map((row) => row.id) } } });
}

/**
 * The fills already stored under the batch's `(exchange, exchangeFillId)` pairs. Looked up as
 * pairs (a join on the unique index, both columns as the index condition): with `exchange IN
 * (...) AND exchange_fill_id IN (...)` the planner may scan every fill of the exchange and
 * filter the ids, a cost that grows with the table. Usually none is stored: then no row is read.
 */
async function findStoredFills(
  tx: Tx,
  fills: readonly ParsedFill[],
  orders: readonly Order[],
): Promise<Fill[]> {
  const exchangeOf = orderLookup(orders);
  const pairs = new Map<string, [exchange: string, exchangeFillId: string]>();
  for (const fill of fills) {
    const exchange = exchangeOf(fill)?.exchange;
    if (exchange && fill.exchangeFillId != null) {
      pairs.set(fillKey(exchange, fill.exchangeFillId), [exchange, fill.exchangeFillId]);
    }
  }
  if (pairs.size === 0) return [];
  const keys = [...pairs.values()];
  const stored = await tx.$queryRaw<{ id: bigint }[]>`
    SELECT f.id FROM unnest(
      ${keys.map(([exchange]) => exchange)}::text[],
      ${keys.map(([, exchangeFillId]) => exchangeFillId)}::text[]
    ) AS k(exchange, exchange_fill_id)
    JOIN fills f ON f.exchange = k.exchange AND f.exchange_fill_id = k.exchange_fill_id`;
  if (stored.length === 0) return [];
  return tx.fill.findMany({ where: { id: { in: stored.map((row) => row.id) } } });
}

/**
 * Takes the transaction-scoped advisory lock of every instrument whose open position the batch
 * may look up (orders not yet linked to a position), in hash order: two batches on the same
 * instruments cannot deadlock, and no concurrent first fill can open a second position.
 */
async function lockInstruments(tx: Tx, orders: readonly Order[]): Promise<void> {
  const keys = [...new Set(orders.filter((o) => o.positionId == null).map(positionKey))];
  if (keys.length === 0) return;
  await tx.$queryRaw`
    SELECT count(*)::int AS locked FROM (
      SELECT pg_advisory_xact_lock(hash) FROM (
        SELECT DISTINCT hashtextextended(key, 0) AS hash FROM unnest(${keys}::text[]) AS key
        ORDER BY hash
      ) AS ordered
    ) AS locks`;
}

/**
 * Locks and reads the positions the batch may touch: those its orders and replayed fills are
 * linked to, and the open ones of its orders' instruments.
 */
async function lockPositions(
  tx: Tx,
  orders: readonly Order[],
  storedFills: readonly Fill[],
): Promise<Position[]> {
  const ids = [
    ...orders.flatMap((order) => order.positionId ?? []),
    ...storedFills.flatMap((fill) => fill.positionId ?? []),
  ];
  const unlinked = orders.filter((order) => order.positionId == null);
  const locked = await tx.$queryRaw<{ id: bigint }[]>`
    SELECT id FROM positions WHERE id IN (
      SELECT unnest(${ids}::bigint[])
      UNION
      SELECT p.id FROM positions p
      JOIN unnest(
        ${unlinked.map((o) => o.strategyId)}::bigint[], ${unlinked.map((o) => o.mode)}::text[],
        ${unlinked.map((o) => o.backtestRunId)}::bigint[], ${unlinked.map((o) => o.exchange)}::text[],
        ${unlinked.map((o) => o.symbol)}::text[]
      ) AS k(strategy_id, mode, backtest_run_id, exchange, symbol)
        ON p.strategy_id = k.strategy_id AND p.mode::text = k.mode
        AND p.backtest_run_id IS NOT DISTINCT FROM k.backtest_run_id
        AND p.exchange = k.exchange AND p.symbol = k.symbol
      WHERE p.status IN ('OPEN', 'PARTIALLY_CLOSED')
    )
    ORDER BY id FOR UPDATE`;
  if (locked.length === 0) return [];
  return tx.position.findMany({ where: { id: { in: locked.map((row) => row.id) } } });
}

/**
 * Draws the ids of the new fills and positions, so that rows can reference each other, and
 * returns the transaction's `now()`, which the written rows' `created_at` / `updated_at` get.
 * Null when the batch writes nothing (only replays).
 */
async function allocateIds(tx: Tx, plan: FillBatchPlan): Promise<Date | null> {
  const opened = plan.positions.filter((position) => position.row === null);
  if (plan.fills.length === 0 && opened.length === 0) return null;
  const [ids] = await tx.$queryRaw<{ now: Date; fills: bigint[]; positions: bigint[] }[]>`
    SELECT now() AS now,
      ARRAY(SELECT nextval(pg_get_serial_sequence('fills', 'id'))
            FROM generate_series(1, ${plan.fills.length}::int)) AS fills,
      ARRAY(SELECT nextval(pg_get_serial_sequence('positions', 'id'))
            FROM generate_series(1, ${opened.length}::int)) AS positions`;
  if (!ids) throw new Error('id allocation returned no row');
  const ascending = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);
  const fillIds = ids.fills.map(BigInt).sort(ascending);
  const positionIds = ids.positions.map(BigInt).sort(ascending);
  plan.fills.forEach((fill, index) => {
    fill.id = fillIds[index] ?? null;
  });
  opened.forEach((position, index) => {
    position.id = positionIds[index] ?? null;
  });
  return ids.now;
}

const text = (value: Decimal | null | undefined) => (value == null ? null : value.toFixed());
const time = (value: Date | null | undefined) => (value == null ? null : value.toISOString());

async function insertPositions(tx: Tx, positions: PositionWork[]): Promise<void> {
  if (positions.length === 0) return;
  const column = <T>(pick: (position: PositionWork) => T) => positions.map(pick);
  const opener = (position: PositionWork) => {
    if (!position.opener) throw new Error('a new position has no opening order');
    return position.opener;
  };
  await tx.$executeRaw`
    INSERT INTO positions (
      id, strategy_id, signal_id, backtest_run_id, mode, exchange, symbol, direction, status,
      size, remaining_size, average_entry_price, average_exit_price, realized_pnl, fees, pnl_r,
      unrealized_pnl, exit_reason, opened_at, closed_at
    )
    SELECT id, strategy_id, signal_id, backtest_run_id, mode::"TradingMode", exchange, symbol,
      direction::"PositionDirection", status::"PositionStatus", size, remaining_size,
      average_entry_price, average_exit_price, realized_pnl, fees, pnl_r, unrealized_pnl,
      exit_reason::"ExitReason", opened_at, closed_at
    FROM unnest(
      ${column((p) => p.id)}::bigint[], ${column((p) => opener(p).strategyId)}::bigint[],
      ${column((p) => opener(p).signalId)}::bigint[],
      ${column((p) => opener(p).backtestRunId)}::bigint[], ${column((p) => opener(p).mode)}::text[],
      ${column((p) => opener(p).exchange)}::text[], ${column((p) => opener(p).symbol)}::text[],
      ${column((p) => p.state.direction)}::text[], ${column((p) => p.state.status)}::text[],
      ${column((p) => text(p.state.size))}::numeric[],
      ${column((p) => text(p.state.remainingSize))}::numeric[],
      ${column((p) => text(p.state.averageEntryPrice))}::numeric[],
      ${column((p) => text(p.state.averageExitPrice))}::numeric[],
      ${column((p) => text(p.state.realizedPnl))}::numeric[],
      ${column((p) => text(p.state.fees))}::numeric[],
      ${column((p) => text(p.state.pnlR))}::numeric[],
      ${column((p) => text(p.state.unrealizedPnl))}::numeric[],
      ${column((p) => p.exitReason)}::text[], ${column((p) => time(p.openedAt))}::timestamptz[],
      ${column((p) => time(p.closedAt))}::timestamptz[]
    ) AS u(id, strategy_id, signal_id, backtest_run_id, mode, exchange, symbol, direction, status,
      size, remaining_size, average_entry_price, average_exit_price, realized_pnl, fees, pnl_r,
      unrealized_pnl, exit_reason, opened_at, closed_at)
    ORDER BY id`;
}

async function updatePositions(tx: Tx, positions: PositionWork[]): Promise<void> {
  if (positions.length === 0) return;
  const column = <T>(pick: (position: PositionWork) => T) => positions.map(pick);
  await tx.$executeRaw`
    UPDATE positions AS p SET
      status = u.status::"PositionStatus", size = u.size, remaining_size = u.remaining_size,
      average_entry_price = u.average_entry_price, average_exit_price = u.average_exit_price,
      realized_pnl = u.realized_pnl, fees = u.fees, pnl_r = u.pnl_r,
      unrealized_pnl = u.unrealized_pnl, exit_reason = u.exit_reason::"ExitReason",
      closed_at = u.closed_at, updated_at = now()
    FROM unnest(
      ${column((p) => p.id)}::bigint[], ${column((p) => p.state.status)}::text[],
      ${column((p) => text(p.state.size))}::numeric[],
      ${column((p) => text(p.state.remainingSize))}::numeric[],
      ${column((p) => text(p.state.averageEntryPrice))}::numeric[],
      ${column((p) => text(p.state.averageExitPrice))}::numeric[],
      ${column((p) => text(p.state.realizedPnl))}::numeric[],
      ${column((p) => text(p.state.fees))}::numeric[],
      ${column((p) => text(p.state.pnlR))}::numeric[],
      ${column((p) => text(p.state.unrealizedPnl))}::numeric[],
      ${column((p) => p.exitReason)}::text[], ${column((p) => time(p.closedAt))}::timestamptz[]
    ) AS u(id, status, size, remaining_size, average_entry_price, average_exit_price,
      realized_pnl, fees, pnl_r, unrealized_pnl, exit_reason, closed_at)
    WHERE p.id = u.id`;
}

/**
 * Inserts the new fills; one already stored under its exchange fill id (a concurrent batch for
 * another order won the race) is skipped, and the batch is retried by the caller.
 */
async function insertFills(tx: Tx, fills: NewFill[]): Promise<void> {
  if (fills.length === 0) return;
  const column = <T>(pick: (fill: NewFill) => T) => fills.map(pick);
  const inserted = await tx.$executeRaw`
    INSERT INTO fills (
      id, order_id, strategy_id, position_id, mode, exchange, exchange_fill_id, symbol, side,
      price, quantity, fee, fee_asset, liquidity, metadata, executed_at
    )
    SELECT id, order_id, strategy_id, position_id, mode::"TradingMode", exchange,
      exchange_fill_id, symbol, side::"OrderSide", price, quantity, fee, fee_asset,
      liquidity::"Liquidity", COALESCE(metadata, '{}'), executed_at
    FROM unnest(
      ${column((f) => f.id)}::bigint[], ${column((f) => f.order.row.id)}::bigint[],
      ${column((f) => f.order.row.strategyId)}::bigint[],
      ${column((f) => f.position.id)}::bigint[], ${column((f) => f.order.row.mode)}::text[],
      ${column((f) => f.order.row.exchange)}::text[],
      ${column((f) => f.input.exchangeFillId ?? null)}::text[],
      ${column((f) => f.order.row.symbol)}::text[], ${column((f) => f.order.row.side)}::text[],
      ${column((f) => text(f.input.execution.price))}::numeric[],
      ${column((f) => text(f.input.execution.quantity))}::numeric[],
      ${column((f) => text(f.input.execution.fee))}::numeric[],
      ${column((f) => f.feeAsset)}::text[], ${column((f) => f.input.liquidity ?? null)}::text[],
      ${column((f) => f.metadataJson)}::jsonb[],
      ${column((f) => time(f.input.executedAt))}::timestamptz[]
    ) AS u(id, order_id, strategy_id, position_id, mode, exchange, exchange_fill_id, symbol,
      side, price, quantity, fee, fee_asset, liquidity, metadata, executed_at)
    ORDER BY id
    ON CONFLICT (exchange, exchange_fill_id) DO NOTHING`;
  if (inserted !== fills.length) throw new FillRaceLost('an exchange fill id was taken');
}

async function updateOrders(tx: Tx, plan: FillBatchPlan): Promise<void> {
  const orders = plan.orders;
  if (orders.length === 0) return;
  const column = <T>(pick: (order: (typeof orders)[number]) => T) => orders.map(pick);
  await tx.$executeRaw`
    UPDATE orders AS o SET
      filled_quantity = u.filled_quantity, average_fill_price = u.average_fill_price,
      fees = u.fees, fee_asset = u.fee_asset, status = u.status::"OrderStatus",
      position_id = u.position_id, first_fill_at = u.first_fill_at, closed_at = u.closed_at,
      updated_at = now()
    FROM unnest(
      ${column((o) => o.row.id)}::bigint[],
      ${column((o) => text(o.totals.filledQuantity))}::numeric[],
      ${column((o) => text(o.totals.averageFillPrice))}::numeric[],
      ${column((o) => text(o.totals.fees))}::numeric[], ${column((o) => o.feeAsset)}::text[],
      ${column((o) => o.status)}::text[],
      ${column((o) => o.position?.id ?? o.row.positionId)}::bigint[],
      ${column((o) => time(o.firstFillAt))}::timestamptz[],
      ${column((o) => time(o.closedAt))}::timestamptz[]
    ) AS u(id, filled_quantity, average_fill_price, fees, fee_asset, status, position_id,
      first_fill_at, closed_at)
    WHERE o.id = u.id`;
}

/**
 * Gives each fill its result: the order and position as they were right after that fill, as
 * one-by-one writes would have returned them. Only the touched positions are read back (one
 * statement): fills and orders are known without reading them (every column written by the
 * batch or unchanged since locked; `created_at` / `updated_at` are the transaction's `now`).
 */
async function readResults(
  tx: Tx,
  plan: FillBatchPlan,
  orders: readonly Order[],
  storedFills: readonly Fill[],
  now: Date | null,
): Promise<RecordFillResult[]> {
  const positionIds = new Set<bigint>();
  for (const result of plan.results) {
    const id = result.position?.work.id;
    if (id != null) positionIds.add(id);
  }
  const positionRows = positionIds.size
    ? await tx.position.findMany({ where: { id: { in: [...positionIds] } } })
    : [];
  const storedById = new Map(storedFills.map((row) => [row.id, row]));
  const newFills = new Map<NewFill, Fill>();
  const fillRow = (fill: Fill | NewFill): Fill => {
    if (!('input' in fill)) return fill;
    let row = newFills.get(fill);
    if (!row) {
      if (!now) throw new Error('a new fill in a batch that wrote nothing');
      row = newFillRow(fill, now);
      newFills.set(fill, row);
    }
    return row;
  };
  const ordersById = new Map(orders.map((row) => [row.id, row]));
  const positionsById = new Map(positionRows.map((row) => [row.id, row]));
  const found = <T>(map: Map<bigint, T>, id: bigint | null, what: string): T => {
    const row = id == null ? undefined : map.get(id);
    if (!row) throw new Error(`the batch's ${what} ${id} was not read back`);
    return row;
  };
  return plan.results.map((result) => {
    const stored = found(ordersById, result.order.work.row.id, 'order');
    const order = orderAt(
      result.order.work.touched && now ? { ...stored, updatedAt: now } : stored,
      result.order,
    );
    const position =
      result.position &&
      positionAt(found(positionsById, result.position.work.id, 'position'), result.position);
    if (result.kind === 'created') {
      return { fill: fillRow(result.fill), order, position, created: true, conflicts: [] };
    }
    const fill =
      'input' in result.fill ? fillRow(result.fill) : found(storedById, result.fill.id, 'fill');
    return { fill, order, position, created: false, conflicts: result.conflicts };
  });
}

/** The row a new fill was stored as: the batch's values, `created_at` the transaction's now. */
function newFillRow(fill: NewFill, createdAt: Date): Fill {
  const { input, order } = fill;
  if (fill.id == null || fill.position.id == null) throw new Error('a new fill has no ids');
  return {
    id: fill.id,
    orderId: order.row.id,
    strategyId: order.row.strategyId,
    positionId: fill.position.id,
    mode: order.row.mode,
    exchange: order.row.exchange,
    exchangeFillId: input.exchangeFillId ?? null,
    symbol: order.row.symbol,
    side: order.row.side,
    price: decimal(input.execution.price),
    quantity: decimal(input.execution.quantity),
    fee: decimal(input.execution.fee),
    feeAsset: fill.feeAsset,
    liquidity: input.liquidity ?? null,
    metadata: fill.metadataJson == null ? {} : asStoredJsonb(fill.metadataJson),
    executedAt: input.executedAt,
    createdAt,
  };
}

/** A copy of an exact value as the Decimal type Prisma returns (its digits, no string). */
const decimal = (value: Decimal) => new PrismaRuntime.Decimal(value);
const optionalDecimal = (value: Decimal | null) => value && decimal(value);

/** The stored order with the fill-changed columns as they were at `snapshot`. */
function orderAt(row: Order, snapshot: OrderSnapshot): Order {
  return {
    ...row,
    filledQuantity: decimal(snapshot.filledQuantity),
    averageFillPrice: optionalDecimal(snapshot.averageFillPrice),
    fees: decimal(snapshot.fees),
    feeAsset: snapshot.feeAsset,
    status: snapshot.status,
    firstFillAt: snapshot.firstFillAt,
    closedAt: snapshot.closedAt,
    positionId: snapshot.position?.id ?? snapshot.positionId,
  };
}

/** The stored position with the fill-changed columns as they were at `snapshot`. */
function positionAt(row: Position, snapshot: PositionSnapshot): Position {
  const { state } = snapshot;
  return {
    ...row,
    status: state.status,
    size: decimal(state.size),
    remainingSize: decimal(state.remainingSize),
    averageEntryPrice: decimal(state.averageEntryPrice),
    averageExitPrice: optionalDecimal(state.averageExitPrice),
    realizedPnl: decimal(state.realizedPnl),
    fees: decimal(state.fees),
    pnlR: optionalDecimal(state.pnlR),
    unrealizedPnl: optionalDecimal(state.unrealizedPnl),
    exitReason: snapshot.exitReason,
    closedAt: snapshot.closedAt,
  };
}

function orderLookup(orders: readonly Order[]): (fill: ParsedFill) => Order | undefined {
  const byId = new Map(orders.map((order) => [order.id, order]));
  const byClientId = new Map(orders.map((order) => [order.clientOrderId, order]));
  return ({ ref }) => ('id' in ref ? byId.get(ref.id) : byClientId.get(ref.clientOrderId));
}
