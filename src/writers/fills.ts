import type { Database } from '../db/prisma.ts';
import type {
  ExitReason,
  Fill,
  Liquidity,
  Order,
  OrderStatus,
  Position,
  Prisma,
} from '../generated/prisma/client.ts';
import { type Decimal, type DecimalInput, exact, parseDecimal } from './decimal-input.ts';
import { invalid, isUniqueViolation, WriterError } from './errors.ts';
import { lockOrder, type OrderRef, parseOrderRef } from './orders.ts';
import {
  addFill,
  applyExecution,
  type Execution,
  exitReasonOf,
  openState,
  type PositionState,
  unrealizedAt,
} from './position-math.ts';
import { lockOpenPosition, lockPosition, toPositionState } from './position-rows.ts';
import { type IdInput, jsonObject, optionalText, parseTime, requireOneOf } from './validation.ts';

/** Input of {@link recordFill}: name the order by `orderId` or `clientOrderId`. */
export interface FillInput {
  orderId?: IdInput;
  clientOrderId?: string;
  /** The venue's trade id: with the order's exchange, the idempotency key. */
  exchangeFillId?: string | null;
  /** Greater than 0. */
  price: DecimalInput;
  /** Greater than 0, at most the order's unfilled quantity. */
  quantity: DecimalInput;
  /** Default 0; positive = paid, negative = rebate. In the order's fee asset. */
  fee?: DecimalInput;
  feeAsset?: string | null;
  liquidity?: Liquidity | null;
  metadata?: Prisma.InputJsonValue;
  /** Execution time at the venue; at most 5 minutes in the future. */
  executedAt: Date;
  /** Why the position closed, if this fill closes it; default from the order type. */
  exitReason?: ExitReason | null;
}

/** Result of {@link recordFill}: the fill and its order and position after it. */
export interface RecordFillResult {
  fill: Fill;
  order: Order;
  /** The position the fill was applied to (opened, increased or reduced). */
  position: Position | null;
  /** False when `(exchange, exchangeFillId)` was already recorded: nothing was applied. */
  created: boolean;
  /** On a retry, the fields whose stored value differs from this input; the stored fill wins. */
  conflicts: string[];
}

interface ParsedFill {
  ref: OrderRef;
  exchangeFillId: string | null | undefined;
  execution: Omit<Execution, 'side'>;
  feeAsset: string | null | undefined;
  liquidity: Liquidity | null | undefined;
  metadata: Prisma.InputJsonValue | undefined;
  executedAt: Date;
  exitReason: ExitReason | null | undefined;
}

/** Attempts of a batch that lost a unique-key race; the retry then finds the winner's rows. */
const ATTEMPTS = 3;

/**
 * Records one fill and, in the same transaction, its consequences on the order and position
 * (see {@link recordFills}). Idempotent by `(exchange, exchangeFillId)`.
 */
export async function recordFill(db: Database, input: FillInput): Promise<RecordFillResult> {
  const [result] = await recordFills(db, [input], '');
  if (!result) throw new Error('recordFills returned no result for one fill');
  return result;
}

/**
 * Records fills in order, all in one transaction (all or nothing), each with its consequences:
 *
 * - the order (row locked with SELECT ... FOR UPDATE): `filledQuantity`, the quantity-weighted
 *   `averageFillPrice` (exact, rounded to 18 decimals), `fees`, `feeAsset` if unset,
 *   `firstFillAt`, status `PARTIALLY_FILLED` or `FILLED` (with `closedAt`); a `PENDING_CANCEL`
 *   order stays so until filled completely;
 * - the position: the order's, else the open position of the same strategy, mode and
 *   instrument, else a new one opened in the fill's direction; order and fill are linked to
 *   it. See `applyExecution` for the arithmetic; a fill that would flip a position through
 *   zero is refused.
 *
 * Refused: a fill larger than the order's unfilled quantity; a fill of a `REJECTED` order; a
 * fill of a `CANCELED` or `EXPIRED` order unless executed at or before its `closedAt` (venues
 * report executions that beat the cancel after the cancel itself; the order keeps its final
 * status); a fee asset other than the order's.
 *
 * A fill whose `(exchange, exchangeFillId)` is already recorded is returned as it is, with
 * `created: false`, and nothing is applied again; concurrent identical calls apply once (the
 * order lock serialises them, and a unique violation retries the batch, which then finds the
 * stored row). Fills without `exchangeFillId` cannot be deduplicated. `fieldPrefix` names the
 * element at fault in errors; default `fills.<index>.`.
 */
