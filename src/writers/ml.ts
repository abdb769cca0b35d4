import type { Database } from '../db/prisma.ts';
import type {
  MlModel,
  ModelStatus,
  ModelType,
  Prediction,
  Prisma,
} from '../generated/prisma/client.ts';
import {
  type DecimalInput,
  parseDecimal,
  parseOptionalDecimal,
  toColumn,
} from './decimal-input.ts';
import { invalid, isUniqueViolation, notFound, WriterError } from './errors.ts';
import {
  type IdInput,
  jsonObject,
  optionalText,
  parseId,
  parseOptionalTime,
  parseTime,
  requireText,
} from './validation.ts';
import type { UpsertResult } from './write-result.ts';

/** Input of {@link upsertModel}. Omitted fields keep their stored value (or the default). */
export interface ModelInput {
  name: string;
  version: string;
  type?: ModelType;
  status?: ModelStatus;
  framework?: string | null;
  description?: string | null;
  target?: string | null;
  hyperparameters?: Prisma.InputJsonValue;
  trainingMetrics?: Prisma.InputJsonValue;
  validationMetrics?: Prisma.InputJsonValue;
  features?: string[];
  symbols?: string[];
  timeframes?: string[];
  trainingStart?: Date | null;
  /** Not before `trainingStart`. */
  trainingEnd?: Date | null;
  artifactUri?: string | null;
  metadata?: Prisma.InputJsonValue;
}

/** Creates the model `(name, version)` or updates the fields given. Safe under concurrency. */
export async function upsertModel(db: Database, input: ModelInput): Promise<UpsertResult<MlModel>> {
  const name = requireText('name', input.name);
  const version = requireText('version', input.version);
  const trainingStart = parseOptionalTime('trainingStart', input.trainingStart);
  const trainingEnd = parseOptionalTime('trainingEnd', input.trainingEnd);
  if (trainingStart && trainingEnd && trainingEnd < trainingStart) {
    throw invalid('trainingEnd', 'trainingEnd must not be before trainingStart.');
  }
  const data = {
    type: input.type,
    status: input.status,
    framework: optionalText('framework', input.framework),
    description: optionalText('description', input.description),
    target: optionalText('target', input.target),
    hyperparameters: jsonObject('hyperparameters', input.hyperparameters),
    trainingMetrics: jsonObject('trainingMetrics', input.trainingMetrics),
    validationMetrics: jsonObject('validationMetrics', input.validationMetrics),
    features: input.features,
    symbols: input.symbols,
    timeframes: input.timeframes,
    trainingStart,
    trainingEnd,
    artifactUri: optionalText('artifactUri', input.artifactUri),
    metadata: jsonObject('metadata', input.metadata),
  };
  const key = { name_version: { name, version } };
  if (!(await db.mlModel.findUnique({ where: key }))) {
    try {
      return { row: await db.mlModel.create({ data: { name, version, ...data } }), created: true };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  return { row: await db.mlModel.update({ where: key, data }), created: false };
}

/** Input of {@link recordPrediction}. */
export interface PredictionInput {
  modelId: IdInput;
  exchange: string;
  symbol: string;
  /** What is predicted, e.g. `price_direction`, `next_price`. */
  target: string;
  horizon?: string | null;
  value: DecimalInput;
  /** 0–1. */
  confidence?: DecimalInput | null;
  features?: Prisma.InputJsonValue;
  metadata?: Prisma.InputJsonValue;
  /** Market time the prediction is made at; at most 5 minutes in the future. */
  time: Date;
}

/**
 * Records a prediction, idempotent by `(modelId, exchange, symbol, time, target)`: the same key
 * again returns the stored row unchanged, `created: false`, even under concurrency.
 */
export async function recordPrediction(
  db: Database,
  input: PredictionInput,
): Promise<UpsertResult<Prediction>> {
  const modelId = parseId('modelId', input.modelId);
  const exchange = requireText('exchange', input.exchange);
  const symbol = requireText('symbol', input.symbol);
  const target = requireText('target', input.target);
  const time = parseTime('time', input.time);
  const confidence = parseOptionalDecimal('confidence', input.confidence);
  if (confidence && (confidence.lt(0) || confidence.gt(1))) {
    throw invalid(
      'confidence',
      `confidence must be a fraction between 0 and 1, got ${confidence.toFixed()}.`,
    );
  }
  const data = {
    modelId,
    exchange,
    symbol,
    target,
    time,
    horizon: optionalText('horizon', input.horizon),
    value: parseDecimal('value', input.value),
    confidence,
    features: jsonObject('features', input.features),
    metadata: jsonObject('metadata', input.metadata),
  };
  const findExisting = () =>
    db.prediction.findUnique({
      where: {
        modelId_exchange_symbol_time_target: { modelId, exchange, symbol, time, target },
      },
    });
  const existing = await findExisting();
  if (existing) return { row: existing, created: false };
  if (!(await db.mlModel.findUnique({ where: { id: modelId }, select: { id: true } }))) {
    throw notFound('modelId', 'model', modelId);
  }
  try {
    return { row: await db.prediction.create({ data }), created: true };
  } catch (error) {
    const raced = isUniqueViolation(error) ? await findExisting() : null;
    if (raced) return { row: raced, created: false };
    throw error;
  }
}

/** Input of {@link resolvePrediction}. */
export interface ResolvePredictionInput {
  predictionId: IdInput;
  /** The observed outcome, in the target's unit. */
  actualValue: DecimalInput;
  /** Default now. */
  resolvedAt?: Date;
}

/**
 * Fills in a prediction's outcome: `actualValue`, `error = actualValue - value`, `resolvedAt`.
 * Resolving again with the same value is a retry and changes nothing; with a different value
 * it is refused (CONFLICT), because an outcome is a fact and silently rewriting it would change
 * every accuracy figure computed from it.
 */
export async function resolvePrediction(
  db: Database,
  input: ResolvePredictionInput,
): Promise<Prediction> {
  const predictionId = parseId('predictionId', input.predictionId);
  const actualValue = parseDecimal('actualValue', input.actualValue);
  const resolvedAt =
    input.resolvedAt === undefined ? new Date() : parseTime('resolvedAt', input.resolvedAt);
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM predictions WHERE id = ${predictionId} FOR UPDATE`;
    const prediction = await tx.prediction.findUnique({ where: { id: predictionId } });
    if (!prediction) throw notFound('predictionId', 'prediction', predictionId);
    if (prediction.actualValue != null) {
      if (prediction.actualValue.eq(actualValue)) return prediction;
      throw new WriterError(
        'CONFLICT',
        'actualValue',
        `prediction ${predictionId} was already resolved with actualValue ${prediction.actualValue.toFixed()}; it cannot become ${actualValue.toFixed()}.`,
      );
    }
    return tx.prediction.update({
      where: { id: predictionId },
      data: {
        actualValue,
        error: toColumn('error', actualValue.minus(prediction.value.toFixed())),
        resolvedAt,
      },
    });
  });
}
