import type { ExitReason } from '../generated/prisma/client.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { type Decimal, money, ratio, sum, toStep, weightedAverage, ZERO } from './decimal.ts';
import type { PositionDraft } from './drafts.ts';
import type { Instrument } from './instruments.ts';
import { fundingPeriod, HOUR_MS, type Market } from './market.ts';

/** Maintenance margin rate used for the liquidation price of leveraged positions. */
const MAINTENANCE_MARGIN = new Prisma.Decimal('0.005');

/** What the simulation knows about a position beyond its fills. */
export interface PositionOutcome {
  /** Set when the position was closed (the last exit fill is the close). */
  exitReason?: ExitReason;
  liquidated?: boolean;
  /** The initial stop, which defines one R of risk. */
  initialStop?: Decimal;
  leverage?: Decimal;
}

/**
 * Derives every size, price and P&L field of a position from its fills, so the position agrees
 * with its fills to the last decimal: size = entry fills, remaining = size - exit fills,
 * realized P&L = (exit notional - entry notional of the closed quantity) * direction - all fees
 * - funding fees (docs/data-model.md: net of both), unrealized P&L at the current mark.
 */
export function summarizePosition(
  position: PositionDraft,
  instrument: Instrument,
  market: Market,
  outcome: PositionOutcome,
): void {
  const long = position.direction === 'LONG';
  const entries = position.fills.filter((fill) => fill.side === (long ? 'BUY' : 'SELL'));
  const exits = position.fills.filter((fill) => fill.side === (long ? 'SELL' : 'BUY'));
  const size = sum(entries.map((fill) => fill.quantity));
  const closed = sum(exits.map((fill) => fill.quantity));
  const remaining = size.minus(closed);
  const averageEntry = weightedAverage(entries) ?? ZERO;
  const fees = sum(position.fills.map((fill) => fill.fee));
  const exitNotional = sum(exits.map((fill) => fill.price.times(fill.quantity)));
  // A closed position uses the exact entry notional; an open one the average of the closed part.
  const entryNotional = remaining.isZero()
    ? sum(entries.map((fill) => fill.price.times(fill.quantity)))
    : money(averageEntry.times(closed));
  const gross = exitNotional.minus(entryNotional).times(long ? 1 : -1);
  const lastExit = exits[exits.length - 1];
  const closedAt = remaining.isZero() && lastExit ? lastExit.executedAt : undefined;
  position.openedAt = entries[0]?.executedAt ?? position.openedAt;
  position.createdAt = position.openedAt;
  const funding = instrument.perpetual
    ? fundingPaid(position, instrument, market, closedAt?.getTime() ?? market.now)
    : ZERO;
  const realized = gross.minus(fees).minus(funding);

  position.size = size;
  position.remainingSize = remaining;
  position.averageEntryPrice = averageEntry;
  position.averageExitPrice = weightedAverage(exits) ?? null;
  position.fees = fees;
  position.fundingFees = funding;
  position.realizedPnl = realized;
  if (closedAt) {
    position.status = outcome.liquidated ? 'LIQUIDATED' : 'CLOSED';
    position.exitReason = outcome.exitReason ?? 'OTHER';
    position.closedAt = closedAt;
    position.updatedAt = closedAt;
    position.unrealizedPnl = ZERO;
  } else {
    position.status = closed.isZero() ? 'OPEN' : 'PARTIALLY_CLOSED';
    const mark = market.quote(instrument, market.minutes - 1);
    position.markPrice = mark;
    position.unrealizedPnl = money(
      mark
        .minus(averageEntry)
        .times(remaining)
        .times(long ? 1 : -1),
    );
    position.updatedAt = new Date(market.now);
  }

  if (outcome.leverage) {
    position.leverage = outcome.leverage;
    position.margin = money(averageEntry.times(size).div(outcome.leverage));
    const distance = new Prisma.Decimal(1).div(outcome.leverage).minus(MAINTENANCE_MARGIN);
    position.liquidationPrice = toStep(
      averageEntry.times(long ? new Prisma.Decimal(1).minus(distance) : distance.plus(1)),
      instrument.tickSize,
    );
  }
  if (outcome.initialStop) {
    const risk = money(averageEntry.minus(outcome.initialStop).abs().times(size));
    position.riskAmount = risk;
    if (!risk.isZero()) position.pnlR = ratio(realized.div(risk));
  }
}

/**
 * Funding paid (positive) or received (negative) at each funding time the position was open
 * through: open quantity x mark price x rate; longs pay a positive rate, shorts receive it.
 */
function fundingPaid(
  position: PositionDraft,
  instrument: Instrument,
  market: Market,
  until: number,
): Decimal {
  const long = position.direction === 'LONG';
  const from = position.openedAt.getTime();
  let total = ZERO;
  for (let period = fundingPeriod(from) + 1; period * 8 * HOUR_MS <= until; period++) {
    const time = period * 8 * HOUR_MS;
    let open = ZERO;
    for (const fill of position.fills) {
      if (fill.executedAt.getTime() > time) break;
      open = (fill.side === 'BUY') === long ? open.plus(fill.quantity) : open.minus(fill.quantity);
    }
    if (open.isZero()) continue;
    const minute = market.minuteAt(time);
    const rate = new Prisma.Decimal(market.fundingRate(instrument.asset, minute).toFixed(8));
    const payment = open.times(market.quote(instrument, minute)).times(rate);
    total = total.plus(long ? payment : payment.negated());
  }
  return money(total);
}
