import type { Prisma } from '../generated/prisma/client.ts';
import { builder } from './builder.ts';
import { inList, timeRangeWhere } from './common.ts';
import { filterFields, foreignIdsWhere, sharedWhere } from './filter-fields.ts';
import { timeOrderedList } from './list-field.ts';
import { relationPages } from './relation-pages.ts';
import { relations } from './relations.ts';
import { toOneRows } from './row-lookups.ts';
import { SignalConnection, SignalNode } from './signal.ts';

export const PredictionNode = builder.prismaNode('Prediction', {
  description:
    'What an ML model predicted for an instrument at one instant, and, once known, the actual value and the error.',
  id: { field: 'id', description: 'Opaque global ID.' },
  // An id that names no row resolves node(id) to null instead of an error.
  nullable: true,
  fields: (t) => ({
    databaseId: t.expose('id', {
      type: 'BigInt',
      description: 'Primary key in the predictions table.',
    }),
    exchange: t.exposeString('exchange', { description: 'Exchange of the instrument.' }),
    symbol: t.exposeString('symbol', {
      description: 'Instrument symbol as the exchange spells it.',
    }),
    target: t.exposeString('target', {
      description: 'What is predicted, e.g. "price_direction", "return_5m".',
    }),
    horizon: t.exposeString('horizon', {
      nullable: true,
      description: 'How far ahead, e.g. "5m".',
    }),
    value: t.expose('value', { type: 'Decimal', description: 'Predicted value.' }),
    confidence: t.expose('confidence', {
      type: 'Decimal',
      nullable: true,
      description: 'Confidence, 0-1.',
    }),
    features: t.expose('features', { type: 'JSON', description: 'Input feature values used.' }),
    actualValue: t.expose('actualValue', {
      type: 'Decimal',
      nullable: true,
      description: 'The realized value, filled in once known.',
    }),
    error: t.expose('error', {
      type: 'Decimal',
      nullable: true,
      description: 'Actual minus predicted, once known.',
    }),
    metadata: t.expose('metadata', {
      type: 'JSON',
      description: 'Source-specific fields without a canonical column.',
    }),
    time: t.expose('time', { type: 'DateTime', description: 'The instant the prediction is for.' }),
    resolvedAt: t.expose('resolvedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the actual value was recorded.',
    }),
    createdAt: t.expose('createdAt', {
      type: 'DateTime',
      description: 'When the row was written.',
    }),
    model: t.relation('model', {
      ...toOneRows('Prediction', 'model'),
      description: 'The model that made it.',
    }),
    signals: t.connection(
      { type: SignalNode, ...relationPages(relations.predictionSignals, 'Signals it caused.') },
      SignalConnection,
    ),
  }),
});

export const PredictionConnection = builder.connectionObject(
  { type: PredictionNode, name: 'PredictionConnection', description: 'A page of predictions.' },
  { name: 'PredictionEdge', description: 'One of predictions in a page, with its cursor.' },
);

export const PredictionFilter = builder.inputType('PredictionFilter', {
  description: 'Conditions on predictions; all given conditions must hold.',
  fields: (t) => ({
    ids: filterFields.ids(t, 'Prediction'),
    modelIds: t.idList({ required: false, description: 'Only predictions of these models.' }),
    ...filterFields.instrument(t),
    targets: t.stringList({ required: false, description: 'Only these targets.' }),
    resolved: t.boolean({
      required: false,
      description: 'true: only predictions whose actual value is known; false: only pending ones.',
    }),
    time: filterFields.time(t, 'time'),
  }),
});

export function predictionWhere(
  filter: typeof PredictionFilter.$inferInput | null | undefined,
): Prisma.PredictionWhereInput {
  if (!filter) return {};
  const { id, exchange, symbol } = sharedWhere(filter, 'Prediction');
  return {
    id,
    exchange,
    symbol,
    modelId: foreignIdsWhere(filter.modelIds, 'MlModel', 'filter.modelIds'),
    target: inList(filter.targets),
    actualValue: filter.resolved == null ? undefined : filter.resolved ? { not: null } : null,
    time: timeRangeWhere(filter.time, 'time'),
  };
}

builder.queryField('predictions', (t) =>
  t.prismaConnection(
    {
      type: 'Prediction',
      ...timeOrderedList(t, {
        description: 'Predictions of all models, newest first by default.',
        timeField: 'time',
        filter: PredictionFilter,
        where: predictionWhere,
        model: 'prediction',
      }),
    },
    PredictionConnection,
  ),
);
