import type { ExitReason } from '../../generated/prisma/client.ts';
import {
  adjustPosition,
  decideSignal,
  recordFill,
  recordOrder,
  updateOrderStatus,
} from '../../writers/index.ts';
import { type Decimal, money } from '../decimal.ts';
import { splitQuantity } from '../quantities.ts';
import { type FeedContext, feedLine, signed } from './feed-context.ts';
import { entrySide, exitSide, type Trade } from './trade.ts';

/** Does the trade's next write (see `TradeState`) and returns the lines to print. */
export async function advanceTrade(ctx: FeedContext, trade: Trade): Promise<string[]> {
  switch (trade.state.kind) {
    case 'entry':
      return placeEntry(ctx, trade);
    case 'working':
      return trade.state.cancelAfter === trade.state.filled
        ? cancelEntry(ctx, trade)
        : fillEntry(ctx, trade, trade.state);
    case 'protect':
      return protect(ctx, trade);
    case 'exit':
      return placeExit(ctx, trade, trade.state.reason);
    case 'exiting':
      return fillExit(ctx, trade, trade.state.reason);
    default:
      return [];
  }
}

async function placeEntry(ctx: FeedContext, trade: Trade): Promise<string[]> {
  const { instrument } = trade.desk;
  const now = ctx.now();
  const limit = trade.entryType === 'LIMIT';
  const { order } = await recordOrder(ctx.db, {
    clientOrderId: ctx.nextId('o'),
    exchangeOrderId: ctx.nextId('x'),
    strategyId: trade.desk.book.strategy.id,
    signalId: required(trade.signal, 'signal').id,
    exchange: instrument.exchange,
    symbol: instrument.symbol,
    side: entrySide(trade.direction),
    type: trade.entryType,
    timeInForce: limit ? 'GTC' : 'IOC',
    quantity: trade.quantity,
    limitPrice: limit ? trade.entryPrice : null,
    feeAsset: instrument.quote,
    status: 'NEW',
    signalLatencyMs: ctx.random.int(40, 900),
    metadata: { source: 'demo_feed' },
    createdAt: now,
    submittedAt: now,
  });
  ctx.counts.orders++;
  trade.order = order;
  const parts = splitQuantity(ctx.random, trade.quantity, instrument.lotSize, ctx.random.int(1, 3));
  // Some limit orders never fill, or fill in part, and are canceled when the signal lapses.
  const roll = ctx.random.next();
  const cancelAfter = !limit ? null : roll < 0.1 ? 0 : roll < 0.25 && parts.length > 1 ? 1 : null;
  trade.state = { kind: 'working', parts, filled: 0, cancelAfter };
  const price = limit ? ` @ ${trade.entryPrice.toFixed()}` : '';
  return [
    feedLine(
      now,
      'order',
      `${instrument.symbol} ${order.side} ${order.type} ${order.quantity.toFixed()}${price} -> ${order.status}`,
    ),
  ];
}

async function fillEntry(
  ctx: FeedContext,
  trade: Trade,
  state: { parts: Decimal[]; filled: number },
): Promise<string[]> {
  const order = required(trade.order, 'entry order');
  const quantity = required(state.parts[state.filled], 'fill part');
  const { instrument } = trade.desk;
  const maker = trade.entryType === 'LIMIT';
  const price = maker ? trade.entryPrice : ctx.prices.quote(instrument);
  const lines: string[] = [];
  const result = await recordFill(ctx.db, {
    orderId: order.id,
    exchangeFillId: ctx.nextId('f'),
    price,
    quantity,
    fee: money(price.times(quantity).times(maker ? instrument.makerFee : instrument.takerFee)),
    feeAsset: instrument.quote,
    liquidity: maker ? 'MAKER' : 'TAKER',
    executedAt: ctx.now(),
  });
  ctx.counts.fills++;
  if (state.filled === 0) {
    ctx.counts.positionsOpened++;
    const signalId = required(trade.signal, 'signal').id;
    await decideSignal(ctx.db, { signalId, status: 'EXECUTED', at: ctx.now() });
  }
  state.filled++;
  trade.order = result.order;
  trade.position = result.position ?? undefined;
  const position = required(result.position, 'position');
  lines.push(
    feedLine(
      result.fill.executedAt,
      'fill',
      `${instrument.symbol} ${order.side} ${quantity.toFixed()} @ ${price.toFixed()} (${state.filled}/${state.parts.length}) -> ${result.order.status}, position ${position.direction} ${position.remainingSize.toFixed()}`,
    ),
  );
  if (state.filled === state.parts.length) trade.state = { kind: 'protect' };
  return lines;
}

