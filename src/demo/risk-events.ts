import type { RiskSeverity } from '../generated/prisma/client.ts';
import type { DemoContext } from './context.ts';
import { type Decimal, dec, ratio } from './decimal.ts';
import type { RiskEventDraft, StrategyDraft } from './drafts.ts';
import type { Book } from './equity-curves.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './market.ts';
import type { Random } from './random.ts';

/** Drawdown levels (percent) at which the risk manager raises an event, and how loudly. */
const DRAWDOWN_LEVELS: ReadonlyArray<[number, RiskSeverity, string]> = [
  [3, 'INFO', 'none'],
  [5, 'WARNING', 'alert sent to the desk'],
  [8, 'CRITICAL', 'new entries paused, position sizes halved'],
];

/**
 * Risk events derived from what happened in the data set: drawdown thresholds crossed on each
 * live book's equity curve, daily loss limits, high-leverage entries, orders the venue rejected
 * and signals the risk manager refused. Events older than half a day are acknowledged.
 */
export function generateRiskEvents(ctx: DemoContext, books: Book[]): void {
  const random = ctx.random.derive('risk-events');
  const events: RiskEventDraft[] = [];
  for (const book of books) {
    if (book.mode !== 'LIVE' || book.backtestRun) continue;
    events.push(...drawdownEvents(book), ...dailyLossEvents(book));
  }
  for (const position of ctx.data.positions) {
    if (position.mode !== 'LIVE' || !position.leverage) continue;
    const leverage = dec(String(position.leverage));
    if (leverage.lessThan(8)) continue;
    events.push({
      id: 0n,
      strategy: position.strategy,
      type: 'high_leverage',
      severity: 'INFO',
      exchange: position.exchange,
      symbol: position.symbol,
      description: `${position.symbol} opened at ${leverage.toString()}x leverage`,
      metricName: 'leverage',
      metricValue: leverage,
      thresholdValue: dec(8),
      actionTaken: 'none',
      details: {
        margin: String(position.margin),
        liquidation_price: String(position.liquidationPrice),
      },
      time: position.openedAt,
    });
  }
  for (const order of ctx.data.orders) {
    if (order.status !== 'REJECTED' || order.mode !== 'LIVE') continue;
    events.push({
      id: 0n,
      strategy: order.strategy,
      type: 'order_rejected',
      severity: 'WARNING',
      exchange: order.exchange,
      symbol: order.symbol,
      description: `${order.side} ${order.quantity.toString()} ${order.symbol} rejected: ${order.statusReason}`,
      actionTaken: 'signal skipped',
      details: { client_order_id: order.clientOrderId, reason: order.statusReason ?? null },
      time: order.closedAt as Date,
    });
  }
  for (const signal of ctx.data.signals) {
    if (!signal.rejectionReason?.startsWith('DRAWDOWN_LIMIT')) continue;
    events.push({
      id: 0n,
      strategy: signal.strategy,
      type: 'signal_rejected',
      severity: 'INFO',
      exchange: signal.exchange,
      symbol: signal.symbol,
      description: signal.rejectionReason,
      metricName: 'daily_drawdown_pct',
      thresholdValue: dec(2),
      actionTaken: 'signal rejected',
      details: { signal_id: signal.externalId ?? null },
      time: signal.decidedAt as Date,
    });
  }
  for (const event of events) acknowledge(ctx, random, event);
  ctx.data.riskEvents.push(...events.sort((a, b) => a.time.getTime() - b.time.getTime()));
}

function drawdownEvents(book: Book): RiskEventDraft[] {
  const events: RiskEventDraft[] = [];
  let armed = DRAWDOWN_LEVELS.map(() => true);
  for (const snapshot of book.curve) {
    const drawdown = dec(String(snapshot.drawdownPct ?? 0));
    // A level fires once, and re-arms after the book recovers to a new peak.
    if (drawdown.isZero()) armed = DRAWDOWN_LEVELS.map(() => true);
    DRAWDOWN_LEVELS.forEach(([level, severity, action], i) => {
      if (!armed[i] || drawdown.lessThan(level)) return;
      armed[i] = false;
      events.push(
        event(book.strategy, snapshot.time, {
          type: 'max_drawdown',
          severity,
          description: `${book.strategy.name} is ${drawdown.toFixed(2)}% below its equity peak`,
          metricName: 'drawdown_pct',
          metricValue: drawdown,
          thresholdValue: dec(level),
          actionTaken: action,
        }),
      );
    });
  }
  return events;
}

function dailyLossEvents(book: Book): RiskEventDraft[] {
  const limit = dec(
    String((book.strategy.riskLimits as { max_daily_loss_pct?: number }).max_daily_loss_pct ?? 3),
  );
  const warnAt = limit.times(0.6);
  const events: RiskEventDraft[] = [];
  let lastDay = -1;
  for (const snapshot of book.curve) {
    const day = Math.floor(snapshot.time.getTime() / DAY_MS);
    const loss = dec(String(snapshot.dailyDrawdownPct ?? 0));
    if (day === lastDay || loss.lessThan(warnAt)) continue;
    lastDay = day;
    const breached = !loss.lessThan(limit);
    events.push(
      event(book.strategy, snapshot.time, {
        type: 'daily_loss_limit',
        severity: breached ? 'CRITICAL' : 'WARNING',
        description: `daily loss ${loss.toFixed(2)}% of equity (limit ${limit.toString()}%)`,
        metricName: 'daily_drawdown_pct',
        metricValue: loss,
        thresholdValue: limit,
        actionTaken: breached ? 'trading halted until 00:00 UTC' : 'alert sent to the desk',
      }),
    );
  }
  return events;
}

function event(
  strategy: StrategyDraft,
  time: Date,
  fields: {
    type: string;
    severity: RiskSeverity;
    description: string;
    metricName: string;
    metricValue: Decimal;
    thresholdValue: Decimal;
    actionTaken: string;
  },
): RiskEventDraft {
  return {
    id: 0n,
    strategy,
    ...fields,
    metricValue: ratio(fields.metricValue),
    details: { source: (strategy.metadata as { source?: string }).source ?? null },
    time: new Date(time.getTime() + 2_000),
  };
}

function acknowledge(ctx: DemoContext, random: Random, event: RiskEventDraft): void {
  event.createdAt = new Date(event.time.getTime() + random.int(5, 500));
  if (event.severity === 'INFO' || event.time.getTime() > ctx.now - 12 * HOUR_MS) return;
  event.acknowledgedAt = new Date(event.time.getTime() + random.int(4, 180) * MINUTE_MS);
  event.acknowledgedBy = random.pick(['ops@tradegraph.dev', 'risk-desk', 'a.moreau']);
}
