import type { Database } from '../db/prisma.ts';
import type {
  Order,
  OrderSide,
  OrderStatus,
  OrderType,
  Prisma,
  TimeInForce,
  TradingMode,
} from '../generated/prisma/client.ts';
import { type DecimalInput, parseDecimal, parseOptionalDecimal } from './decimal-input.ts';
import { invalid, isUniqueViolation, notFound, WriterError } from './errors.ts';
import { requireBacktestRun, requireSignal, requireStrategy, TRADING_MODES } from './references.ts';
import {
  checkBacktestLink,
  type IdInput,
  jsonObject,
  optionalText,
  parseId,
  parseOptionalCount,
  parseOptionalId,
  parseOptionalTime,
  parseTime,
  requireOneOf,
  requireText,
} from './validation.ts';

/** Input of {@link recordOrder}. */
export interface OrderInput {
  /** The trading system's id for the order: the idempotency key. */
  clientOrderId: string;
  strategyId: IdInput;
  signalId?: IdInput | null;
  /** The position the order changes; when omitted, its first fill finds or opens one. */
  positionId?: IdInput | null;
  /** Default `LIVE`; `BACKTEST` requires `backtestRunId`. */
  mode?: TradingMode;
  backtestRunId?: IdInput | null;
  exchange: string;
  symbol: string;
  side: OrderSide;
  type: OrderType;
  /** Default `GTC`. */
  timeInForce?: TimeInForce;
  /** Default false. */
  reduceOnly?: boolean;
  /** Greater than 0. */
  quantity: DecimalInput;
  /** Greater than 0; required for LIMIT, STOP_LIMIT, TAKE_PROFIT_LIMIT. */
  limitPrice?: DecimalInput | null;
  /** Greater than 0; required for STOP, STOP_LIMIT, TAKE_PROFIT, TAKE_PROFIT_LIMIT. */
  stopPrice?: DecimalInput | null;
  feeAsset?: string | null;
  exchangeOrderId?: string | null;
  /** Initial status: `PENDING_NEW` (default, not yet acknowledged) or `NEW`. */
  status?: 'PENDING_NEW' | 'NEW';
  signalLatencyMs?: number | null;
  metadata?: Prisma.InputJsonValue;
  /** When the trading system created it; default now, at most 5 minutes in the future. */
  createdAt?: Date;
  submittedAt?: Date | null;
}

/** Result of {@link recordOrder}. */
export interface RecordOrderResult {
  order: Order;
  /** False when `clientOrderId` was already recorded: `order` is the stored row, unchanged. */
  created: boolean;
  /**
   * On a retry, the fields whose stored value differs from this input (e.g. `['quantity']`):
   * the stored order wins, and the caller decides whether that is a bug to report. Empty when
   * created or when the retry matches.
   */
  conflicts: string[];
}

const NEEDS_LIMIT_PRICE: readonly OrderType[] = ['LIMIT', 'STOP_LIMIT', 'TAKE_PROFIT_LIMIT'];
const NEEDS_STOP_PRICE: readonly OrderType[] = [
  'STOP',
  'STOP_LIMIT',
  'TAKE_PROFIT',
  'TAKE_PROFIT_LIMIT',
];

/**
 * Records an order, idempotent by `clientOrderId`: the same id again returns the stored row and
 * changes nothing, with `created: false` and the materially different fields in `conflicts`
 * (the first report of an order is the truth; a different payload under the same id is a
 * collector bug, not an amendment). Safe under concurrency (unique key, P2002 caught).
 */
