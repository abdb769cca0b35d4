import type { Prisma } from '../generated/prisma/client.ts';
import { builder } from './builder.ts';
import {
  inList,
  OrderTypeEnum,
  SignalDirectionEnum,
  SignalStatusEnum,
  SignalStrengthEnum,
  TradingModeEnum,
  timeRangeWhere,
} from './common.ts';
import { filterFields, foreignIdsWhere, sharedWhere } from './filter-fields.ts';
import { timeOrderedList } from './list-field.ts';
import { OrderConnection, OrderNode } from './order.ts';
import { PositionConnection, PositionNode } from './position.ts';
import { relationPages } from './relation-pages.ts';
import { relations } from './relations.ts';
import { toOneRows } from './row-lookups.ts';
import { strategyOwned } from './strategy-owned.ts';

export const SignalNode = builder.prismaNode('Signal', {
  ...strategyOwned('signal'),
  description:
    'A trading signal a strategy produced: what it proposes on which instrument, how confident it is, and what risk checks decided.',
  id: { field: 'id', description: 'Opaque global ID.' },
  // An id that names no row resolves node(id) to null instead of an error.
  nullable: true,
  fields: (t) => ({
    databaseId: t.expose('id', {
      type: 'BigInt',
      description: 'Primary key in the signals table.',
    }),
    externalId: t.exposeString('externalId', {
      nullable: true,
      description: "The source system's own id for this signal, unique per strategy.",
    }),
    exchange: t.exposeString('exchange', { description: 'Exchange of the instrument.' }),
    symbol: t.exposeString('symbol', {
      description: 'Instrument symbol as the exchange spells it.',
    }),
    timeframe: t.exposeString('timeframe', {
      nullable: true,
      description: 'Bar timeframe it was computed on.',
    }),
    direction: t.expose('direction', {
      type: SignalDirectionEnum,
      description: 'What the signal proposes.',
    }),
    strength: t.expose('strength', {
      type: SignalStrengthEnum,
      description: 'How strongly it is meant.',
    }),
    score: t.expose('score', {
      type: 'Decimal',
      nullable: true,
      description: 'Score on a 0-100 scale, for engines that score signals.',
    }),
    confidence: t.expose('confidence', {
      type: 'Decimal',
      nullable: true,
      description: 'Confidence on a 0-1 scale.',
    }),
    entryType: t.expose('entryType', {
      type: OrderTypeEnum,
      nullable: true,
      description: 'Proposed entry order type.',
    }),
    entryPrice: t.expose('entryPrice', {
      type: 'Decimal',
      nullable: true,
      description: 'Proposed entry price.',
    }),
    stopLoss: t.expose('stopLoss', {
      type: 'Decimal',
      nullable: true,
      description: 'Proposed stop-loss price.',
    }),
    takeProfits: t.expose('takeProfits', {
      type: ['Decimal'],
      description: 'Proposed take-profit prices, nearest first.',
    }),
    status: t.expose('status', { type: SignalStatusEnum, description: 'Lifecycle state.' }),
    rejectionReason: t.exposeString('rejectionReason', {
      nullable: true,
      description: 'Why risk checks rejected it (when REJECTED).',
    }),
    reasons: t.exposeStringList('reasons', { description: 'Why the signal was generated.' }),
    warnings: t.exposeStringList('warnings', { description: 'Risk factors noted with it.' }),
    factors: t.expose('factors', {
      type: 'JSON',
      description: 'Breakdown of the score or confidence.',
    }),
    indicators: t.expose('indicators', {
      type: 'JSON',
      description: 'Indicator values at signal time.',
    }),
    riskChecks: t.expose('riskChecks', {
      type: 'JSON',
      description: 'Details of the risk checks performed.',
    }),
    mode: t.expose('mode', { type: TradingModeEnum, description: 'Live, paper or backtest.' }),
    metadata: t.expose('metadata', {
      type: 'JSON',
      description: 'Source-specific fields without a canonical column.',
    }),
    generatedAt: t.expose('generatedAt', {
      type: 'DateTime',
      description: 'When the strategy produced it.',
    }),
    decidedAt: t.expose('decidedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it was approved or rejected.',
    }),
    expiresAt: t.expose('expiresAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it stops being valid.',
    }),
    createdAt: t.expose('createdAt', {
      type: 'DateTime',
      description: 'When the row was written.',
    }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'Last change to the row.' }),
    strategy: t.relation('strategy', {
      ...toOneRows('Signal', 'strategy'),
      description: 'The strategy that produced it.',
    }),
    prediction: t.relation('prediction', {
      ...toOneRows('Signal', 'prediction'),
      nullable: true,
      description: 'The ML prediction that caused it, if any.',
    }),
    backtestRun: t.relation('backtestRun', {
      ...toOneRows('Signal', 'backtestRun'),
      nullable: true,
      description: 'The backtest run that generated it, for backtest signals.',
    }),
    orders: t.connection(
      {
        type: OrderNode,
        ...relationPages(relations.signalOrders, 'Orders placed for this signal.'),
      },
      OrderConnection,
    ),
    positions: t.connection(
      {
        type: PositionNode,
        ...relationPages(relations.signalPositions, 'Positions opened from this signal.'),
      },
      PositionConnection,
    ),
  }),
});

export const SignalConnection = builder.connectionObject(
  { type: SignalNode, name: 'SignalConnection', description: 'A page of signals.' },
  { name: 'SignalEdge', description: 'One of signals in a page, with its cursor.' },
);

export const SignalFilter = builder.inputType('SignalFilter', {
  description: 'Conditions on signals; all given conditions must hold.',
  fields: (t) => ({
    ids: filterFields.ids(t, 'Signal'),
    strategyIds: filterFields.strategyIds(t),
    ...filterFields.instrument(t),
    directions: t.field({
      type: [SignalDirectionEnum],
      required: false,
      description: 'Only these directions.',
    }),
    statuses: t.field({
      type: [SignalStatusEnum],
      required: false,
      description: 'Only these statuses.',
    }),
    modes: filterFields.modes(t),
    backtestRunIds: t.idList({
      required: false,
      description: 'Only signals of these backtest runs.',
    }),
    predictionIds: t.idList({
      required: false,
      description: 'Only signals caused by these predictions.',
    }),
    generatedAt: filterFields.time(t, 'generatedAt'),
  }),
});

export function signalWhere(
  filter: typeof SignalFilter.$inferInput | null | undefined,
): Prisma.SignalWhereInput {
  if (!filter) return {};
  return {
    ...sharedWhere(filter, 'Signal'),
    direction: inList(filter.directions),
    status: inList(filter.statuses),
    predictionId: foreignIdsWhere(filter.predictionIds, 'Prediction', 'filter.predictionIds'),
    mode: inList(filter.modes),
    backtestRunId: foreignIdsWhere(filter.backtestRunIds, 'BacktestRun', 'filter.backtestRunIds'),
    generatedAt: timeRangeWhere(filter.generatedAt, 'generatedAt'),
  };
}

builder.queryField('signals', (t) =>
  t.prismaConnection(
    {
      type: 'Signal',
      ...timeOrderedList(t, {
        description: 'Signals of all strategies, newest first by default.',
        timeField: 'generatedAt',
        filter: SignalFilter,
        where: signalWhere,
        model: 'signal',
      }),
    },
    SignalConnection,
  ),
);
