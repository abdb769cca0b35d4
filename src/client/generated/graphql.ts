/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Why a position was closed. */
export type ExitReason =
  /** Liquidated by the exchange. */
  | 'LIQUIDATION'
  /** Closed by hand. */
  | 'MANUAL'
  /** Any other reason; see metadata. */
  | 'OTHER'
  /** An exit or opposite signal. */
  | 'SIGNAL'
  /** The stop-loss was hit. */
  | 'STOP_LOSS'
  /** A take-profit level was reached. */
  | 'TAKE_PROFIT'
  /** Held for its maximum time. */
  | 'TIMEOUT'
  /** The trailing stop was hit. */
  | 'TRAILING_STOP';

/** Conditions on fills; all given conditions must hold. */
export type FillFilter = {
  /** Only this exchange, e.g. "binance". */
  exchange?: string | null | undefined;
  /** Only rows whose executedAt is in this range. */
  executedAt?: TimeRange | null | undefined;
  /** Only these Fills (global IDs). */
  ids?: Array<string | number> | null | undefined;
  /** Only maker or only taker fills. */
  liquidity?: Liquidity | null | undefined;
  /** Only these modes (LIVE, PAPER, BACKTEST). */
  modes?: Array<TradingMode> | null | undefined;
  /** Only fills of these orders. */
  orderIds?: Array<string | number> | null | undefined;
  /** Only fills of these positions. */
  positionIds?: Array<string | number> | null | undefined;
  /** Only these sides. */
  sides?: Array<OrderSide> | null | undefined;
  /** Only rows of these strategies (global IDs). */
  strategyIds?: Array<string | number> | null | undefined;
  /** Only this symbol, spelled as the exchange spells it, e.g. "BTCUSDT". */
  symbol?: string | null | undefined;
};

/** The status an order can be recorded in; later ones come from `updateOrderStatus`. */
export type InitialOrderStatus =
  /** Acknowledged and working on the exchange. */
  | 'NEW'
  /** Sent, not yet acknowledged by the exchange (the default). */
  | 'PENDING_NEW';

/** Whether a fill added liquidity or took it. */
export type Liquidity =
  /** Added liquidity (resting order). */
  | 'MAKER'
  /** Took liquidity. */
  | 'TAKER';

/** What the committed write did to the row. */
export type LiveOperation =
  /** The row was created. */
  | 'INSERT'
  /** The row was changed. */
  | 'UPDATE';

/** Conditions on orders; all given conditions must hold. */
export type OrderFilter = {
  /** true: only working orders (PENDING_NEW, NEW, PARTIALLY_FILLED, PENDING_CANCEL); false: only final ones. */
  active?: boolean | null | undefined;
  /** Only rows whose createdAt is in this range. */
  createdAt?: TimeRange | null | undefined;
  /** Only this exchange, e.g. "binance". */
  exchange?: string | null | undefined;
  /** Only these Orders (global IDs). */
  ids?: Array<string | number> | null | undefined;
  /** Only these modes (LIVE, PAPER, BACKTEST). */
  modes?: Array<TradingMode> | null | undefined;
  /** Only orders of these positions. */
  positionIds?: Array<string | number> | null | undefined;
  /** Only these sides. */
  sides?: Array<OrderSide> | null | undefined;
  /** Only orders for these signals. */
  signalIds?: Array<string | number> | null | undefined;
  /** Only these statuses. */
  statuses?: Array<OrderStatus> | null | undefined;
  /** Only rows of these strategies (global IDs). */
  strategyIds?: Array<string | number> | null | undefined;
  /** Only this symbol, spelled as the exchange spells it, e.g. "BTCUSDT". */
  symbol?: string | null | undefined;
  /** Only these order types. */
  types?: Array<OrderType> | null | undefined;
};

/** Buy or sell. */
export type OrderSide =
  /** Buy the base asset. */
  | 'BUY'
  /** Sell the base asset. */
  | 'SELL';

