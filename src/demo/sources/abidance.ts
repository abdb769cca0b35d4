import type { SignalDirection } from '../../generated/prisma/client.ts';
import { type Chart, candleIndexAt } from '../chart.ts';
import type { DemoContext } from '../context.ts';
import { type Decimal, dec, toStep } from '../decimal.ts';
import type { SignalDraft, StrategyDraft } from '../drafts.ts';
import { INSTRUMENTS } from '../instruments.ts';
import { HOUR_MS } from '../market.ts';
import { simulateTrade } from '../position-simulator.ts';
import { toLot } from '../quantities.ts';
import type { Random } from '../random.ts';
import { snapshotNumber } from '../snapshot-number.ts';
import { randomTimes, scaledCount } from '../timeline.ts';
import { type SingleVenueBook, singleVenueBooks } from './single-venue-book.ts';

const EQUITY_USDT = 50_000;
const RISK_PER_TRADE = 0.01;
const MAX_NOTIONAL = 0.4 * EQUITY_USDT;
const MIN_CONFIDENCE = 0.55;

type Book = SingleVenueBook;

/**
 * Abidance: EMA 20/50 trend following on Binance spot, paper traded. `buy`/`sell` signals
 * carry a 0-1 confidence and an indicator snapshot; positions scale out over three targets,
 * switch to a trailing stop (recorded as an `adjust` signal) and close on an `exit` signal when
 * the trend flips.
 */
export function generateAbidance(ctx: DemoContext, strategy: StrategyDraft): void {
  const random = ctx.random.derive('abidance');
  const ids = ctx.ids.simulated('abidance-paper');
  const books = singleVenueBooks(
    ctx,
    [INSTRUMENTS.binanceSpotBtc, INSTRUMENTS.binanceSpotEth],
    60,
    {
      strategy,
      mode: 'PAPER',
      ids,
      feeAsset: 'USDT',
      fillsPerOrder: [1, 3],
      measuresLatency: false,
      orderMetadata: { source: 'abidance.orders', is_paper_trade: true },
    },
  );
  const seen = new Set<string>();
  for (const candidate of randomTimes(ctx, random, scaledCount(ctx, 720, 12))) {
    const book = random.pick(books);
    // Signals are evaluated on the hourly close, at most one per symbol and hour.
    const hour = Math.floor(candidate / HOUR_MS) * HOUR_MS;
    const at = hour + random.int(2_000, 9_000);
    const key = `${book.instrument.symbol}@${hour}`;
    if (at > ctx.now || seen.has(key)) continue;
    seen.add(key);
    const index = candleIndexAt(book.chart, ctx.market.minuteAt(at) - 1);
    const signal = entrySignal(random, strategy, book, index, at);
    if (!signal) continue;
    ctx.data.signals.push(signal);
    const confidence = Number(signal.confidence);
    if (confidence < MIN_CONFIDENCE) {
      // Below the bar the bot never processes a signal; it lapses at the next candle.
      signal.status = 'EXPIRED';
      signal.expiresAt = new Date(hour + 2 * HOUR_MS);
      continue;
    }
    if (book.busyUntil >= at) {
      signal.status = 'REJECTED';
      signal.rejectionReason = `position already open on ${book.instrument.symbol}`;
      signal.decidedAt = new Date(at + 30);
      continue;
    }
    signal.status = 'APPROVED';
    signal.decidedAt = new Date(at + 30);
    book.busyUntil = trade(ctx, random, book, signal, at + 60);
  }
}

function entrySignal(
  random: Random,
  strategy: StrategyDraft,
  book: Book,
  index: number,
  at: number,
): SignalDraft | undefined {
  const { chart, instrument } = book;
  const close = chart.candles[index]?.close;
  const fast = chart.ema20[index];
  const slow = chart.ema50[index];
  const atr = chart.atr14[index];
  const rsi = chart.rsi14[index];
  if (close === undefined || !fast || !slow || !atr || rsi === undefined) return undefined;
  const long = fast > slow;
  const separation = Math.abs(fast - slow) / atr;
  // Confidence grows with trend separation and with RSI agreeing with the trend.
  const agreement = long ? (rsi - 50) / 50 : (50 - rsi) / 50;
  const confidence = Math.max(
    0.05,
    Math.min(0.99, 0.35 + 0.18 * separation + 0.3 * agreement + random.normal() * 0.08),
  );
  const price = toStep(close, instrument.tickSize);
  const side = long ? 1 : -1;
  const risk = toStep(2 * atr, instrument.tickSize);
  return {
    id: 0n,
    strategy,
    externalId: random.uuid(),
    exchange: instrument.exchange,
    symbol: instrument.symbol,
    timeframe: '1h',
    direction: long ? 'LONG' : 'SHORT',
    strength: confidence >= 0.8 ? 'STRONG' : confidence >= 0.55 ? 'NORMAL' : 'WEAK',
    confidence: dec(confidence.toFixed(4)),
    mode: 'PAPER',
    entryType: 'MARKET',
    entryPrice: price,
    stopLoss: price.minus(risk.times(side)),
    takeProfits: [1.5, 3, 5].map((r) =>
      toStep(price.plus(risk.times(r * side)), instrument.tickSize),
    ),
    indicators: snapshot(chart, index),
    metadata: {
      source: 'abidance.strategy_signals',
      signal_type: long ? 'buy' : 'sell',
      processed: false,
    },
    generatedAt: new Date(at),
    createdAt: new Date(at + 15),
  };
}

