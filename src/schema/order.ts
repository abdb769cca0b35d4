import { limitWhere } from '../auth/strategy-access.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { builder } from './builder.ts';
import {
  inList,
  OrderSideEnum,
  OrderStatusEnum,
  OrderTypeEnum,
  TimeInForceEnum,
  TradingModeEnum,
  timeRangeWhere,
} from './common.ts';
import { badUserInput } from './errors.ts';
import { FillConnection, FillNode } from './fill.ts';
import { filterFields, foreignIdsWhere, sharedWhere } from './filter-fields.ts';
import { findRow } from './find-row.ts';
import { parseGlobalId } from './global-ids.ts';
import { timeOrderedList } from './list-field.ts';
import { relationPages } from './relation-pages.ts';
import { relations } from './relations.ts';
import { toOneRows } from './row-lookups.ts';
import { strategyOwned } from './strategy-owned.ts';

export const OrderNode = builder.prismaNode('Order', {
  ...strategyOwned('order'),
  description:
    'An order sent (or about to be sent) to an exchange, with its fill progress and fees.',
  id: { field: 'id', description: 'Opaque global ID.' },
  // An id that names no row resolves node(id) to null instead of an error.
  nullable: true,
  fields: (t) => ({
    databaseId: t.expose('id', { type: 'BigInt', description: 'Primary key in the orders table.' }),
    clientOrderId: t.exposeString('clientOrderId', {
      description:
        'Client-assigned order id; unique, and the key that makes recording an order idempotent.',
    }),
    exchangeOrderId: t.exposeString('exchangeOrderId', {
      nullable: true,
      description: 'Order id assigned by the exchange, once known.',
    }),
    mode: t.expose('mode', { type: TradingModeEnum, description: 'Live, paper or backtest.' }),
    exchange: t.exposeString('exchange', { description: 'Exchange the order is on.' }),
    symbol: t.exposeString('symbol', {
      description: 'Instrument symbol as the exchange spells it.',
    }),
    side: t.expose('side', { type: OrderSideEnum, description: 'Buy or sell.' }),
    type: t.expose('type', { type: OrderTypeEnum, description: 'Order type.' }),
    timeInForce: t.expose('timeInForce', { type: TimeInForceEnum, description: 'Time in force.' }),
    reduceOnly: t.exposeBoolean('reduceOnly', {
      description: 'Only reduces an existing position.',
    }),
    status: t.expose('status', { type: OrderStatusEnum, description: 'Exchange-side state.' }),
    quantity: t.expose('quantity', {
      type: 'Decimal',
      description: 'Ordered quantity, in base-asset units.',
    }),
    limitPrice: t.expose('limitPrice', {
      type: 'Decimal',
      nullable: true,
      description: 'Limit price.',
    }),
    stopPrice: t.expose('stopPrice', {
      type: 'Decimal',
      nullable: true,
      description: 'Stop (trigger) price.',
    }),
    filledQuantity: t.expose('filledQuantity', {
      type: 'Decimal',
      description: 'Quantity filled so far.',
    }),
    averageFillPrice: t.expose('averageFillPrice', {
      type: 'Decimal',
      nullable: true,
      description: 'Quantity-weighted average price of the fills.',
    }),
    fees: t.expose('fees', { type: 'Decimal', description: 'Total fees paid on the fills.' }),
    feeAsset: t.exposeString('feeAsset', {
      nullable: true,
      description: 'Asset the fees are paid in.',
    }),
    realizedPnl: t.expose('realizedPnl', {
      type: 'Decimal',
      nullable: true,
      description:
        'P&L this order realized, when the source reports it per order (quote currency).',
    }),
    slippageBps: t.expose('slippageBps', {
      type: 'Decimal',
      nullable: true,
      description: 'Slippage against the intended price, in basis points.',
    }),
    statusReason: t.exposeString('statusReason', {
      nullable: true,
      description: 'Why the order was rejected, canceled or expired.',
    }),
    signalLatencyMs: t.exposeInt('signalLatencyMs', {
      nullable: true,
      description: 'Milliseconds from the signal to the order being submitted.',
    }),
    ackLatencyMs: t.exposeInt('ackLatencyMs', {
      nullable: true,
      description: 'Milliseconds from submission to the exchange acknowledging the order.',
    }),
    fillLatencyMs: t.exposeInt('fillLatencyMs', {
      nullable: true,
      description: 'Milliseconds from submission to the first fill.',
    }),
    metadata: t.expose('metadata', {
      type: 'JSON',
      description: 'Source-specific fields without a canonical column.',
    }),
    createdAt: t.expose('createdAt', {
      type: 'DateTime',
      description: 'When the order was created.',
    }),
    submittedAt: t.expose('submittedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it was sent.',
    }),
    updatedAt: t.expose('updatedAt', {
      type: 'DateTime',
      description: 'Last status or fill update.',
    }),
    firstFillAt: t.expose('firstFillAt', {
      type: 'DateTime',
      nullable: true,
      description: 'Time of the first fill.',
    }),
    closedAt: t.expose('closedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it reached a final state (filled, canceled, rejected, expired).',
    }),
    strategy: t.relation('strategy', {
      ...toOneRows('Order', 'strategy'),
      description: 'The strategy that placed it.',
    }),
    signal: t.relation('signal', {
      ...toOneRows('Order', 'signal'),
      nullable: true,
      description: 'The signal it executes, if any.',
    }),
    position: t.relation('position', {
      ...toOneRows('Order', 'position'),
      nullable: true,
      description: 'The position it opens, changes or closes.',
    }),
    backtestRun: t.relation('backtestRun', {
      ...toOneRows('Order', 'backtestRun'),
      nullable: true,
      description: 'The backtest run it belongs to.',
    }),
    fills: t.connection(
      { type: FillNode, ...relationPages(relations.orderFills, 'Executions of this order.') },
      FillConnection,
    ),
  }),
});