/** Exchange-side state of an order. */
export type OrderStatus =
  /** Canceled; may have partial fills. */
  | 'CANCELED'
  /** Ended by its time in force. */
  | 'EXPIRED'
  /** Completely filled. */
  | 'FILLED'
  /** Working on the exchange, nothing filled. */
  | 'NEW'
  /** Partly filled, still working. */
  | 'PARTIALLY_FILLED'
  /** Cancel requested, not yet confirmed. */
  | 'PENDING_CANCEL'
  /** Created, not yet acknowledged by the exchange. */
  | 'PENDING_NEW'
  /** Refused by the exchange or the risk manager. */
  | 'REJECTED';

/** How an order executes. */
export type OrderType =
  /** At the limit price or better. */
  | 'LIMIT'
  /** At the best available price. */
  | 'MARKET'
  /** A market order triggered at the stop price. */
  | 'STOP'
  /** A limit order triggered at the stop price. */
  | 'STOP_LIMIT'
  /** A market order triggered at a profit target. */
  | 'TAKE_PROFIT'
  /** A limit order triggered at a profit target. */
  | 'TAKE_PROFIT_LIMIT'
  /** A stop that follows the price at a distance. */
  | 'TRAILING_STOP';

/** Long or short exposure. */
export type PositionDirection =
  /** Profits when the price rises. */
  | 'LONG'
  /** Profits when the price falls. */
  | 'SHORT';

/** Conditions on positions; all given conditions must hold. */
export type PositionFilter = {
  /** Only positions of these backtest runs. */
  backtestRunIds?: Array<string | number> | null | undefined;
  /** Only these directions. */
  directions?: Array<PositionDirection> | null | undefined;
  /** Only this exchange, e.g. "binance". */
  exchange?: string | null | undefined;
  /** Only these Positions (global IDs). */
  ids?: Array<string | number> | null | undefined;
  /** Only these modes (LIVE, PAPER, BACKTEST). */
  modes?: Array<TradingMode> | null | undefined;
  /** true: only open positions (OPEN, PARTIALLY_CLOSED); false: only closed ones. */
  open?: boolean | null | undefined;
  /** Only rows whose openedAt is in this range. */
  openedAt?: TimeRange | null | undefined;
  /** Only these statuses. */
  statuses?: Array<PositionStatus> | null | undefined;
  /** Only rows of these strategies (global IDs). */
  strategyIds?: Array<string | number> | null | undefined;
  /** Only this symbol, spelled as the exchange spells it, e.g. "BTCUSDT". */
  symbol?: string | null | undefined;
};

/** Lifecycle state of a position. */
export type PositionStatus =
  /** Closed. */
  | 'CLOSED'
  /** Closed by the exchange for lack of margin. */
  | 'LIQUIDATED'
  /** Fully open. */
  | 'OPEN'
  /** Partly closed (e.g. first take-profit hit). */
  | 'PARTIALLY_CLOSED';

/** One execution of an order; name the order by `orderId` or `clientOrderId`. */
export type RecordFillInput = {
  /** Client order id of the order. */
  clientOrderId?: string | null | undefined;
  /** The exchange's trade id; with the order's exchange, the key that makes recording idempotent. */
  exchangeFillId?: string | null | undefined;
  /** Execution time at the exchange; at most 5 minutes in the future. */
  executedAt: string;
  /** Why the position closed, if this fill closes it; default from the order type. */
  exitReason?: ExitReason | null | undefined;
  /** Fee in the order's fee asset; default 0, negative for a rebate. */
  fee?: string | null | undefined;
  /** Asset the fee is paid in; must match the order's. */
  feeAsset?: string | null | undefined;
  /** Maker or taker. */
  liquidity?: Liquidity | null | undefined;
  /** Source-specific fields. */
  metadata?: unknown;
  /** Global ID of the order. */
  orderId?: string | number | null | undefined;
  /** Execution price; above 0. */
  price: string;
  /** Executed quantity; above 0 and at most the order's unfilled quantity. */
  quantity: string;
};

