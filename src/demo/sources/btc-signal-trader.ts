import { buildChart, type Chart } from '../chart.ts';
import type { DemoContext, Venue } from '../context.ts';
import { dec, ratio, toStep } from '../decimal.ts';
import type { BacktestRunDraft, SignalDraft, StrategyDraft } from '../drafts.ts';
import { INSTRUMENTS } from '../instruments.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../market.ts';
import { simulateTrade, type TradePlan } from '../position-simulator.ts';
import { toLot } from '../quantities.ts';
import type { Random } from '../random.ts';
import { DEMO_DAYS, scaledCount } from '../timeline.ts';
import { type Rating, rateCandle } from './btc-signal-rating.ts';

const POSITION_SIZE_USD = 2_500;
const SIGNAL_TTL_MS = 5 * MINUTE_MS;
const instrument = INSTRUMENTS.coinbaseBtc;

/**
 * BTC Signal Trader: every 5-minute candle of Coinbase BTC-USD rated STRONG_BUY..STRONG_SELL
 * with a 0-100 score (confidence = score / 100), reasons and warnings. STRONG_BUY opens a live
 * spot position, STRONG_SELL closes it; other signals are alerts that expire. A completed
 * backtest run tests a looser entry over four weeks (mode BACKTEST: its signals, positions,
 * orders, fills and equity curve), and an earlier run failed on a data gap.
 */
export function generateBtcSignalTrader(ctx: DemoContext, strategy: StrategyDraft): void {
  const chart = buildChart(ctx.market, 'BTC', 5);
  generateLive(ctx, strategy, chart);
  generateBacktest(ctx, strategy, chart);
  numberRows(ctx, strategy);
}

/**
 * Gives signals and positions the source's BIGSERIAL ids as `external_id`: live and backtest
 * rows share one table in the source, numbered in time order.
 */
function numberRows(ctx: DemoContext, strategy: StrategyDraft): void {
  const signals = ctx.data.signals.filter((signal) => signal.strategy === strategy);
  signals.sort((a, b) => a.generatedAt.getTime() - b.generatedAt.getTime());
  signals.forEach((signal, i) => {
    signal.externalId = String(18_204 + i);
  });
  const positions = ctx.data.positions.filter((position) => position.strategy === strategy);
  positions.sort((a, b) => a.openedAt.getTime() - b.openedAt.getTime());
  positions.forEach((position, i) => {
    position.externalId = String(611 + i);
  });
}

function generateLive(ctx: DemoContext, strategy: StrategyDraft, chart: Chart): void {
  const random = ctx.random.derive('btc-signal-trader');
  const venue: Venue = {
    strategy,
    instrument,
    mode: 'LIVE',
    ids: ctx.ids.coinbase(),
    feeAsset: 'USD',
    fillsPerOrder: [1, 5],
    measuresLatency: true,
    orderMetadata: { source: 'btc_signal_trader' },
  };
  const signals = sampleCandles(ctx, random, chart).map((index) =>
    signalFor(random, strategy, chart, index),
  );
  ctx.data.signals.push(...signals);
  const sells = exitsByMinute(ctx, signals, ['STRONG_SELL']);
  let busyUntil = 0;
  for (const signal of signals) {
    const rating = (signal.metadata as { signal_type: Rating }).signal_type;
    const at = signal.generatedAt.getTime();
    if (rating !== 'STRONG_BUY') {
      // Alerts nothing acted on (a STRONG_SELL with no position to close: the account is spot,
      // long only) stay PROPOSED while valid, then expire.
      if (signal.status === 'PROPOSED' && at + SIGNAL_TTL_MS <= ctx.now) signal.status = 'EXPIRED';
      continue;
    }
    if (busyUntil >= at) {
      decide(signal, 'REJECTED', 'max_open_positions (1) reached');
      continue;
    }
    decide(signal, 'APPROVED');
    const position = simulateTrade(ctx, random, {
      ...tradePlan(ctx, venue, signal, sells),
      rejectReason: random.chance(0.02) ? 'INSUFFICIENT_FUND' : undefined,
    });
    if (!position) continue;
    signal.status = 'EXECUTED';
    busyUntil = position.closedAt instanceof Date ? position.closedAt.getTime() : Infinity;
  }
}

