import type { Database } from '../db/prisma.ts';
import {
  type ExitReason,
  type Position,
  type PositionDirection,
  Prisma,
  type TradingMode,
} from '../generated/prisma/client.ts';
import {
  type DecimalInput,
  exact,
  parseDecimal,
  parseDecimalList,
  parseOptionalDecimal,
  toColumn,
} from './decimal-input.ts';
import { invalid, isUniqueViolation, WriterError } from './errors.ts';
import { applyExecution, unrealizedAt } from './position-math.ts';
import { lockPosition, toPositionState } from './position-rows.ts';
import { requireBacktestRun, requireSignal, requireStrategy, TRADING_MODES } from './references.ts';
import {
  checkBacktestLink,
  type IdInput,
  jsonObject,
  optionalText,
  parseId,
  parseOptionalCount,
  parseOptionalId,
  parseTime,
  requireOneOf,
  requireText,
} from './validation.ts';
import type { UpsertResult } from './write-result.ts';

/** Input of {@link openPosition}: a position recorded directly, not built from fills. */
export interface OpenPositionInput {
  strategyId: IdInput;
  /** The source's id for the position; makes the write idempotent. */
  externalId?: string | null;
  signalId?: IdInput | null;
  /** Default `LIVE`; `BACKTEST` requires `backtestRunId`. */
  mode?: TradingMode;
  backtestRunId?: IdInput | null;
  exchange: string;
  symbol: string;
  direction: PositionDirection;
  /** Greater than 0. */
  size: DecimalInput;
  /** Greater than 0. */
  averageEntryPrice: DecimalInput;
  /** Entry fees paid, default 0; counted in `fees` and, negated, in `realizedPnl`. */
  fees?: DecimalInput;
  stopLoss?: DecimalInput | null;
  /** Each greater than 0, TP1 first. */
  takeProfits?: DecimalInput[];
  trailingStopPrice?: DecimalInput | null;
  trailingStop?: Prisma.InputJsonValue | null;
  margin?: DecimalInput | null;
  /** Greater than 0. */
  leverage?: DecimalInput | null;
  liquidationPrice?: DecimalInput | null;
  /** Money lost if the initial stop is hit (1 R); not negative. */
  riskAmount?: DecimalInput | null;
  metadata?: Prisma.InputJsonValue;
  /** At most 5 minutes in the future. */
  openedAt: Date;
}

/**
 * Opens a position with `remainingSize = size`. With `externalId`, idempotent by
 * `(strategyId, externalId)`: a retry returns the stored row unchanged, `created: false`.
 */
export async function openPosition(
  db: Database,
  input: OpenPositionInput,
): Promise<UpsertResult<Position>> {
  const strategyId = parseId('strategyId', input.strategyId);
  const externalId = optionalText('externalId', input.externalId);
  const signalId = parseOptionalId('signalId', input.signalId);
  const mode = requireOneOf('mode', input.mode ?? 'LIVE', TRADING_MODES);
  const backtestRunId = parseOptionalId('backtestRunId', input.backtestRunId);
  checkBacktestLink(mode, backtestRunId);
  const size = parseDecimal('size', input.size, 'positive');
  const fees = input.fees === undefined ? exact(0) : parseDecimal('fees', input.fees);
  const data: Prisma.PositionUncheckedCreateInput = {
    strategyId,
    externalId,
    signalId,
    mode,
    backtestRunId,
    exchange: requireText('exchange', input.exchange),
    symbol: requireText('symbol', input.symbol),
    direction: requireOneOf('direction', input.direction, ['LONG', 'SHORT'] as const),
    size,
    remainingSize: size,
    averageEntryPrice: parseDecimal('averageEntryPrice', input.averageEntryPrice, 'positive'),
    fees,
    realizedPnl: fees.neg(),
    stopLoss: parseOptionalDecimal('stopLoss', input.stopLoss, 'positive'),
    takeProfits: parseDecimalList('takeProfits', input.takeProfits ?? [], 'positive'),
    trailingStopPrice: parseOptionalDecimal(
      'trailingStopPrice',
      input.trailingStopPrice,
      'positive',
    ),
    trailingStop: input.trailingStop ?? undefined,
    margin: parseOptionalDecimal('margin', input.margin, 'not negative'),
    leverage: parseOptionalDecimal('leverage', input.leverage, 'positive'),
    liquidationPrice: parseOptionalDecimal('liquidationPrice', input.liquidationPrice, 'positive'),
    riskAmount: parseOptionalDecimal('riskAmount', input.riskAmount, 'not negative'),
    metadata: jsonObject('metadata', input.metadata),
    openedAt: parseTime('openedAt', input.openedAt),
  };
  const findExisting = () =>
    externalId == null
      ? null
      : db.position.findUnique({ where: { strategyId_externalId: { strategyId, externalId } } });
  const existing = await findExisting();
  if (existing) return { row: existing, created: false };
  await requireStrategy(db, 'strategyId', strategyId);
  if (signalId != null) await requireSignal(db, 'signalId', signalId);
  if (backtestRunId != null) await requireBacktestRun(db, 'backtestRunId', backtestRunId);
  try {
    return { row: await db.position.create({ data }), created: true };
  } catch (error) {
    const raced = isUniqueViolation(error) ? await findExisting() : null;
    if (raced) return { row: raced, created: false };
    throw error;
  }
}

/**
 * Input of {@link adjustPosition}. Omitted fields are left as they are; `null` clears an
 * optional one.
 */
