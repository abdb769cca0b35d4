import type { Prediction, SignalDirection } from '../../generated/prisma/client.ts';
import { decideSignal, recordSignal } from '../../writers/index.ts';
import { dec, ratio, toStep } from '../decimal.ts';
import { toLot } from '../quantities.ts';
import type { Desk } from './desks.ts';
import { type FeedContext, feedLine } from './feed-context.ts';
import { isActive, type Trade } from './trade.ts';

/** What one trade may lose when its stop is hit, in the quote currency. */
const RISK_PER_TRADE = 40;
/** Reasons a risk manager gives besides a low score or a busy desk, for variety. */
const OTHER_REJECTIONS = [
  'spread 0.18% is above the 0.10% limit',
  'daily loss limit: -2.1% today, limit -2%',
  'correlated exposure: BTC and ETH longs at 24% of equity, limit 20%',
  'funding rate 0.041% against the position, limit 0.03%',
];
const REASONS = {
  LONG: ['CVD rising on all windows', 'price above VWAP', 'bid-side book imbalance'],
  SHORT: ['CVD falling on all windows', 'price below VWAP', 'ask-side book imbalance'],
};

/**
 * Proposes a signal on a random desk and decides it as the strategy's risk manager would:
 * records it (`recordSignal`, PROPOSED), then approves or rejects it with a reason
 * (`decideSignal`). An approved signal becomes a trade. `prediction` is the model's latest
 * output for `predictedDesk`: that desk's signals follow and link it.
 */
export async function proposeSignal(
  ctx: FeedContext,
  desks: readonly Desk[],
  trades: readonly Trade[],
  prediction?: { row: Prediction; desk: Desk },
): Promise<{ lines: string[]; trade?: Trade }> {
  const { random } = ctx;
  const desk = random.pick(desks);
  const { instrument } = desk;
  const linked = prediction?.desk === desk ? prediction.row : undefined;
  let direction: SignalDirection = random.chance(0.5) ? 'LONG' : 'SHORT';
  if (linked) direction = linked.value.gte('0.5') ? 'LONG' : 'SHORT';
  if (desk.longOnly) direction = 'LONG';
  const long = direction === 'LONG';
  const score = Math.min(99, Math.max(35, Math.round(74 + random.normal() * 12)));
  const entryType = random.chance(0.6) ? 'LIMIT' : 'MARKET';
  const entryPrice =
    entryType === 'LIMIT'
      ? ctx.prices.offset(instrument, (long ? -1 : 1) * random.float(0.0002, 0.0006))
      : ctx.prices.quote(instrument);
  const stopFraction = random.float(0.004, 0.008);
  const stopDistance = toStep(entryPrice.times(stopFraction), instrument.tickSize);
  const stopLoss = long ? entryPrice.minus(stopDistance) : entryPrice.plus(stopDistance);
  const target = toStep(stopDistance.times('1.5'), instrument.tickSize);
  const takeProfit = long ? entryPrice.plus(target) : entryPrice.minus(target);
  const quantity = maxOf(toLot(dec(RISK_PER_TRADE).div(stopDistance), instrument.lotSize), desk);
  const now = ctx.now();

  const { row: signal } = await recordSignal(ctx.db, {
    strategyId: desk.book.strategy.id,
    externalId: ctx.nextId('s'),
    exchange: instrument.exchange,
    symbol: instrument.symbol,
    timeframe: '1m',
    direction,
    strength: score >= 85 ? 'STRONG' : score < 60 ? 'WEAK' : 'NORMAL',
    score: String(score),
    confidence: ratio(score / 100 + random.normal() * 0.04)
      .clamp(0, 1)
      .toFixed(),
    entryType,
    entryPrice,
    stopLoss,
    takeProfits: [takeProfit],
    reasons: random.chance(0.5) ? REASONS[direction] : REASONS[direction].slice(0, 2),
    predictionId: linked?.id ?? null,
    metadata: { source: 'demo_feed' },
    generatedAt: now,
    expiresAt: new Date(now.getTime() + 60_000),
  });
  ctx.counts.signals++;

  const reason = await rejectionReason(ctx, desk, trades, score);
  const decided = await decideSignal(ctx.db, {
    signalId: signal.id,
    status: reason ? 'REJECTED' : 'APPROVED',
    reason: reason ?? undefined,
    at: ctx.now(),
  });
  const head = `${instrument.symbol} ${direction} score ${score}`;
  const lines = [
    feedLine(
      now,
      'signal',
      `${head.padEnd(28)}-> ${decided.status}${reason ? ` (${reason})` : ''}`,
    ),
  ];
  if (reason) {
    ctx.counts.rejected++;
    return { lines };
  }
  ctx.counts.approved++;
  const trade: Trade = {
    desk,
    signal: decided,
    direction,
    entryType,
    entryPrice,
    stopLoss,
    takeProfit,
    quantity,
    state: { kind: 'entry' },
  };
  return { lines, trade };
}

/** Why the risk manager refuses the signal, or null to approve it. */
async function rejectionReason(
  ctx: FeedContext,
  desk: Desk,
  trades: readonly Trade[],
  score: number,
): Promise<string | null> {
  const { instrument } = desk;
  if (score < desk.minScore) return `score ${score} below the entry threshold ${desk.minScore}`;
  const busy =
    trades.some((trade) => trade.desk === desk && isActive(trade)) ||
    (await ctx.db.position.findFirst({
      where: {
        strategyId: desk.book.strategy.id,
        mode: 'LIVE',
        exchange: instrument.exchange,
        symbol: instrument.symbol,
        status: { in: ['OPEN', 'PARTIALLY_CLOSED'] },
      },
      select: { id: true },
    })) !== null;
  if (busy) return `a position is already open on ${instrument.symbol}`;
  if (ctx.random.chance(0.1)) return ctx.random.pick(OTHER_REJECTIONS);
  return null;
}

function maxOf(quantity: ReturnType<typeof dec>, desk: Desk) {
  return quantity.lt(desk.instrument.lotSize) ? desk.instrument.lotSize : quantity;
}
