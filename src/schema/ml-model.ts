import type { Prisma } from '../generated/prisma/client.ts';
import { builder } from './builder.ts';
import { inList, ModelStatusEnum, ModelTypeEnum } from './common.ts';
import { filterFields } from './filter-fields.ts';
import { findRow } from './find-row.ts';
import { parseGlobalIds } from './global-ids.ts';
import { timeOrderedList } from './list-field.ts';
import { PredictionConnection, PredictionNode } from './prediction.ts';
import { relationPages } from './relation-pages.ts';
import { relations } from './relations.ts';
import { versionedLookupArgs, versionedLookupQuery } from './versioned-lookup.ts';

export const MlModelNode = builder.prismaNode('MlModel', {
  description: 'A machine-learning model version whose predictions drive signals.',
  id: { field: 'id', description: 'Opaque global ID.' },
  // An id that names no row resolves node(id) to null instead of an error.
  nullable: true,
  fields: (t) => ({
    databaseId: t.expose('id', {
      type: 'BigInt',
      description: 'Primary key in the ml_models table.',
    }),
    name: t.exposeString('name', { description: 'Model name; unique together with version.' }),
    version: t.exposeString('version', { description: 'Version label.' }),
    type: t.expose('type', { type: ModelTypeEnum, description: 'Learning task.' }),
    status: t.expose('status', { type: ModelStatusEnum, description: 'Lifecycle state.' }),
    framework: t.exposeString('framework', {
      nullable: true,
      description: 'e.g. "pytorch", "lightgbm".',
    }),
    description: t.exposeString('description', {
      nullable: true,
      description: 'Free-text description.',
    }),
    target: t.exposeString('target', {
      nullable: true,
      description: 'What the model predicts by default.',
    }),
    hyperparameters: t.expose('hyperparameters', {
      type: 'JSON',
      description: 'Training hyperparameters.',
    }),
    trainingMetrics: t.expose('trainingMetrics', {
      type: 'JSON',
      description: 'Metrics on the training set.',
    }),
    validationMetrics: t.expose('validationMetrics', {
      type: 'JSON',
      description: 'Metrics on the validation set.',
    }),
    features: t.exposeStringList('features', { description: 'Input features, in order.' }),
    symbols: t.exposeStringList('symbols', { description: 'Instruments it was trained on.' }),
    timeframes: t.exposeStringList('timeframes', { description: 'Timeframes it was trained on.' }),
    trainingStart: t.expose('trainingStart', {
      type: 'DateTime',
      nullable: true,
      description: 'Start of the training window.',
    }),
    trainingEnd: t.expose('trainingEnd', {
      type: 'DateTime',
      nullable: true,
      description: 'End of the training window.',
    }),
    artifactUri: t.exposeString('artifactUri', {
      nullable: true,
      description: 'Where the model files are stored.',
    }),
    metadata: t.expose('metadata', {
      type: 'JSON',
      description: 'Source-specific fields without a canonical column.',
    }),
    createdAt: t.expose('createdAt', {
      type: 'DateTime',
      description: 'When the model was recorded.',
    }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'Last change to the row.' }),
    predictions: t.connection(
      {
        type: PredictionNode,
        ...relationPages(relations.modelPredictions, "The model's predictions."),
      },
      PredictionConnection,
    ),
  }),
});

export const MlModelConnection = builder.connectionObject(
  { type: MlModelNode, name: 'MlModelConnection', description: 'A page of ML models.' },
  { name: 'MlModelEdge', description: 'One of ML models in a page, with its cursor.' },
);

const MlModelFilter = builder.inputType('MlModelFilter', {
  description: 'Conditions on ML models; all given conditions must hold.',
  fields: (t) => ({
    ids: filterFields.ids(t, 'MlModel'),
    names: t.stringList({ required: false, description: 'Only models with one of these names.' }),
    types: t.field({ type: [ModelTypeEnum], required: false, description: 'Only these types.' }),
    statuses: t.field({
      type: [ModelStatusEnum],
      required: false,
      description: 'Only these statuses.',
    }),
  }),
});

function mlModelWhere(
  filter: typeof MlModelFilter.$inferInput | null | undefined,
): Prisma.MlModelWhereInput {
  if (!filter) return {};
  return {
    id: filter.ids
      ? { in: parseGlobalIds(filter.ids.map(String), 'MlModel', 'filter.ids') }
      : undefined,
    name: inList(filter.names),
    type: inList(filter.types),
    status: inList(filter.statuses),
  };
}

builder.queryField('mlModels', (t) =>
  t.prismaConnection(
    {
      type: 'MlModel',
      ...timeOrderedList(t, {
        description: 'ML models, newest first by default.',
        timeField: 'createdAt',
        filter: MlModelFilter,
        where: mlModelWhere,
        model: 'mlModel',
      }),
    },
    MlModelConnection,
  ),
);

builder.queryField('mlModel', (t) =>
  t.prismaField({
    type: 'MlModel',
    nullable: true,
    description:
      'One ML model, by global ID or by name. With a name but no version, the newest version.',
    args: versionedLookupArgs(t),
    resolve: (query, _parent, args, ctx, info) => {
      const lookup = versionedLookupQuery(args, 'MlModel', 'mlModel');
      return (
        findRow('MlModel', query, lookup.where, lookup.orderBy !== undefined, ctx, info) ??
        ctx.prisma.mlModel.findFirst({ ...query, ...lookup })
      );
    },
  }),
);
