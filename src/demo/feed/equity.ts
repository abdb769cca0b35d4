import { adjustPosition, recordEquitySnapshot } from '../../writers/index.ts';
import { type Decimal, money, ratio, ZERO } from '../decimal.ts';
import type { Book } from './desks.ts';
import { type FeedContext, feedLine, signed } from './feed-context.ts';
import type { Trade } from './trade.ts';

/**
 * Marks every open position of the feed at the current price (`adjustPosition`, which
 * computes its unrealized P&L) and records one equity snapshot per book: the book's starting
 * equity plus what the feed's positions realized since, plus their unrealized P&L.
 */
export async function recordEquity(
  ctx: FeedContext,
  books: readonly Book[],
  trades: readonly Trade[],
): Promise<string[]> {
  const lines: string[] = [];
  const now = ctx.now();
  for (const book of books) {
    let unrealized = ZERO;
    let exposure = ZERO;
    let open = 0;
    for (const trade of trades) {
      // Every position the feed holds, whatever the trade's state (filling, open, exiting).
      const { position } = trade;
      if (trade.desk.book !== book || !position || position.remainingSize.isZero()) continue;
      const mark = ctx.prices.quote(trade.desk.instrument);
      trade.position = await adjustPosition(ctx.db, {
        positionId: position.id,
        markPrice: mark,
      });
      ctx.counts.positionMarks++;
      unrealized = unrealized.plus(trade.position.unrealizedPnl ?? ZERO);
      exposure = exposure.plus(trade.position.remainingSize.times(mark));
      open++;
    }
    const equity = money(book.startEquity.plus(book.realized).plus(unrealized));
    const drawdowns = book.drawdowns.update(now.getTime(), equity);
    await recordEquitySnapshot(ctx.db, {
      strategyId: book.strategy.id,
      account: book.account,
      currency: book.currency,
      equity,
      availableBalance: money(equity.minus(exposure.div(5))),
      exposure: money(exposure),
      exposurePct: percentOf(exposure, equity),
      unrealizedPnl: money(unrealized),
      realizedPnl: money(book.realized),
      ...drawdowns,
      openPositionCount: open,
      metadata: { source: 'demo_feed' },
      time: now,
    });
    ctx.counts.equitySnapshots++;
    lines.push(
      feedLine(
        now,
        'equity',
        `${book.strategy.name} ${equity.toFixed(2)} ${book.currency} (open ${open}, uP&L ${signed(unrealized)}, drawdown ${drawdowns.drawdownPct.toFixed(2)}%)`,
      ),
    );
  }
  return lines;
}

function percentOf(part: Decimal, whole: Decimal): Decimal {
  return whole.isZero() ? ZERO : ratio(part.div(whole).times(100));
}