/** The `indicators_snapshot` Abidance stores with every signal. */
function snapshot(chart: Chart, index: number): Record<string, number> {
  return {
    close: snapshotNumber(chart.candles[index]?.close, 2),
    ema_20: snapshotNumber(chart.ema20[index], 2),
    ema_50: snapshotNumber(chart.ema50[index], 2),
    rsi_14: snapshotNumber(chart.rsi14[index], 2),
    atr_14: snapshotNumber(chart.atr14[index], 2),
  };
}

/** Paper trades the signal; returns when the position ends (Infinity while open). */
function trade(ctx: DemoContext, random: Random, book: Book, signal: SignalDraft, at: number) {
  const { instrument, chart, venue } = book;
  const entry = dec(String(signal.entryPrice));
  const stop = dec(String(signal.stopLoss));
  const targets = signal.takeProfits as Decimal[];
  const riskQuantity = dec(EQUITY_USDT * RISK_PER_TRADE).div(entry.minus(stop).abs());
  const capQuantity = dec(MAX_NOTIONAL).div(entry);
  const quantity = toLot(
    riskQuantity.lessThan(capQuantity) ? riskQuantity : capQuantity,
    instrument.lotSize,
  );
  const long = signal.direction === 'LONG';
  const makeSignal = (direction: SignalDirection, time: number, type: string) => {
    const index = candleIndexAt(chart, ctx.market.minuteAt(time) - 1);
    const follow: SignalDraft = {
      id: 0n,
      strategy: signal.strategy,
      externalId: ctx.ids.uuid(),
      exchange: instrument.exchange,
      symbol: instrument.symbol,
      timeframe: '1h',
      direction,
      confidence: dec(random.float(0.6, 0.95).toFixed(4)),
      mode: 'PAPER',
      entryType: direction === 'EXIT' ? 'MARKET' : null,
      status: 'EXECUTED',
      decidedAt: new Date(time + 20),
      indicators: snapshot(chart, index),
      metadata: { source: 'abidance.strategy_signals', signal_type: type, processed: true },
      generatedAt: new Date(time - 10),
      createdAt: new Date(time),
    };
    ctx.data.signals.push(follow);
    return follow;
  };
  const position = simulateTrade(ctx, random, {
    venue,
    signal,
    direction: long ? 'LONG' : 'SHORT',
    at,
    quantity,
    entry: { type: 'MARKET' },
    stopLoss: stop,
    takeProfits: targets.map((price, i) => ({ price, fraction: [0.4, 0.3, 0.3][i] ?? 0.3 })),
    trailing: {
      activation: targets[0] ?? entry,
      callbackRate: 0.012,
      onActivate: (time) => makeSignal('ADJUST', time, 'adjust'),
    },
    maxHoldMinutes: 120 * 60,
    exitCheck: {
      everyMinutes: 60,
      signal: (minute, time) => {
        const index = candleIndexAt(chart, minute - 1);
        const fast = chart.ema20[index] ?? 0;
        const slow = chart.ema50[index] ?? 0;
        const flipped = long ? fast < slow : fast > slow;
        return flipped ? makeSignal('EXIT', time, 'exit') : undefined;
      },
    },
    externalId: ctx.ids.uuid(),
    metadata: { source: 'abidance.positions' },
  });
  if (!position) return 0;
  signal.status = 'EXECUTED';
  signal.metadata = {
    ...(signal.metadata as object),
    processed: true,
    execution_id: ctx.ids.uuid(),
  };
  return position.closedAt instanceof Date ? position.closedAt.getTime() : Infinity;
}