export const OrderConnection = builder.connectionObject(
  { type: OrderNode, name: 'OrderConnection', description: 'A page of orders.' },
  { name: 'OrderEdge', description: 'One of orders in a page, with its cursor.' },
);

export const OrderFilter = builder.inputType('OrderFilter', {
  description: 'Conditions on orders; all given conditions must hold.',
  fields: (t) => ({
    ids: filterFields.ids(t, 'Order'),
    strategyIds: filterFields.strategyIds(t),
    ...filterFields.instrument(t),
    signalIds: t.idList({ required: false, description: 'Only orders for these signals.' }),
    positionIds: t.idList({ required: false, description: 'Only orders of these positions.' }),
    sides: t.field({ type: [OrderSideEnum], required: false, description: 'Only these sides.' }),
    types: t.field({
      type: [OrderTypeEnum],
      required: false,
      description: 'Only these order types.',
    }),
    statuses: t.field({
      type: [OrderStatusEnum],
      required: false,
      description: 'Only these statuses.',
    }),
    active: t.boolean({
      required: false,
      description:
        'true: only working orders (PENDING_NEW, NEW, PARTIALLY_FILLED, PENDING_CANCEL); false: only final ones.',
    }),
    modes: filterFields.modes(t),
    createdAt: filterFields.time(t, 'createdAt'),
  }),
});

const ACTIVE_STATUSES = ['PENDING_NEW', 'NEW', 'PARTIALLY_FILLED', 'PENDING_CANCEL'] as const;

export function orderWhere(
  filter: typeof OrderFilter.$inferInput | null | undefined,
): Prisma.OrderWhereInput {
  if (!filter) return {};
  const active =
    filter.active == null
      ? undefined
      : filter.active
        ? { status: { in: [...ACTIVE_STATUSES] } }
        : { status: { notIn: [...ACTIVE_STATUSES] } };
  return {
    AND: [
      {
        ...sharedWhere(filter, 'Order'),
        signalId: foreignIdsWhere(filter.signalIds, 'Signal', 'filter.signalIds'),
        positionId: foreignIdsWhere(filter.positionIds, 'Position', 'filter.positionIds'),
        side: inList(filter.sides),
        type: inList(filter.types),
        status: inList(filter.statuses),
        mode: inList(filter.modes),
        createdAt: timeRangeWhere(filter.createdAt, 'createdAt'),
      },
      ...(active ? [active] : []),
    ],
  };
}

builder.queryField('orders', (t) =>
  t.prismaConnection(
    {
      type: 'Order',
      ...timeOrderedList(t, {
        description: 'Orders of all strategies, newest first by default.',
        timeField: 'createdAt',
        filter: OrderFilter,
        where: orderWhere,
        model: 'order',
      }),
    },
    OrderConnection,
  ),
);

builder.queryField('order', (t) =>
  t.prismaField({
    type: 'Order',
    nullable: true,
    description: 'One order, by global ID or by client order id.',
    args: {
      id: t.arg.id({ required: false, description: 'Global ID.' }),
      clientOrderId: t.arg.string({ required: false, description: 'Client order id.' }),
    },
    resolve: (query, _parent, args, ctx, info) => {
      if ((args.id == null) === (args.clientOrderId == null)) {
        throw badUserInput('order: give exactly one of id or clientOrderId.');
      }
      const where =
        args.id != null
          ? { id: parseGlobalId(String(args.id), 'Order', 'id') }
          : { clientOrderId: args.clientOrderId as string };
      // An order outside the key's strategies reads as not found.
      const limited = limitWhere(ctx.principal, 'order', where);
      return (
        findRow('Order', query, limited, false, ctx, info) ??
        ctx.prisma.order.findFirst({ ...query, where: limited })
      );
    },
  }),
);
