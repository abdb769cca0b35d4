import { limitWhere } from '../auth/strategy-access.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { BacktestRunConnection, BacktestRunNode } from './backtest-run.ts';
import { builder } from './builder.ts';
import {
  inList,
  StrategyKindEnum,
  StrategyStatusEnum,
  TimeRangeInput,
  timeRangeWhere,
} from './common.ts';
import { EquitySnapshotConnection, EquitySnapshotNode } from './equity-snapshot.ts';
import { FillConnection, FillNode } from './fill.ts';
import { findRow } from './find-row.ts';
import { parseGlobalIds } from './global-ids.ts';
import { timeOrderedList } from './list-field.ts';
import { OrderConnection, OrderNode } from './order.ts';
import { PositionConnection, PositionNode } from './position.ts';
import { relationPages } from './relation-pages.ts';
import { relations } from './relations.ts';
import { RiskEventConnection, RiskEventNode } from './risk-event.ts';
import { SignalConnection, SignalNode } from './signal.ts';
import { strategyOwned } from './strategy-owned.ts';
import { StrategyPerformanceConnection, StrategyPerformanceNode } from './strategy-performance.ts';
import { versionedLookupArgs, versionedLookupQuery } from './versioned-lookup.ts';

export const StrategyNode = builder.prismaNode('Strategy', {
  ...strategyOwned('strategy'),
  description:
    'A trading strategy: its configuration, limits and lifecycle. Signals, orders, positions and equity belong to one strategy version.',
  id: { field: 'id', description: 'Opaque global ID.' },
  // An id that names no row resolves node(id) to null instead of an error.
  nullable: true,
  fields: (t) => ({
    databaseId: t.expose('id', {
      type: 'BigInt',
      description: 'Primary key in the strategies table.',
    }),
    name: t.exposeString('name', { description: 'Strategy name; unique together with version.' }),
    version: t.exposeString('version', { description: 'Version label, e.g. "1.2.0".' }),
    kind: t.expose('kind', { type: StrategyKindEnum, description: 'Family of trading logic.' }),
    status: t.expose('status', { type: StrategyStatusEnum, description: 'Lifecycle state.' }),
    description: t.exposeString('description', {
      nullable: true,
      description: 'Free-text description.',
    }),
    parameters: t.expose('parameters', {
      type: 'JSON',
      description: 'Strategy-specific parameters.',
    }),
    riskLimits: t.expose('riskLimits', {
      type: 'JSON',
      description: 'Risk limits (max drawdown, daily loss, ...).',
    }),
    symbols: t.exposeStringList('symbols', { description: 'Instruments the strategy trades.' }),
    timeframes: t.exposeStringList('timeframes', {
      description: 'Bar timeframes it uses, e.g. "5m".',
    }),
    baseCurrency: t.exposeString('baseCurrency', {
      nullable: true,
      description: 'Currency of capital and P&L.',
    }),
    allocatedCapital: t.expose('allocatedCapital', {
      type: 'Decimal',
      nullable: true,
      description: 'Capital allocated to the strategy, in base currency.',
    }),
    maxPositionSize: t.expose('maxPositionSize', {
      type: 'Decimal',
      nullable: true,
      description: 'Largest position the strategy may hold, in base-asset units.',
    }),
    maxLeverage: t.expose('maxLeverage', {
      type: 'Decimal',
      nullable: true,
      description: 'Leverage cap.',
    }),
    metadata: t.expose('metadata', {
      type: 'JSON',
      description: 'Source-specific fields without a canonical column.',
    }),
    createdAt: t.expose('createdAt', {
      type: 'DateTime',
      description: 'When the strategy was recorded.',
    }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'Last change to the row.' }),
    deployedAt: t.expose('deployedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it went live.',
    }),
    stoppedAt: t.expose('stoppedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it was stopped.',
    }),
    lastRunAt: t.expose('lastRunAt', {
      type: 'DateTime',
      nullable: true,
      description: 'Last time it ran.',
    }),
    signals: t.connection(
      {
        type: SignalNode,
        ...relationPages(
          relations.strategySignals,
          "The strategy's signals, newest first by default.",
        ),
      },
      SignalConnection,
    ),
    orders: t.connection(
      {
        type: OrderNode,
        ...relationPages(
          relations.strategyOrders,
          "The strategy's orders, newest first by default.",
        ),
      },
      OrderConnection,
    ),
    fills: t.connection(
      {
        type: FillNode,
        ...relationPages(relations.strategyFills, "The strategy's fills, newest first by default."),
      },
      FillConnection,
    ),
    positions: t.connection(
      {
        type: PositionNode,
        ...relationPages(
          relations.strategyPositions,
          "The strategy's positions, most recently opened first by default.",
        ),
      },
      PositionConnection,
    ),
    equitySnapshots: t.connection(
      {
        type: EquitySnapshotNode,
        ...relationPages(
          relations.strategyEquitySnapshots,
          "The strategy's equity curve, newest first by default.",
        ),
      },
      EquitySnapshotConnection,
    ),
    backtestRuns: t.connection(
      {
        type: BacktestRunNode,
        ...relationPages(
          relations.strategyBacktestRuns,
          "The strategy's backtest runs, newest first by default.",
        ),
      },
      BacktestRunConnection,
    ),
    performance: t.connection(
      {
        type: StrategyPerformanceNode,
        ...relationPages(
          relations.strategyPerformance,
          'Aggregated performance per period, latest period first by default.',
        ),
      },
      StrategyPerformanceConnection,
    ),
    riskEvents: t.connection(
      {
        type: RiskEventNode,
        ...relationPages(
          relations.strategyRiskEvents,
          'Risk events raised for the strategy, newest first by default.',
        ),
      },
      RiskEventConnection,
    ),
  }),
});

