import { candleIndexAt } from '../chart.ts';
import type { DemoContext } from '../context.ts';
import { dec, money, sum, toStep } from '../decimal.ts';
import type { PositionDraft, StrategyDraft } from '../drafts.ts';
import { INSTRUMENTS } from '../instruments.ts';
import { simulateTrade } from '../position-simulator.ts';
import { toLot } from '../quantities.ts';
import { snapshotNumber } from '../snapshot-number.ts';
import { randomTimes, scaledCount } from '../timeline.ts';
import { singleVenueBooks } from './single-venue-book.ts';

const TAKE_PROFIT_PCT = 0.015;
const STOP_LOSS_PCT = 0.025;

/**
 * EA OKX: USDT-margined swaps traded with 3-10x isolated leverage (margin, leverage and
 * liquidation price on every position). The Rust engine records no signals, so its orders have
 * none; its daily performance rows and risk events come from performance.ts and risk-events.ts.
 */
export function generateEaOkx(ctx: DemoContext, strategy: StrategyDraft): void {
  const random = ctx.random.derive('ea-okx');
  const ids = ctx.ids.okx('eaokx');
  const books = singleVenueBooks(ctx, [INSTRUMENTS.okxBtcSwap, INSTRUMENTS.okxEthSwap], 60, {
    strategy,
    mode: 'LIVE',
    ids,
    feeAsset: 'USDT',
    fillsPerOrder: [2, 10],
    measuresLatency: true,
    orderMetadata: { source: 'ea_okx.trades', td_mode: 'isolated' },
  });
  for (const at of randomTimes(ctx, random, scaledCount(ctx, 700, 8))) {
    const book = random.pick(books);
    if (book.busyUntil >= at) continue;
    const minute = ctx.market.minuteAt(at);
    const candle = candleIndexAt(book.chart, minute);
    const close = book.chart.candles[candle]?.close;
    const mean = book.chart.ema20[candle];
    const atr = book.chart.atr14[candle];
    if (close === undefined || mean === undefined || atr === undefined) continue;
    const stretch = (close - mean) / atr;
    // Fade moves stretched beyond the band; quiet markets give the strategy nothing to do.
    if (Math.abs(stretch) < 0.6) continue;
    const long = stretch < 0;
    const side = long ? 1 : -1;
    const price = ctx.market.quote(book.instrument, minute);
    const notional = random.float(10_000, 60_000);
    const leverage = dec(
      random.weighted([
        [3, 3],
        [5, 4],
        [8, 2],
        [10, 1],
      ] as const),
    );
    const position = simulateTrade(ctx, random, {
      venue: book.venue,
      direction: long ? 'LONG' : 'SHORT',
      at,
      quantity: toLot(dec(notional.toFixed(2)).div(price), book.instrument.lotSize),
      entry: { type: 'MARKET' },
      stopLoss: toStep(price.toNumber() * (1 - side * STOP_LOSS_PCT), book.instrument.tickSize),
      takeProfits: [
        {
          price: toStep(price.toNumber() * (1 + side * TAKE_PROFIT_PCT), book.instrument.tickSize),
          fraction: 1,
        },
      ],
      maxHoldMinutes: 24 * 60,
      leverage,
      rejectReason: random.chance(0.03)
        ? 'sCode 51008: Order failed. Insufficient USDT margin in account'
        : undefined,
      externalId: ctx.ids.uuid(),
      metadata: {
        source: 'ea_okx.positions',
        position_side: long ? 'long' : 'short',
        mgn_mode: 'isolated',
        entry_stretch_atr: snapshotNumber(stretch, 3),
      },
    });
    if (!position) continue;
    recordOrderPnl(position);
    book.busyUntil = position.closedAt instanceof Date ? position.closedAt.getTime() : Infinity;
  }
}

/**
 * EA OKX records realized P&L on each closing order (`trades.realized_pnl`, before fees, as OKX
 * reports it); the canonical `orders.realized_pnl` keeps it. The position still holds the total.
 */
function recordOrderPnl(position: PositionDraft): void {
  const entry = dec(String(position.averageEntryPrice));
  const direction = position.direction === 'LONG' ? 1 : -1;
  const exitSide = direction === 1 ? 'SELL' : 'BUY';
  const orders = new Set(position.fills.map((fill) => fill.order));
  for (const order of orders) {
    if (order.side !== exitSide) continue;
    const pnl = sum(order.fills.map((fill) => fill.price.minus(entry).times(fill.quantity)));
    order.realizedPnl = money(pnl.times(direction));
  }
}
