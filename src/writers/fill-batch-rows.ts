import type {
  ExitReason,
  Fill,
  Liquidity,
  Order,
  OrderStatus,
  Position,
  Prisma,
} from '../generated/prisma/client.ts';
import { exact } from './decimal-input.ts';
import { WriterError } from './errors.ts';
import type { OrderRef } from './orders.ts';
import {
  addFill,
  applyExecution,
  type Execution,
  exitReasonOf,
  type OrderFillState,
  openState,
  type PositionState,
  unrealizedAt,
} from './position-math.ts';
import { toPositionState } from './position-rows.ts';

// The row math of a fill batch, without a database: given the batch's locked orders and
// positions and the fills already stored under its exchange fill ids, it applies the fills in
// order, exactly as one-by-one writes would, and says which rows to insert and update. The
// caller (fill-batch.ts) then writes them with a constant number of statements.

/** One fill of a batch, validated. */
export interface ParsedFill {
  ref: OrderRef;
  exchangeFillId: string | null | undefined;
  execution: Omit<Execution, 'side'>;
  feeAsset: string | null | undefined;
  liquidity: Liquidity | null | undefined;
  metadata: Prisma.InputJsonValue | undefined;
  executedAt: Date;
  exitReason: ExitReason | null | undefined;
  /** Prefix of the fields this fill's errors name, e.g. `fills.3.`; empty for a single fill. */
  prefix: string;
}

/** The rows a batch starts from, all locked by the caller. */
export interface BatchRows {
  orders: readonly Order[];
  positions: readonly Position[];
  /** Fills already stored under the batch's `(exchange, exchangeFillId)` pairs. */
  storedFills: readonly Fill[];
}

/** An order as the batch leaves it after each fill. */
export interface OrderWork {
  row: Order;
  totals: OrderFillState;
  status: OrderStatus;
  feeAsset: string | null;
  position: PositionWork | null;
  firstFillAt: Date | null;
  closedAt: Date | null;
  touched: boolean;
}

/** A position as the batch leaves it; `row` is null for one the batch opens. */
export interface PositionWork {
  row: Position | null;
  /** Set once ids are allocated for new positions. */
  id: bigint | null;
  key: string;
  /** The order whose fill opens a new position (its strategy, instrument...); null if stored. */
  opener: Order | null;
  state: PositionState;
  exitReason: ExitReason | null;
  openedAt: Date;
  closedAt: Date | null;
  touched: boolean;
}

/** A fill the batch inserts. */
export interface NewFill {
  input: ParsedFill;
  order: OrderWork;
  position: PositionWork;
  feeAsset: string | null;
  /** The metadata as the JSON text stored; null: the column's default. */
  metadataJson: string | null;
  /** Set once ids are allocated. */
  id: bigint | null;
}

/** What one input fill became, before the rows are read back. */
export type PlannedResult =
  | { kind: 'created'; fill: NewFill; order: OrderSnapshot; position: PositionSnapshot }
  | {
      kind: 'replayed';
      fill: Fill | NewFill;
      order: OrderSnapshot;
      position: PositionSnapshot | null;
      conflicts: string[];
    };

/** The fill-changed columns of an order at one point of the batch. */
export type OrderSnapshot = { work: OrderWork } & Pick<
  Order,
  | 'filledQuantity'
  | 'averageFillPrice'
  | 'fees'
  | 'feeAsset'
  | 'status'
  | 'firstFillAt'
  | 'closedAt'
  | 'positionId'
> & { position: PositionWork | null };

/** The fill-changed columns of a position at one point of the batch. */
export interface PositionSnapshot {
  work: PositionWork;
  state: PositionState;
  exitReason: ExitReason | null;
  closedAt: Date | null;
}

/** The outcome of {@link planFillBatch}. */
export interface FillBatchPlan {
  orders: OrderWork[];
  positions: PositionWork[];
  fills: NewFill[];
  results: PlannedResult[];
}

