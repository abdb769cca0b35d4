import { type Decimal, ratio, ZERO } from './decimal.ts';
import { DAY_MS } from './market.ts';

/** Running, daily (UTC day) and weekly (UTC, Monday) peaks and the drawdowns below them. */
export class DrawdownTracker {
  private peak = ZERO;
  private dayPeak = ZERO;
  private weekPeak = ZERO;
  private day = -1;
  private week = -1;
  private worst = ZERO;

  /** Takes the next snapshot's equity (in time order) and returns its drawdowns in percent. */
  update(time: number, equity: Decimal) {
    const day = Math.floor(time / DAY_MS);
    // Day 0 (1970-01-01) was a Thursday; +3 makes weeks start on Mondays.
    const week = Math.floor((day + 3) / 7);
    if (day !== this.day) [this.day, this.dayPeak] = [day, equity];
    if (week !== this.week) [this.week, this.weekPeak] = [week, equity];
    this.peak = maxOf(this.peak, equity);
    this.dayPeak = maxOf(this.dayPeak, equity);
    this.weekPeak = maxOf(this.weekPeak, equity);
    const drawdown = percentBelow(this.peak, equity);
    this.worst = maxOf(this.worst, drawdown);
    return {
      drawdownPct: drawdown,
      dailyDrawdownPct: percentBelow(this.dayPeak, equity),
      weeklyDrawdownPct: percentBelow(this.weekPeak, equity),
      maxDrawdownPct: this.worst,
    };
  }
}

function maxOf(a: Decimal, b: Decimal): Decimal {
  return a.greaterThan(b) ? a : b;
}

function percentBelow(peak: Decimal, value: Decimal): Decimal {
  return peak.isZero() ? ZERO : ratio(peak.minus(value).div(peak).times(100));
}
