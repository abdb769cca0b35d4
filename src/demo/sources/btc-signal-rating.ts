import type { Chart } from '../chart.ts';
import type { Random } from '../random.ts';
import { snapshotNumber } from '../snapshot-number.ts';

/** BTC Signal Trader's five signal types. */
export type Rating = 'STRONG_BUY' | 'BUY' | 'NEUTRAL' | 'SELL' | 'STRONG_SELL';

/** One candle's rating with the explanation the source stores alongside it. */
export interface CandleRating {
  type: Rating;
  /** 0-100, as the source stores it. */
  confidence: number;
  reasons: string[];
  warnings: string[];
  indicators: Record<string, number>;
}

/**
 * Rates one 5-minute candle the way BTC Signal Trader does: a weighted vote of trend (price vs
 * EMA 20 in ATRs), RSI, CVD and order book imbalance. CVD and imbalance are not in the simulated
 * market, so they are drawn correlated with the trend.
 */
export function rateCandle(random: Random, chart: Chart, index: number): CandleRating {
  const close = chart.candles[index]?.close ?? 0;
  const atr = chart.atr14[index] ?? 1;
  const trend = (close - (chart.ema20[index] ?? close)) / atr;
  const higherTrend = (close - (chart.ema50[index] ?? close)) / atr;
  const rsi = chart.rsi14[index] ?? 50;
  const cvd = 0.6 * trend + random.normal() * 0.8;
  const imbalance = Math.max(-60, Math.min(60, 8 * trend + random.normal() * 10));
  const vote = 0.45 * trend + 0.25 * ((rsi - 50) / 10) + 0.35 * cvd + 0.02 * imbalance;
  const type: Rating =
    vote > 1.5
      ? 'STRONG_BUY'
      : vote > 0.5
        ? 'BUY'
        : vote < -1.5
          ? 'STRONG_SELL'
          : vote < -0.5
            ? 'SELL'
            : 'NEUTRAL';
  const confidence = Math.min(98, Math.round(35 + 24 * Math.abs(vote) + random.float(0, 6)));
  const cvdBtc = snapshotNumber(cvd * 42, 2);
  const reasons = [
    `CVD ${cvdBtc >= 0 ? '+' : ''}${cvdBtc} BTC over the last 12 candles`,
    `order book imbalance ${imbalance >= 0 ? '+' : ''}${imbalance.toFixed(1)}% (kraken, 10 levels)`,
    `price ${trend >= 0 ? 'above' : 'below'} EMA 20 by ${Math.abs(trend).toFixed(2)} ATR`,
  ];
  if (Math.abs(rsi - 50) > 12) reasons.push(`RSI ${rsi.toFixed(1)}`);
  const warnings: string[] = [];
  if (rsi > 70) warnings.push(`RSI overbought (${rsi.toFixed(1)})`);
  if (rsi < 30) warnings.push(`RSI oversold (${rsi.toFixed(1)})`);
  if (Math.sign(higherTrend) !== Math.sign(vote) && type !== 'NEUTRAL') {
    warnings.push('against the EMA 50 trend');
  }
  if (random.chance(0.12)) warnings.push('low volume: 5m volume below 40% of the 24h average');
  if (random.chance(0.05)) warnings.push('kraken order book stale for 8s, imbalance may lag');
  return {
    type,
    confidence,
    reasons: type === 'NEUTRAL' ? reasons.slice(0, 1) : reasons,
    warnings,
    indicators: {
      price: snapshotNumber(close, 2),
      cvd: cvdBtc,
      orderbook_imbalance: snapshotNumber(imbalance, 2),
      rsi_14: snapshotNumber(rsi, 2),
      ema_20: snapshotNumber(chart.ema20[index] ?? close, 2),
      atr_14: snapshotNumber(atr, 2),
    },
  };
}