/** The advisory-lock key of an instrument's open position, taken by every writer that may open one. */
export function positionKey(
  order: Pick<Order, 'strategyId' | 'mode' | 'backtestRunId' | 'exchange' | 'symbol'>,
): string {
  return `position:${order.strategyId}:${order.mode}:${order.backtestRunId ?? ''}:${order.exchange}:${order.symbol}`;
}

/** The `(exchange, exchangeFillId)` idempotency key as one string. */
export function fillKey(exchange: string, exchangeFillId: string): string {
  return `${exchange}\u0000${exchangeFillId}`;
}

const OPEN: ReadonlySet<string> = new Set(['OPEN', 'PARTIALLY_CLOSED']);

/**
 * Applies `fills` in order to the batch's rows, in memory. Throws the first refusal, with the
 * field named after the fill (`fills.3.quantity`): the caller rolls the whole batch back.
 */
export function planFillBatch(fills: readonly ParsedFill[], rows: BatchRows): FillBatchPlan {
  const positionsById = new Map<bigint, PositionWork>();
  const openByKey = new Map<string, PositionWork>();
  const ordersById = new Map<bigint, OrderWork>();
  const ordersByClientId = new Map<string, OrderWork>();
  for (const row of rows.positions) {
    const work: PositionWork = {
      row,
      id: row.id,
      key: positionKey(row),
      opener: null,
      state: toPositionState(row),
      exitReason: row.exitReason,
      openedAt: row.openedAt,
      closedAt: row.closedAt,
      touched: false,
    };
    positionsById.set(row.id, work);
    if (OPEN.has(row.status) && isNewer(work, openByKey.get(work.key))) {
      openByKey.set(work.key, work);
    }
  }
  for (const row of rows.orders) {
    const work: OrderWork = {
      row,
      totals: {
        quantity: exact(row.quantity),
        filledQuantity: exact(row.filledQuantity),
        averageFillPrice: row.averageFillPrice && exact(row.averageFillPrice),
        fees: exact(row.fees),
      },
      status: row.status,
      feeAsset: row.feeAsset,
      position: row.positionId == null ? null : (positionsById.get(row.positionId) ?? null),
      firstFillAt: row.firstFillAt,
      closedAt: row.closedAt,
      touched: false,
    };
    ordersById.set(row.id, work);
    ordersByClientId.set(row.clientOrderId, work);
  }
  const seen = new Map<string, Fill | NewFill>();
  for (const fill of rows.storedFills) {
    if (fill.exchangeFillId != null) seen.set(fillKey(fill.exchange, fill.exchangeFillId), fill);
  }

  const plan: FillBatchPlan = { orders: [], positions: [], fills: [], results: [] };
  for (const input of fills) {
    const order =
      'id' in input.ref
        ? ordersById.get(input.ref.id)
        : ordersByClientId.get(input.ref.clientOrderId);
    if (!order) throw notFoundOrder(input);
    plan.results.push(
      inFill(input.prefix, () => {
        const key =
          input.exchangeFillId == null ? null : fillKey(order.row.exchange, input.exchangeFillId);
        const earlier = key == null ? undefined : seen.get(key);
        if (earlier) return replay(earlier, order, input, positionsById);
        const planned = applyFill(order, input, openByKey, plan);
        if (key != null) seen.set(key, planned.fill);
        return planned;
      }),
    );
  }
  plan.orders = [...ordersById.values()].filter((order) => order.touched);
  plan.positions = [...new Set([...positionsById.values(), ...plan.positions])].filter(
    (position) => position.touched,
  );
  return plan;
}

