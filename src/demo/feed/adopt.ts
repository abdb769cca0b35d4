import { updateOrderStatus } from '../../writers/index.ts';
import { toStep } from '../decimal.ts';
import type { Desk } from './desks.ts';
import { type FeedContext, feedLine } from './feed-context.ts';
import type { Trade } from './trade.ts';

/**
 * Picks up where an earlier run (or the demo data set) left off, so that open positions do not
 * block their desks forever: the feed's own orders still working are canceled
 * (`updateOrderStatus`), and each desk's open position becomes a trade the feed manages to its
 * exit, with the position's stop and first target, or ones around the current price.
 */
export async function adoptOpenPositions(
  ctx: FeedContext,
  desks: readonly Desk[],
): Promise<{ trades: Trade[]; lines: string[] }> {
  const lines: string[] = [];
  const now = ctx.now();
  const working = await ctx.db.order.findMany({
    where: {
      status: { in: ['PENDING_NEW', 'NEW', 'PARTIALLY_FILLED'] },
      metadata: { path: ['source'], equals: 'demo_feed' },
    },
    orderBy: { id: 'asc' },
  });
  for (const order of working) {
    await updateOrderStatus(ctx.db, {
      orderId: order.id,
      status: 'CANCELED',
      reason: 'the demo feed that placed it stopped',
      at: now,
    });
    ctx.counts.canceledOrders++;
    lines.push(
      feedLine(
        now,
        'cancel',
        `${order.symbol} ${order.side} ${order.type} left working by an earlier run -> CANCELED`,
      ),
    );
  }

  const trades: Trade[] = [];
  for (const desk of desks) {
    const { instrument } = desk;
    const position = await ctx.db.position.findFirst({
      where: {
        strategyId: desk.book.strategy.id,
        mode: 'LIVE',
        exchange: instrument.exchange,
        symbol: instrument.symbol,
        status: { in: ['OPEN', 'PARTIALLY_CLOSED'] },
      },
      orderBy: [{ openedAt: 'desc' }, { id: 'desc' }],
    });
    if (!position || position.remainingSize.isZero()) continue;
    const long = position.direction === 'LONG';
    const around = (fraction: number) => ctx.prices.offset(instrument, (long ? 1 : -1) * fraction);
    const stopLoss = position.stopLoss ?? around(-0.006);
    const takeProfit = position.takeProfits[0] ?? around(0.009);
    trades.push({
      desk,
      signal: null,
      direction: position.direction,
      entryType: 'MARKET',
      entryPrice: toStep(position.averageEntryPrice, instrument.tickSize),
      stopLoss,
      takeProfit,
      quantity: position.remainingSize,
      position,
      state: { kind: 'open', since: 0 },
    });
    lines.push(
      feedLine(
        now,
        'adopt',
        `${instrument.symbol} ${position.direction} ${position.remainingSize.toFixed()} of ${desk.book.strategy.name} already open, SL ${stopLoss.toFixed()} TP ${takeProfit.toFixed()}`,
      ),
    );
  }
  return { trades, lines };
}
