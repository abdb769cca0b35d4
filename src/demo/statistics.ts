import { type Decimal, dec, ratio, sum, ZERO } from './decimal.ts';
import type { PositionDraft } from './drafts.ts';

/** Risk-adjusted return figures of an equity series (null when undefined). */
export interface ReturnStatistics {
  sharpeRatio: Decimal | null;
  sortinoRatio: Decimal | null;
  /** Annualised volatility in percent. */
  volatilityPct: Decimal | null;
}

/**
 * Sharpe and Sortino ratios (risk-free rate 0) and volatility of the period-to-period returns
 * of an equity series, annualised with `periodsPerYear`. Null when there are too few returns
 * or no variation to divide by.
 */
export function returnStatistics(equity: Decimal[], periodsPerYear: number): ReturnStatistics {
  const returns: Decimal[] = [];
  for (let i = 1; i < equity.length; i++) {
    const before = equity[i - 1];
    const after = equity[i];
    if (before && after && !before.isZero()) returns.push(after.div(before).minus(1));
  }
  if (returns.length < 2) return { sharpeRatio: null, sortinoRatio: null, volatilityPct: null };
  const mean = sum(returns).div(returns.length);
  const deviation = (values: Decimal[]) =>
    sum(values.map((value) => value.minus(mean).pow(2)))
      .div(returns.length - 1)
      .sqrt();
  const downside = sum(returns.map((value) => (value.isNegative() ? value.pow(2) : ZERO)))
    .div(returns.length)
    .sqrt();
  const annual = dec(periodsPerYear).sqrt();
  const std = deviation(returns);
  return {
    sharpeRatio: std.isZero() ? null : ratio(mean.div(std).times(annual)),
    sortinoRatio: downside.isZero() ? null : ratio(mean.div(downside).times(annual)),
    volatilityPct: ratio(std.times(annual).times(100)),
  };
}

/** Counts and P&L figures of a set of closed trades. */
export interface TradeStatistics {
  tradeCount: number;
  winCount: number;
  lossCount: number;
  netPnl: Decimal;
  fees: Decimal;
  /** Net P&L before fees. */
  grossPnl: Decimal;
  /** Winning trades / trades, a fraction 0-1 (null without trades). */
  winRate: Decimal | null;
  averageWin: Decimal | null;
  /** Mean P&L of the losing trades (negative). */
  averageLoss: Decimal | null;
  /** Gross profit of winners / gross loss of losers (null without losers). */
  profitFactor: Decimal | null;
}

/** Win/loss statistics of closed positions, by their realized P&L (fees included). */
export function tradeStatistics(positions: PositionDraft[]): TradeStatistics {
  const pnls = positions.map((position) => dec(String(position.realizedPnl ?? 0)));
  const wins = pnls.filter((pnl) => pnl.isPositive() && !pnl.isZero());
  const losses = pnls.filter((pnl) => pnl.isNegative() && !pnl.isZero());
  const fees = sum(positions.map((position) => dec(String(position.fees ?? 0))));
  const netPnl = sum(pnls);
  const lost = sum(losses).abs();
  return {
    tradeCount: pnls.length,
    winCount: wins.length,
    lossCount: losses.length,
    netPnl,
    fees,
    grossPnl: netPnl.plus(fees),
    winRate: pnls.length ? ratio(dec(wins.length).div(pnls.length)) : null,
    averageWin: wins.length ? sum(wins).div(wins.length).toDecimalPlaces(8) : null,
    averageLoss: losses.length ? sum(losses).div(losses.length).toDecimalPlaces(8) : null,
    profitFactor: lost.isZero() ? null : ratio(sum(wins).div(lost)),
  };
}
