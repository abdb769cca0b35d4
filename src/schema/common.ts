import {
  BacktestStatus,
  ExitReason,
  Liquidity,
  ModelStatus,
  ModelType,
  OrderSide,
  OrderStatus,
  OrderType,
  PositionDirection,
  PositionStatus,
  RiskSeverity,
  SignalDirection,
  SignalStatus,
  SignalStrength,
  StrategyKind,
  StrategyStatus,
  TimeInForce,
  TradingMode,
} from '../generated/prisma/enums.ts';
import { builder } from './builder.ts';
import { badUserInput } from './errors.ts';

// The database enums, exposed under the same names and values, each value described.
export const TradingModeEnum = databaseEnum(
  'TradingMode',
  TradingMode,
  'Where activity happened: real money, simulated against live prices, or a backtest.',
  {
    LIVE: 'Real orders on a real account.',
    PAPER: 'Simulated against live market data.',
    BACKTEST: 'Simulated on historical data, within a backtest run.',
  },
);
export const StrategyKindEnum = databaseEnum(
  'StrategyKind',
  StrategyKind,
  'The family of trading logic a strategy belongs to.',
  {
    TREND_FOLLOWING: 'Follows established trends.',
    MEAN_REVERSION: 'Bets on prices returning to a mean.',
    MOMENTUM: 'Trades short-term momentum.',
    ARBITRAGE: 'Exploits price or funding-rate differences.',
    MARKET_MAKING: 'Quotes both sides of the book.',
    SIGNAL_SCORING: 'Scores market conditions into signals.',
    ML_BASED: 'Driven by machine-learning predictions.',
    OTHER: 'Anything else; the source label is kept in metadata.',
  },
);
export const StrategyStatusEnum = databaseEnum(
  'StrategyStatus',
  StrategyStatus,
  'Lifecycle state of a strategy.',
  {
    DRAFT: 'Defined, never run.',
    TESTING: 'Running in test or paper mode.',
    ACTIVE: 'Running live.',
    PAUSED: 'Temporarily halted.',
    INACTIVE: 'Not running.',
    STOPPED: 'Stopped for good.',
    ERROR: 'Halted by an error.',
    ARCHIVED: 'Kept for history only.',
  },
);
export const SignalDirectionEnum = databaseEnum(
  'SignalDirection',
  SignalDirection,
  'What a signal proposes.',
  {
    LONG: 'Open or add to a long position (buy).',
    SHORT: 'Open or add to a short position (sell).',
    NEUTRAL: 'Stay flat; no trade.',
    EXIT: 'Close the current position.',
    ADJUST: 'Adjust the current position (size, stops, targets).',
  },
);
export const SignalStrengthEnum = databaseEnum(
  'SignalStrength',
  SignalStrength,
  'How strongly a signal is meant (STRONG_BUY is LONG + STRONG).',
  {
    WEAK: 'Weak conviction.',
    NORMAL: 'Normal conviction.',
    STRONG: 'Strong conviction.',
  },
);
export const SignalStatusEnum = databaseEnum(
  'SignalStatus',
  SignalStatus,
  'Lifecycle of a signal.',
  {
    PROPOSED: 'Produced by the strategy, awaiting risk checks.',
    APPROVED: 'Passed risk checks.',
    REJECTED: 'Refused by risk checks; see rejectionReason.',
    EXECUTED: 'Turned into orders.',
    EXPIRED: 'No longer valid before it was acted on.',
    CANCELED: 'Withdrawn.',
  },
);
export const OrderSideEnum = databaseEnum('OrderSide', OrderSide, 'Buy or sell.', {
  BUY: 'Buy the base asset.',
  SELL: 'Sell the base asset.',
});
export const OrderTypeEnum = databaseEnum('OrderType', OrderType, 'How an order executes.', {
  MARKET: 'At the best available price.',
  LIMIT: 'At the limit price or better.',
  STOP: 'A market order triggered at the stop price.',
  STOP_LIMIT: 'A limit order triggered at the stop price.',
  TAKE_PROFIT: 'A market order triggered at a profit target.',
  TAKE_PROFIT_LIMIT: 'A limit order triggered at a profit target.',
  TRAILING_STOP: 'A stop that follows the price at a distance.',
});
export const TimeInForceEnum = databaseEnum(
  'TimeInForce',
  TimeInForce,
  'How long an order stays working.',
  {
    GTC: 'Good till canceled.',
    IOC: 'Immediate or cancel: fill what is possible now, cancel the rest.',
    FOK: 'Fill or kill: fill completely now or not at all.',
    GTD: 'Good till a given date.',
    POST_ONLY: 'Only add liquidity; rejected if it would take.',
  },
);
export const OrderStatusEnum = databaseEnum(
  'OrderStatus',
  OrderStatus,
  'Exchange-side state of an order.',
  {
    PENDING_NEW: 'Created, not yet acknowledged by the exchange.',
    NEW: 'Working on the exchange, nothing filled.',
    PARTIALLY_FILLED: 'Partly filled, still working.',
    FILLED: 'Completely filled.',
    PENDING_CANCEL: 'Cancel requested, not yet confirmed.',
    CANCELED: 'Canceled; may have partial fills.',
    REJECTED: 'Refused by the exchange or the risk manager.',
    EXPIRED: 'Ended by its time in force.',
  },
);
export const LiquidityEnum = databaseEnum(
  'Liquidity',
  Liquidity,
  'Whether a fill added liquidity or took it.',
  {
    MAKER: 'Added liquidity (resting order).',
    TAKER: 'Took liquidity.',
  },
);
export const PositionDirectionEnum = databaseEnum(
  'PositionDirection',
  PositionDirection,
  'Long or short exposure.',
  {
    LONG: 'Profits when the price rises.',
    SHORT: 'Profits when the price falls.',
  },
);
export const PositionStatusEnum = databaseEnum(
  'PositionStatus',
  PositionStatus,
  'Lifecycle state of a position.',
  {
    OPEN: 'Fully open.',
    PARTIALLY_CLOSED: 'Partly closed (e.g. first take-profit hit).',
    CLOSED: 'Closed.',
    LIQUIDATED: 'Closed by the exchange for lack of margin.',
  },
);
export const ExitReasonEnum = databaseEnum('ExitReason', ExitReason, 'Why a position was closed.', {
  TAKE_PROFIT: 'A take-profit level was reached.',
  STOP_LOSS: 'The stop-loss was hit.',
  TRAILING_STOP: 'The trailing stop was hit.',
  TIMEOUT: 'Held for its maximum time.',
  SIGNAL: 'An exit or opposite signal.',
  MANUAL: 'Closed by hand.',
  LIQUIDATION: 'Liquidated by the exchange.',
  OTHER: 'Any other reason; see metadata.',
});
export const ModelTypeEnum = databaseEnum(
  'ModelType',
  ModelType,
  'The learning task of an ML model.',
  {
    CLASSIFICATION: 'Predicts a class (e.g. up/down).',
    REGRESSION: 'Predicts a number (e.g. a return).',
    REINFORCEMENT_LEARNING: 'Learns a trading policy.',
    OTHER: 'Anything else.',
  },
);
export const ModelStatusEnum = databaseEnum(
  'ModelStatus',
  ModelStatus,
  'Lifecycle state of an ML model.',
  {
    TRAINING: 'Being trained.',
    READY: 'Trained and validated.',
    DEPLOYED: 'Serving predictions.',
    FAILED: 'Training failed.',
    ARCHIVED: 'Kept for history only.',
  },
);
export const BacktestStatusEnum = databaseEnum(
  'BacktestStatus',
  BacktestStatus,
  'State of a backtest run.',
  {
    PENDING: 'Queued.',
    RUNNING: 'In progress.',
    COMPLETED: 'Finished; metrics are final.',
    FAILED: 'Failed; see errorMessage.',
    CANCELED: 'Stopped before finishing.',
  },
);
export const RiskSeverityEnum = databaseEnum(
  'RiskSeverity',
  RiskSeverity,
  'How serious a risk event is.',
  {
    INFO: 'For the record.',
    WARNING: 'Needs attention.',
    CRITICAL: 'Trading was or should be halted.',
  },
);