export async function recordFills(
  db: Database,
  inputs: readonly FillInput[],
  fieldPrefix?: string,
): Promise<RecordFillResult[]> {
  const parsed = inputs.map((input, index) => parseFill(input, fieldPrefix ?? `fills.${index}.`));
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(
        async (tx) => {
          await lockOrders(tx, parsed);
          const results: RecordFillResult[] = [];
          for (const fill of parsed) results.push(await applyFill(tx, fill));
          return results;
        },
        { maxWait: 10_000, timeout: 30_000 },
      );
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      if (attempt >= ATTEMPTS) {
        throw new WriterError(
          'CONFLICT',
          'exchangeFillId',
          'a fill with the same exchange and exchangeFillId was recorded concurrently for another order.',
        );
      }
    }
  }
}

function parseFill(input: FillInput, prefix: string): ParsedFill {
  const field = (name: string) => `${prefix}${name}`;
  return {
    ref: prefixed(prefix, () => parseOrderRef(input)),
    exchangeFillId: optionalText(field('exchangeFillId'), input.exchangeFillId),
    execution: {
      price: parseDecimal(field('price'), input.price, 'positive'),
      quantity: parseDecimal(field('quantity'), input.quantity, 'positive'),
      fee: input.fee === undefined ? exact(0) : parseDecimal(field('fee'), input.fee),
    },
    feeAsset: optionalText(field('feeAsset'), input.feeAsset),
    liquidity:
      input.liquidity == null
        ? input.liquidity
        : requireOneOf(field('liquidity'), input.liquidity, ['MAKER', 'TAKER'] as const),
    metadata: jsonObject('metadata', input.metadata),
    executedAt: parseTime(field('executedAt'), input.executedAt),
    exitReason: input.exitReason,
  };
}

function prefixed<T>(prefix: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof WriterError && prefix) {
      throw new WriterError(error.code, `${prefix}${error.field}`, `${prefix}${error.message}`);
    }
    throw error;
  }
}

/**
 * Locks every order of the batch in id order before touching any, so that two batches sharing
 * orders cannot each hold one lock and wait for the other.
 */