function applyFill(
  order: OrderWork,
  input: ParsedFill,
  openByKey: Map<string, PositionWork>,
  plan: FillBatchPlan,
): PlannedResult & { kind: 'created' } {
  checkOrderAcceptsFill(order, input.executedAt);
  if (input.feeAsset != null && order.feeAsset != null && input.feeAsset !== order.feeAsset) {
    throw new WriterError(
      'CONFLICT',
      'feeAsset',
      `feeAsset ${input.feeAsset} differs from the order's ${order.feeAsset}: an order's fees are summed in one currency.`,
    );
  }
  const execution: Execution = { ...input.execution, side: order.row.side };
  const totals = addFill(order.totals, execution);
  const status = statusAfterFill(order.status, totals.filledQuantity.eq(totals.quantity));
  const position = applyToPosition(order, execution, input, openByKey, plan);
  const fill: NewFill = {
    input,
    order,
    position,
    feeAsset: input.feeAsset ?? order.feeAsset,
    metadataJson: input.metadata === undefined ? null : JSON.stringify(input.metadata),
    id: null,
  };
  plan.fills.push(fill);
  order.totals = totals;
  order.status = status;
  order.feeAsset = order.feeAsset ?? input.feeAsset ?? null;
  order.position = position;
  if (!order.firstFillAt || order.firstFillAt > input.executedAt) {
    order.firstFillAt = input.executedAt;
  }
  if (status === 'FILLED' && order.closedAt == null) order.closedAt = input.executedAt;
  order.touched = true;
  return {
    kind: 'created',
    fill,
    order: snapshotOrder(order),
    position: snapshotPosition(position),
  };
}

function applyToPosition(
  order: OrderWork,
  execution: Execution,
  input: ParsedFill,
  openByKey: Map<string, PositionWork>,
  plan: FillBatchPlan,
): PositionWork {
  const key = positionKey(order.row);
  const current = order.position ?? openByKey.get(key);
  if (!current) {
    if (order.row.reduceOnly) {
      throw new WriterError(
        'INVALID',
        'orderId',
        `order ${order.row.clientOrderId} is reduce-only but ${order.row.strategyId}'s ${order.row.exchange} ${order.row.symbol} has no open position to reduce.`,
      );
    }
    const opened: PositionWork = {
      row: null,
      id: null,
      key,
      opener: order.row,
      state: openState(execution),
      exitReason: null,
      openedAt: input.executedAt,
      closedAt: null,
      touched: true,
    };
    plan.positions.push(opened);
    openByKey.set(key, opened);
    return opened;
  }
  const next = applyExecution(current.state, execution);
  const markPrice = current.row?.markPrice;
  if (markPrice && next.status !== 'CLOSED')
    next.unrealizedPnl = unrealizedAt(next, exact(markPrice));
  const closing = next.status === 'CLOSED';
  const exitReason = input.exitReason ?? (closing ? exitReasonOf(order.row.type) : null);
  if (closing && exitReason === 'LIQUIDATION') next.status = 'LIQUIDATED';
  if (exitReason) current.exitReason = exitReason;
  if (closing) {
    current.closedAt = new Date(Math.max(input.executedAt.getTime(), current.openedAt.getTime()));
    if (openByKey.get(current.key) === current) openByKey.delete(current.key);
  }
  current.state = next;
  current.touched = true;
  return current;
}

function replay(
  earlier: Fill | NewFill,
  order: OrderWork,
  input: ParsedFill,
  positionsById: Map<bigint, PositionWork>,
): PlannedResult {
  const stored = 'input' in earlier ? null : earlier;
  const orderId = stored ? stored.orderId : (earlier as NewFill).order.row.id;
  if (orderId !== order.row.id) {
    const exchangeFillId = stored ? stored.exchangeFillId : input.exchangeFillId;
    throw new WriterError(
      'CONFLICT',
      'exchangeFillId',
      `exchangeFillId ${exchangeFillId} on ${order.row.exchange} is already recorded for order ${orderId}, not for ${order.row.clientOrderId}.`,
    );
  }
  const recorded = stored
    ? { ...stored, executedAt: stored.executedAt }
    : {
        ...(earlier as NewFill).input.execution,
        executedAt: (earlier as NewFill).input.executedAt,
      };
  const conflicts: string[] = [];
  if (!exact(recorded.price).eq(input.execution.price)) conflicts.push('price');
  if (!exact(recorded.quantity).eq(input.execution.quantity)) conflicts.push('quantity');
  if (!exact(recorded.fee).eq(input.execution.fee)) conflicts.push('fee');
  if (recorded.executedAt.getTime() !== input.executedAt.getTime()) conflicts.push('executedAt');
  const position = stored
    ? stored.positionId == null
      ? undefined
      : positionsById.get(stored.positionId)
    : (earlier as NewFill).position;
  return {
    kind: 'replayed',
    fill: earlier,
    order: snapshotOrder(order),
    position: position ? snapshotPosition(position) : null,
    conflicts,
  };
}

