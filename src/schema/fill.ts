import type { Prisma } from '../generated/prisma/client.ts';
import { builder } from './builder.ts';
import { inList, LiquidityEnum, OrderSideEnum, TradingModeEnum, timeRangeWhere } from './common.ts';
import { filterFields, foreignIdsWhere, sharedWhere } from './filter-fields.ts';
import { timeOrderedList } from './list-field.ts';
import { toOneRows } from './row-lookups.ts';
import { strategyOwned } from './strategy-owned.ts';

export const FillNode = builder.prismaNode('Fill', {
  ...strategyOwned('fill'),
  description: 'One execution of an order at one price.',
  id: { field: 'id', description: 'Opaque global ID.' },
  // An id that names no row resolves node(id) to null instead of an error.
  nullable: true,
  fields: (t) => ({
    databaseId: t.expose('id', { type: 'BigInt', description: 'Primary key in the fills table.' }),
    exchange: t.exposeString('exchange', { description: 'Exchange of the execution.' }),
    exchangeFillId: t.exposeString('exchangeFillId', {
      nullable: true,
      description:
        "The exchange's trade id; unique per exchange, the key that makes recording a fill idempotent.",
    }),
    symbol: t.exposeString('symbol', {
      description: 'Instrument symbol as the exchange spells it.',
    }),
    side: t.expose('side', { type: OrderSideEnum, description: 'Side of the order.' }),
    mode: t.expose('mode', { type: TradingModeEnum, description: 'Live, paper or backtest.' }),
    price: t.expose('price', { type: 'Decimal', description: 'Execution price.' }),
    quantity: t.expose('quantity', {
      type: 'Decimal',
      description: 'Executed quantity, in base-asset units.',
    }),
    fee: t.expose('fee', { type: 'Decimal', description: 'Fee charged for this execution.' }),
    feeAsset: t.exposeString('feeAsset', {
      nullable: true,
      description: 'Asset the fee is paid in.',
    }),
    liquidity: t.expose('liquidity', {
      type: LiquidityEnum,
      nullable: true,
      description: 'Maker or taker.',
    }),
    metadata: t.expose('metadata', {
      type: 'JSON',
      description: 'Source-specific fields without a canonical column.',
    }),
    executedAt: t.expose('executedAt', {
      type: 'DateTime',
      description: 'Execution time reported by the exchange.',
    }),
    createdAt: t.expose('createdAt', {
      type: 'DateTime',
      description: 'When the row was written.',
    }),
    order: t.relation('order', {
      ...toOneRows('Fill', 'order'),
      description: 'The order this fill executes.',
    }),
    strategy: t.relation('strategy', {
      ...toOneRows('Fill', 'strategy'),
      description: 'The strategy of the order.',
    }),
    position: t.relation('position', {
      ...toOneRows('Fill', 'position'),
      nullable: true,
      description: 'The position this fill changed.',
    }),
  }),
});

export const FillConnection = builder.connectionObject(
  { type: FillNode, name: 'FillConnection', description: 'A page of fills.' },
  { name: 'FillEdge', description: 'One of fills in a page, with its cursor.' },
);

export const FillFilter = builder.inputType('FillFilter', {
  description: 'Conditions on fills; all given conditions must hold.',
  fields: (t) => ({
    ids: filterFields.ids(t, 'Fill'),
    strategyIds: filterFields.strategyIds(t),
    ...filterFields.instrument(t),
    orderIds: t.idList({ required: false, description: 'Only fills of these orders.' }),
    positionIds: t.idList({ required: false, description: 'Only fills of these positions.' }),
    sides: t.field({ type: [OrderSideEnum], required: false, description: 'Only these sides.' }),
    liquidity: t.field({
      type: LiquidityEnum,
      required: false,
      description: 'Only maker or only taker fills.',
    }),
    modes: filterFields.modes(t),
    executedAt: filterFields.time(t, 'executedAt'),
  }),
});

export function fillWhere(
  filter: typeof FillFilter.$inferInput | null | undefined,
): Prisma.FillWhereInput {
  if (!filter) return {};
  return {
    ...sharedWhere(filter, 'Fill'),
    orderId: foreignIdsWhere(filter.orderIds, 'Order', 'filter.orderIds'),
    positionId: foreignIdsWhere(filter.positionIds, 'Position', 'filter.positionIds'),
    side: inList(filter.sides),
    liquidity: filter.liquidity ?? undefined,
    mode: inList(filter.modes),
    executedAt: timeRangeWhere(filter.executedAt, 'executedAt'),
  };
}

builder.queryField('fills', (t) =>
  t.prismaConnection(
    {
      type: 'Fill',
      ...timeOrderedList(t, {
        description: 'Fills of all strategies, newest first by default.',
        timeField: 'executedAt',
        filter: FillFilter,
        where: fillWhere,
        model: 'fill',
      }),
    },
    FillConnection,
  ),
);