export const StrategyConnection = builder.connectionObject(
  { type: StrategyNode, name: 'StrategyConnection', description: 'A page of strategies.' },
  { name: 'StrategyEdge', description: 'One of strategies in a page, with its cursor.' },
);

const StrategyFilter = builder.inputType('StrategyFilter', {
  description: 'Conditions on strategies; all given conditions must hold.',
  fields: (t) => ({
    ids: t.idList({ required: false, description: 'Only these strategies (global IDs).' }),
    names: t.stringList({
      required: false,
      description: 'Only strategies with one of these names.',
    }),
    kinds: t.field({ type: [StrategyKindEnum], required: false, description: 'Only these kinds.' }),
    statuses: t.field({
      type: [StrategyStatusEnum],
      required: false,
      description: 'Only these statuses.',
    }),
    createdAt: t.field({
      type: TimeRangeInput,
      required: false,
      description: 'Created within this range.',
    }),
  }),
});

type StrategyFilterValue = typeof StrategyFilter.$inferInput;

function strategyWhere(filter: StrategyFilterValue | null | undefined): Prisma.StrategyWhereInput {
  if (!filter) return {};
  return {
    id: filter.ids
      ? { in: parseGlobalIds(filter.ids.map(String), 'Strategy', 'filter.ids') }
      : undefined,
    name: inList(filter.names),
    kind: inList(filter.kinds),
    status: inList(filter.statuses),
    createdAt: timeRangeWhere(filter.createdAt, 'createdAt'),
  };
}

builder.queryField('strategies', (t) =>
  t.prismaConnection(
    {
      type: 'Strategy',
      ...timeOrderedList(t, {
        description: 'All strategies, newest first by default.',
        timeField: 'createdAt',
        filter: StrategyFilter,
        where: strategyWhere,
        model: 'strategy',
      }),
    },
    StrategyConnection,
  ),
);

builder.queryField('strategy', (t) =>
  t.prismaField({
    type: 'Strategy',
    nullable: true,
    description:
      'One strategy, by global ID or by name. With a name but no version, the most recently created version.',
    args: versionedLookupArgs(t),
    resolve: (query, _parent, args, ctx, info) => {
      const lookup = versionedLookupQuery(args, 'Strategy', 'strategy');
      // A strategy outside the key's limit reads as not found.
      const where = limitWhere(ctx.principal, 'strategy', lookup.where);
      return (
        findRow('Strategy', query, where, lookup.orderBy !== undefined, ctx, info) ??
        ctx.prisma.strategy.findFirst({ ...query, ...lookup, where })
      );
    },
  }),
);
