import type {
  ExitReason,
  OrderSide,
  PositionDirection,
  PositionStatus,
} from '../generated/prisma/client.ts';
import { type Decimal, toColumn, ZERO } from './decimal-input.ts';
import { WriterError } from './errors.ts';

// Pure position and order arithmetic, so that it can be tested without a database. Every
// input is an exact Decimal; averages are rounded to the columns' 18 decimals only at the end.

/** The part of a position that fills change. */
export interface PositionState {
  direction: PositionDirection;
  status: PositionStatus;
  /** Total quantity opened: the sum of all entry quantities, so `size - remainingSize` is closed. */
  size: Decimal;
  remainingSize: Decimal;
  averageEntryPrice: Decimal;
  averageExitPrice: Decimal | null;
  /** Net of every fee, as the data model defines a position's realized P&L. */
  realizedPnl: Decimal;
  fees: Decimal;
  riskAmount: Decimal | null;
  pnlR: Decimal | null;
  unrealizedPnl: Decimal | null;
}

/** One execution, as the position sees it. */
export interface Execution {
  side: OrderSide;
  price: Decimal;
  quantity: Decimal;
  /** Positive = paid, negative = rebate. */
  fee: Decimal;
}

/** The direction a fill on this side opens. */
export function directionOf(side: OrderSide): PositionDirection {
  return side === 'BUY' ? 'LONG' : 'SHORT';
}

/** Whether a fill on `side` adds to a position in `direction` (rather than reducing it). */
export function increases(direction: PositionDirection, side: OrderSide): boolean {
  return directionOf(side) === direction;
}

/** Gross P&L of closing `quantity` bought (long) or sold (short) at `entry`, at `exit`. */
export function grossPnl(
  direction: PositionDirection,
  entry: Decimal,
  exit: Decimal,
  quantity: Decimal,
): Decimal {
  const perUnit = direction === 'LONG' ? exit.minus(entry) : entry.minus(exit);
  return perUnit.times(quantity);
}

/** Quantity-weighted average of two blocks; `null` average means an empty first block. */
export function weightedAverage(
  field: string,
  average: Decimal | null,
  quantity: Decimal,
  price: Decimal,
  addQuantity: Decimal,
): Decimal {
  const total = quantity.plus(addQuantity);
  const before = average === null ? ZERO : average.times(quantity);
  return toColumn(field, before.plus(price.times(addQuantity)).div(total));
}

/** The position a first fill opens. Its fee is already a realized loss (P&L is net of fees). */
export function openState(execution: Execution): PositionState {
  return {
    direction: directionOf(execution.side),
    status: 'OPEN',
    size: execution.quantity,
    remainingSize: execution.quantity,
    averageEntryPrice: execution.price,
    averageExitPrice: null,
    realizedPnl: execution.fee.neg(),
    fees: execution.fee,
    riskAmount: null,
    pnlR: null,
    unrealizedPnl: null,
  };
}

/**
 * Applies one execution to an open position.
 *
 * - Same side as the direction: adds to `size` and `remainingSize` and re-averages the entry
 *   over the open quantity (average-cost method, so later exits are measured against what the
 *   open quantity cost).
 * - Opposite side: closes `quantity` at `price`, realizing (exit - entry) × quantity for a long,
 *   (entry - exit) × quantity for a short; re-averages the exit price over the closed quantity;
 *   the status becomes `PARTIALLY_CLOSED`, or `CLOSED` at zero (with `unrealizedPnl` 0).
 * - Every fee is added to `fees` and subtracted from `realizedPnl`.
 *
 * Throws CONFLICT for a closed position, and INVALID (field `quantity`) for an execution larger
 * than the open quantity: a flip through zero is refused, because a fill belongs to one
 * position and its fee could not be split between two round trips without inventing an
 * allocation. Record the close and the new entry as two orders.
 */
