import type {
  ExitReason,
  Order,
  OrderSide,
  Position,
  PositionDirection,
  Signal,
} from '../../generated/prisma/client.ts';
import type { Decimal } from '../decimal.ts';
import type { Desk } from './desks.ts';

/** Where a trade is in its life; each state but `open` and `done` has one write to do next. */
export type TradeState =
  /** Approved: the entry order is to be placed. */
  | { kind: 'entry' }
  /** The entry order works: `parts` are the fills still to come; cancel after `cancelAfter` fills. */
  | { kind: 'working'; parts: Decimal[]; filled: number; cancelAfter: number | null }
  /** Entered: the position's stop and target are to be set. */
  | { kind: 'protect' }
  /** Watched every step until its stop or target is hit or it times out. */
  | { kind: 'open'; since: number }
  /** An exit was triggered: the exit order is to be placed. */
  | { kind: 'exit'; reason: ExitReason }
  /** The exit order is to be filled, closing the position. */
  | { kind: 'exiting'; reason: ExitReason }
  | { kind: 'done' };

/** One signal's way through the writers: signal, entry order, fills, position, exit. */
export interface Trade {
  readonly desk: Desk;
  /** Null for a position adopted from an earlier run. */
  readonly signal: Signal | null;
  readonly direction: PositionDirection;
  readonly entryType: 'LIMIT' | 'MARKET';
  readonly entryPrice: Decimal;
  readonly stopLoss: Decimal;
  readonly takeProfit: Decimal;
  readonly quantity: Decimal;
  order?: Order;
  position?: Position;
  exitOrder?: Order;
  state: TradeState;
}

/** The side that opens a position in `direction`. */
export function entrySide(direction: PositionDirection): OrderSide {
  return direction === 'LONG' ? 'BUY' : 'SELL';
}

/** The side that closes a position in `direction`. */
export function exitSide(direction: PositionDirection): OrderSide {
  return direction === 'LONG' ? 'SELL' : 'BUY';
}

/** Whether the trade has a write to do now. */
export function isReady(trade: Trade): boolean {
  return trade.state.kind !== 'open' && trade.state.kind !== 'done';
}

/** Whether the trade holds its desk (no second trade may start on it). */
export function isActive(trade: Trade): boolean {
  return trade.state.kind !== 'done';
}

/**
 * Moves an open trade to `exit` when the price crossed its stop or target, or when it has been
 * open `maxHoldSteps` steps (a timeout, as the demo strategies' max holding times).
 */
export function checkExit(trade: Trade, price: Decimal, step: number, maxHoldSteps: number) {
  if (trade.state.kind !== 'open') return;
  const long = trade.direction === 'LONG';
  if (long ? price.lte(trade.stopLoss) : price.gte(trade.stopLoss)) {
    trade.state = { kind: 'exit', reason: 'STOP_LOSS' };
  } else if (long ? price.gte(trade.takeProfit) : price.lte(trade.takeProfit)) {
    trade.state = { kind: 'exit', reason: 'TAKE_PROFIT' };
  } else if (step - trade.state.since >= maxHoldSteps) {
    trade.state = { kind: 'exit', reason: 'TIMEOUT' };
  }
}