/** A random sample of the month's candles, always including the latest one. */
function sampleCandles(ctx: DemoContext, random: Random, chart: Chart): number[] {
  const from = ctx.now - DEMO_DAYS * DAY_MS;
  const eligible: number[] = [];
  chart.candles.forEach((candle, index) => {
    if (candle.openTime >= from && index >= 50) eligible.push(index);
  });
  const wanted = Math.min(eligible.length, scaledCount(ctx, 1_400, 10));
  const chosen = new Set<number>();
  const latest = eligible[eligible.length - 1];
  if (latest !== undefined) chosen.add(latest);
  while (chosen.size < wanted) chosen.add(random.pick(eligible));
  return [...chosen].sort((a, b) => a - b);
}

function signalFor(
  random: Random,
  strategy: StrategyDraft,
  chart: Chart,
  index: number,
): SignalDraft {
  const rating = rateCandle(random, chart, index);
  const candle = chart.candles[index];
  const at = (candle?.openTime ?? 0) + 5 * MINUTE_MS + random.int(800, 3_000);
  const price = toStep(candle?.close ?? 0, instrument.tickSize);
  const long = rating.type.endsWith('BUY');
  const directional = rating.type !== 'NEUTRAL';
  return {
    id: 0n,
    strategy,
    exchange: instrument.exchange,
    symbol: instrument.symbol,
    timeframe: '5m',
    direction: !directional ? 'NEUTRAL' : long ? 'LONG' : 'SHORT',
    strength: rating.type.startsWith('STRONG') ? 'STRONG' : directional ? 'NORMAL' : 'WEAK',
    score: dec(rating.confidence),
    confidence: ratio(rating.confidence / 100),
    entryType: directional ? 'MARKET' : null,
    entryPrice: directional ? price : null,
    // Buy signals come with the stop and target a trade on them would use.
    stopLoss: long ? toStep(price.toNumber() * 0.985, instrument.tickSize) : null,
    takeProfits: long ? [toStep(price.toNumber() * 1.03, instrument.tickSize)] : [],
    status: 'PROPOSED',
    reasons: rating.reasons,
    warnings: rating.warnings,
    indicators: rating.indicators,
    metadata: {
      source: 'btc_signal_trader.signals',
      signal_type: rating.type,
      confidence_score: rating.confidence,
    },
    generatedAt: new Date(at),
    expiresAt: new Date(at + SIGNAL_TTL_MS),
    createdAt: new Date(at + random.int(5, 80)),
  };
}

function decide(signal: SignalDraft, status: 'APPROVED' | 'REJECTED', reason?: string): void {
  signal.status = status;
  signal.decidedAt = new Date(signal.generatedAt.getTime() + 250);
  signal.updatedAt = signal.decidedAt;
  if (reason) signal.rejectionReason = reason;
}

/** Sell signals of the given types by the minute they were generated in. */
function exitsByMinute(
  ctx: DemoContext,
  signals: SignalDraft[],
  types: readonly Rating[],
): Map<number, SignalDraft> {
  const sells = new Map<number, SignalDraft>();
  for (const signal of signals) {
    if (!types.includes((signal.metadata as { signal_type: Rating }).signal_type)) continue;
    sells.set(ctx.market.minuteAt(signal.generatedAt.getTime()), signal);
  }
  return sells;
}

function tradePlan(
  ctx: DemoContext,
  venue: Venue,
  signal: SignalDraft,
  sells: Map<number, SignalDraft>,
): TradePlan {
  const price = dec(String(signal.entryPrice));
  return {
    venue,
    signal,
    direction: 'LONG',
    at: signal.generatedAt.getTime() + 400,
    quantity: toLot(dec(POSITION_SIZE_USD).div(price), dec('0.0001')),
    entry: { type: 'MARKET' },
    stopLoss: dec(String(signal.stopLoss)),
    takeProfits: [{ price: dec(String((signal.takeProfits as unknown[])[0])), fraction: 1 }],
    maxHoldMinutes: 24 * 60,
    exitCheck: {
      everyMinutes: 1,
      signal: (minute) => {
        const sell = sells.get(minute);
        if (sell?.status !== 'PROPOSED') return undefined;
        decide(sell, 'APPROVED');
        sell.status = 'EXECUTED';
        // The backtest keeps only the signals it traded on.
        if (venue.mode === 'BACKTEST') ctx.data.signals.push(sell);
        return sell;
      },
    },
    metadata: { source: 'btc_signal_trader.positions', is_backtest: venue.mode === 'BACKTEST' },
  };
}