/** A new order; `clientOrderId` makes recording it idempotent. */
export type RecordOrderInput = {
  /** Global ID of the backtest run; required for BACKTEST. */
  backtestRunId?: string | number | null | undefined;
  /** The trading system's id for the order: the idempotency key. */
  clientOrderId: string;
  /** When it was created; default now. */
  createdAt?: string | null | undefined;
  /** Exchange the order is on. */
  exchange: string;
  /** Order id assigned by the exchange, if known. */
  exchangeOrderId?: string | null | undefined;
  /** Asset the fees are paid in. */
  feeAsset?: string | null | undefined;
  /** Limit price; required for LIMIT, STOP_LIMIT and TAKE_PROFIT_LIMIT. */
  limitPrice?: string | null | undefined;
  /** Source-specific fields. */
  metadata?: unknown;
  /** Default LIVE. */
  mode?: TradingMode | null | undefined;
  /** Global ID of the position it changes; when omitted, its first fill finds or opens one. */
  positionId?: string | number | null | undefined;
  /** Ordered quantity in base-asset units; above 0. */
  quantity: string;
  /** Only reduces an existing position; default false. */
  reduceOnly?: boolean | null | undefined;
  /** Buy or sell. */
  side: OrderSide;
  /** Global ID of the signal it executes. */
  signalId?: string | number | null | undefined;
  /** Milliseconds from the signal to submission. */
  signalLatencyMs?: number | null | undefined;
  /** Default PENDING_NEW. */
  status?: InitialOrderStatus | null | undefined;
  /** Trigger price; required for STOP, STOP_LIMIT, TAKE_PROFIT, TAKE_PROFIT_LIMIT. */
  stopPrice?: string | null | undefined;
  /** Global ID of the strategy placing it. */
  strategyId: string | number;
  /** When it was sent. */
  submittedAt?: string | null | undefined;
  /** Instrument symbol as the exchange spells it. */
  symbol: string;
  /** Default GTC. */
  timeInForce?: TimeInForce | null | undefined;
  /** Order type. */
  type: OrderType;
};

/** What a signal proposes. */
export type SignalDirection =
  /** Adjust the current position (size, stops, targets). */
  | 'ADJUST'
  /** Close the current position. */
  | 'EXIT'
  /** Open or add to a long position (buy). */
  | 'LONG'
  /** Stay flat; no trade. */
  | 'NEUTRAL'
  /** Open or add to a short position (sell). */
  | 'SHORT';

/** Conditions on signals; all given conditions must hold. */
export type SignalFilter = {
  /** Only signals of these backtest runs. */
  backtestRunIds?: Array<string | number> | null | undefined;
  /** Only these directions. */
  directions?: Array<SignalDirection> | null | undefined;
  /** Only this exchange, e.g. "binance". */
  exchange?: string | null | undefined;
  /** Only rows whose generatedAt is in this range. */
  generatedAt?: TimeRange | null | undefined;
  /** Only these Signals (global IDs). */
  ids?: Array<string | number> | null | undefined;
  /** Only these modes (LIVE, PAPER, BACKTEST). */
  modes?: Array<TradingMode> | null | undefined;
  /** Only signals caused by these predictions. */
  predictionIds?: Array<string | number> | null | undefined;
  /** Only these statuses. */
  statuses?: Array<SignalStatus> | null | undefined;
  /** Only rows of these strategies (global IDs). */
  strategyIds?: Array<string | number> | null | undefined;
  /** Only this symbol, spelled as the exchange spells it, e.g. "BTCUSDT". */
  symbol?: string | null | undefined;
};

/** Lifecycle of a signal. */
export type SignalStatus =
  /** Passed risk checks. */
  | 'APPROVED'
  /** Withdrawn. */
  | 'CANCELED'
  /** Turned into orders. */
  | 'EXECUTED'
  /** No longer valid before it was acted on. */
  | 'EXPIRED'
  /** Produced by the strategy, awaiting risk checks. */
  | 'PROPOSED'
  /** Refused by risk checks; see rejectionReason. */
  | 'REJECTED';

/** Lifecycle state of a strategy. */
export type StrategyStatus =
  /** Running live. */
  | 'ACTIVE'
  /** Kept for history only. */
  | 'ARCHIVED'
  /** Defined, never run. */
  | 'DRAFT'
  /** Halted by an error. */
  | 'ERROR'
  /** Not running. */
  | 'INACTIVE'
  /** Temporarily halted. */
  | 'PAUSED'
  /** Stopped for good. */
  | 'STOPPED'
  /** Running in test or paper mode. */
  | 'TESTING';

