import { type Decimal, toStep } from '../decimal.ts';
import type { Asset, Instrument } from '../instruments.ts';
import { createMarket } from '../market.ts';
import type { Random } from '../random.ts';

/**
 * Volatility of one feed step, per asset. Far above a real second's: a person watching should
 * see stops and targets hit within a minute or two, not a day.
 */
const STEP_VOLATILITY: Record<Asset, number> = { BTC: 0.0007, ETH: 0.0009, XRP: 0.0012 };

/**
 * The feed's market: one mid price per asset, moved one random step per feed event. It starts
 * where the demo data set's simulated market ends, so live prices continue its charts' levels.
 */
export class LivePrices {
  private readonly mids: Record<Asset, number>;

  /** Starts from the last minute of a one-day demo market simulated from `random`. */
  constructor(
    private readonly random: Random,
    now: number,
  ) {
    const market = createMarket(random.derive('market'), now, 1);
    const last = market.minutes - 1;
    this.mids = {
      BTC: market.price('BTC', last),
      ETH: market.price('ETH', last),
      XRP: market.price('XRP', last),
    };
  }

  /** Continues from `price` (the last one traded in the database), not the simulated level. */
  anchor(asset: Asset, price: number): void {
    if (Number.isFinite(price) && price > 0) this.mids[asset] = price;
  }

  /** Moves every asset one step (correlated through a common market shock). */
  tick(): void {
    const market = this.random.normal();
    for (const asset of Object.keys(this.mids) as Asset[]) {
      const shock = 0.7 * market + 0.71 * this.random.normal();
      this.mids[asset] *= Math.exp(STEP_VOLATILITY[asset] * shock);
    }
  }

  /** The asset's mid price (a float: for simulation decisions only). */
  mid(asset: Asset): number {
    return this.mids[asset];
  }

  /** The instrument's price now, on its tick. */
  quote(instrument: Instrument): Decimal {
    return toStep(this.mids[instrument.asset], instrument.tickSize);
  }

  /** A price `fraction` away from the current one (negative: below), on the tick. */
  offset(instrument: Instrument, fraction: number): Decimal {
    return toStep(this.mids[instrument.asset] * (1 + fraction), instrument.tickSize);
  }
}
