import type {
  Liquidity,
  OrderSide,
  OrderType,
  Prisma,
  TimeInForce,
} from '../generated/prisma/client.ts';
import type { DemoContext, Venue } from './context.ts';
import { type Decimal, money, ratio, sum, weightedAverage } from './decimal.ts';
import type { FillDraft, OrderDraft, PositionDraft, SignalDraft } from './drafts.ts';
import { splitQuantity } from './quantities.ts';
import type { Random } from './random.ts';

/** An order as the strategy creates it, before the venue has seen it. */
export interface OrderRequest {
  side: OrderSide;
  type: OrderType;
  quantity: Decimal;
  /** When the strategy created the order, epoch ms. */
  at: number;
  limitPrice?: Decimal;
  stopPrice?: Decimal;
  reduceOnly?: boolean;
  timeInForce?: TimeInForce;
  signal?: SignalDraft;
  position?: PositionDraft;
  metadata?: Prisma.InputJsonObject;
}

/** Creates an order in status NEW (submitted and acknowledged) and adds it to the data set. */
export function placeOrder(
  ctx: DemoContext,
  random: Random,
  venue: Venue,
  request: OrderRequest,
): OrderDraft {
  const ackLatency = venue.measuresLatency ? random.int(8, 120) : 0;
  const submittedAt = request.at + (venue.measuresLatency ? random.int(1, 15) : 0);
  const order: OrderDraft = {
    id: 0n,
    clientOrderId: venue.ids.clientOrderId(),
    exchangeOrderId: venue.ids.exchangeOrderId(),
    strategy: venue.strategy,
    signal: request.signal,
    position: request.position,
    backtestRun: venue.backtestRun,
    mode: venue.mode,
    exchange: venue.instrument.exchange,
    symbol: venue.instrument.symbol,
    side: request.side,
    type: request.type,
    timeInForce: request.timeInForce ?? (request.type === 'MARKET' ? 'IOC' : 'GTC'),
    reduceOnly: request.reduceOnly ?? false,
    status: 'NEW',
    quantity: request.quantity,
    limitPrice: request.limitPrice ?? null,
    stopPrice: request.stopPrice ?? null,
    filledQuantity: 0,
    fees: 0,
    signalLatencyMs:
      venue.measuresLatency && request.signal
        ? Math.max(0, submittedAt - request.signal.generatedAt.getTime())
        : null,
    ackLatencyMs: venue.measuresLatency ? ackLatency : null,
    metadata: {
      ...venue.orderMetadata,
      ...contracts(venue, request.quantity),
      ...request.metadata,
    },
    createdAt: new Date(request.at),
    submittedAt: new Date(submittedAt),
    updatedAt: new Date(submittedAt + ackLatency),
    fills: [],
  };
  ctx.data.orders.push(order);
  return order;
}

/** How (part of) an order executes: when, at what price, as maker or taker. */
export interface Execution {
  /** When the first fill happens, epoch ms. */
  at: number;
  /** The price the first fill happens at (the stop, the limit, the market price). */
  price: Decimal;
  liquidity: Liquidity;
  /** How much of the order fills; the rest of it by default. */
  quantity?: Decimal;
  /** Milliseconds between consecutive fills. */
  gapMs?: readonly [number, number];
  /** The price the strategy expected, for slippage in basis points. */
  reference?: Decimal;
}

/**
 * Fills (part of) an order: splits the quantity into the venue's typical number of fills at
 * the given price (a taker walks the book a few ticks against itself), charges the venue's fee
 * on each, and keeps the order's filled quantity, average price, fees and status in step.
 */
