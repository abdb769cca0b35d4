import type { Prisma } from '../../generated/prisma/client.ts';
import type { DemoContext, Venue } from '../context.ts';
import { dec, ratio, toStep } from '../decimal.ts';
import type { MlModelDraft, PredictionDraft, SignalDraft, StrategyDraft } from '../drafts.ts';
import { INSTRUMENTS } from '../instruments.ts';
import { simulateTrade } from '../position-simulator.ts';
import { toLot } from '../quantities.ts';
import type { Random } from '../random.ts';
import { snapshotNumber } from '../snapshot-number.ts';

const BUY_THRESHOLD = 0.62;
const SELL_THRESHOLD = 0.38;
const MAX_TRADE_NOTIONAL_USD = 1_000;

/** The source's round-trip `exit_reason` values, kept in position metadata. */
const EXIT_REASONS: Record<string, string> = {
  TAKE_PROFIT: 'TP_HIT',
  STOP_LOSS: 'SL_HIT',
  TIMEOUT: 'TIME_EXIT',
};

/**
 * Gal-Friday: Kraken XRP/USD. Each model prediction past a threshold becomes a PROPOSED signal;
 * the risk manager approves it or rejects it (with the failed check in `risk_checks`); approved
 * signals become limit orders that fill in several maker/taker fills with USD commission.
 */
export function generateGalFriday(
  ctx: DemoContext,
  strategy: StrategyDraft,
  model: MlModelDraft,
): void {
  const random = ctx.random.derive('gal-friday');
  const venue: Venue = {
    strategy,
    instrument: INSTRUMENTS.krakenXrp,
    mode: 'LIVE',
    ids: ctx.ids.kraken(),
    feeAsset: 'USD',
    fillsPerOrder: [3, 8],
    measuresLatency: true,
    orderMetadata: { source: 'gal_friday.orders' },
  };
  let busyUntil = 0;
  const predictions = ctx.data.predictions.filter((prediction) => prediction.model === model);
  for (const prediction of predictions) {
    const signal = proposeSignal(ctx, random, strategy, prediction);
    if (!signal) continue;
    const decidedAt = signal.generatedAt.getTime() + random.int(40, 900);
    if (decidedAt > ctx.now) continue;
    signal.decidedAt = new Date(decidedAt);
    signal.updatedAt = signal.decidedAt;
    const failed = riskCheck(random, signal, busyUntil >= decidedAt);
    if (failed) {
      signal.status = 'REJECTED';
      signal.rejectionReason = failed;
      continue;
    }
    signal.status = 'APPROVED';
    const position = simulateTrade(ctx, random, {
      venue,
      signal,
      direction: signal.direction === 'LONG' ? 'LONG' : 'SHORT',
      at: decidedAt + random.int(5, 60),
      quantity: quantityFor(signal),
      entry: { type: 'LIMIT', price: dec(String(signal.entryPrice)), timeoutMinutes: 20 },
      stopLoss: dec(String(signal.stopLoss)),
      takeProfits: [{ price: dec(String((signal.takeProfits as unknown[])[0])), fraction: 1 }],
      maxHoldMinutes: 6 * 60,
      externalId: ctx.ids.uuid(),
      metadata: { source: 'gal_friday.trades', strategy_id: 'gal-friday-xrp' },
    });
    if (!position) {
      busyUntil = decidedAt + 20 * 60_000;
      continue;
    }
    signal.status = 'EXECUTED';
    const reason = position.exitReason ? EXIT_REASONS[position.exitReason] : undefined;
    if (reason) position.metadata = { ...(position.metadata as object), exit_reason: reason };
    busyUntil = position.closedAt instanceof Date ? position.closedAt.getTime() : Infinity;
  }
}