/**
 * Exposes a Prisma enum under its own name. `values` must describe every value: the compiler
 * rejects a missing one, so a new database value cannot ship undocumented.
 */
function databaseEnum<E extends Record<string, string>>(
  name: string,
  _values: E,
  description: string,
  values: { [K in keyof E]: string },
) {
  return builder.enumType(name, {
    description,
    values: Object.fromEntries(
      Object.entries(values).map(([value, text]) => [value, { value, description: text }]),
    ) as { [K in keyof E & string]: { value: K; description: string } },
  });
}

export const TimeOrderEnum = builder.enumType('TimeOrder', {
  description: 'Order of a time-ordered list; rows with the same time are ordered by their ID.',
  values: {
    NEWEST_FIRST: { value: 'desc', description: 'Latest first (the default).' },
    OLDEST_FIRST: { value: 'asc', description: 'Earliest first.' },
  } as const,
});

export const TimeRangeInput = builder.inputType('TimeRange', {
  description: 'A half-open time interval: from (inclusive) up to (exclusive).',
  fields: (t) => ({
    from: t.field({
      type: 'DateTime',
      required: false,
      description: 'Earliest instant, inclusive.',
    }),
    to: t.field({ type: 'DateTime', required: false, description: 'Latest instant, exclusive.' }),
  }),
});