/** How long an order stays working. */
export type TimeInForce =
  /** Fill or kill: fill completely now or not at all. */
  | 'FOK'
  /** Good till canceled. */
  | 'GTC'
  /** Good till a given date. */
  | 'GTD'
  /** Immediate or cancel: fill what is possible now, cancel the rest. */
  | 'IOC'
  /** Only add liquidity; rejected if it would take. */
  | 'POST_ONLY';

/** A half-open time interval: from (inclusive) up to (exclusive). */
export type TimeRange = {
  /** Earliest instant, inclusive. */
  from?: string | null | undefined;
  /** Latest instant, exclusive. */
  to?: string | null | undefined;
};

/** Where activity happened: real money, simulated against live prices, or a backtest. */
export type TradingMode =
  /** Simulated on historical data, within a backtest run. */
  | 'BACKTEST'
  /** Real orders on a real account. */
  | 'LIVE'
  /** Simulated against live market data. */
  | 'PAPER';

/** An exchange status report; name the order by `orderId` or `clientOrderId`. */
export type UpdateOrderStatusInput = {
  /** When the exchange reported it; default now. */
  at?: string | null | undefined;
  /** Client order id of the order. */
  clientOrderId?: string | null | undefined;
  /** The exchange's order id; may be set once, never changed. */
  exchangeOrderId?: string | null | undefined;
  /** Global ID of the order. */
  orderId?: string | number | null | undefined;
  /** Reject, cancel or expiry reason. */
  reason?: string | null | undefined;
  /** Reported status. */
  status: OrderStatus;
};

/** What kind of refusal a `WriterError` is. */
export type WriterErrorCode =
  /** The input contradicts what is already recorded (a closed position, another order’s fill id, a different fee asset). */
  | 'CONFLICT'
  /** A status change the transition table does not allow from the current status. */
  | 'ILLEGAL_TRANSITION'
  /** The input breaks a rule: sign, range, precision, time or a required field. */
  | 'INVALID'
  /** A referenced row (strategy, order, signal, position, model...) does not exist. */
  | 'NOT_FOUND';

export type RecordFillMutationVariables = Exact<{
  input: RecordFillInput;
}>;


export type RecordFillMutation = { recordFill:
    | { __typename: 'RecordFillSuccess', created: boolean, conflicts: Array<string>, fill: { id: string, databaseId: string, price: string, quantity: string, fee: string, executedAt: string }, order: { id: string, clientOrderId: string, status: OrderStatus, filledQuantity: string, averageFillPrice: string | null }, position: { id: string, symbol: string, direction: PositionDirection, status: PositionStatus, remainingSize: string, averageEntryPrice: string, realizedPnl: string, unrealizedPnl: string | null } | null }
    | { __typename: 'WriterError', code: WriterErrorCode, field: string | null, message: string }
   };

export type FillCreatedSubscriptionVariables = Exact<{
  filter?: FillFilter | null | undefined;
  after?: string | null | undefined;
}>;


export type FillCreatedSubscription = { fillCreated: { cursor: string, fill: { id: string, databaseId: string, exchangeFillId: string | null, symbol: string, side: OrderSide, price: string, quantity: string, fee: string, executedAt: string, order: { id: string, clientOrderId: string, status: OrderStatus, filledQuantity: string, averageFillPrice: string | null }, position: { id: string, symbol: string, direction: PositionDirection, status: PositionStatus, remainingSize: string, averageEntryPrice: string, realizedPnl: string, unrealizedPnl: string | null } | null } } };

export type SignalFieldsFragment = { id: string, databaseId: string, generatedAt: string, exchange: string, symbol: string, direction: SignalDirection, status: SignalStatus, entryType: OrderType | null, entryPrice: string | null, stopLoss: string | null, takeProfits: Array<string>, strategy: { id: string, name: string } };

export type OrderProgressFragment = { id: string, clientOrderId: string, status: OrderStatus, filledQuantity: string, averageFillPrice: string | null };

