import type { Database } from '../db/prisma.ts';
import type {
  OrderType,
  Prisma,
  Signal,
  SignalDirection,
  SignalStatus,
  SignalStrength,
  TradingMode,
} from '../generated/prisma/client.ts';
import { type DecimalInput, parseDecimalList, parseOptionalDecimal } from './decimal-input.ts';
import { invalid, isUniqueViolation, notFound, WriterError } from './errors.ts';
import {
  requireBacktestRun,
  requirePrediction,
  requireStrategy,
  TRADING_MODES,
} from './references.ts';
import {
  checkBacktestLink,
  type IdInput,
  jsonObject,
  optionalText,
  parseId,
  parseOptionalId,
  parseOptionalTime,
  parseTime,
  requireOneOf,
  requireText,
} from './validation.ts';
import type { UpsertResult } from './write-result.ts';

/** Input of {@link recordSignal}. */
export interface SignalInput {
  strategyId: IdInput;
  /** The source's id for the signal; makes the write idempotent. */
  externalId?: string | null;
  exchange: string;
  symbol: string;
  timeframe?: string | null;
  direction: SignalDirection;
  /** Default `NORMAL`. */
  strength?: SignalStrength;
  /** 0–100. */
  score?: DecimalInput | null;
  /** 0–1. */
  confidence?: DecimalInput | null;
  entryType?: OrderType | null;
  /** Greater than 0. */
  entryPrice?: DecimalInput | null;
  /** Greater than 0. */
  stopLoss?: DecimalInput | null;
  /** Each greater than 0, TP1 first. */
  takeProfits?: DecimalInput[];
  reasons?: string[];
  warnings?: string[];
  factors?: Prisma.InputJsonValue;
  indicators?: Prisma.InputJsonValue;
  riskChecks?: Prisma.InputJsonValue;
  predictionId?: IdInput | null;
  /** Default `LIVE`; `BACKTEST` requires `backtestRunId`. */
  mode?: TradingMode;
  backtestRunId?: IdInput | null;
  metadata?: Prisma.InputJsonValue;
  /** When the source generated it; at most 5 minutes in the future. */
  generatedAt: Date;
  /** May lie in the future. */
  expiresAt?: Date | null;
}

/**
 * Records a new signal in status `PROPOSED`. With `externalId`, idempotent by
 * `(strategyId, externalId)`: a retry returns the stored row unchanged with `created: false`.
 * Without it, every call inserts a row.
 */
export async function recordSignal(
  db: Database,
  input: SignalInput,
): Promise<UpsertResult<Signal>> {
  const strategyId = parseId('strategyId', input.strategyId);
  const externalId = optionalText('externalId', input.externalId);
  const mode = requireOneOf('mode', input.mode ?? 'LIVE', TRADING_MODES);
  const backtestRunId = parseOptionalId('backtestRunId', input.backtestRunId);
  checkBacktestLink(mode, backtestRunId);
  const score = parseOptionalDecimal('score', input.score);
  if (score && (score.lt(0) || score.gt(100))) {
    throw invalid('score', `score must be between 0 and 100, got ${score.toFixed()}.`);
  }
  const confidence = parseOptionalDecimal('confidence', input.confidence);
  if (confidence && (confidence.lt(0) || confidence.gt(1))) {
    throw invalid(
      'confidence',
      `confidence must be a fraction between 0 and 1, got ${confidence.toFixed()}.`,
    );
  }
  const predictionId = parseOptionalId('predictionId', input.predictionId);
  const data: Prisma.SignalUncheckedCreateInput = {
    strategyId,
    externalId,
    exchange: requireText('exchange', input.exchange),
    symbol: requireText('symbol', input.symbol),
    timeframe: optionalText('timeframe', input.timeframe),
    direction: input.direction,
    strength: input.strength,
    score,
    confidence,
    entryType: input.entryType,
    entryPrice: parseOptionalDecimal('entryPrice', input.entryPrice, 'positive'),
    stopLoss: parseOptionalDecimal('stopLoss', input.stopLoss, 'positive'),
    takeProfits: parseDecimalList('takeProfits', input.takeProfits ?? [], 'positive'),
    reasons: input.reasons,
    warnings: input.warnings,
    factors: jsonObject('factors', input.factors),
    indicators: jsonObject('indicators', input.indicators),
    riskChecks: jsonObject('riskChecks', input.riskChecks),
    predictionId,
    mode,
    backtestRunId,
    metadata: jsonObject('metadata', input.metadata),
    generatedAt: parseTime('generatedAt', input.generatedAt),
    expiresAt: parseOptionalTime('expiresAt', input.expiresAt, { allowFuture: true }),
  };
  const findExisting = () =>
    externalId == null
      ? null
      : db.signal.findUnique({ where: { strategyId_externalId: { strategyId, externalId } } });
  const existing = await findExisting();
  if (existing) return { row: existing, created: false };
  await requireStrategy(db, 'strategyId', strategyId);
  if (predictionId != null) await requirePrediction(db, 'predictionId', predictionId);
  if (backtestRunId != null) await requireBacktestRun(db, 'backtestRunId', backtestRunId);
  try {
    return { row: await db.signal.create({ data }), created: true };
  } catch (error) {
    const raced = isUniqueViolation(error) ? await findExisting() : null;
    if (raced) return { row: raced, created: false };
    throw error;
  }
}