export function executeOrder(
  ctx: DemoContext,
  random: Random,
  venue: Venue,
  order: OrderDraft,
  execution: Execution,
): FillDraft[] {
  const { instrument } = venue;
  const filledBefore = sum(order.fills.map((fill) => fill.quantity));
  const quantity = execution.quantity ?? order.quantity.minus(filledBefore);
  const parts = splitQuantity(
    random,
    quantity,
    instrument.lotSize,
    random.int(venue.fillsPerOrder[0], venue.fillsPerOrder[1]),
  );
  const taker = execution.liquidity === 'TAKER';
  const feeRate = taker ? instrument.takerFee : instrument.makerFee;
  const against = order.side === 'BUY' ? 1 : -1;
  const [minGap, maxGap] = execution.gapMs ?? (taker ? [0, 40] : [2_000, 90_000]);
  let price = execution.price;
  let at = execution.at;
  const fills = parts.map((part, i) => {
    if (i > 0) {
      at += random.int(minGap, maxGap);
      if (taker) price = price.plus(instrument.tickSize.times(against * random.int(0, 2)));
    }
    const fill: FillDraft = {
      id: 0n,
      order,
      strategy: venue.strategy,
      position: order.position,
      mode: venue.mode,
      exchange: instrument.exchange,
      exchangeFillId: venue.ids.exchangeFillId(),
      symbol: instrument.symbol,
      side: order.side,
      price,
      quantity: part,
      fee: money(price.times(part).times(feeRate)),
      feeAsset: venue.feeAsset,
      liquidity: venue.mode === 'BACKTEST' ? null : execution.liquidity,
      metadata: contracts(venue, part),
      executedAt: new Date(at),
      createdAt: new Date(at + (venue.mode === 'LIVE' ? random.int(20, 400) : 0)),
    };
    return fill;
  });
  order.fills.push(...fills);
  order.position?.fills.push(...fills);
  ctx.data.fills.push(...fills);
  updateOrderFromFills(order, venue, execution.reference);
  return fills;
}

function updateOrderFromFills(order: OrderDraft, venue: Venue, reference?: Decimal): void {
  const first = order.fills[0];
  const last = order.fills[order.fills.length - 1];
  if (!first || !last) return;
  const filled = sum(order.fills.map((fill) => fill.quantity));
  const average = weightedAverage(order.fills) ?? first.price;
  order.filledQuantity = filled;
  order.averageFillPrice = average;
  order.fees = sum(order.fills.map((fill) => fill.fee));
  order.feeAsset = venue.feeAsset;
  order.firstFillAt = first.executedAt;
  order.updatedAt = last.executedAt;
  order.status = filled.equals(order.quantity) ? 'FILLED' : 'PARTIALLY_FILLED';
  order.closedAt = order.status === 'FILLED' ? last.executedAt : null;
  // Latency to the first fill means something for orders that execute on arrival; a resting
  // stop or target waits for the market, not for the venue.
  if (venue.measuresLatency && order.type === 'MARKET') {
    const submitted = order.submittedAt instanceof Date ? order.submittedAt.getTime() : 0;
    order.fillLatencyMs = Math.max(0, first.executedAt.getTime() - submitted);
  }
  if (reference && !reference.isZero()) {
    const direction = order.side === 'BUY' ? 1 : -1;
    order.slippageBps = ratio(
      average
        .minus(reference)
        .div(reference)
        .times(10_000 * direction),
    );
  }
}

/** `{ contracts }` for venues that size in contracts, else nothing. */
function contracts(venue: Venue, quantity: Decimal): Prisma.InputJsonObject {
  const value = venue.instrument.contractValue;
  return value ? { contracts: quantity.div(value).toString() } : {};
}

/** Cancels what is left of an order (a filled part stays filled). */
export function cancelOrder(order: OrderDraft, at: number, reason?: string): void {
  if (order.status === 'FILLED') return;
  order.status = 'CANCELED';
  order.closedAt = new Date(at);
  order.updatedAt = new Date(at);
  if (reason) order.statusReason = reason;
}

/** Marks an order rejected by the venue or the risk checks; it never reached the book. */
export function rejectOrder(order: OrderDraft, at: number, reason: string): void {
  order.status = 'REJECTED';
  order.exchangeOrderId = null;
  order.ackLatencyMs = null;
  order.statusReason = reason;
  order.closedAt = new Date(at);
  order.updatedAt = new Date(at);
}