export type PositionStateFragment = { id: string, symbol: string, direction: PositionDirection, status: PositionStatus, remainingSize: string, averageEntryPrice: string, realizedPnl: string, unrealizedPnl: string | null };

export type WriterErrorFieldsFragment = { code: WriterErrorCode, field: string | null, message: string };

export type OrderByClientOrderIdQueryVariables = Exact<{
  clientOrderId: string;
}>;


export type OrderByClientOrderIdQuery = { order: { id: string, databaseId: string, clientOrderId: string, exchange: string, symbol: string, side: OrderSide, type: OrderType, status: OrderStatus, quantity: string, filledQuantity: string, averageFillPrice: string | null, fees: string } | null };

export type RecordOrderMutationVariables = Exact<{
  input: RecordOrderInput;
}>;


export type RecordOrderMutation = { recordOrder:
    | { __typename: 'RecordOrderSuccess', created: boolean, conflicts: Array<string>, order: { id: string, databaseId: string, clientOrderId: string, status: OrderStatus, quantity: string, filledQuantity: string } }
    | { __typename: 'WriterError', code: WriterErrorCode, field: string | null, message: string }
   };

export type UpdateOrderStatusMutationVariables = Exact<{
  input: UpdateOrderStatusInput;
}>;


export type UpdateOrderStatusMutation = { updateOrderStatus:
    | { __typename: 'UpdateOrderStatusSuccess', changed: boolean, order: { id: string, clientOrderId: string, status: OrderStatus, statusReason: string | null } }
    | { __typename: 'WriterError', code: WriterErrorCode, field: string | null, message: string }
   };

export type OrderUpdatedSubscriptionVariables = Exact<{
  filter?: OrderFilter | null | undefined;
  after?: string | null | undefined;
}>;


export type OrderUpdatedSubscription = { orderUpdated: { cursor: string, order: { id: string, clientOrderId: string, symbol: string, side: OrderSide, status: OrderStatus, quantity: string, filledQuantity: string, averageFillPrice: string | null } } };

export type OpenPositionsQueryVariables = Exact<{
  filter?: PositionFilter | null | undefined;
  first?: number | null | undefined;
}>;


export type OpenPositionsQuery = { positions: { edges: Array<{ node: { exchange: string, stopLoss: string | null, takeProfits: Array<string>, id: string, symbol: string, direction: PositionDirection, status: PositionStatus, remainingSize: string, averageEntryPrice: string, realizedPnl: string, unrealizedPnl: string | null, strategy: { name: string } } }> } };

export type PositionUpdatedSubscriptionVariables = Exact<{
  filter?: PositionFilter | null | undefined;
  after?: string | null | undefined;
}>;


export type PositionUpdatedSubscription = { positionUpdated: { cursor: string, position: { id: string, symbol: string, direction: PositionDirection, status: PositionStatus, remainingSize: string, averageEntryPrice: string, realizedPnl: string, unrealizedPnl: string | null } } };

export type LatestSignalsQueryVariables = Exact<{
  filter?: SignalFilter | null | undefined;
  first?: number | null | undefined;
}>;


export type LatestSignalsQuery = { signals: { edges: Array<{ node: { id: string, databaseId: string, generatedAt: string, exchange: string, symbol: string, direction: SignalDirection, status: SignalStatus, entryType: OrderType | null, entryPrice: string | null, stopLoss: string | null, takeProfits: Array<string>, strategy: { id: string, name: string } } }> } };

export type SignalCreatedSubscriptionVariables = Exact<{
  filter?: SignalFilter | null | undefined;
  after?: string | null | undefined;
}>;


export type SignalCreatedSubscription = { signalCreated: { cursor: string, signal: { id: string, databaseId: string, generatedAt: string, exchange: string, symbol: string, direction: SignalDirection, status: SignalStatus, entryType: OrderType | null, entryPrice: string | null, stopLoss: string | null, takeProfits: Array<string>, strategy: { id: string, name: string } } } };

export type SignalUpdatedSubscriptionVariables = Exact<{
  filter?: SignalFilter | null | undefined;
  after?: string | null | undefined;
}>;


