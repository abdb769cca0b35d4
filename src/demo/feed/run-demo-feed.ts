import { setTimeout as delay } from 'node:timers/promises';
import type { Database } from '../../db/prisma.ts';
import { Random } from '../random.ts';
import { adoptOpenPositions } from './adopt.ts';
import { resolveDesks } from './desks.ts';
import { recordEquity } from './equity.ts';
import { emptyCounts, type FeedContext, type FeedCounts } from './feed-context.ts';
import { LivePrices } from './live-prices.ts';
import { PredictionStream, resolveFeedModel } from './predictions.ts';
import { proposeSignal } from './signals.ts';
import { checkExit, isActive, isReady, type Trade } from './trade.ts';
import { advanceTrade } from './trade-steps.ts';

/** Options of {@link runDemoFeed}. */
export interface DemoFeedOptions {
  /** Stop after this many events. Default: no limit. */
  steps?: number;
  /** Stop once this many milliseconds have passed on `clock`. Default: no limit. */
  durationMs?: number;
  /** Seeds every random choice: the same seed gives the same events. Default 1. */
  seed?: number;
  /** Events per second, on average (each wait is 0.5-1.5 times 1/rate). Default 2. */
  rate?: number;
  /** The time every row is written with. Default: the wall clock. */
  clock?: () => Date;
  /** Waits between events. Default: a timer that `signal` cuts short. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Stops the feed after the event being written. */
  signal?: AbortSignal;
  /** Receives one line per row written. Default: dropped. */
  log?: (line: string) => void;
}

/** What a run wrote. */
export interface DemoFeedSummary extends FeedCounts {
  /** Names of the strategies the feed traded for. */
  strategies: string[];
  /** Name of the model whose predictions it recorded. */
  model: string;
}

/** Default pace: about one signal every 1-3 s among the other events. */
export const DEFAULT_RATE = 2;
const EQUITY_EVERY_STEPS = 6;
const PREDICT_EVERY_STEPS = 9;
const PREDICTION_HORIZON_STEPS = 20;
const MAX_HOLD_STEPS = 60;
/** How often a ready trade's next write wins over a new signal. */
const ADVANCE_SHARE = 0.65;

/**
 * Runs the simulated collector: a stream of events, each written through the writer modules
 * (src/writers) into `db`, as a real collector would. Signals are proposed and approved or
 * rejected with a reason; approved ones are ordered, filled in parts (some orders are canceled),
 * and become positions with a stop and a target, closed by an exit order when one is hit or they
 * time out. Equity snapshots come every few events, ML predictions too, resolved later.
 *
 * Uses the demo data set's strategies and model when present (by name), else creates its own.
 * Open positions on its desks (an earlier run's, the demo's) are managed to their exit, and
 * orders an earlier run left working are canceled.
 * Runs until `steps` events, `durationMs` or `signal`, whichever comes first; the event being
 * written is always finished. The caller owns `db`. A writer refusal is a bug and is thrown.
 */
export async function runDemoFeed(
  db: Database,
  options: DemoFeedOptions = {},
): Promise<DemoFeedSummary> {
  const clock = options.clock ?? (() => new Date());
  const rate = options.rate ?? DEFAULT_RATE;
  if (!(rate > 0)) throw new RangeError(`rate must be greater than 0, got ${rate}`);
  const seed = options.seed ?? 1;
  const sleep = options.sleep ?? sleepUnlessAborted;
  const log = options.log ?? (() => {});
  const started = clock();
  const random = new Random(seed);
  const runId = `feed-${started.getTime().toString(36)}-${(seed >>> 0).toString(36)}`;
  let idCount = 0;
  const ctx: FeedContext = {
    db,
    random,
    prices: new LivePrices(random.derive('prices'), started.getTime()),
    now: clock,
    counts: emptyCounts(),
    step: 0,
    rate,
    nextId: (kind) => `${runId}-${kind}${++idCount}`,
  };
  const desks = await resolveDesks(db, started);
  const books = [...new Set(desks.map((desk) => desk.book))];
  const predictions = new PredictionStream(
    await resolveFeedModel(db, desks),
    PREDICTION_HORIZON_STEPS,
  );
  // Continue from the last traded prices, so that a run continues the charts (and the P&L of
  // the positions it adopts) of the demo data set or of the previous run.
  for (const { instrument } of desks) {
    const last = await db.fill.findFirst({
      where: { exchange: instrument.exchange, symbol: instrument.symbol },
      orderBy: [{ executedAt: 'desc' }, { id: 'desc' }],
    });
    if (last) ctx.prices.anchor(instrument.asset, last.price.toNumber());
  }
  const adopted = await adoptOpenPositions(ctx, desks);
  for (const line of adopted.lines) log(line);
  let trades: Trade[] = adopted.trades;

  const finished = () =>
    options.signal?.aborted === true ||
    (options.steps !== undefined && ctx.step >= options.steps) ||
    (options.durationMs !== undefined &&
      clock().getTime() - started.getTime() >= options.durationMs);

  const nextEvent = async (): Promise<string[]> => {
    if (ctx.step % EQUITY_EVERY_STEPS === 0) return recordEquity(ctx, books, trades);
    if (predictions.hasDue(ctx.step)) return predictions.resolveDue(ctx);
    if (ctx.step % PREDICT_EVERY_STEPS === 0) return predictions.predict(ctx);
    const ready = trades.filter(isReady);
    const allBusy = trades.filter(isActive).length >= desks.length;
    if (ready.length > 0 && (allBusy || random.chance(ADVANCE_SHARE))) {
      return advanceTrade(ctx, random.pick(ready));
    }
    const { latest } = predictions;
    const predicted = latest && { row: latest, desk: predictions.feedModel.desk };
    const { lines, trade } = await proposeSignal(ctx, desks, trades, predicted);
    if (trade) trades.push(trade);
    return lines;
  };

  while (!finished()) {
    ctx.step++;
    ctx.counts.steps++;
    ctx.prices.tick();
    for (const trade of trades) {
      checkExit(trade, ctx.prices.quote(trade.desk.instrument), ctx.step, MAX_HOLD_STEPS);
    }
    for (const line of await nextEvent()) log(line);
    trades = trades.filter(isActive);
    if (!finished()) await sleep((1000 / rate) * random.float(0.5, 1.5), options.signal);
  }
  return {
    ...ctx.counts,
    strategies: books.map((book) => book.strategy.name),
    model: predictions.feedModel.model.name,
  };
}

async function sleepUnlessAborted(ms: number, signal?: AbortSignal): Promise<void> {
  await delay(ms, undefined, { signal }).catch((error: unknown) => {
    if ((error as Error).name !== 'AbortError') throw error;
  });
}
