import { assertMayWrite } from '../../auth/write-access.ts';
import { recordFill, recordFills } from '../../writers/index.ts';
import { builder } from '../builder.ts';
import { ExitReasonEnum, LiquidityEnum } from '../common.ts';
import { badUserInput } from '../errors.ts';
import { FillNode } from '../fill.ts';
import { OrderNode } from '../order.ts';
import { PositionNode } from '../position.ts';
import { json, optionalIdOf, orDefault } from './input-values.ts';
import { writerResult } from './mutation-field.ts';

/**
 * Most fills one `recordFills` call takes. The batch is one transaction holding order locks;
 * a bound keeps it well inside the writer's 30-second transaction timeout.
 */
export const MAX_FILLS_PER_CALL = 1_000;

const RecordFillInput = builder.inputType('RecordFillInput', {
  description: 'One execution of an order; name the order by `orderId` or `clientOrderId`.',
  fields: (t) => ({
    orderId: t.id({ description: 'Global ID of the order.' }),
    clientOrderId: t.string({ description: 'Client order id of the order.' }),
    exchangeFillId: t.string({
      description:
        "The exchange's trade id; with the order's exchange, the key that makes recording idempotent.",
    }),
    price: t.field({ type: 'Decimal', required: true, description: 'Execution price; above 0.' }),
    quantity: t.field({
      type: 'Decimal',
      required: true,
      description: "Executed quantity; above 0 and at most the order's unfilled quantity.",
    }),
    fee: t.field({
      type: 'Decimal',
      description: "Fee in the order's fee asset; default 0, negative for a rebate.",
    }),
    feeAsset: t.string({ description: "Asset the fee is paid in; must match the order's." }),
    liquidity: t.field({ type: LiquidityEnum, description: 'Maker or taker.' }),
    metadata: t.field({ type: 'JSON', description: 'Source-specific fields.' }),
    executedAt: t.field({
      type: 'DateTime',
      required: true,
      description: 'Execution time at the exchange; at most 5 minutes in the future.',
    }),
    exitReason: t.field({
      type: ExitReasonEnum,
      description: 'Why the position closed, if this fill closes it; default from the order type.',
    }),
  }),
});

type FillInputShape = typeof RecordFillInput.$inferInput;

/** The writer's input for one GraphQL fill; `field` prefixes a wrong-type ID's path. */
function toWriterFill(input: FillInputShape, field: string) {
  return {
    ...input,
    orderId: optionalIdOf(input.orderId, 'Order', `${field}orderId`),
    clientOrderId: orDefault(input.clientOrderId),
    fee: orDefault(input.fee),
    metadata: json(input.metadata),
  };
}

/** A fill's strategy is its order's: the orders it names are what a limited key may write. */
function fillTargets(fills: ReadonlyArray<ReturnType<typeof toWriterFill>>) {
  return {
    orderIds: fills.map((fill) => fill.orderId),
    clientOrderIds: fills.map((fill) => fill.clientOrderId),
  };
}

type RecordFillResult = Awaited<ReturnType<typeof recordFill>>;

const RecordFillSuccess = builder.objectRef<RecordFillResult>('RecordFillSuccess').implement({
  description: 'A recorded fill with its order and position after it.',
  fields: (t) => ({
    fill: t.field({ type: FillNode, description: 'The fill.', resolve: (r) => r.fill }),
    order: t.field({
      type: OrderNode,
      description: 'The order after the fill (filled quantity, average price, fees, status).',
      resolve: (r) => r.order,
    }),
    position: t.field({
      type: PositionNode,
      nullable: true,
      description: 'The position the fill opened, increased or reduced.',
      resolve: (r) => r.position,
    }),
    created: t.exposeBoolean('created', {
      description: 'False when the exchange fill id was already recorded: nothing was applied.',
    }),
    conflicts: t.exposeStringList('conflicts', {
      description:
        'On a retry, the input fields whose stored value differs (the stored fill wins); empty otherwise.',
    }),
  }),
});

builder.mutationField('recordFill', (t) =>
  t.field({
    type: RecordFillSuccess,
    description:
      'Records a fill and applies it to its order and position in one transaction; idempotent by exchange fill id.',
    errors: writerResult('recordFill'),
    args: { input: t.arg({ type: RecordFillInput, required: true, description: 'The fill.' }) },
    resolve: async (_root, { input }, ctx) => {
      const fill = toWriterFill(input, '');
      await assertMayWrite(ctx, 'recordFill', fillTargets([fill]));
      return recordFill(ctx.prisma, fill);
    },
  }),
);

const RecordFillsInput = builder.inputType('RecordFillsInput', {
  description: `Fills recorded together, all or nothing; at most ${MAX_FILLS_PER_CALL}.`,
  fields: (t) => ({
    fills: t.field({
      type: [RecordFillInput],
      required: true,
      description: `The fills, applied in this order; at most ${MAX_FILLS_PER_CALL}.`,
    }),
  }),
});

const RecordFillsSuccess = builder.objectRef<RecordFillResult[]>('RecordFillsSuccess').implement({
  description: 'The recorded fills.',
  fields: (t) => ({
    results: t.field({
      type: [RecordFillSuccess],
      description: 'One result per input fill, in input order.',
      resolve: (results) => results,
    }),
  }),
});

builder.mutationField('recordFills', (t) =>
  t.field({
    type: RecordFillsSuccess,
    description:
      'Records fills in order, in one transaction: if any fill is refused, none is written.',
    errors: writerResult('recordFills'),
    args: {
      input: t.arg({ type: RecordFillsInput, required: true, description: 'The fills.' }),
    },
    resolve: async (_root, { input }, ctx) => {
      if (input.fills.length > MAX_FILLS_PER_CALL) {
        throw badUserInput(
          `recordFills takes at most ${MAX_FILLS_PER_CALL} fills per call, got ${input.fills.length}; split the batch.`,
        );
      }
      const fills = input.fills.map((fill, index) => toWriterFill(fill, `fills.${index}.`));
      await assertMayWrite(ctx, 'recordFills', fillTargets(fills));
      return recordFills(ctx.prisma, fills);
    },
  }),
);
