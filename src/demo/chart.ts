import type { Asset } from './instruments.ts';
import { type Market, MINUTE_MS } from './market.ts';

/** One OHLC candle of the simulated market (floats). */
export interface Candle {
  /** Start of the candle, epoch ms, aligned on the timeframe in UTC. */
  openTime: number;
  /** Market minute of the candle's close. */
  closeMinute: number;
  open: number;
  high: number;
  low: number;
  close: number;
}

/**
 * Candles of one asset and timeframe with the indicators the demo strategies read (EMA 20/50,
 * RSI 14, ATR 14). Floats: they only drive decisions and the JSON indicator snapshots.
 */
export interface Chart {
  readonly timeframe: string;
  readonly candles: readonly Candle[];
  readonly ema20: readonly number[];
  readonly ema50: readonly number[];
  readonly rsi14: readonly number[];
  readonly atr14: readonly number[];
}

/** Builds the chart of `asset` on candles of `timeframeMinutes` minutes. */
export function buildChart(market: Market, asset: Asset, timeframeMinutes: number): Chart {
  const candles = buildCandles(market, asset, timeframeMinutes);
  const closes = candles.map((candle) => candle.close);
  return {
    timeframe: timeframeMinutes >= 60 ? `${timeframeMinutes / 60}h` : `${timeframeMinutes}m`,
    candles,
    ema20: ema(closes, 20),
    ema50: ema(closes, 50),
    rsi14: rsi(closes, 14),
    atr14: atr(candles, 14),
  };
}

function buildCandles(market: Market, asset: Asset, timeframeMinutes: number): Candle[] {
  const span = timeframeMinutes * MINUTE_MS;
  const candles: Candle[] = [];
  let first = market.minuteAt(Math.ceil(market.start / span) * span);
  // Only candles that have closed by `now`.
  while (market.timeAt(first + timeframeMinutes) <= market.now) {
    const last = first + timeframeMinutes - 1;
    let high = -Infinity;
    let low = Infinity;
    for (let minute = first; minute <= last; minute++) {
      const price = market.price(asset, minute);
      high = Math.max(high, price);
      low = Math.min(low, price);
    }
    candles.push({
      openTime: market.timeAt(first),
      closeMinute: last,
      open: market.price(asset, first),
      high,
      low,
      close: market.price(asset, last),
    });
    first += timeframeMinutes;
  }
  return candles;
}

function ema(values: readonly number[], period: number): number[] {
  const k = 2 / (period + 1);
  const out: number[] = [];
  let current = values[0] ?? 0;
  for (const value of values) {
    current = value * k + current * (1 - k);
    out.push(current);
  }
  return out;
}

function rsi(values: readonly number[], period: number): number[] {
  const out: number[] = [];
  let gain = 0;
  let loss = 0;
  for (let i = 0; i < values.length; i++) {
    const change = i === 0 ? 0 : (values[i] ?? 0) - (values[i - 1] ?? 0);
    // Wilder's smoothing.
    gain = (gain * (period - 1) + Math.max(change, 0)) / period;
    loss = (loss * (period - 1) + Math.max(-change, 0)) / period;
    out.push(loss === 0 ? 50 : 100 - 100 / (1 + gain / loss));
  }
  return out;
}

function atr(candles: readonly Candle[], period: number): number[] {
  const out: number[] = [];
  let current = 0;
  candles.forEach((candle, i) => {
    const previousClose = candles[i - 1]?.close ?? candle.open;
    const range = Math.max(
      candle.high - candle.low,
      Math.abs(candle.high - previousClose),
      Math.abs(candle.low - previousClose),
    );
    current = i === 0 ? range : (current * (period - 1) + range) / period;
    out.push(current);
  });
  return out;
}

/** Index of the last candle closed at or before market minute `minute` (-1 if none). */
export function candleIndexAt(chart: Chart, minute: number): number {
  let low = 0;
  let high = chart.candles.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if ((chart.candles[middle]?.closeMinute ?? Infinity) <= minute) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}
