import type { Prisma } from '../../generated/prisma/client.ts';
import { buildChart, type Chart, candleIndexAt } from '../chart.ts';
import type { DemoContext, Venue } from '../context.ts';
import { type Decimal, dec, ratio, toStep } from '../decimal.ts';
import type { SignalDraft, StrategyDraft } from '../drafts.ts';
import { INSTRUMENTS, type Instrument } from '../instruments.ts';
import { simulateTrade } from '../position-simulator.ts';
import { toLot } from '../quantities.ts';
import type { Random } from '../random.ts';
import { snapshotNumber } from '../snapshot-number.ts';
import { randomTimes, scaledCount } from '../timeline.ts';

const PAPER_SCORE = 60;
const LIVE_SCORE = 70;
const RISK_PER_TRADE_USDT = 40;

type Tier = 'light' | 'standard' | 'heavy';

interface Book {
  instrument: Instrument;
  chart: Chart;
  paper: Venue;
  live: Venue;
  /** Last row id of the source's paper_trades / live_trades tables (shared by both symbols). */
  tradeIds: [number, number];
  /** When the open paper / live position on this symbol ends (Infinity while open). */
  paperBusyUntil: number;
  liveBusyUntil: number;
}

/**
 * arb_engine: Binance USD-M perpetuals, a signal every few minutes scored 0-100 from CVD,
 * funding and volatility (`score_factors`); 60+ is paper traded, 70+ also live, with R-multiple
 * P&L, funding fees, slippage and latencies on the live side.
 */
export function generateArbEngine(ctx: DemoContext, strategy: StrategyDraft): void {
  const random = ctx.random.derive('arb_engine');
  const liveIds = ctx.ids.binance('x-v51_', 8_389_765_000_000n);
  const paperIds = ctx.ids.simulated('arb-paper');
  const tradeIds: [number, number] = [0, 0];
  const books = [INSTRUMENTS.binanceUsdmBtc, INSTRUMENTS.binanceUsdmEth].map(
    (instrument): Book => ({
      tradeIds,
      instrument,
      chart: buildChart(ctx.market, instrument.asset, 5),
      paper: {
        strategy,
        instrument,
        mode: 'PAPER',
        ids: paperIds,
        feeAsset: 'USDT',
        // The paper engine fills against the recorded book, level by level.
        fillsPerOrder: [1, 4],
        measuresLatency: false,
        orderMetadata: { source: 'arb_engine.paper_trades' },
      },
      live: {
        strategy,
        instrument,
        mode: 'LIVE',
        ids: liveIds,
        feeAsset: 'USDT',
        fillsPerOrder: [2, 10],
        measuresLatency: true,
        orderMetadata: { source: 'arb_engine.live_trades', position_side: 'BOTH' },
      },
      paperBusyUntil: 0,
      liveBusyUntil: 0,
    }),
  );
  let indicatorRowId = 4_812_331;
  for (const at of randomTimes(ctx, random, scaledCount(ctx, 1_800, 20))) {
    const book = random.pick(books);
    indicatorRowId += random.int(40, 400);
    const signal = scoredSignal(ctx, random, strategy, book, at, indicatorRowId);
    decide(ctx, random, book, signal, at);
  }
}

function scoredSignal(
  ctx: DemoContext,
  random: Random,
  strategy: StrategyDraft,
  book: Book,
  at: number,
  rowId: number,
): SignalDraft {
  const { market } = ctx;
  const { instrument, chart } = book;
  const minute = market.minuteAt(at);
  const candle = Math.max(0, candleIndexAt(chart, minute));
  const price = market.quote(instrument, minute);
  const atr = chart.atr14[candle] ?? price.toNumber() * 0.002;
  const trend = (price.toNumber() - (chart.ema20[candle] ?? 0)) / atr;
  const long = trend + random.normal() * 0.8 > 0;
  const score = Math.max(
    5,
    Math.min(99, Math.round(42 + 12 * random.normal() + 3 * Math.abs(trend))),
  );
  const risk = toStep(atr * 1.5, instrument.tickSize);
  const side = long ? 1 : -1;
  const funding = market.fundingRate(instrument.asset, minute);
  const parts = splitInteger(random, score, 5);
  return {
    id: 0n,
    strategy,
    externalId: `signal_indicators:${rowId}`,
    exchange: instrument.exchange,
    symbol: instrument.symbol,
    timeframe: '15s',
    direction: long ? 'LONG' : 'SHORT',
    strength: score >= 85 ? 'STRONG' : score >= 70 ? 'NORMAL' : 'WEAK',
    score: dec(score),
    confidence: ratio(score / 100),
    entryType: 'MARKET',
    entryPrice: price,
    stopLoss: price.minus(risk.times(side)),
    takeProfits: [price.plus(risk.times(side)), price.plus(risk.times(2 * side))],
    factors: {
      cvd_fast: parts[0] ?? 0,
      cvd_mid: parts[1] ?? 0,
      funding: parts[2] ?? 0,
      atr_regime: parts[3] ?? 0,
      large_orders: parts[4] ?? 0,
    },
    indicators: {
      price: price.toNumber(),
      cvd_fast: snapshotNumber(
        side * random.float(50, 900) * (instrument.asset === 'BTC' ? 1 : 12),
        3,
      ),
      cvd_mid: snapshotNumber(
        side * random.float(200, 4_000) * (instrument.asset === 'BTC' ? 1 : 12),
        3,
      ),
      cvd_day: snapshotNumber(random.normal() * 6_000, 3),
      cvd_fast_slope: snapshotNumber(side * random.float(0.1, 3), 4),
      atr_5m: snapshotNumber(atr, 4),
      atr_percentile: snapshotNumber(random.float(5, 98), 1),
      vwap_30m: snapshotNumber(price.toNumber() * (1 - side * random.float(0, 0.002)), 2),
      p95_qty: snapshotNumber(random.float(1.5, 4), 3),
      p99_qty: snapshotNumber(random.float(5, 14), 3),
      buy_vol_1m: snapshotNumber(random.float(10, 300), 3),
      sell_vol_1m: snapshotNumber(random.float(10, 300), 3),
      funding_rate: snapshotNumber(funding, 8),
    },
    metadata: { source: 'arb_engine.signal_indicators', ts: Math.floor(at / 1000) },
    generatedAt: new Date(at),
    createdAt: new Date(at + random.int(2, 40)),
  };
}