export async function recordOrder(db: Database, input: OrderInput): Promise<RecordOrderResult> {
  const clientOrderId = requireText('clientOrderId', input.clientOrderId);
  const strategyId = parseId('strategyId', input.strategyId);
  const signalId = parseOptionalId('signalId', input.signalId);
  const positionId = parseOptionalId('positionId', input.positionId);
  const mode = requireOneOf('mode', input.mode ?? 'LIVE', TRADING_MODES);
  const backtestRunId = parseOptionalId('backtestRunId', input.backtestRunId);
  checkBacktestLink(mode, backtestRunId);
  const type = requireOneOf('type', input.type, [
    'MARKET',
    'LIMIT',
    'STOP',
    'STOP_LIMIT',
    'TAKE_PROFIT',
    'TAKE_PROFIT_LIMIT',
    'TRAILING_STOP',
  ] as const);
  const limitPrice = parseOptionalDecimal('limitPrice', input.limitPrice, 'positive');
  const stopPrice = parseOptionalDecimal('stopPrice', input.stopPrice, 'positive');
  if (NEEDS_LIMIT_PRICE.includes(type) && limitPrice == null) {
    throw invalid('limitPrice', `limitPrice is required for a ${type} order.`);
  }
  if (NEEDS_STOP_PRICE.includes(type) && stopPrice == null) {
    throw invalid('stopPrice', `stopPrice is required for a ${type} order.`);
  }
  const data = {
    clientOrderId,
    strategyId,
    signalId,
    positionId,
    mode,
    backtestRunId,
    exchange: requireText('exchange', input.exchange),
    symbol: requireText('symbol', input.symbol),
    side: requireOneOf('side', input.side, ['BUY', 'SELL'] as const),
    type,
    timeInForce: input.timeInForce,
    reduceOnly: input.reduceOnly,
    quantity: parseDecimal('quantity', input.quantity, 'positive'),
    limitPrice,
    stopPrice,
    feeAsset: optionalText('feeAsset', input.feeAsset),
    exchangeOrderId: optionalText('exchangeOrderId', input.exchangeOrderId),
    status: requireOneOf('status', input.status ?? 'PENDING_NEW', ['PENDING_NEW', 'NEW'] as const),
    signalLatencyMs: parseOptionalCount('signalLatencyMs', input.signalLatencyMs),
    metadata: jsonObject('metadata', input.metadata),
    createdAt: input.createdAt === undefined ? undefined : parseTime('createdAt', input.createdAt),
    submittedAt: parseOptionalTime('submittedAt', input.submittedAt),
  } satisfies Prisma.OrderUncheckedCreateInput;

  const existing = await db.order.findUnique({ where: { clientOrderId } });
  if (existing) return { order: existing, created: false, conflicts: differences(existing, data) };
  await requireStrategy(db, 'strategyId', strategyId);
  if (signalId != null) await requireSignal(db, 'signalId', signalId);
  if (backtestRunId != null) await requireBacktestRun(db, 'backtestRunId', backtestRunId);
  if (positionId != null) {
    const position = await db.position.findUnique({ where: { id: positionId } });
    if (!position) throw notFound('positionId', 'position', positionId);
    if (
      position.strategyId !== strategyId ||
      position.exchange !== data.exchange ||
      position.symbol !== data.symbol ||
      position.mode !== mode
    ) {
      throw new WriterError(
        'CONFLICT',
        'positionId',
        `position ${positionId} is ${position.mode} ${position.exchange} ${position.symbol} of strategy ${position.strategyId}; an order on it must have the same strategy, mode and instrument.`,
      );
    }
  }
  try {
    return { order: await db.order.create({ data }), created: true, conflicts: [] };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const raced = await db.order.findUnique({ where: { clientOrderId } });
    if (raced) return { order: raced, created: false, conflicts: differences(raced, data) };
    throw new WriterError(
      'CONFLICT',
      'exchangeOrderId',
      `exchangeOrderId ${data.exchangeOrderId} is already recorded on ${data.exchange} for another order.`,
    );
  }
}

/** The fields that identify what was ordered; any difference on a retry is reported. */
function differences(stored: Order, input: Record<string, unknown>): string[] {
  const material = [
    'strategyId',
    'mode',
    'exchange',
    'symbol',
    'side',
    'type',
    'quantity',
    'limitPrice',
    'stopPrice',
  ] as const;
  return material.filter((field) => {
    const given = input[field];
    if (given === undefined) return false;
    const kept = stored[field];
    if (given === null || kept === null) return given !== kept;
    return String(given) !== String(kept) && !(isDecimal(kept) && kept.eq(given as string));
  });
}

function isDecimal(value: unknown): value is Prisma.Decimal {
  return typeof value === 'object' && value !== null && 'eq' in value;
}

/**
 * The legal exchange status changes. `FILLED`, `CANCELED`, `REJECTED` and `EXPIRED` are final.
 * `PENDING_CANCEL` may fall back to `PARTIALLY_FILLED` or end `FILLED` when the venue fills the
 * order before the cancel takes effect.
 */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  PENDING_NEW: ['NEW', 'REJECTED', 'CANCELED', 'EXPIRED'],
  NEW: ['PARTIALLY_FILLED', 'FILLED', 'PENDING_CANCEL', 'CANCELED', 'EXPIRED', 'REJECTED'],
  PARTIALLY_FILLED: ['FILLED', 'PENDING_CANCEL', 'CANCELED', 'EXPIRED'],
  PENDING_CANCEL: ['CANCELED', 'FILLED', 'PARTIALLY_FILLED'],
  FILLED: [],
  CANCELED: [],
  REJECTED: [],
  EXPIRED: [],
};

/** Statuses after which an order takes no more changes. */
export const FINAL_ORDER_STATUSES: readonly OrderStatus[] = [
  'FILLED',
  'CANCELED',
  'REJECTED',
  'EXPIRED',
];

/** Input of {@link updateOrderStatus}: name the order by `orderId` or `clientOrderId`. */
export interface OrderStatusInput {
  orderId?: IdInput;
  clientOrderId?: string;
  status: OrderStatus;
  /** The venue's order id, usually first known at `NEW`; may be set once, never changed. */
  exchangeOrderId?: string;
  /** Reject / cancel / expiry reason, stored as `statusReason`. */
  reason?: string;
  /** When the venue reported it; default now. */
  at?: Date;
}