function proposeSignal(
  ctx: DemoContext,
  random: Random,
  strategy: StrategyDraft,
  prediction: PredictionDraft,
): SignalDraft | undefined {
  const p = prediction.value.toNumber();
  if (p > SELL_THRESHOLD && p < BUY_THRESHOLD) return undefined;
  const long = p >= BUY_THRESHOLD;
  const { tickSize } = INSTRUMENTS.krakenXrp;
  const at = prediction.time.getTime() + random.int(800, 4_000);
  if (at > ctx.now) return undefined;
  const mid = ctx.market.price('XRP', ctx.market.minuteAt(at));
  const side = long ? 1 : -1;
  const entry = toStep(mid * (1 - side * 0.0005), tickSize);
  const confidence = Math.abs(p - 0.5) * 2;
  const signal: SignalDraft = {
    id: 0n,
    strategy,
    prediction,
    externalId: ctx.ids.uuid(),
    exchange: 'kraken',
    symbol: 'XRP/USD',
    timeframe: '1m',
    direction: long ? 'LONG' : 'SHORT',
    strength: confidence >= 0.5 ? 'STRONG' : 'NORMAL',
    confidence: ratio(confidence),
    entryType: 'LIMIT',
    entryPrice: entry,
    stopLoss: toStep(entry.toNumber() * (1 - side * 0.012), tickSize),
    takeProfits: [toStep(entry.toNumber() * (1 + side * 0.02), tickSize)],
    status: 'PROPOSED',
    indicators: prediction.features ?? {},
    metadata: {
      source: 'gal_friday.signals',
      side: long ? 'BUY' : 'SELL',
      prediction_value: p,
      prediction_event_id: ctx.ids.uuid(),
      strategy_id: 'gal-friday-xrp',
    },
    generatedAt: new Date(at),
    createdAt: new Date(at),
  };
  ctx.data.signals.push(signal);
  return signal;
}

/** Runs the risk manager's checks; returns the rejection reason of the first that fails. */
function riskCheck(random: Random, signal: SignalDraft, positionOpen: boolean): string | undefined {
  const equity = 10_000 + random.normal() * 250;
  const exposure = positionOpen ? random.float(8, 10) : random.float(0, 4);
  const dailyDrawdown = random.chance(0.06) ? random.float(2, 2.6) : random.float(0, 1.6);
  const spread = random.chance(0.05) ? random.float(0.16, 0.3) : random.float(0.03, 0.12);
  const checks: Array<{ name: string; value: number; limit: number; reason: string }> = [
    {
      name: 'position_limit',
      value: positionOpen ? 1 : 0,
      limit: 0,
      reason: 'POSITION_LIMIT: a position on XRP/USD is already open',
    },
    {
      name: 'max_total_exposure_pct',
      value: exposure + 10,
      limit: 25,
      reason: 'MAX_EXPOSURE: total exposure would exceed 25% of equity',
    },
    {
      name: 'max_daily_drawdown_pct',
      value: dailyDrawdown,
      limit: 2,
      reason: `DRAWDOWN_LIMIT: daily drawdown ${dailyDrawdown.toFixed(2)}% exceeds 2.00%`,
    },
    {
      name: 'max_spread_pct',
      value: spread,
      limit: 0.15,
      reason: `SPREAD_TOO_WIDE: spread ${spread.toFixed(3)}% exceeds 0.150%`,
    },
  ];
  const results = checks.map((check) => ({ ...check, passed: check.value <= check.limit }));
  const details: Prisma.InputJsonObject = {
    equity_usd: snapshotNumber(equity, 2),
    checks: results.map(({ name, value, limit, passed }) => ({
      name,
      value: snapshotNumber(value, 4),
      limit,
      passed,
    })),
  };
  signal.riskChecks = details;
  return results.find((check) => !check.passed)?.reason;
}

function quantityFor(signal: SignalDraft) {
  const entry = dec(String(signal.entryPrice));
  return toLot(dec(MAX_TRADE_NOTIONAL_USD).div(entry), INSTRUMENTS.krakenXrp.lotSize);
}
