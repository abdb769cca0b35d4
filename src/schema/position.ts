import type { Prisma } from '../generated/prisma/client.ts';
import { builder } from './builder.ts';
import {
  ExitReasonEnum,
  inList,
  PositionDirectionEnum,
  PositionStatusEnum,
  TradingModeEnum,
  timeRangeWhere,
} from './common.ts';
import { FillConnection, FillNode } from './fill.ts';
import { filterFields, foreignIdsWhere, sharedWhere } from './filter-fields.ts';
import { timeOrderedList } from './list-field.ts';
import { OrderConnection, OrderNode } from './order.ts';
import { relationPages } from './relation-pages.ts';
import { relations } from './relations.ts';
import { toOneRows } from './row-lookups.ts';
import { strategyOwned } from './strategy-owned.ts';

export const PositionNode = builder.prismaNode('Position', {
  ...strategyOwned('position'),
  description:
    'Exposure a strategy holds in one instrument, from opening to close: size, entry, stops and targets, and P&L.',
  id: { field: 'id', description: 'Opaque global ID.' },
  // An id that names no row resolves node(id) to null instead of an error.
  nullable: true,
  fields: (t) => ({
    databaseId: t.expose('id', {
      type: 'BigInt',
      description: 'Primary key in the positions table.',
    }),
    externalId: t.exposeString('externalId', {
      nullable: true,
      description: "The source system's own id for this position, unique per strategy.",
    }),
    mode: t.expose('mode', { type: TradingModeEnum, description: 'Live, paper or backtest.' }),
    exchange: t.exposeString('exchange', { description: 'Exchange of the instrument.' }),
    symbol: t.exposeString('symbol', {
      description: 'Instrument symbol as the exchange spells it.',
    }),
    direction: t.expose('direction', {
      type: PositionDirectionEnum,
      description: 'Long or short.',
    }),
    status: t.expose('status', { type: PositionStatusEnum, description: 'Lifecycle state.' }),
    size: t.expose('size', {
      type: 'Decimal',
      description: 'Largest size held, in base-asset units.',
    }),
    remainingSize: t.expose('remainingSize', { type: 'Decimal', description: 'Size still open.' }),
    averageEntryPrice: t.expose('averageEntryPrice', {
      type: 'Decimal',
      description: 'Average entry price.',
    }),
    averageExitPrice: t.expose('averageExitPrice', {
      type: 'Decimal',
      nullable: true,
      description: 'Average price of the closing fills.',
    }),
    markPrice: t.expose('markPrice', {
      type: 'Decimal',
      nullable: true,
      description: 'Latest mark price known.',
    }),
    stopLoss: t.expose('stopLoss', {
      type: 'Decimal',
      nullable: true,
      description: 'Stop-loss price.',
    }),
    takeProfits: t.expose('takeProfits', {
      type: ['Decimal'],
      description: 'Take-profit prices, nearest first.',
    }),
    takeProfitsHit: t.exposeInt('takeProfitsHit', {
      description: 'How many take-profit levels were reached.',
    }),
    trailingStopPrice: t.expose('trailingStopPrice', {
      type: 'Decimal',
      nullable: true,
      description: 'Current trailing-stop price.',
    }),
    trailingStop: t.expose('trailingStop', {
      type: 'JSON',
      nullable: true,
      description: 'Trailing-stop parameters (activation, distance, ...).',
    }),
    realizedPnl: t.expose('realizedPnl', {
      type: 'Decimal',
      description: 'Realized P&L after fees, quote currency.',
    }),
    unrealizedPnl: t.expose('unrealizedPnl', {
      type: 'Decimal',
      nullable: true,
      description: 'Unrealized P&L at the mark price.',
    }),
    fees: t.expose('fees', { type: 'Decimal', description: 'Trading fees paid.' }),
    fundingFees: t.expose('fundingFees', {
      type: 'Decimal',
      description: 'Funding fees paid while holding.',
    }),
    margin: t.expose('margin', { type: 'Decimal', nullable: true, description: 'Margin posted.' }),
    leverage: t.expose('leverage', {
      type: 'Decimal',
      nullable: true,
      description: 'Leverage used.',
    }),
    liquidationPrice: t.expose('liquidationPrice', {
      type: 'Decimal',
      nullable: true,
      description: 'Price at which the exchange liquidates.',
    }),
    riskAmount: t.expose('riskAmount', {
      type: 'Decimal',
      nullable: true,
      description: 'Amount at risk between entry and stop (1 R), quote currency.',
    }),
    pnlR: t.expose('pnlR', {
      type: 'Decimal',
      nullable: true,
      description: 'Realized P&L in multiples of R.',
    }),
    exitReason: t.expose('exitReason', {
      type: ExitReasonEnum,
      nullable: true,
      description: 'Why it was closed.',
    }),
    metadata: t.expose('metadata', {
      type: 'JSON',
      description: 'Source-specific fields without a canonical column.',
    }),
    openedAt: t.expose('openedAt', { type: 'DateTime', description: 'When it was opened.' }),
    closedAt: t.expose('closedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it was closed.',
    }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'Last change to the row.' }),
    strategy: t.relation('strategy', {
      ...toOneRows('Position', 'strategy'),
      description: 'The strategy holding it.',
    }),
    signal: t.relation('signal', {
      ...toOneRows('Position', 'signal'),
      nullable: true,
      description: 'The signal that opened it.',
    }),
    backtestRun: t.relation('backtestRun', {
      ...toOneRows('Position', 'backtestRun'),
      nullable: true,
      description: 'The backtest run it belongs to.',
    }),
    orders: t.connection(
      { type: OrderNode, ...relationPages(relations.positionOrders, 'Orders of this position.') },
      OrderConnection,
    ),
    fills: t.connection(
      {
        type: FillNode,
        ...relationPages(relations.positionFills, 'Fills that changed this position.'),
      },
      FillConnection,
    ),
  }),
});