/** Result of {@link updateOrderStatus}. */
export interface OrderStatusResult {
  order: Order;
  /** False when the order already had this status (a repeated report): nothing was written. */
  changed: boolean;
}

/**
 * Applies an exchange status report following {@link ORDER_TRANSITIONS} (ILLEGAL_TRANSITION
 * otherwise). Sets `submittedAt` (leaving `PENDING_NEW`, if not set), `closedAt` (entering a
 * final status), `statusReason` and `exchangeOrderId` when given. The same status again is a
 * repeated report and changes nothing. Quantities are not touched: they come from fills.
 */
export async function updateOrderStatus(
  db: Database,
  input: OrderStatusInput,
): Promise<OrderStatusResult> {
  const status = requireOneOf(
    'status',
    input.status,
    Object.keys(ORDER_TRANSITIONS) as OrderStatus[],
  );
  const at = input.at === undefined ? new Date() : parseTime('at', input.at);
  const reason = optionalText('reason', input.reason);
  const exchangeOrderId = optionalText('exchangeOrderId', input.exchangeOrderId);
  const ref = parseOrderRef(input);
  try {
    return await db.$transaction(async (tx) => {
      const order = await lockOrder(tx, ref);
      if (
        exchangeOrderId != null &&
        order.exchangeOrderId != null &&
        order.exchangeOrderId !== exchangeOrderId
      ) {
        throw new WriterError(
          'CONFLICT',
          'exchangeOrderId',
          `order ${order.clientOrderId} already has exchangeOrderId ${order.exchangeOrderId}; it cannot become ${exchangeOrderId}.`,
        );
      }
      if (
        order.status === status &&
        (exchangeOrderId == null || order.exchangeOrderId === exchangeOrderId)
      ) {
        return { order, changed: false };
      }
      if (order.status !== status && !ORDER_TRANSITIONS[order.status].includes(status)) {
        throw new WriterError(
          'ILLEGAL_TRANSITION',
          'status',
          `order ${order.clientOrderId} is ${order.status} and cannot become ${status}; allowed from ${order.status}: ${ORDER_TRANSITIONS[order.status].join(', ') || 'none (final status)'}.`,
        );
      }
      const leavesPending = order.status === 'PENDING_NEW' && status !== 'PENDING_NEW';
      const updated = await tx.order.update({
        where: { id: order.id },
        data: {
          status,
          ...(exchangeOrderId != null ? { exchangeOrderId } : {}),
          ...(reason != null ? { statusReason: reason } : {}),
          ...(leavesPending && order.submittedAt == null ? { submittedAt: at } : {}),
          ...(FINAL_ORDER_STATUSES.includes(status) && order.closedAt == null
            ? { closedAt: at }
            : {}),
        },
      });
      return { order: updated, changed: true };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new WriterError(
        'CONFLICT',
        'exchangeOrderId',
        `exchangeOrderId ${exchangeOrderId} is already recorded for another order on the same exchange.`,
      );
    }
    throw error;
  }
}

/** How an input names an order. */
export type OrderRef = { id: bigint } | { clientOrderId: string };

/** Reads `orderId` or `clientOrderId` from an input; exactly one is required. */
export function parseOrderRef(input: { orderId?: unknown; clientOrderId?: unknown }): OrderRef {
  if (input.orderId !== undefined && input.clientOrderId !== undefined) {
    throw invalid('orderId', 'give orderId or clientOrderId, not both.');
  }
  if (input.orderId !== undefined) return { id: parseId('orderId', input.orderId) };
  if (input.clientOrderId !== undefined) {
    return { clientOrderId: requireText('clientOrderId', input.clientOrderId) };
  }
  throw invalid('orderId', 'orderId or clientOrderId is required to name the order.');
}

/**
 * Reads an order and locks its row until the transaction ends (SELECT ... FOR UPDATE), so that
 * concurrent status reports and fills of one order apply one after the other, each seeing the
 * last one's result. Throws NOT_FOUND naming the field the caller used.
 */
export async function lockOrder(tx: Prisma.TransactionClient, ref: OrderRef): Promise<Order> {
  const rows =
    'id' in ref
      ? await tx.$queryRaw<{ id: bigint }[]>`SELECT id FROM orders WHERE id = ${ref.id} FOR UPDATE`
      : await tx.$queryRaw<
          { id: bigint }[]
        >`SELECT id FROM orders WHERE client_order_id = ${ref.clientOrderId} FOR UPDATE`;
  const id = rows[0]?.id;
  const order = id === undefined ? null : await tx.order.findUnique({ where: { id } });
  if (!order) {
    throw 'id' in ref
      ? notFound('orderId', 'order', ref.id)
      : new WriterError(
          'NOT_FOUND',
          'clientOrderId',
          `clientOrderId: no order with clientOrderId ${ref.clientOrderId} exists.`,
        );
  }
  return order;
}
