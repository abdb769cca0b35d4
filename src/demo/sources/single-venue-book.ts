import { buildChart, type Chart } from '../chart.ts';
import type { DemoContext, Venue } from '../context.ts';
import type { Instrument } from '../instruments.ts';

/** One instrument a single-venue strategy trades: its price chart, where it trades, and when. */
export interface SingleVenueBook {
  instrument: Instrument;
  chart: Chart;
  venue: Venue;
  /** When the open position on this instrument ends (0 while none is open). */
  busyUntil: number;
}

/** A book per instrument, each on the same kind of venue, with `chartMinutes` candles. */
export function singleVenueBooks(
  ctx: DemoContext,
  instruments: readonly Instrument[],
  chartMinutes: number,
  venue: Omit<Venue, 'instrument'>,
): SingleVenueBook[] {
  return instruments.map((instrument) => ({
    instrument,
    chart: buildChart(ctx.market, instrument.asset, chartMinutes),
    venue: { ...venue, instrument },
    busyUntil: 0,
  }));
}
