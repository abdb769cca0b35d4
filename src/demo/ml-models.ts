import type { DemoContext } from './context.ts';
import { dec, ratio, toStep } from './decimal.ts';
import type { MlModelDraft, PredictionDraft } from './drafts.ts';
import { INSTRUMENTS, type Instrument } from './instruments.ts';
import { DAY_MS, MINUTE_MS } from './market.ts';
import type { Random } from './random.ts';
import { snapshotNumber } from './snapshot-number.ts';

/** How a model's predictions are made: what it predicts, for which instrument, how often. */
interface ModelSeries {
  model: MlModelDraft;
  instrument: Instrument;
  target: string;
  /** `probability`: P(price higher after the horizon); `price`: the price after the horizon. */
  output: 'probability' | 'price';
  horizonMinutes: number;
  /** Minutes between predictions at scale 1. */
  everyMinutes: number;
  /** How much the model knows about the future move (0 = a coin flip). */
  skill: number;
  features: (random: Random, minute: number) => Record<string, number>;
  /** `metadata.source` of each prediction: the system and the table it comes from. */
  source: string;
}

/** The demo's ML models, keyed by their use: Gal-Friday's signal model and Abidance's two. */
export interface DemoModels {
  galFriday: MlModelDraft;
  abidancePrice: MlModelDraft;
  abidanceDirection: MlModelDraft;
}

/**
 * Adds the ML models (one archived predecessor included) and their predictions over the demo
 * window. Predictions whose horizon has passed have `actual_value`, `error` (actual - value)
 * and `resolved_at` filled in, the way the sources backfill them; the latest are unresolved.
 */
export function generateModels(ctx: DemoContext): DemoModels {
  const random = ctx.random.derive('ml-models');
  const models = modelRows(ctx.now);
  ctx.data.mlModels.push(models.galFriday, models.abidancePrice, models.abidanceDirection);
  ctx.data.mlModels.push(archivedModel(ctx.now));
  const series: ModelSeries[] = [
    {
      model: models.galFriday,
      instrument: INSTRUMENTS.krakenXrp,
      target: 'prob_up',
      source: 'gal_friday.predictions',
      output: 'probability',
      horizonMinutes: 30,
      everyMinutes: 30,
      skill: 0.9,
      features: (r) => ({
        rsi_14: snapshotNumber(r.float(22, 78), 2),
        spread_pct: snapshotNumber(r.float(0.02, 0.11), 4),
        book_imbalance_5: snapshotNumber(r.float(-0.45, 0.45), 4),
        momentum_5: snapshotNumber(r.normal() * 0.004, 6),
        volatility_30m: snapshotNumber(r.float(0.002, 0.012), 6),
      }),
    },
    {
      model: models.abidancePrice,
      instrument: INSTRUMENTS.binanceSpotBtc,
      target: 'next_price',
      source: 'abidance.model_predictions',
      output: 'price',
      horizonMinutes: 60,
      everyMinutes: 60,
      skill: 0.35,
      features: (r) => ({
        close_return_1h: snapshotNumber(r.normal() * 0.006, 6),
        volume_z: snapshotNumber(r.normal(), 4),
        ema_20_slope: snapshotNumber(r.normal() * 0.002, 6),
        rsi_14: snapshotNumber(r.float(25, 75), 2),
      }),
    },
    {
      model: models.abidanceDirection,
      instrument: INSTRUMENTS.binanceSpotEth,
      target: 'price_direction',
      source: 'abidance.model_predictions',
      output: 'probability',
      horizonMinutes: 240,
      everyMinutes: 60,
      skill: 0.7,
      features: (r) => ({
        adx_14: snapshotNumber(r.float(12, 45), 2),
        macd_hist: snapshotNumber(r.normal() * 4, 4),
        rsi_14: snapshotNumber(r.float(25, 75), 2),
        funding_rate: snapshotNumber(0.0001 + r.normal() * 0.00005, 8),
      }),
    },
  ];
  for (const one of series) addPredictions(ctx, random.derive(one.target), one);
  return models;
}

function addPredictions(ctx: DemoContext, random: Random, series: ModelSeries): void {
  const { market } = ctx;
  const { asset } = series.instrument;
  const step = Math.max(5, Math.round(series.everyMinutes / ctx.scale)) * MINUTE_MS;
  const windowStart = ctx.now - 30 * DAY_MS;
  for (let time = Math.ceil(windowStart / step) * step; time <= ctx.now; time += step) {
    const minute = market.minuteAt(time);
    const price = market.price(asset, minute);
    const resolves = time + series.horizonMinutes * MINUTE_MS;
    const future = market.price(asset, market.minuteAt(resolves));
    const move = Math.log(future / price);
    const scaleOfMove = 0.004 * Math.sqrt(series.horizonMinutes / 30);
    const belief = series.skill * (move / scaleOfMove) + random.normal();
    const probability = dec((1 / (1 + Math.exp(-belief * 0.6))).toFixed(4));
    const value =
      series.output === 'probability'
        ? probability
        : toStep(
            price * Math.exp(series.skill * move + random.normal() * scaleOfMove),
            series.instrument.tickSize,
          );
    const prediction: PredictionDraft = {
      id: 0n,
      model: series.model,
      exchange: series.instrument.exchange,
      symbol: series.instrument.symbol,
      target: series.target,
      horizon: `${series.horizonMinutes}m`,
      value,
      confidence: ratio(Math.abs(probability.toNumber() - 0.5) * 2),
      features: series.features(random, minute),
      metadata: { source: series.source },
      time: new Date(time),
      createdAt: new Date(time + random.int(150, 2_500)),
    };
    if (resolves + MINUTE_MS <= ctx.now) {
      const actual =
        series.output === 'probability'
          ? dec(future > price ? 1 : 0)
          : toStep(future, series.instrument.tickSize);
      prediction.actualValue = actual;
      prediction.error = actual.minus(value);
      prediction.resolvedAt = new Date(resolves + random.int(1_000, 60_000));
    }
    ctx.data.predictions.push(prediction);
  }
}