function decide(ctx: DemoContext, random: Random, book: Book, signal: SignalDraft, at: number) {
  ctx.data.signals.push(signal);
  const score = Number(signal.score);
  signal.decidedAt = new Date(at + random.int(20, 120));
  signal.updatedAt = signal.decidedAt;
  if (score < PAPER_SCORE) {
    reject(signal, `score ${score} below entry threshold ${PAPER_SCORE}`);
    return;
  }
  const paperFree = book.paperBusyUntil < at;
  const liveFree = score >= LIVE_SCORE && book.liveBusyUntil < at;
  if (!paperFree && !liveFree) {
    reject(signal, `position already open on ${book.instrument.symbol}`);
    return;
  }
  signal.status = 'APPROVED';
  const tier: Tier = score >= 85 ? 'heavy' : score >= 70 ? 'standard' : 'light';
  if (paperFree) {
    const end = trade(ctx, random, book, book.paper, signal, tier, at + random.int(50, 400));
    book.paperBusyUntil = end;
  }
  if (liveFree) {
    const end = trade(ctx, random, book, book.live, signal, tier, at + random.int(80, 450));
    book.liveBusyUntil = end;
  }
}

function reject(signal: SignalDraft, reason: string): void {
  signal.status = 'REJECTED';
  signal.rejectionReason = reason;
}

/** Opens one paper or live trade for the signal; returns when its position ends. */
function trade(
  ctx: DemoContext,
  random: Random,
  book: Book,
  venue: Venue,
  signal: SignalDraft,
  tier: Tier,
  at: number,
): number {
  const { instrument } = book;
  const entry = dec(String(signal.entryPrice));
  const stop = dec(String(signal.stopLoss));
  const [tp1, tp2] = signal.takeProfits as Decimal[];
  const multiplier = { light: 0.5, standard: 1, heavy: 1.5 }[tier];
  const quantity = toLot(
    dec(RISK_PER_TRADE_USDT * multiplier).div(entry.minus(stop).abs()),
    instrument.lotSize,
  );
  if (quantity.isZero() || !tp1 || !tp2) return 0;
  const live = venue.mode === 'LIVE';
  const table = live ? 'live_trades' : 'paper_trades';
  const position = simulateTrade(ctx, random, {
    venue,
    signal,
    direction: signal.direction === 'LONG' ? 'LONG' : 'SHORT',
    at,
    quantity,
    entry: { type: 'MARKET' },
    stopLoss: stop,
    takeProfits: [
      { price: tp1, fraction: 0.5 },
      { price: tp2, fraction: 0.5 },
    ],
    targetType: 'TAKE_PROFIT',
    breakevenAfterFirstTarget: true,
    maxHoldMinutes: 12 * 60,
    leverage: dec({ light: 3, standard: 4, heavy: 5 }[tier]),
    rejectReason:
      live && random.chance(0.04)
        ? random.pick(['-2019 Margin is insufficient.', '-1008 Server is currently overloaded'])
        : undefined,
    externalId: `${table}:${++book.tradeIds[venue.mode === 'LIVE' ? 1 : 0]}`,
    metadata: {
      source: `arb_engine.${table}`,
      tier,
      score: Number(signal.score),
      atr_at_entry: (signal.indicators as { atr_5m: number }).atr_5m,
      score_factors: signal.factors as Prisma.InputJsonObject,
    },
  });
  if (!position) return 0;
  signal.status = 'EXECUTED';
  position.metadata = { ...(position.metadata as object), source_status: arbStatus(position) };
  return position.closedAt instanceof Date ? position.closedAt.getTime() : Infinity;
}

/** The `status` the source's trade tables would show: active, tp1, tp2, sl or timeout. */
function arbStatus(position: { exitReason?: string | null; takeProfitsHit?: number }): string {
  switch (position.exitReason) {
    case undefined:
    case null:
      return (position.takeProfitsHit ?? 0) > 0 ? 'tp1' : 'active';
    case 'TAKE_PROFIT':
      return 'tp2';
    case 'STOP_LOSS':
      return (position.takeProfitsHit ?? 0) > 0 ? 'tp1' : 'sl';
    default:
      return 'timeout';
  }
}

/** Splits a score into integer parts (its factors) proportional to random weights. */
export function splitInteger(random: Random, total: number, parts: number): number[] {
  const weights = Array.from({ length: parts }, () => random.float(0.2, 1));
  const sum = weights.reduce((a, b) => a + b, 0);
  const out = weights.map((weight) => Math.floor((weight / sum) * total));
  const missing = total - out.reduce((a, b) => a + b, 0);
  out[0] = (out[0] ?? 0) + missing;
  return out;
}