export function applyExecution(state: PositionState, execution: Execution): PositionState {
  if (state.status === 'CLOSED' || state.status === 'LIQUIDATED') {
    throw new WriterError(
      'CONFLICT',
      'positionId',
      `the position is ${state.status}; a new entry opens a new position.`,
    );
  }
  const fees = state.fees.plus(execution.fee);
  if (increases(state.direction, execution.side)) {
    return {
      ...state,
      size: toColumn('size', state.size.plus(execution.quantity)),
      remainingSize: toColumn('remainingSize', state.remainingSize.plus(execution.quantity)),
      averageEntryPrice: weightedAverage(
        'averageEntryPrice',
        state.averageEntryPrice,
        state.remainingSize,
        execution.price,
        execution.quantity,
      ),
      fees: toColumn('fees', fees),
      realizedPnl: toColumn('realizedPnl', state.realizedPnl.minus(execution.fee)),
    };
  }
  if (execution.quantity.gt(state.remainingSize)) {
    throw new WriterError(
      'INVALID',
      'quantity',
      `quantity ${execution.quantity.toFixed()} exceeds the position's open ${state.remainingSize.toFixed()} (${state.direction}); a fill may not flip a position through zero: close it with one order and open the opposite side with another.`,
    );
  }
  const closedBefore = state.size.minus(state.remainingSize);
  const remainingSize = state.remainingSize.minus(execution.quantity);
  const pnl = grossPnl(
    state.direction,
    state.averageEntryPrice,
    execution.price,
    execution.quantity,
  );
  const realizedPnl = toColumn('realizedPnl', state.realizedPnl.plus(pnl).minus(execution.fee));
  const closed = remainingSize.isZero();
  return {
    ...state,
    status: closed ? 'CLOSED' : 'PARTIALLY_CLOSED',
    remainingSize,
    averageExitPrice: weightedAverage(
      'averageExitPrice',
      state.averageExitPrice,
      closedBefore,
      execution.price,
      execution.quantity,
    ),
    fees: toColumn('fees', fees),
    realizedPnl,
    pnlR:
      state.riskAmount && !state.riskAmount.isZero()
        ? toColumn('pnlR', realizedPnl.div(state.riskAmount))
        : state.pnlR,
    unrealizedPnl: closed ? ZERO : state.unrealizedPnl,
  };
}

/** Unrealized P&L of the open quantity at `markPrice`. */
export function unrealizedAt(state: PositionState, markPrice: Decimal): Decimal {
  return toColumn(
    'unrealizedPnl',
    grossPnl(state.direction, state.averageEntryPrice, markPrice, state.remainingSize),
  );
}

/**
 * The exit reason an order type implies when the caller gives none: stops and take-profits say
 * why they fired; other orders (market, limit) could be anything, so none is guessed.
 */
export function exitReasonOf(type: string): ExitReason | null {
  if (type === 'STOP' || type === 'STOP_LIMIT') return 'STOP_LOSS';
  if (type === 'TAKE_PROFIT' || type === 'TAKE_PROFIT_LIMIT') return 'TAKE_PROFIT';
  if (type === 'TRAILING_STOP') return 'TRAILING_STOP';
  return null;
}

/** The part of an order that fills change. */
export interface OrderFillState {
  quantity: Decimal;
  filledQuantity: Decimal;
  averageFillPrice: Decimal | null;
  fees: Decimal;
}

/**
 * Adds one fill to an order's totals: filled quantity, quantity-weighted average fill price,
 * fees. Throws INVALID (field `quantity`) when the fill exceeds the unfilled quantity.
 */
export function addFill(order: OrderFillState, execution: Execution): OrderFillState {
  const open = order.quantity.minus(order.filledQuantity);
  if (execution.quantity.gt(open)) {
    throw new WriterError(
      'INVALID',
      'quantity',
      `quantity ${execution.quantity.toFixed()} exceeds the order's remaining ${open.toFixed()} (ordered ${order.quantity.toFixed()}, filled ${order.filledQuantity.toFixed()}).`,
    );
  }
  return {
    quantity: order.quantity,
    filledQuantity: order.filledQuantity.plus(execution.quantity),
    averageFillPrice: weightedAverage(
      'averageFillPrice',
      order.averageFillPrice,
      order.filledQuantity,
      execution.price,
      execution.quantity,
    ),
    fees: toColumn('fees', order.fees.plus(execution.fee)),
  };
}
