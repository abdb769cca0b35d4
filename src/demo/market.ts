import { type Decimal, toStep } from './decimal.ts';
import type { Asset, Instrument } from './instruments.ts';
import type { Random } from './random.ts';

/** Durations in milliseconds. */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
const MINUTES_PER_YEAR = 525_600;

interface AssetModel {
  /** Range the price starts in and is reflected back into. */
  low: number;
  high: number;
  annualVolatility: number;
  /** Correlation with the common crypto-market factor. */
  beta: number;
}

const MODELS: Record<Asset, AssetModel> = {
  BTC: { low: 60_000, high: 100_000, annualVolatility: 0.5, beta: 1 },
  ETH: { low: 2_000, high: 4_000, annualVolatility: 0.65, beta: 0.85 },
  XRP: { low: 0.5, high: 3, annualVolatility: 0.85, beta: 0.6 },
};

/**
 * A simulated market: one price per minute per asset (a geometric random walk with slowly
 * drifting trends, so trend-following has something to follow) and funding rates for perps.
 * Minute 0 is `start`; the last minute is the minute containing `now`.
 */
export interface Market {
  readonly start: number;
  readonly now: number;
  readonly minutes: number;
  /** The minute index containing `time` (clamped to the simulated range). */
  minuteAt(time: number): number;
  /** Start of minute `minute` in epoch milliseconds. */
  timeAt(minute: number): number;
  /** The asset's mid price during minute `minute` (a float: only for simulation decisions). */
  price(asset: Asset, minute: number): number;
  /** The instrument's price during `minute`, on its tick. */
  quote(instrument: Instrument, minute: number): Decimal;
  /** The rate charged at the funding time (00:00, 08:00, 16:00 UTC) at or before `minute`. */
  fundingRate(asset: Asset, minute: number): number;
}

/** Simulates `days` days of minutes ending at `now` (epoch ms). */
export function createMarket(random: Random, now: number, days: number): Market {
  const end = Math.floor(now / MINUTE_MS) * MINUTE_MS;
  const minutes = days * 24 * 60 + 1;
  const start = end - (minutes - 1) * MINUTE_MS;
  const paths = simulatePaths(random.derive('paths'), minutes);
  const funding = simulateFunding(random.derive('funding'), paths, minutes);
  const clamp = (minute: number) => Math.min(minutes - 1, Math.max(0, minute));
  const pathOf = (asset: Asset) => paths[asset];
  return {
    start,
    now,
    minutes,
    minuteAt: (time) => clamp(Math.floor((time - start) / MINUTE_MS)),
    timeAt: (minute) => start + minute * MINUTE_MS,
    price: (asset, minute) => pathOf(asset)[clamp(minute)] ?? Number.NaN,
    quote: (instrument, minute) =>
      toStep(pathOf(instrument.asset)[clamp(minute)] ?? Number.NaN, instrument.tickSize),
    fundingRate: (asset, minute) =>
      funding[asset][fundingPeriod(start + clamp(minute) * MINUTE_MS) - fundingPeriod(start)] ?? 0,
  };
}

function simulatePaths(random: Random, minutes: number): Record<Asset, Float64Array> {
  const assets = Object.keys(MODELS) as Asset[];
  const paths = {} as Record<Asset, Float64Array>;
  const logPrice = {} as Record<Asset, number>;
  const drift = {} as Record<Asset, number>;
  for (const asset of assets) {
    const { low, high } = MODELS[asset];
    paths[asset] = new Float64Array(minutes);
    logPrice[asset] = Math.log(random.float(low + (high - low) * 0.15, high - (high - low) * 0.15));
    drift[asset] = random.normal() * 1.2;
  }
  // Trends (annualised drift) revert over about three days, so the month shows a few regimes.
  const reversion = 1 / (3 * 24 * 60);
  const driftNoise = 1.5 * Math.sqrt(2 * reversion);
  for (let minute = 0; minute < minutes; minute++) {
    const marketShock = random.normal();
    for (const asset of assets) {
      const model = MODELS[asset];
      const shock = model.beta * marketShock + Math.sqrt(1 - model.beta ** 2) * random.normal();
      const sigma = model.annualVolatility / Math.sqrt(MINUTES_PER_YEAR);
      drift[asset] += -reversion * drift[asset] + driftNoise * random.normal();
      let next = logPrice[asset] + drift[asset] / MINUTES_PER_YEAR + sigma * shock;
      // Reflect at the range edges so every asset stays in its realistic band.
      if (next > Math.log(model.high)) next = 2 * Math.log(model.high) - next;
      if (next < Math.log(model.low)) next = 2 * Math.log(model.low) - next;
      logPrice[asset] = next;
      paths[asset][minute] = Math.exp(next);
    }
  }
  return paths;
}

/** Funding periods are counted in 8-hour steps since the epoch, which fall on 00/08/16 UTC. */
export function fundingPeriod(time: number): number {
  return Math.floor(time / (8 * HOUR_MS));
}

/** One rate per funding period: positive in up-trends (longs pay shorts), as on real perps. */
function simulateFunding(
  random: Random,
  paths: Record<Asset, Float64Array>,
  minutes: number,
): Record<Asset, number[]> {
  const periods = Math.ceil(minutes / 480) + 1;
  const rates = {} as Record<Asset, number[]>;
  for (const asset of Object.keys(paths) as Asset[]) {
    const path = paths[asset];
    rates[asset] = Array.from({ length: periods }, (_, period) => {
      const from = path[Math.max(0, (period - 1) * 480)] ?? 1;
      const to = path[Math.min(minutes - 1, period * 480)] ?? 1;
      return 0.0001 + 0.0003 * Math.tanh(Math.log(to / from) * 5) + random.normal() * 0.00004;
    });
  }
  return rates;
}
