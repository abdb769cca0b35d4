import type { Prisma } from '../generated/prisma/client.ts';
import { builder } from './builder.ts';
import { BacktestStatusEnum, inList, timeRangeWhere } from './common.ts';
import { EquitySnapshotConnection, EquitySnapshotNode } from './equity-snapshot.ts';
import { filterFields, sharedWhere } from './filter-fields.ts';
import { timeOrderedList } from './list-field.ts';
import { OrderConnection, OrderNode } from './order.ts';
import { PositionConnection, PositionNode } from './position.ts';
import { relationPages } from './relation-pages.ts';
import { relations } from './relations.ts';
import { toOneRows } from './row-lookups.ts';
import { SignalConnection, SignalNode } from './signal.ts';
import { strategyOwned } from './strategy-owned.ts';

export const BacktestRunNode = builder.prismaNode('BacktestRun', {
  ...strategyOwned('backtestRun'),
  description:
    'One backtest of a strategy over a historical period: its configuration and result metrics.',
  id: { field: 'id', description: 'Opaque global ID.' },
  // An id that names no row resolves node(id) to null instead of an error.
  nullable: true,
  fields: (t) => ({
    databaseId: t.expose('id', {
      type: 'BigInt',
      description: 'Primary key in the backtest_runs table.',
    }),
    externalId: t.exposeString('externalId', {
      nullable: true,
      description: "The source system's own id for this run, unique per strategy.",
    }),
    name: t.exposeString('name', { nullable: true, description: 'Label of the run.' }),
    status: t.expose('status', { type: BacktestStatusEnum, description: 'State of the run.' }),
    periodStart: t.expose('periodStart', {
      type: 'DateTime',
      description: 'Start of the simulated period.',
    }),
    periodEnd: t.expose('periodEnd', {
      type: 'DateTime',
      description: 'End of the simulated period.',
    }),
    config: t.expose('config', { type: 'JSON', description: 'Strategy configuration used.' }),
    symbols: t.exposeStringList('symbols', { description: 'Instruments simulated.' }),
    timeframe: t.exposeString('timeframe', {
      nullable: true,
      description: 'Bar timeframe simulated.',
    }),
    initialCapital: t.expose('initialCapital', {
      type: 'Decimal',
      nullable: true,
      description: 'Starting capital.',
    }),
    finalEquity: t.expose('finalEquity', {
      type: 'Decimal',
      nullable: true,
      description: 'Equity at the end.',
    }),
    totalPnl: t.expose('totalPnl', { type: 'Decimal', nullable: true, description: 'Net P&L.' }),
    totalReturnPct: t.expose('totalReturnPct', {
      type: 'Decimal',
      nullable: true,
      description: 'Return, in percent.',
    }),
    maxDrawdownPct: t.expose('maxDrawdownPct', {
      type: 'Decimal',
      nullable: true,
      description: 'Largest peak-to-trough decline, in percent.',
    }),
    sharpeRatio: t.expose('sharpeRatio', {
      type: 'Decimal',
      nullable: true,
      description: 'Sharpe ratio.',
    }),
    sortinoRatio: t.expose('sortinoRatio', {
      type: 'Decimal',
      nullable: true,
      description: 'Sortino ratio.',
    }),
    profitFactor: t.expose('profitFactor', {
      type: 'Decimal',
      nullable: true,
      description: 'Gross profit divided by gross loss.',
    }),
    winRate: t.expose('winRate', {
      type: 'Decimal',
      nullable: true,
      description: 'Share of winning trades, a fraction from 0 to 1.',
    }),
    tradeCount: t.exposeInt('tradeCount', { nullable: true, description: 'Trades taken.' }),
    winCount: t.exposeInt('winCount', { nullable: true, description: 'Winning trades.' }),
    lossCount: t.exposeInt('lossCount', { nullable: true, description: 'Losing trades.' }),
    metrics: t.expose('metrics', { type: 'JSON', description: 'Further result metrics.' }),
    errorMessage: t.exposeString('errorMessage', {
      nullable: true,
      description: 'Why the run failed.',
    }),
    metadata: t.expose('metadata', {
      type: 'JSON',
      description: 'Source-specific fields without a canonical column.',
    }),
    createdAt: t.expose('createdAt', {
      type: 'DateTime',
      description: 'When the run was recorded.',
    }),
    startedAt: t.expose('startedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it started.',
    }),
    completedAt: t.expose('completedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it finished.',
    }),
    strategy: t.relation('strategy', {
      ...toOneRows('BacktestRun', 'strategy'),
      description: 'The strategy tested.',
    }),
    signals: t.connection(
      {
        type: SignalNode,
        ...relationPages(relations.backtestRunSignals, 'Signals the run generated.'),
      },
      SignalConnection,
    ),
    positions: t.connection(
      {
        type: PositionNode,
        ...relationPages(relations.backtestRunPositions, 'Simulated positions.'),
      },
      PositionConnection,
    ),
    orders: t.connection(
      { type: OrderNode, ...relationPages(relations.backtestRunOrders, 'Simulated orders.') },
      OrderConnection,
    ),
    equitySnapshots: t.connection(
      {
        type: EquitySnapshotNode,
        ...relationPages(relations.backtestRunEquitySnapshots, 'The equity curve of the run.'),
      },
      EquitySnapshotConnection,
    ),
  }),
});

export const BacktestRunConnection = builder.connectionObject(
  { type: BacktestRunNode, name: 'BacktestRunConnection', description: 'A page of backtest runs.' },
  { name: 'BacktestRunEdge', description: 'One of backtest runs in a page, with its cursor.' },
);

const BacktestRunFilter = builder.inputType('BacktestRunFilter', {
  description: 'Conditions on backtest runs; all given conditions must hold.',
  fields: (t) => ({
    ids: filterFields.ids(t, 'BacktestRun'),
    strategyIds: filterFields.strategyIds(t),
    statuses: t.field({
      type: [BacktestStatusEnum],
      required: false,
      description: 'Only these statuses.',
    }),
    createdAt: filterFields.time(t, 'createdAt'),
  }),
});

function backtestRunWhere(
  filter: typeof BacktestRunFilter.$inferInput | null | undefined,
): Prisma.BacktestRunWhereInput {
  if (!filter) return {};
  const { id, strategyId } = sharedWhere(filter, 'BacktestRun');
  return {
    id,
    strategyId,
    status: inList(filter.statuses),
    createdAt: timeRangeWhere(filter.createdAt, 'createdAt'),
  };
}

builder.queryField('backtestRuns', (t) =>
  t.prismaConnection(
    {
      type: 'BacktestRun',
      ...timeOrderedList(t, {
        description: 'Backtest runs of all strategies, newest first by default.',
        timeField: 'createdAt',
        filter: BacktestRunFilter,
        where: backtestRunWhere,
        model: 'backtestRun',
      }),
    },
    BacktestRunConnection,
  ),
);