export const PositionConnection = builder.connectionObject(
  { type: PositionNode, name: 'PositionConnection', description: 'A page of positions.' },
  { name: 'PositionEdge', description: 'One of positions in a page, with its cursor.' },
);

export const PositionFilter = builder.inputType('PositionFilter', {
  description: 'Conditions on positions; all given conditions must hold.',
  fields: (t) => ({
    ids: filterFields.ids(t, 'Position'),
    strategyIds: filterFields.strategyIds(t),
    ...filterFields.instrument(t),
    directions: t.field({
      type: [PositionDirectionEnum],
      required: false,
      description: 'Only these directions.',
    }),
    statuses: t.field({
      type: [PositionStatusEnum],
      required: false,
      description: 'Only these statuses.',
    }),
    open: t.boolean({
      required: false,
      description: 'true: only open positions (OPEN, PARTIALLY_CLOSED); false: only closed ones.',
    }),
    modes: filterFields.modes(t),
    backtestRunIds: t.idList({
      required: false,
      description: 'Only positions of these backtest runs.',
    }),
    openedAt: filterFields.time(t, 'openedAt'),
  }),
});

const OPEN_STATUSES = ['OPEN', 'PARTIALLY_CLOSED'] as const;

export function positionWhere(
  filter: typeof PositionFilter.$inferInput | null | undefined,
): Prisma.PositionWhereInput {
  if (!filter) return {};
  const open =
    filter.open == null
      ? undefined
      : filter.open
        ? { status: { in: [...OPEN_STATUSES] } }
        : { status: { notIn: [...OPEN_STATUSES] } };
  return {
    AND: [
      {
        ...sharedWhere(filter, 'Position'),
        direction: inList(filter.directions),
        status: inList(filter.statuses),
        mode: inList(filter.modes),
        backtestRunId: foreignIdsWhere(
          filter.backtestRunIds,
          'BacktestRun',
          'filter.backtestRunIds',
        ),
        openedAt: timeRangeWhere(filter.openedAt, 'openedAt'),
      },
      ...(open ? [open] : []),
    ],
  };
}

builder.queryField('positions', (t) =>
  t.prismaConnection(
    {
      type: 'Position',
      ...timeOrderedList(t, {
        description: 'Positions of all strategies, most recently opened first by default.',
        timeField: 'openedAt',
        filter: PositionFilter,
        where: positionWhere,
        model: 'position',
      }),
    },
    PositionConnection,
  ),
);