function modelRows(now: number): DemoModels {
  const daysAgo = (days: number) => new Date(now - days * DAY_MS);
  return {
    galFriday: {
      id: 0n,
      name: 'galfriday-xrp-lgbm',
      version: '2025.04.3',
      type: 'CLASSIFICATION',
      status: 'DEPLOYED',
      framework: 'lightgbm',
      description: 'Probability that XRP/USD trades higher 30 minutes after the prediction.',
      target: 'prob_up',
      hyperparameters: { num_leaves: 31, learning_rate: 0.05, n_estimators: 400, max_depth: -1 },
      trainingMetrics: { auc: 0.583, logloss: 0.6812, accuracy: 0.556 },
      validationMetrics: { auc: 0.561, logloss: 0.6874, accuracy: 0.547 },
      features: ['rsi_14', 'spread_pct', 'book_imbalance_5', 'momentum_5', 'volatility_30m'],
      symbols: ['XRP/USD'],
      timeframes: ['1m'],
      trainingStart: daysAgo(220),
      trainingEnd: daysAgo(45),
      artifactUri: 's3://gal-friday-models/xrp-usd/lgbm-2025.04.3.txt',
      metadata: { source: 'gal_friday', feature_set_id: 'default_v1', model_id: 'lgbm_xrp_v3' },
      createdAt: daysAgo(44),
      updatedAt: daysAgo(41),
    },
    abidancePrice: {
      id: 0n,
      name: 'abidance-lstm-price',
      version: '0.3.0',
      type: 'REGRESSION',
      status: 'DEPLOYED',
      framework: 'pytorch',
      description: 'Next-hour BTCUSDT close from the last 96 hourly candles.',
      target: 'next_price',
      hyperparameters: { layers: 2, hidden_size: 128, dropout: 0.2, lookback: 96, epochs: 60 },
      trainingMetrics: { mae: 212.4, rmse: 301.9, mape: 0.31 },
      validationMetrics: { mae: 248.7, rmse: 344.2, mape: 0.36 },
      features: ['close', 'volume', 'ema_20', 'ema_50', 'rsi_14', 'atr_14'],
      symbols: ['BTCUSDT'],
      timeframes: ['1h'],
      trainingStart: daysAgo(400),
      trainingEnd: daysAgo(35),
      artifactUri: 'models/abidance-lstm-price/0.3.0/model.pt',
      metadata: { source: 'abidance' },
      createdAt: daysAgo(34),
      updatedAt: daysAgo(32),
    },
    abidanceDirection: {
      id: 0n,
      name: 'abidance-xgb-direction',
      version: '1.2.0',
      type: 'CLASSIFICATION',
      status: 'READY',
      framework: 'xgboost',
      description: 'Probability that ETHUSDT closes higher four hours later.',
      target: 'price_direction',
      hyperparameters: { max_depth: 5, eta: 0.08, subsample: 0.8, n_estimators: 600 },
      trainingMetrics: { auc: 0.612, accuracy: 0.571 },
      validationMetrics: { auc: 0.574, accuracy: 0.552 },
      features: ['adx_14', 'macd_hist', 'rsi_14', 'funding_rate'],
      symbols: ['ETHUSDT'],
      timeframes: ['1h', '4h'],
      trainingStart: daysAgo(365),
      trainingEnd: daysAgo(40),
      artifactUri: 'models/abidance-xgb-direction/1.2.0/model.json',
      metadata: { source: 'abidance' },
      createdAt: daysAgo(38),
      updatedAt: daysAgo(36),
    },
  };
}

function archivedModel(now: number): MlModelDraft {
  return {
    id: 0n,
    name: 'abidance-lstm-price',
    version: '0.2.1',
    type: 'REGRESSION',
    status: 'ARCHIVED',
    framework: 'pytorch',
    description: 'Superseded by 0.3.0 (longer lookback, dropout).',
    target: 'next_price',
    hyperparameters: { layers: 2, hidden_size: 64, dropout: 0, lookback: 48, epochs: 40 },
    trainingMetrics: { mae: 251.0, rmse: 362.5, mape: 0.37 },
    validationMetrics: { mae: 301.3, rmse: 410.8, mape: 0.44 },
    features: ['close', 'volume', 'ema_20', 'rsi_14'],
    symbols: ['BTCUSDT'],
    timeframes: ['1h'],
    trainingStart: new Date(now - 420 * DAY_MS),
    trainingEnd: new Date(now - 90 * DAY_MS),
    artifactUri: 'models/abidance-lstm-price/0.2.1/model.pt',
    metadata: { source: 'abidance' },
    createdAt: new Date(now - 88 * DAY_MS),
    updatedAt: new Date(now - 34 * DAY_MS),
  };
}
