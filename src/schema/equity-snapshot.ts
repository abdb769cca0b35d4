import type { Prisma } from '../generated/prisma/client.ts';
import { builder } from './builder.ts';
import { inList, TradingModeEnum, timeRangeWhere } from './common.ts';
import { filterFields, foreignIdsWhere, sharedWhere } from './filter-fields.ts';
import { timeOrderedList } from './list-field.ts';
import { toOneRows } from './row-lookups.ts';
import { strategyOwned } from './strategy-owned.ts';

export const EquitySnapshotNode = builder.prismaNode('EquitySnapshot', {
  ...strategyOwned('equitySnapshot'),
  description:
    'The equity of an account or a strategy at one instant: one point of an equity curve, with exposure and drawdowns.',
  id: { field: 'id', description: 'Opaque global ID.' },
  // An id that names no row resolves node(id) to null instead of an error.
  nullable: true,
  fields: (t) => ({
    databaseId: t.expose('id', {
      type: 'BigInt',
      description: 'Primary key in the equity_snapshots table.',
    }),
    account: t.exposeString('account', {
      description: 'Account the snapshot is of ("default" if only one).',
    }),
    mode: t.expose('mode', { type: TradingModeEnum, description: 'Live, paper or backtest.' }),
    currency: t.exposeString('currency', {
      nullable: true,
      description: 'Currency of the amounts.',
    }),
    equity: t.expose('equity', { type: 'Decimal', description: 'Total equity.' }),
    availableBalance: t.expose('availableBalance', {
      type: 'Decimal',
      nullable: true,
      description: 'Balance free for new positions.',
    }),
    exposure: t.expose('exposure', {
      type: 'Decimal',
      nullable: true,
      description: 'Value held in positions.',
    }),
    exposurePct: t.expose('exposurePct', {
      type: 'Decimal',
      nullable: true,
      description: 'Exposure as a percentage of equity (5 = 5%).',
    }),
    unrealizedPnl: t.expose('unrealizedPnl', {
      type: 'Decimal',
      nullable: true,
      description: 'Open P&L.',
    }),
    realizedPnl: t.expose('realizedPnl', {
      type: 'Decimal',
      nullable: true,
      description: 'Realized P&L of the period the source reports (e.g. the day).',
    }),
    drawdownPct: t.expose('drawdownPct', {
      type: 'Decimal',
      nullable: true,
      description: 'Current drawdown from the peak, in percent.',
    }),
    dailyDrawdownPct: t.expose('dailyDrawdownPct', {
      type: 'Decimal',
      nullable: true,
      description: 'Drawdown today, in percent.',
    }),
    weeklyDrawdownPct: t.expose('weeklyDrawdownPct', {
      type: 'Decimal',
      nullable: true,
      description: 'Drawdown this week, in percent.',
    }),
    maxDrawdownPct: t.expose('maxDrawdownPct', {
      type: 'Decimal',
      nullable: true,
      description: 'Largest drawdown so far, in percent.',
    }),
    openPositionCount: t.exposeInt('openPositionCount', {
      nullable: true,
      description: 'Open positions.',
    }),
    positions: t.expose('positions', {
      type: 'JSON',
      nullable: true,
      description: 'Per-position detail at the snapshot (symbol, quantity, value, P&L).',
    }),
    metadata: t.expose('metadata', {
      type: 'JSON',
      description: 'Source-specific fields without a canonical column.',
    }),
    time: t.expose('time', {
      type: 'DateTime',
      description: 'The instant the snapshot describes.',
    }),
    strategy: t.relation('strategy', {
      ...toOneRows('EquitySnapshot', 'strategy'),
      nullable: true,
      description: 'The strategy, for a per-strategy curve.',
    }),
    backtestRun: t.relation('backtestRun', {
      ...toOneRows('EquitySnapshot', 'backtestRun'),
      nullable: true,
      description: 'The backtest run, for a backtest curve.',
    }),
  }),
});

export const EquitySnapshotConnection = builder.connectionObject(
  {
    type: EquitySnapshotNode,
    name: 'EquitySnapshotConnection',
    description: 'A page of equity snapshots.',
  },
  {
    name: 'EquitySnapshotEdge',
    description: 'One of equity snapshots in a page, with its cursor.',
  },
);

export const EquitySnapshotFilter = builder.inputType('EquitySnapshotFilter', {
  description: 'Conditions on equity snapshots; all given conditions must hold.',
  fields: (t) => ({
    ids: filterFields.ids(t, 'EquitySnapshot'),
    strategyIds: filterFields.strategyIds(t),
    accountLevel: t.boolean({
      required: false,
      description:
        'true: only account-level snapshots (no strategy); false: only per-strategy ones.',
    }),
    accounts: t.stringList({ required: false, description: 'Only these accounts.' }),
    modes: filterFields.modes(t),
    backtestRunIds: t.idList({
      required: false,
      description: 'Only snapshots of these backtest runs.',
    }),
    time: filterFields.time(t, 'time'),
  }),
});

export function equitySnapshotWhere(
  filter: typeof EquitySnapshotFilter.$inferInput | null | undefined,
): Prisma.EquitySnapshotWhereInput {
  if (!filter) return {};
  const { strategyId, id } = sharedWhere(filter, 'EquitySnapshot');
  return {
    AND: [
      {
        id,
        strategyId,
        account: inList(filter.accounts),
        mode: inList(filter.modes),
        backtestRunId: foreignIdsWhere(
          filter.backtestRunIds,
          'BacktestRun',
          'filter.backtestRunIds',
        ),
        time: timeRangeWhere(filter.time, 'time'),
      },
      ...(filter.accountLevel == null
        ? []
        : [{ strategyId: filter.accountLevel ? null : { not: null } }]),
    ],
  };
}

builder.queryField('equitySnapshots', (t) =>
  t.prismaConnection(
    {
      type: 'EquitySnapshot',
      ...timeOrderedList(t, {
        description: 'Equity snapshots (equity curves), newest first by default.',
        timeField: 'time',
        filter: EquitySnapshotFilter,
        where: equitySnapshotWhere,
        model: 'equitySnapshot',
      }),
    },
    EquitySnapshotConnection,
  ),
);