function snapshotOrder(order: OrderWork): OrderSnapshot {
  return {
    work: order,
    filledQuantity: order.totals.filledQuantity,
    averageFillPrice: order.totals.averageFillPrice,
    fees: order.totals.fees,
    feeAsset: order.feeAsset,
    status: order.status,
    firstFillAt: order.firstFillAt,
    closedAt: order.closedAt,
    positionId: order.position?.id ?? order.row.positionId,
    position: order.position,
  };
}

function snapshotPosition(position: PositionWork): PositionSnapshot {
  return {
    work: position,
    state: { ...position.state },
    exitReason: position.exitReason,
    closedAt: position.closedAt,
  };
}

function isNewer(candidate: PositionWork, current: PositionWork | undefined): boolean {
  if (!current) return true;
  const [a, b] = [candidate.openedAt.getTime(), current.openedAt.getTime()];
  return a !== b ? a > b : (candidate.id ?? 0n) > (current.id ?? 0n);
}

/** Runs one fill's step, naming the fill in the field and message of any refusal. */
function inFill<T>(prefix: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof WriterError && prefix) {
      throw new WriterError(
        error.code,
        `${prefix}${error.field}`,
        `${prefix.slice(0, -1)}: ${error.message}`,
        error.missing,
      );
    }
    throw error;
  }
}

function notFoundOrder(input: ParsedFill): WriterError {
  const { ref, prefix } = input;
  const at = prefix ? `${prefix.slice(0, -1)}: ` : '';
  return 'id' in ref
    ? new WriterError(
        'NOT_FOUND',
        `${prefix}orderId`,
        `${at}orderId: no order with id ${ref.id} exists.`,
        // Lets the API name the order by the global ID its caller sent.
        { what: 'order', id: ref.id },
      )
    : new WriterError(
        'NOT_FOUND',
        `${prefix}clientOrderId`,
        `${at}clientOrderId: no order with clientOrderId ${ref.clientOrderId} exists.`,
      );
}

function checkOrderAcceptsFill(order: OrderWork, executedAt: Date): void {
  const { clientOrderId } = order.row;
  if (order.status === 'REJECTED') {
    throw new WriterError(
      'CONFLICT',
      'orderId',
      `order ${clientOrderId} was REJECTED and cannot have fills: a rejected order never reached the book.`,
    );
  }
  if (order.status === 'CANCELED' || order.status === 'EXPIRED') {
    if (order.closedAt == null || executedAt > order.closedAt) {
      throw new WriterError(
        'CONFLICT',
        'executedAt',
        `order ${clientOrderId} is ${order.status} since ${order.closedAt?.toISOString() ?? 'an unknown time'}; only a fill executed before then can be recorded, got ${executedAt.toISOString()}.`,
      );
    }
  }
}

/**
 * The status a fill moves an order to. Final statuses stay (a late fill of a canceled order
 * does not undo the cancel), and a pending cancel stays pending until the order is complete.
 */
function statusAfterFill(status: OrderStatus, complete: boolean): OrderStatus {
  switch (status) {
    case 'FILLED':
    case 'CANCELED':
    case 'EXPIRED':
    case 'REJECTED':
      return status;
    case 'PENDING_CANCEL':
      return complete ? 'FILLED' : 'PENDING_CANCEL';
    default:
      return complete ? 'FILLED' : 'PARTIALLY_FILLED';
  }
}