async function lockOrders(tx: Prisma.TransactionClient, fills: ParsedFill[]): Promise<void> {
  const ids = new Set<bigint>();
  for (const { ref } of fills) {
    const row =
      'id' in ref
        ? { id: ref.id }
        : await tx.order.findUnique({ where: { clientOrderId: ref.clientOrderId } });
    if (row) ids.add(row.id);
  }
  for (const id of [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    await tx.$queryRaw`SELECT id FROM orders WHERE id = ${id} FOR UPDATE`;
  }
}

async function applyFill(
  tx: Prisma.TransactionClient,
  input: ParsedFill,
): Promise<RecordFillResult> {
  const order = await lockOrder(tx, input.ref);
  if (input.exchangeFillId != null) {
    const existing = await tx.fill.findUnique({
      where: {
        exchange_exchangeFillId: { exchange: order.exchange, exchangeFillId: input.exchangeFillId },
      },
    });
    if (existing) return replayed(tx, existing, order, input);
  }
  checkOrderAcceptsFill(order, input.executedAt);
  if (input.feeAsset != null && order.feeAsset != null && input.feeAsset !== order.feeAsset) {
    throw new WriterError(
      'CONFLICT',
      'feeAsset',
      `feeAsset ${input.feeAsset} differs from the order's ${order.feeAsset}: an order's fees are summed in one currency.`,
    );
  }
  const execution: Execution = { ...input.execution, side: order.side };
  const totals = addFill(
    {
      quantity: exact(order.quantity),
      filledQuantity: exact(order.filledQuantity),
      averageFillPrice: order.averageFillPrice && exact(order.averageFillPrice),
      fees: exact(order.fees),
    },
    execution,
  );
  const status = statusAfterFill(order.status, totals.filledQuantity.eq(totals.quantity));
  const position = await applyToPosition(tx, order, execution, input);
  const fill = await tx.fill.create({
    data: {
      orderId: order.id,
      strategyId: order.strategyId,
      positionId: position.id,
      mode: order.mode,
      exchange: order.exchange,
      exchangeFillId: input.exchangeFillId,
      symbol: order.symbol,
      side: order.side,
      price: execution.price,
      quantity: execution.quantity,
      fee: execution.fee,
      feeAsset: input.feeAsset ?? order.feeAsset,
      liquidity: input.liquidity,
      metadata: jsonObject('metadata', input.metadata),
      executedAt: input.executedAt,
    },
  });
  const updated = await tx.order.update({
    where: { id: order.id },
    data: {
      filledQuantity: totals.filledQuantity,
      averageFillPrice: totals.averageFillPrice,
      fees: totals.fees,
      feeAsset: order.feeAsset ?? input.feeAsset,
      status,
      positionId: position.id,
      firstFillAt:
        order.firstFillAt && order.firstFillAt <= input.executedAt
          ? order.firstFillAt
          : input.executedAt,
      ...(status === 'FILLED' && order.closedAt == null ? { closedAt: input.executedAt } : {}),
    },
  });
  return { fill, order: updated, position, created: true, conflicts: [] };
}

async function replayed(
  tx: Prisma.TransactionClient,
  fill: Fill,
  order: Order,
  input: ParsedFill,
): Promise<RecordFillResult> {
  if (fill.orderId !== order.id) {
    throw new WriterError(
      'CONFLICT',
      'exchangeFillId',
      `exchangeFillId ${fill.exchangeFillId} on ${fill.exchange} is already recorded for order ${fill.orderId}, not for ${order.clientOrderId}.`,
    );
  }
  const conflicts: string[] = [];
  if (!fill.price.eq(input.execution.price)) conflicts.push('price');
  if (!fill.quantity.eq(input.execution.quantity)) conflicts.push('quantity');
  if (!fill.fee.eq(input.execution.fee)) conflicts.push('fee');
  if (fill.executedAt.getTime() !== input.executedAt.getTime()) conflicts.push('executedAt');
  const position =
    fill.positionId == null
      ? null
      : await tx.position.findUnique({ where: { id: fill.positionId } });
  return { fill, order, position, created: false, conflicts };
}

function checkOrderAcceptsFill(order: Order, executedAt: Date): void {
  if (order.status === 'REJECTED') {
    throw new WriterError(
      'CONFLICT',
      'orderId',
      `order ${order.clientOrderId} was REJECTED and cannot have fills: a rejected order never reached the book.`,
    );
  }
  if (order.status === 'CANCELED' || order.status === 'EXPIRED') {
    if (order.closedAt == null || executedAt > order.closedAt) {
      throw new WriterError(
        'CONFLICT',
        'executedAt',
        `order ${order.clientOrderId} is ${order.status} since ${order.closedAt?.toISOString() ?? 'an unknown time'}; only a fill executed before then can be recorded, got ${executedAt.toISOString()}.`,
      );
    }
  }
}

/**
 * The status a fill moves an order to. Final statuses stay (a late fill of a canceled order
 * does not undo the cancel), and a pending cancel stays pending until the order is complete.
 */
function statusAfterFill(status: OrderStatus, complete: boolean): OrderStatus {
  switch (status) {
    case 'FILLED':
    case 'CANCELED':
    case 'EXPIRED':
    case 'REJECTED':
      return status;
    case 'PENDING_CANCEL':
      return complete ? 'FILLED' : 'PENDING_CANCEL';
    default:
      return complete ? 'FILLED' : 'PARTIALLY_FILLED';
  }
}

async function applyToPosition(
  tx: Prisma.TransactionClient,
  order: Order,
  execution: Execution,
  input: ParsedFill,
): Promise<Position> {
  const current =
    order.positionId != null
      ? await lockPosition(tx, order.positionId)
      : await lockOpenPosition(tx, order);
  if (!current) {
    if (order.reduceOnly) {
      throw invalid(
        'orderId',
        `order ${order.clientOrderId} is reduce-only but ${order.strategyId}'s ${order.exchange} ${order.symbol} has no open position to reduce.`,
      );
    }
    return tx.position.create({
      data: {
        ...stateColumns(openState(execution)),
        strategyId: order.strategyId,
        signalId: order.signalId,
        backtestRunId: order.backtestRunId,
        mode: order.mode,
        exchange: order.exchange,
        symbol: order.symbol,
        openedAt: input.executedAt,
      },
    });
  }
  const next = applyExecution(toPositionState(current), execution);
  if (current.markPrice && next.status !== 'CLOSED') {
    next.unrealizedPnl = unrealizedAt(next, exact(current.markPrice));
  }
  const closing = next.status === 'CLOSED';
  const exitReason = input.exitReason ?? (closing ? exitReasonOf(order.type) : null);
  return tx.position.update({
    where: { id: current.id },
    data: {
      ...stateColumns(next),
      ...(closing && exitReason === 'LIQUIDATION' ? { status: 'LIQUIDATED' } : {}),
      ...(exitReason ? { exitReason } : {}),
      ...(closing
        ? {
            closedAt: new Date(Math.max(input.executedAt.getTime(), current.openedAt.getTime())),
          }
        : {}),
    },
  });
}

function stateColumns(state: PositionState): {
  direction: PositionState['direction'];
  status: PositionState['status'];
  size: Decimal;
  remainingSize: Decimal;
  averageEntryPrice: Decimal;
  averageExitPrice: Decimal | null;
  realizedPnl: Decimal;
  fees: Decimal;
  pnlR: Decimal | null;
  unrealizedPnl: Decimal | null;
} {
  const { riskAmount: _riskAmount, ...columns } = state;
  return columns;
}
