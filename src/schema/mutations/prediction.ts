import { assertMayWrite } from '../../auth/write-access.ts';
import type { Prediction } from '../../generated/prisma/client.ts';
import { recordPrediction, resolvePrediction } from '../../writers/index.ts';
import type { UpsertResult } from '../../writers/write-result.ts';
import { builder } from '../builder.ts';
import { PredictionNode } from '../prediction.ts';
import { idOf, json, orDefault } from './input-values.ts';
import { writerResult } from './mutation-field.ts';

const RecordPredictionInput = builder.inputType('RecordPredictionInput', {
  description: "An ML model's prediction for one instrument at one time.",
  fields: (t) => ({
    modelId: t.id({ required: true, description: 'Global ID of the model.' }),
    exchange: t.string({ required: true, description: 'Exchange of the instrument.' }),
    symbol: t.string({
      required: true,
      description: 'Instrument symbol as the exchange spells it.',
    }),
    target: t.string({
      required: true,
      description: 'What is predicted, e.g. `price_direction`, `next_price`.',
    }),
    horizon: t.string({ description: 'How far ahead, e.g. `1h`.' }),
    value: t.field({ type: 'Decimal', required: true, description: 'Predicted value.' }),
    confidence: t.field({ type: 'Decimal', description: 'Confidence from 0 to 1.' }),
    features: t.field({ type: 'JSON', description: 'Feature values it was computed from.' }),
    metadata: t.field({ type: 'JSON', description: 'Source-specific fields.' }),
    time: t.field({
      type: 'DateTime',
      required: true,
      description: 'Market time it is made at; at most 5 minutes in the future.',
    }),
  }),
});

const RecordPredictionSuccess = builder
  .objectRef<UpsertResult<Prediction>>('RecordPredictionSuccess')
  .implement({
    description: 'The recorded prediction.',
    fields: (t) => ({
      prediction: t.field({
        type: PredictionNode,
        description: 'The prediction.',
        resolve: (r) => r.row,
      }),
      created: t.exposeBoolean('created', {
        description:
          'False when the same model, instrument, time and target was recorded: that one, unchanged.',
      }),
    }),
  });

builder.mutationField('recordPrediction', (t) =>
  t.field({
    type: RecordPredictionSuccess,
    description: 'Records a prediction; idempotent by (model, exchange, symbol, time, target).',
    errors: writerResult('recordPrediction'),
    args: {
      input: t.arg({ type: RecordPredictionInput, required: true, description: 'The prediction.' }),
    },
    resolve: async (_root, { input }, ctx) => {
      const values = {
        ...input,
        modelId: idOf(input.modelId, 'MlModel', 'modelId'),
        features: json(input.features),
        metadata: json(input.metadata),
      };
      await assertMayWrite(ctx, 'recordPrediction', { shared: 'a prediction' });
      return recordPrediction(ctx.prisma, values);
    },
  }),
);

const ResolvePredictionInput = builder.inputType('ResolvePredictionInput', {
  description: 'The observed outcome of a prediction.',
  fields: (t) => ({
    predictionId: t.id({ required: true, description: 'Global ID of the prediction.' }),
    actualValue: t.field({
      type: 'Decimal',
      required: true,
      description: "The observed outcome, in the target's unit.",
    }),
    resolvedAt: t.field({ type: 'DateTime', description: 'When it was observed; default now.' }),
  }),
});

const ResolvePredictionSuccess = builder
  .objectRef<Prediction>('ResolvePredictionSuccess')
  .implement({
    description: 'The resolved prediction.',
    fields: (t) => ({
      prediction: t.field({
        type: PredictionNode,
        description: 'The prediction, with its actual value and error.',
        resolve: (prediction) => prediction,
      }),
    }),
  });

builder.mutationField('resolvePrediction', (t) =>
  t.field({
    type: ResolvePredictionSuccess,
    description:
      'Records the outcome of a prediction; the same value again is a retry, a different one is refused.',
    errors: writerResult('resolvePrediction'),
    args: {
      input: t.arg({ type: ResolvePredictionInput, required: true, description: 'The outcome.' }),
    },
    resolve: async (_root, { input }, ctx) => {
      const values = {
        predictionId: idOf(input.predictionId, 'Prediction', 'predictionId'),
        actualValue: input.actualValue,
        resolvedAt: orDefault(input.resolvedAt),
      };
      await assertMayWrite(ctx, 'resolvePrediction', { shared: 'a prediction' });
      return resolvePrediction(ctx.prisma, values);
    },
  }),
);
