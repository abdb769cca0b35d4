import type { DemoContext } from './context.ts';
import { type DemoDataSet, emptyDataSet } from './drafts.ts';
import {
  booksOf,
  generateAccountCurve,
  generateEquityCurves,
  snapshotInterval,
} from './equity-curves.ts';
import { ExternalIds } from './external-ids.ts';
import { createMarket } from './market.ts';
import { generateModels } from './ml-models.ts';
import { generatePerformance, summarizeBacktests } from './performance.ts';
import { Random } from './random.ts';
import { generateRiskEvents } from './risk-events.ts';
import { generateAbidance } from './sources/abidance.ts';
import { generateArbEngine } from './sources/arb-engine.ts';
import { generateBtcSignalTrader } from './sources/btc-signal-trader.ts';
import { generateEaOkx } from './sources/ea-okx.ts';
import { generateGalFriday } from './sources/gal-friday.ts';
import { demoStrategies, retiredStrategies } from './strategies.ts';
import { DEMO_DAYS } from './timeline.ts';

/** Days simulated before the demo window, so indicators (EMA 50 on 1h) have warmed up. */
const WARMUP_DAYS = 3;

/** Options of {@link buildDemoData}; `loadDemoData` documents each and fills the defaults. */
export interface BuildOptions {
  scale: number;
  seed: number;
  /** End of the data set, epoch ms. */
  now: number;
}

/**
 * Builds the whole demo data set in memory, without touching a database: the same options
 * always give the same rows. Ids are left at 0 for `allocateIds` to fill in.
 */
export function buildDemoData(options: BuildOptions): DemoDataSet {
  const random = new Random(options.seed);
  const ctx: DemoContext = {
    data: emptyDataSet(),
    market: createMarket(random.derive('market'), options.now, DEMO_DAYS + WARMUP_DAYS),
    ids: new ExternalIds(random.derive('external-ids')),
    scale: options.scale,
    now: options.now,
    random,
  };
  const strategies = demoStrategies(options.now);
  ctx.data.strategies.push(...Object.values(strategies), ...retiredStrategies(options.now));
  const models = generateModels(ctx);
  generateArbEngine(ctx, strategies.arb_engine);
  generateGalFriday(ctx, strategies.gal_friday, models.galFriday);
  generateEaOkx(ctx, strategies.ea_okx);
  generateBtcSignalTrader(ctx, strategies.btc_signal_trader);
  generateAbidance(ctx, strategies.abidance);

  const interval = snapshotInterval(options.scale);
  const books = booksOf(ctx);
  generateEquityCurves(ctx, books);
  generateAccountCurve(ctx, books);
  summarizeBacktests(books, interval);
  generatePerformance(ctx, books, interval);
  generateRiskEvents(ctx, books);
  sortChronologically(ctx.data);
  return ctx.data;
}

/** Rows get ids in this order, so ids ascend with time as they do in a live system. */
function sortChronologically(data: DemoDataSet): void {
  const by =
    <T>(time: (row: T) => Date) =>
    (a: T, b: T) =>
      time(a).getTime() - time(b).getTime();
  data.predictions.sort(by((row) => row.time));
  data.signals.sort(by((row) => row.generatedAt));
  data.positions.sort(by((row) => row.openedAt));
  data.orders.sort(by((row) => row.createdAt));
  data.fills.sort(by((row) => row.executedAt));
  data.equitySnapshots.sort(by((row) => row.time));
  data.riskEvents.sort(by((row) => row.time));
}