async function cancelEntry(ctx: FeedContext, trade: Trade): Promise<string[]> {
  const order = required(trade.order, 'entry order');
  const now = ctx.now();
  const filledNone = order.filledQuantity.isZero();
  const { order: canceled } = await updateOrderStatus(ctx.db, {
    orderId: order.id,
    status: 'CANCELED',
    reason: filledNone ? 'limit price not reached before the signal expired' : 'rest expired',
    at: now,
  });
  ctx.counts.canceledOrders++;
  trade.order = canceled;
  const text = `${order.symbol} ${order.side} ${order.type} ${canceled.filledQuantity.toFixed()}/${canceled.quantity.toFixed()} filled -> CANCELED`;
  const lines = [feedLine(now, 'cancel', text)];
  if (filledNone) {
    const signalId = required(trade.signal, 'signal').id;
    await decideSignal(ctx.db, { signalId, status: 'EXPIRED', at: now });
    trade.state = { kind: 'done' };
  } else {
    trade.state = { kind: 'protect' };
  }
  return lines;
}

async function protect(ctx: FeedContext, trade: Trade): Promise<string[]> {
  const position = required(trade.position, 'position');
  const mark = ctx.prices.quote(trade.desk.instrument);
  const updated = await adjustPosition(ctx.db, {
    positionId: position.id,
    stopLoss: trade.stopLoss,
    takeProfits: [trade.takeProfit],
    markPrice: mark,
  });
  ctx.counts.positionMarks++;
  trade.position = updated;
  trade.state = { kind: 'open', since: ctx.step };
  return [
    feedLine(
      ctx.now(),
      'position',
      `${updated.symbol} ${updated.direction} ${updated.remainingSize.toFixed()} @ ${shown(updated.averageEntryPrice, trade)} OPEN, SL ${trade.stopLoss.toFixed()} TP ${trade.takeProfit.toFixed()}`,
    ),
  ];
}

const EXIT_ORDER_TYPE = { STOP_LOSS: 'STOP', TAKE_PROFIT: 'TAKE_PROFIT' } as const;

async function placeExit(ctx: FeedContext, trade: Trade, reason: ExitReason): Promise<string[]> {
  const position = required(trade.position, 'position');
  const { instrument } = trade.desk;
  const type =
    reason === 'STOP_LOSS' || reason === 'TAKE_PROFIT' ? EXIT_ORDER_TYPE[reason] : 'MARKET';
  const trigger = reason === 'STOP_LOSS' ? trade.stopLoss : trade.takeProfit;
  const now = ctx.now();
  const { order } = await recordOrder(ctx.db, {
    clientOrderId: ctx.nextId('o'),
    exchangeOrderId: ctx.nextId('x'),
    strategyId: trade.desk.book.strategy.id,
    positionId: position.id,
    exchange: instrument.exchange,
    symbol: instrument.symbol,
    side: exitSide(trade.direction),
    type,
    reduceOnly: true,
    quantity: position.remainingSize,
    stopPrice: type === 'MARKET' ? null : trigger,
    feeAsset: instrument.quote,
    status: 'NEW',
    metadata: { source: 'demo_feed', exit: reason },
    createdAt: now,
    submittedAt: now,
  });
  ctx.counts.orders++;
  trade.exitOrder = order;
  trade.state = { kind: 'exiting', reason };
  const at = type === 'MARKET' ? '' : ` @ ${trigger.toFixed()}`;
  const why: Partial<Record<ExitReason, string>> = {
    STOP_LOSS: 'stop hit',
    TAKE_PROFIT: 'target hit',
    TIMEOUT: 'timed out',
  };
  return [
    feedLine(
      now,
      'exit',
      `${order.symbol} ${order.side} ${order.type} ${order.quantity.toFixed()}${at} (${why[reason] ?? reason}) -> ${order.status}`,
    ),
  ];
}

async function fillExit(ctx: FeedContext, trade: Trade, reason: ExitReason): Promise<string[]> {
  const order = required(trade.exitOrder, 'exit order');
  const { instrument } = trade.desk;
  const price = ctx.prices.quote(instrument);
  const result = await recordFill(ctx.db, {
    orderId: order.id,
    exchangeFillId: ctx.nextId('f'),
    price,
    quantity: order.quantity,
    fee: money(price.times(order.quantity).times(instrument.takerFee)),
    feeAsset: instrument.quote,
    liquidity: 'TAKER',
    executedAt: ctx.now(),
    exitReason: reason === 'TIMEOUT' ? 'TIMEOUT' : undefined,
  });
  ctx.counts.fills++;
  const position = required(result.position, 'position');
  trade.position = position;
  trade.exitOrder = result.order;
  trade.state = { kind: 'done' };
  ctx.counts.positionsClosed++;
  const book = trade.desk.book;
  book.realized = book.realized.plus(position.realizedPnl);
  return [
    feedLine(
      result.fill.executedAt,
      'fill',
      `${order.symbol} ${order.side} ${order.quantity.toFixed()} @ ${price.toFixed()} -> ${result.order.status}, position ${position.status} ${position.exitReason ?? ''} P&L ${signed(position.realizedPnl)} ${book.currency}`,
    ),
  ];
}

/** An average price to read: two decimals finer than the instrument's tick. */
function shown(price: Decimal, trade: Trade): string {
  return price.toDecimalPlaces(trade.desk.instrument.tickSize.decimalPlaces() + 2).toFixed();
}

function required<T>(value: T | undefined | null, what: string): T {
  if (value == null) throw new Error(`demo feed: the trade has no ${what} yet`);
  return value;
}