export type SignalUpdatedSubscription = { signalUpdated: { cursor: string, operation: LiveOperation, signal: { id: string, databaseId: string, generatedAt: string, exchange: string, symbol: string, direction: SignalDirection, status: SignalStatus, entryType: OrderType | null, entryPrice: string | null, stopLoss: string | null, takeProfits: Array<string>, strategy: { id: string, name: string } } } };

export type StrategyByNameQueryVariables = Exact<{
  name: string;
  version?: string | null | undefined;
}>;


export type StrategyByNameQuery = { strategy: { id: string, databaseId: string, name: string, version: string, status: StrategyStatus, symbols: Array<string> } | null };

export const SignalFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SignalFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Signal"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"databaseId"}},{"kind":"Field","name":{"kind":"Name","value":"generatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"exchange"}},{"kind":"Field","name":{"kind":"Name","value":"symbol"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"entryType"}},{"kind":"Field","name":{"kind":"Name","value":"entryPrice"}},{"kind":"Field","name":{"kind":"Name","value":"stopLoss"}},{"kind":"Field","name":{"kind":"Name","value":"takeProfits"}},{"kind":"Field","name":{"kind":"Name","value":"strategy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<SignalFieldsFragment, unknown>;
export const OrderProgressFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OrderProgress"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Order"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"clientOrderId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"filledQuantity"}},{"kind":"Field","name":{"kind":"Name","value":"averageFillPrice"}}]}}]} as unknown as DocumentNode<OrderProgressFragment, unknown>;
export const PositionStateFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PositionState"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Position"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"symbol"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"remainingSize"}},{"kind":"Field","name":{"kind":"Name","value":"averageEntryPrice"}},{"kind":"Field","name":{"kind":"Name","value":"realizedPnl"}},{"kind":"Field","name":{"kind":"Name","value":"unrealizedPnl"}}]}}]} as unknown as DocumentNode<PositionStateFragment, unknown>;
export const WriterErrorFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WriterErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WriterError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<WriterErrorFieldsFragment, unknown>;
export const RecordFillDocument = {"__meta__":{"hash":"sha256:b21412faf8080391f7fa4730a1cbd801d3665654009403f76fea2eea171676d2"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecordFill"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RecordFillInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordFill"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RecordFillSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"created"}},{"kind":"Field","name":{"kind":"Name","value":"conflicts"}},{"kind":"Field","name":{"kind":"Name","value":"fill"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"databaseId"}},{"kind":"Field","name":{"kind":"Name","value":"price"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"fee"}},{"kind":"Field","name":{"kind":"Name","value":"executedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"order"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OrderProgress"}}]}},{"kind":"Field","name":{"kind":"Name","value":"position"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PositionState"}}]}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"WriterErrorFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OrderProgress"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Order"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"clientOrderId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"filledQuantity"}},{"kind":"Field","name":{"kind":"Name","value":"averageFillPrice"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PositionState"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Position"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"symbol"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"remainingSize"}},{"kind":"Field","name":{"kind":"Name","value":"averageEntryPrice"}},{"kind":"Field","name":{"kind":"Name","value":"realizedPnl"}},{"kind":"Field","name":{"kind":"Name","value":"unrealizedPnl"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WriterErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WriterError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<RecordFillMutation, RecordFillMutationVariables>;
export const FillCreatedDocument = {"__meta__":{"hash":"sha256:149b3a6694fd42df50a4a0cd48e75d3ad1b524a9664d44426c37071c619562ef"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"FillCreated"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"FillFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fillCreated"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"fill"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"databaseId"}},{"kind":"Field","name":{"kind":"Name","value":"exchangeFillId"}},{"kind":"Field","name":{"kind":"Name","value":"symbol"}},{"kind":"Field","name":{"kind":"Name","value":"side"}},{"kind":"Field","name":{"kind":"Name","value":"price"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"fee"}},{"kind":"Field","name":{"kind":"Name","value":"executedAt"}},{"kind":"Field","name":{"kind":"Name","value":"order"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OrderProgress"}}]}},{"kind":"Field","name":{"kind":"Name","value":"position"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PositionState"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OrderProgress"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Order"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"clientOrderId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"filledQuantity"}},{"kind":"Field","name":{"kind":"Name","value":"averageFillPrice"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PositionState"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Position"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"symbol"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"remainingSize"}},{"kind":"Field","name":{"kind":"Name","value":"averageEntryPrice"}},{"kind":"Field","name":{"kind":"Name","value":"realizedPnl"}},{"kind":"Field","name":{"kind":"Name","value":"unrealizedPnl"}}]}}]} as unknown as DocumentNode<FillCreatedSubscription, FillCreatedSubscriptionVariables>;
export const OrderByClientOrderIdDocument = {"__meta__":{"hash":"sha256:f80a00c134064c0f1ed6fdab9330ac067bb28ef9da33f68b116d8e715f4c94d0"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OrderByClientOrderId"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"clientOrderId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"order"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"clientOrderId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"clientOrderId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"databaseId"}},{"kind":"Field","name":{"kind":"Name","value":"clientOrderId"}},{"kind":"Field","name":{"kind":"Name","value":"exchange"}},{"kind":"Field","name":{"kind":"Name","value":"symbol"}},{"kind":"Field","name":{"kind":"Name","value":"side"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"filledQuantity"}},{"kind":"Field","name":{"kind":"Name","value":"averageFillPrice"}},{"kind":"Field","name":{"kind":"Name","value":"fees"}}]}}]}}]} as unknown as DocumentNode<OrderByClientOrderIdQuery, OrderByClientOrderIdQueryVariables>;
export const RecordOrderDocument = {"__meta__":{"hash":"sha256:0880e72f843fb5bccfe5aefa32de02f5dd8450f472a56e49b1395b325a650c8f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecordOrder"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RecordOrderInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordOrder"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RecordOrderSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"created"}},{"kind":"Field","name":{"kind":"Name","value":"conflicts"}},{"kind":"Field","name":{"kind":"Name","value":"order"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"databaseId"}},{"kind":"Field","name":{"kind":"Name","value":"clientOrderId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"filledQuantity"}}]}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"WriterErrorFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WriterErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WriterError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<RecordOrderMutation, RecordOrderMutationVariables>;
export const UpdateOrderStatusDocument = {"__meta__":{"hash":"sha256:f345f6031f4363039a41cd9cb811473f77b8c96777eca255409376d721f7b82b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateOrderStatus"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateOrderStatusInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateOrderStatus"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateOrderStatusSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changed"}},{"kind":"Field","name":{"kind":"Name","value":"order"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"clientOrderId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusReason"}}]}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"WriterErrorFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WriterErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WriterError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<UpdateOrderStatusMutation, UpdateOrderStatusMutationVariables>;
export const OrderUpdatedDocument = {"__meta__":{"hash":"sha256:f690557c48a4d424730c7c01bedfb2ef4b3bb26391041600e58bce7a19b06ac2"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"OrderUpdated"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"OrderFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orderUpdated"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"order"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"clientOrderId"}},{"kind":"Field","name":{"kind":"Name","value":"symbol"}},{"kind":"Field","name":{"kind":"Name","value":"side"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"filledQuantity"}},{"kind":"Field","name":{"kind":"Name","value":"averageFillPrice"}}]}}]}}]}}]} as unknown as DocumentNode<OrderUpdatedSubscription, OrderUpdatedSubscriptionVariables>;
export const OpenPositionsDocument = {"__meta__":{"hash":"sha256:4357c312f9a39b26b9528ad7a23e67ab3d4f4d6f733b66f5b60b04644a868111"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OpenPositions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"PositionFilter"}},"defaultValue":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"open"},"value":{"kind":"BooleanValue","value":true}}]}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"positions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PositionState"}},{"kind":"Field","name":{"kind":"Name","value":"strategy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"exchange"}},{"kind":"Field","name":{"kind":"Name","value":"stopLoss"}},{"kind":"Field","name":{"kind":"Name","value":"takeProfits"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PositionState"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Position"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"symbol"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"remainingSize"}},{"kind":"Field","name":{"kind":"Name","value":"averageEntryPrice"}},{"kind":"Field","name":{"kind":"Name","value":"realizedPnl"}},{"kind":"Field","name":{"kind":"Name","value":"unrealizedPnl"}}]}}]} as unknown as DocumentNode<OpenPositionsQuery, OpenPositionsQueryVariables>;
export const PositionUpdatedDocument = {"__meta__":{"hash":"sha256:98ed25588c5e8f9287513052a3bf5e24ad722062111581261b07e2f465496986"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"PositionUpdated"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"PositionFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"positionUpdated"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"position"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PositionState"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PositionState"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Position"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"symbol"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"remainingSize"}},{"kind":"Field","name":{"kind":"Name","value":"averageEntryPrice"}},{"kind":"Field","name":{"kind":"Name","value":"realizedPnl"}},{"kind":"Field","name":{"kind":"Name","value":"unrealizedPnl"}}]}}]} as unknown as DocumentNode<PositionUpdatedSubscription, PositionUpdatedSubscriptionVariables>;
export const LatestSignalsDocument = {"__meta__":{"hash":"sha256:99b93d8e984a67febb7d25caebc075ba01a240c7006e2cb5f6dacc11d24f2199"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"LatestSignals"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"SignalFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"signals"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SignalFields"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SignalFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Signal"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"databaseId"}},{"kind":"Field","name":{"kind":"Name","value":"generatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"exchange"}},{"kind":"Field","name":{"kind":"Name","value":"symbol"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"entryType"}},{"kind":"Field","name":{"kind":"Name","value":"entryPrice"}},{"kind":"Field","name":{"kind":"Name","value":"stopLoss"}},{"kind":"Field","name":{"kind":"Name","value":"takeProfits"}},{"kind":"Field","name":{"kind":"Name","value":"strategy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<LatestSignalsQuery, LatestSignalsQueryVariables>;
export const SignalCreatedDocument = {"__meta__":{"hash":"sha256:ebfc432a26d5d068ee354dc0b2273e7e7e9a054ffe769fbac1936ba0218b8dd2"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"SignalCreated"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"SignalFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"signalCreated"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"signal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SignalFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SignalFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Signal"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"databaseId"}},{"kind":"Field","name":{"kind":"Name","value":"generatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"exchange"}},{"kind":"Field","name":{"kind":"Name","value":"symbol"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"entryType"}},{"kind":"Field","name":{"kind":"Name","value":"entryPrice"}},{"kind":"Field","name":{"kind":"Name","value":"stopLoss"}},{"kind":"Field","name":{"kind":"Name","value":"takeProfits"}},{"kind":"Field","name":{"kind":"Name","value":"strategy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<SignalCreatedSubscription, SignalCreatedSubscriptionVariables>;
export const SignalUpdatedDocument = {"__meta__":{"hash":"sha256:145a1617715a2638cb551308274219598384b8791c8e946c653d711bea2c723f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"SignalUpdated"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"SignalFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"signalUpdated"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"operation"}},{"kind":"Field","name":{"kind":"Name","value":"signal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SignalFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SignalFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Signal"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"databaseId"}},{"kind":"Field","name":{"kind":"Name","value":"generatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"exchange"}},{"kind":"Field","name":{"kind":"Name","value":"symbol"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"entryType"}},{"kind":"Field","name":{"kind":"Name","value":"entryPrice"}},{"kind":"Field","name":{"kind":"Name","value":"stopLoss"}},{"kind":"Field","name":{"kind":"Name","value":"takeProfits"}},{"kind":"Field","name":{"kind":"Name","value":"strategy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<SignalUpdatedSubscription, SignalUpdatedSubscriptionVariables>;
export const StrategyByNameDocument = {"__meta__":{"hash":"sha256:165a4ed985e3c9891e5a219579fc7ce21cd7bee6bcc2680f48414e6f6a89fb26"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"StrategyByName"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"version"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"strategy"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}},{"kind":"Argument","name":{"kind":"Name","value":"version"},"value":{"kind":"Variable","name":{"kind":"Name","value":"version"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"databaseId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"symbols"}}]}}]}}]} as unknown as DocumentNode<StrategyByNameQuery, StrategyByNameQueryVariables>;