/**
 * The legal signal status changes. A risk manager decides a proposed signal; an approved one is
 * executed, or lapses. `REJECTED`, `EXECUTED`, `EXPIRED` and `CANCELED` are final.
 */
export const SIGNAL_TRANSITIONS: Readonly<Record<SignalStatus, readonly SignalStatus[]>> = {
  PROPOSED: ['APPROVED', 'REJECTED', 'EXPIRED', 'CANCELED'],
  APPROVED: ['EXECUTED', 'EXPIRED', 'CANCELED'],
  REJECTED: [],
  EXECUTED: [],
  EXPIRED: [],
  CANCELED: [],
};

/** Input of {@link decideSignal}. */
export interface SignalDecisionInput {
  signalId: IdInput;
  status: SignalStatus;
  /** Required for `REJECTED` (stored as `rejectionReason`); ignored otherwise. */
  reason?: string;
  /** When it was decided; default now. Stored as `decidedAt` for `APPROVED` and `REJECTED`. */
  at?: Date;
}

/**
 * Moves a signal to `status` following {@link SIGNAL_TRANSITIONS}; throws ILLEGAL_TRANSITION
 * otherwise. Asking for the status the signal already has is a retry: the row is returned
 * unchanged. The row is locked for the check, so two racing decisions cannot both apply.
 */
export async function decideSignal(db: Database, input: SignalDecisionInput): Promise<Signal> {
  const signalId = parseId('signalId', input.signalId);
  const status = requireOneOf(
    'status',
    input.status,
    Object.keys(SIGNAL_TRANSITIONS) as SignalStatus[],
  );
  const at = input.at === undefined ? new Date() : parseTime('at', input.at);
  const reason = optionalText('reason', input.reason);
  if (status === 'REJECTED' && reason == null) {
    throw invalid('reason', 'reason is required to reject a signal: say why it was rejected.');
  }
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM signals WHERE id = ${signalId} FOR UPDATE`;
    const signal = await tx.signal.findUnique({ where: { id: signalId } });
    if (!signal) throw notFound('signalId', 'signal', signalId);
    if (signal.status === status) return signal;
    if (!SIGNAL_TRANSITIONS[signal.status].includes(status)) {
      throw new WriterError(
        'ILLEGAL_TRANSITION',
        'status',
        `signal ${signalId} is ${signal.status} and cannot become ${status}; allowed from ${signal.status}: ${SIGNAL_TRANSITIONS[signal.status].join(', ') || 'none (final status)'}.`,
      );
    }
    const decided = status === 'APPROVED' || status === 'REJECTED';
    return tx.signal.update({
      where: { id: signalId },
      data: {
        status,
        ...(decided ? { decidedAt: at } : {}),
        ...(status === 'REJECTED' ? { rejectionReason: reason } : {}),
      },
    });
  });
}