function generateBacktest(ctx: DemoContext, strategy: StrategyDraft, chart: Chart): void {
  const random = ctx.random.derive('btc-signal-trader/backtest');
  const periodEnd = Math.floor(ctx.now / DAY_MS) * DAY_MS - DAY_MS;
  const periodStart = periodEnd - (DEMO_DAYS - 2) * DAY_MS;
  const completedAt = ctx.now - 20 * HOUR_MS;
  ctx.data.backtestRuns.push(failedRun(strategy, ctx.now, periodStart, ctx.ids.uuid()));
  const run: BacktestRunDraft = {
    id: 0n,
    strategy,
    name: 'v1.4 BTC-USD 5m, last 4 weeks',
    status: 'COMPLETED',
    periodStart: new Date(periodStart),
    periodEnd: new Date(periodEnd),
    config: {
      strategy_config: {
        entry_signal: 'BUY',
        exit_signal: 'STRONG_SELL',
        stop_loss_pct: 1.5,
        take_profit_pct: 3,
      },
      position_size_usd: POSITION_SIZE_USD,
      fee_model: 'coinbase taker 0.25%',
      fill_model: 'market orders fill over 1m candles, at most 25% of each candle volume',
    },
    symbols: ['BTC-USD'],
    timeframe: '5m',
    initialCapital: dec(10_000),
    externalId: ctx.ids.uuid(),
    metadata: { source: 'btc_signal_trader.backtest_runs' },
    createdAt: new Date(completedAt - 4 * MINUTE_MS),
    startedAt: new Date(completedAt - 4 * MINUTE_MS + 1_200),
    completedAt: new Date(completedAt),
  };
  ctx.data.backtestRuns.push(run);
  const venue: Venue = {
    strategy,
    instrument,
    mode: 'BACKTEST',
    backtestRun: run,
    ids: ctx.ids.simulated('bt-btc-v1.4'),
    feeAsset: 'USD',
    // Volume-limited fill model: an order takes at most a quarter of each minute's volume.
    fillsPerOrder: [1, 4],
    measuresLatency: false,
  };
  // The run tests a looser entry than live (BUY as well as STRONG_BUY) over every candle, and
  // keeps the signals it traded on (mode BACKTEST, with the run's id).
  const stride = Math.max(1, Math.round(1 / ctx.scale));
  const candidates: SignalDraft[] = [];
  chart.candles.forEach((candle, index) => {
    if (candle.openTime < periodStart || candle.openTime >= periodEnd || index % stride) return;
    const signal = signalFor(random, strategy, chart, index);
    if (signal.direction === 'NEUTRAL') return;
    signal.mode = 'BACKTEST';
    signal.backtestRun = run;
    signal.metadata = { ...(signal.metadata as object), source: 'btc_signal_trader.backtest_runs' };
    candidates.push(signal);
  });
  const sells = exitsByMinute(ctx, candidates, ['STRONG_SELL']);
  let busyUntil = 0;
  for (const signal of candidates) {
    if (signal.direction !== 'LONG' || busyUntil >= signal.generatedAt.getTime()) continue;
    decide(signal, 'APPROVED');
    const position = simulateTrade(ctx, random, {
      ...tradePlan(ctx, venue, signal, sells),
      closeBy: { at: periodEnd, reason: 'OTHER' },
    });
    if (!position) continue;
    signal.status = 'EXECUTED';
    ctx.data.signals.push(signal);
    busyUntil = (position.closedAt as Date | undefined)?.getTime() ?? Infinity;
  }
}

function failedRun(
  strategy: StrategyDraft,
  now: number,
  periodEnd: number,
  externalId: string,
): BacktestRunDraft {
  const createdAt = now - 6 * DAY_MS - 3 * HOUR_MS;
  return {
    id: 0n,
    strategy,
    externalId,
    name: 'v1.4 BTC-USD 5m, 90 days',
    status: 'FAILED',
    periodStart: new Date(periodEnd - 90 * DAY_MS),
    periodEnd: new Date(periodEnd),
    config: { position_size_usd: POSITION_SIZE_USD },
    symbols: ['BTC-USD'],
    timeframe: '5m',
    initialCapital: dec(10_000),
    errorMessage:
      'candles: coinbase BTC-USD 5m has a 37-hour gap; backfill the collector before rerunning',
    metadata: { source: 'btc_signal_trader.backtest_runs' },
    createdAt: new Date(createdAt),
    startedAt: new Date(createdAt + 900),
    completedAt: new Date(createdAt + 14_000),
  };
}