/** Prisma condition for a `TimeRange` on one column; `undefined` when no bound is given. */
export function timeRangeWhere(
  range: { from?: Date | null; to?: Date | null } | null | undefined,
  field: string,
) {
  if (!range || (!range.from && !range.to)) return undefined;
  // An inverted range matches nothing; it is almost always swapped arguments, so say so.
  if (range.from && range.to && range.from.getTime() > range.to.getTime()) {
    throw badUserInput(
      `filter.${field}: "from" (${range.from.toISOString()}) is after "to" (${range.to.toISOString()}); swap them.`,
    );
  }
  return { ...(range.from ? { gte: range.from } : {}), ...(range.to ? { lt: range.to } : {}) };
}

/** Prisma `in` condition for an optional list filter; `undefined` when the list is absent. */
export function inList<T>(values: readonly T[] | null | undefined) {
  return values ? { in: [...values] } : undefined;
}

/**
 * Ordering for time-ordered lists: the time column, then the primary key, so that rows sharing
 * a timestamp keep one stable order and cursors never skip or repeat them.
 */
export function byTime<F extends string>(field: F, direction: 'asc' | 'desc' | null | undefined) {
  const dir = direction ?? 'desc';
  return [{ [field]: dir }, { id: dir }] as Array<Record<F | 'id', 'asc' | 'desc'>>;
}

/** Page-size options shared by every connection: both come from the request's limits. */
export const pageSize = {
  maxSize: (_args: unknown, ctx: { limits: { maxPageSize: number } }) => ctx.limits.maxPageSize,
  defaultSize: (_args: unknown, ctx: { limits: { defaultPageSize: number } }) =>
    ctx.limits.defaultPageSize,
};

/** The `orderBy` argument of every time-ordered relation. */
export const timeOrderArgs = builder.args((t) => ({
  orderBy: t.field({
    type: TimeOrderEnum,
    defaultValue: 'desc',
    description: 'Newest or oldest first.',
  }),
}));

// Every connection has a totalCount; it is only computed when a client selects it.
builder.globalConnectionField('totalCount', (t) =>
  t.int({
    description: 'Number of items in the whole list, across all pages.',
    resolve: (parent) =>
      typeof parent.totalCount === 'function' ? parent.totalCount() : (parent.totalCount ?? 0),
  }),
);
