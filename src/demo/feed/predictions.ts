import type { Database } from '../../db/prisma.ts';
import type { MlModel, Prediction } from '../../generated/prisma/client.ts';
import { recordPrediction, resolvePrediction, upsertModel } from '../../writers/index.ts';
import { ratio } from '../decimal.ts';
import type { Desk } from './desks.ts';
import { type FeedContext, feedLine } from './feed-context.ts';

/** The model whose predictions the feed streams, and the desk whose signals follow them. */
export interface FeedModel {
  model: MlModel;
  desk: Desk;
}

/** The demo data set's deployed model, on the instrument it predicts. */
const DEMO_MODEL = { name: 'galfriday-xrp-lgbm', symbol: 'XRP/USD' };
/** The model the feed creates when the demo's is absent. */
export const FEED_MODEL = 'live-feed-direction';

/**
 * The demo's Gal-Friday model when it and a desk on its instrument are present, else the feed's
 * own direction model (created or found again with `upsertModel`) on the first desk.
 */
export async function resolveFeedModel(db: Database, desks: readonly Desk[]): Promise<FeedModel> {
  const demoDesk = desks.find((desk) => desk.instrument.symbol === DEMO_MODEL.symbol);
  const demoModel = demoDesk
    ? await db.mlModel.findFirst({
        where: { name: DEMO_MODEL.name, status: { in: ['DEPLOYED', 'READY'] } },
        orderBy: { id: 'desc' },
      })
    : null;
  if (demoDesk && demoModel) return { model: demoModel, desk: demoDesk };
  const desk = desks[0];
  if (!desk) throw new Error('demo feed: no desk to predict for');
  const { row } = await upsertModel(db, {
    name: FEED_MODEL,
    version: '1',
    type: 'CLASSIFICATION',
    status: 'DEPLOYED',
    framework: 'lightgbm',
    description: 'Written by npm run demo:feed: probability that the price is higher later.',
    target: 'prob_up',
    features: ['momentum_5', 'book_imbalance_5', 'rsi_14'],
    symbols: [desk.instrument.symbol],
    timeframes: ['1m'],
    metadata: { source: 'demo_feed' },
  });
  return { model: row, desk };
}

interface Pending {
  prediction: Prediction;
  price: number;
  dueStep: number;
}

/**
 * The model's predictions: each one is `recordPrediction`ed with the mid price at that time and
 * resolved (`resolvePrediction`: 1 if the price rose, else 0) `horizonSteps` steps later.
 */
export class PredictionStream {
  private readonly pending: Pending[] = [];
  private lastTime = 0;
  /** The latest prediction, for the desk's signals to follow and link. */
  latest: Prediction | undefined;

  constructor(
    readonly feedModel: FeedModel,
    private readonly horizonSteps: number,
  ) {}

  /** Whether a prediction's horizon has passed. */
  hasDue(step: number): boolean {
    return (this.pending[0]?.dueStep ?? Number.POSITIVE_INFINITY) <= step;
  }

  /** Records a new prediction. */
  async predict(ctx: FeedContext): Promise<string[]> {
    const { model, desk } = this.feedModel;
    const { random } = ctx;
    // Predictions are unique per model, instrument, target and instant.
    const time = new Date(Math.max(ctx.now().getTime(), this.lastTime + 1));
    this.lastTime = time.getTime();
    const value = ratio(Math.min(0.95, Math.max(0.05, 0.5 + random.normal() * 0.1)));
    const { row } = await recordPrediction(ctx.db, {
      modelId: model.id,
      exchange: desk.instrument.exchange,
      symbol: desk.instrument.symbol,
      target: model.target ?? 'prob_up',
      horizon: `${Math.max(1, Math.round(this.horizonSteps / ctx.rate))}s`,
      value,
      confidence: ratio(value.minus('0.5').abs().times(2)),
      features: {
        momentum_5: ratio(random.normal() * 0.004).toNumber(),
        book_imbalance_5: ratio(random.float(-0.45, 0.45)).toNumber(),
        rsi_14: ratio(random.float(25, 75)).toNumber(),
      },
      metadata: { source: 'demo_feed' },
      time,
    });
    ctx.counts.predictions++;
    this.latest = row;
    this.pending.push({
      prediction: row,
      price: ctx.prices.mid(desk.instrument.asset),
      dueStep: ctx.step + this.horizonSteps,
    });
    return [
      feedLine(
        time,
        'predict',
        `${model.name} ${row.symbol} ${row.target} ${row.value.toFixed(4)} (horizon ${row.horizon})`,
      ),
    ];
  }

  /** Resolves the oldest prediction whose horizon has passed. */
  async resolveDue(ctx: FeedContext): Promise<string[]> {
    const due = this.pending.shift();
    if (!due) return [];
    const rose = ctx.prices.mid(this.feedModel.desk.instrument.asset) > due.price;
    const resolved = await resolvePrediction(ctx.db, {
      predictionId: due.prediction.id,
      actualValue: rose ? '1' : '0',
      resolvedAt: ctx.now(),
    });
    ctx.counts.resolvedPredictions++;
    return [
      feedLine(
        ctx.now(),
        'resolve',
        `${this.feedModel.model.name} ${resolved.symbol} ${resolved.target} ${resolved.value.toFixed(4)} -> actual ${resolved.actualValue?.toFixed() ?? '?'} (error ${resolved.error?.toFixed(4) ?? '?'})`,
      ),
    ];
  }
}