export interface AdjustPositionInput {
  positionId: IdInput;
  stopLoss?: DecimalInput | null;
  takeProfits?: DecimalInput[];
  takeProfitsHit?: number;
  trailingStopPrice?: DecimalInput | null;
  trailingStop?: Prisma.InputJsonValue | null;
  /**
   * Last mark price. Unless `unrealizedPnl` is given too, the unrealized P&L of the open
   * quantity is computed from it.
   */
  markPrice?: DecimalInput | null;
  unrealizedPnl?: DecimalInput | null;
  margin?: DecimalInput | null;
  leverage?: DecimalInput | null;
  liquidationPrice?: DecimalInput | null;
  metadata?: Prisma.InputJsonValue;
}

/**
 * Changes an open position's risk settings and marks (stop loss, take profits, trailing stop,
 * mark price and unrealized P&L, margin, leverage, liquidation price). Sizes, prices and P&L
 * that fills determine are not adjustable here. A closed position is refused (CONFLICT).
 */
export async function adjustPosition(db: Database, input: AdjustPositionInput): Promise<Position> {
  const positionId = parseId('positionId', input.positionId);
  const markPrice = parseOptionalDecimal('markPrice', input.markPrice, 'positive');
  const unrealizedPnl = parseOptionalDecimal('unrealizedPnl', input.unrealizedPnl);
  const data: Prisma.PositionUncheckedUpdateInput = {
    stopLoss: parseOptionalDecimal('stopLoss', input.stopLoss, 'positive'),
    takeProfits:
      input.takeProfits === undefined
        ? undefined
        : parseDecimalList('takeProfits', input.takeProfits, 'positive'),
    takeProfitsHit: parseOptionalCount('takeProfitsHit', input.takeProfitsHit) ?? undefined,
    trailingStopPrice: parseOptionalDecimal(
      'trailingStopPrice',
      input.trailingStopPrice,
      'positive',
    ),
    trailingStop: input.trailingStop === null ? Prisma.DbNull : input.trailingStop,
    markPrice,
    unrealizedPnl,
    margin: parseOptionalDecimal('margin', input.margin, 'not negative'),
    leverage: parseOptionalDecimal('leverage', input.leverage, 'positive'),
    liquidationPrice: parseOptionalDecimal('liquidationPrice', input.liquidationPrice, 'positive'),
    metadata: jsonObject('metadata', input.metadata),
  };
  return db.$transaction(async (tx) => {
    const position = await lockPosition(tx, positionId);
    refuseClosed(position);
    if (markPrice && unrealizedPnl === undefined) {
      data.unrealizedPnl = unrealizedAt(toPositionState(position), markPrice);
    }
    return tx.position.update({ where: { id: positionId }, data });
  });
}

/** Input of {@link closePosition}. */
export interface ClosePositionInput {
  positionId: IdInput;
  /** Price the remaining quantity is closed at; greater than 0. */
  price: DecimalInput;
  exitReason: ExitReason;
  /** Fee of the close, default 0. */
  fee?: DecimalInput;
  /** Default now; at most 5 minutes in the future, not before `openedAt`. */
  closedAt?: Date;
}

/**
 * Closes the remaining quantity at `price` without a fill (a manual or reconciled close):
 * realizes the P&L net of `fee`, re-averages the exit price, sets `remainingSize` 0,
 * `unrealizedPnl` 0, `closedAt`, `exitReason`, status `CLOSED` (`LIQUIDATED` for the exit
 * reason `LIQUIDATION`). A closed position is refused (CONFLICT).
 */
export async function closePosition(db: Database, input: ClosePositionInput): Promise<Position> {
  const positionId = parseId('positionId', input.positionId);
  const price = parseDecimal('price', input.price, 'positive');
  const fee = input.fee === undefined ? exact(0) : parseDecimal('fee', input.fee);
  const exitReason = requireOneOf('exitReason', input.exitReason, [
    'TAKE_PROFIT',
    'STOP_LOSS',
    'TRAILING_STOP',
    'TIMEOUT',
    'SIGNAL',
    'MANUAL',
    'LIQUIDATION',
    'OTHER',
  ] as const);
  const closedAt =
    input.closedAt === undefined ? new Date() : parseTime('closedAt', input.closedAt);
  return db.$transaction(async (tx) => {
    const position = await lockPosition(tx, positionId);
    refuseClosed(position);
    if (closedAt < position.openedAt) {
      throw invalid(
        'closedAt',
        `closedAt ${closedAt.toISOString()} is before the position's openedAt ${position.openedAt.toISOString()}.`,
      );
    }
    const state = toPositionState(position);
    const next = applyExecution(state, {
      side: state.direction === 'LONG' ? 'SELL' : 'BUY',
      price,
      quantity: state.remainingSize,
      fee,
    });
    return tx.position.update({
      where: { id: positionId },
      data: {
        status: exitReason === 'LIQUIDATION' ? 'LIQUIDATED' : 'CLOSED',
        remainingSize: next.remainingSize,
        averageExitPrice: next.averageExitPrice,
        realizedPnl: next.realizedPnl,
        fees: next.fees,
        pnlR: next.pnlR,
        unrealizedPnl: toColumn('unrealizedPnl', exact(0)),
        markPrice: price,
        exitReason,
        closedAt,
      },
    });
  });
}

function refuseClosed(position: Position): void {
  if (position.status === 'CLOSED' || position.status === 'LIQUIDATED') {
    throw new WriterError(
      'CONFLICT',
      'positionId',
      `position ${position.id} is already ${position.status} (at ${position.closedAt?.toISOString()}); it cannot be changed.`,
    );
  }
}
