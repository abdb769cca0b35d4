import { assertMayWrite } from '../../auth/write-access.ts';
import { recordOrder, updateOrderStatus } from '../../writers/index.ts';
import { builder } from '../builder.ts';
import {
  OrderSideEnum,
  OrderStatusEnum,
  OrderTypeEnum,
  TimeInForceEnum,
  TradingModeEnum,
} from '../common.ts';
import { OrderNode } from '../order.ts';
import { idOf, json, optionalIdOf, orDefault } from './input-values.ts';
import { tradeScopes, writerResult } from './mutation-field.ts';

const InitialOrderStatusEnum = builder.enumType('InitialOrderStatus', {
  description: 'The status an order can be recorded in; later ones come from `updateOrderStatus`.',
  values: {
    PENDING_NEW: { description: 'Sent, not yet acknowledged by the exchange (the default).' },
    NEW: { description: 'Acknowledged and working on the exchange.' },
  } as const,
});

const RecordOrderInput = builder.inputType('RecordOrderInput', {
  description: 'A new order; `clientOrderId` makes recording it idempotent.',
  fields: (t) => ({
    clientOrderId: t.string({
      required: true,
      description: "The trading system's id for the order: the idempotency key.",
    }),
    strategyId: t.id({ required: true, description: 'Global ID of the strategy placing it.' }),
    signalId: t.id({ description: 'Global ID of the signal it executes.' }),
    positionId: t.id({
      description:
        'Global ID of the position it changes; when omitted, its first fill finds or opens one.',
    }),
    mode: t.field({ type: TradingModeEnum, description: 'Default LIVE.' }),
    backtestRunId: t.id({ description: 'Global ID of the backtest run; required for BACKTEST.' }),
    exchange: t.string({ required: true, description: 'Exchange the order is on.' }),
    symbol: t.string({
      required: true,
      description: 'Instrument symbol as the exchange spells it.',
    }),
    side: t.field({ type: OrderSideEnum, required: true, description: 'Buy or sell.' }),
    type: t.field({ type: OrderTypeEnum, required: true, description: 'Order type.' }),
    timeInForce: t.field({ type: TimeInForceEnum, description: 'Default GTC.' }),
    reduceOnly: t.boolean({ description: 'Only reduces an existing position; default false.' }),
    quantity: t.field({
      type: 'Decimal',
      required: true,
      description: 'Ordered quantity in base-asset units; above 0.',
    }),
    limitPrice: t.field({
      type: 'Decimal',
      description: 'Limit price; required for LIMIT, STOP_LIMIT and TAKE_PROFIT_LIMIT.',
    }),
    stopPrice: t.field({
      type: 'Decimal',
      description: 'Trigger price; required for STOP, STOP_LIMIT, TAKE_PROFIT, TAKE_PROFIT_LIMIT.',
    }),
    feeAsset: t.string({ description: 'Asset the fees are paid in.' }),
    exchangeOrderId: t.string({ description: 'Order id assigned by the exchange, if known.' }),
    status: t.field({ type: InitialOrderStatusEnum, description: 'Default PENDING_NEW.' }),
    signalLatencyMs: t.int({ description: 'Milliseconds from the signal to submission.' }),
    metadata: t.field({ type: 'JSON', description: 'Source-specific fields.' }),
    createdAt: t.field({ type: 'DateTime', description: 'When it was created; default now.' }),
    submittedAt: t.field({ type: 'DateTime', description: 'When it was sent.' }),
  }),
});

/** Result shape of `recordOrder` in the writer. */
type RecordOrderResult = Awaited<ReturnType<typeof recordOrder>>;

const RecordOrderSuccess = builder.objectRef<RecordOrderResult>('RecordOrderSuccess').implement({
  description: 'The recorded order.',
  fields: (t) => ({
    order: t.field({ type: OrderNode, description: 'The order.', resolve: (r) => r.order }),
    created: t.exposeBoolean('created', {
      description: 'False when `clientOrderId` was already recorded: the stored order, unchanged.',
    }),
    conflicts: t.exposeStringList('conflicts', {
      description:
        'On a retry, the input fields whose stored value differs (the stored order wins); empty otherwise.',
    }),
  }),
});

builder.mutationField('recordOrder', (t) =>
  t.field({
    type: RecordOrderSuccess,
    description:
      'Records an order; the same clientOrderId again returns the stored order with created: false.',
    errors: writerResult('recordOrder'),
    ...tradeScopes,
    args: { input: t.arg({ type: RecordOrderInput, required: true, description: 'The order.' }) },
    resolve: async (_root, { input }, ctx) => {
      const values = {
        ...input,
        strategyId: idOf(input.strategyId, 'Strategy', 'strategyId'),
        signalId: optionalIdOf(input.signalId, 'Signal', 'signalId'),
        positionId: optionalIdOf(input.positionId, 'Position', 'positionId'),
        backtestRunId: optionalIdOf(input.backtestRunId, 'BacktestRun', 'backtestRunId'),
        mode: orDefault(input.mode),
        timeInForce: orDefault(input.timeInForce),
        reduceOnly: orDefault(input.reduceOnly),
        status: orDefault(input.status),
        metadata: json(input.metadata),
        createdAt: orDefault(input.createdAt),
      };
      await assertMayWrite(ctx, 'recordOrder', {
        strategyIds: [values.strategyId],
        signalIds: [values.signalId],
        positionIds: [values.positionId],
        backtestRunIds: [values.backtestRunId],
      });
      return recordOrder(ctx.prisma, values);
    },
  }),
);

const UpdateOrderStatusInput = builder.inputType('UpdateOrderStatusInput', {
  description: 'An exchange status report; name the order by `orderId` or `clientOrderId`.',
  fields: (t) => ({
    orderId: t.id({ description: 'Global ID of the order.' }),
    clientOrderId: t.string({ description: 'Client order id of the order.' }),
    status: t.field({ type: OrderStatusEnum, required: true, description: 'Reported status.' }),
    exchangeOrderId: t.string({
      description: "The exchange's order id; may be set once, never changed.",
    }),
    reason: t.string({ description: 'Reject, cancel or expiry reason.' }),
    at: t.field({ type: 'DateTime', description: 'When the exchange reported it; default now.' }),
  }),
});

const UpdateOrderStatusSuccess = builder
  .objectRef<Awaited<ReturnType<typeof updateOrderStatus>>>('UpdateOrderStatusSuccess')
  .implement({
    description: 'The order after the status report.',
    fields: (t) => ({
      order: t.field({ type: OrderNode, description: 'The order.', resolve: (r) => r.order }),
      changed: t.exposeBoolean('changed', {
        description: 'False when the order already had this status: nothing was written.',
      }),
    }),
  });

builder.mutationField('updateOrderStatus', (t) =>
  t.field({
    type: UpdateOrderStatusSuccess,
    description:
      'Applies an exchange status report along the allowed transitions; a repeated report changes nothing.',
    errors: writerResult('updateOrderStatus'),
    ...tradeScopes,
    args: {
      input: t.arg({ type: UpdateOrderStatusInput, required: true, description: 'The report.' }),
    },
    resolve: async (_root, { input }, ctx) => {
      const values = {
        orderId: optionalIdOf(input.orderId, 'Order', 'orderId'),
        clientOrderId: orDefault(input.clientOrderId),
        status: input.status,
        exchangeOrderId: orDefault(input.exchangeOrderId),
        reason: orDefault(input.reason),
        at: orDefault(input.at),
      };
      await assertMayWrite(ctx, 'updateOrderStatus', {
        orderIds: [values.orderId],
        clientOrderIds: [values.clientOrderId],
      });
      return updateOrderStatus(ctx.prisma, values);
    },
  }),
);
