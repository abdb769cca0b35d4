import type { Database } from '../db/prisma.ts';
import type { EquitySnapshot, Prisma, TradingMode } from '../generated/prisma/client.ts';
import { type DecimalInput, parseDecimal, parseOptionalDecimal } from './decimal-input.ts';
import { requireBacktestRun, requireStrategy, TRADING_MODES } from './references.ts';
import {
  checkBacktestLink,
  type IdInput,
  jsonObject,
  optionalText,
  parseOptionalCount,
  parseOptionalId,
  parseTime,
  requireOneOf,
  requireText,
} from './validation.ts';
import type { UpsertResult } from './write-result.ts';

/** Input of {@link recordEquitySnapshot}. */
export interface EquitySnapshotInput {
  /** Omit for an account-level snapshot. */
  strategyId?: IdInput | null;
  /** Default `'default'`. */
  account?: string;
  /** Default `LIVE`; `BACKTEST` requires `backtestRunId`. */
  mode?: TradingMode;
  backtestRunId?: IdInput | null;
  currency?: string | null;
  equity: DecimalInput;
  availableBalance?: DecimalInput | null;
  exposure?: DecimalInput | null;
  /** Percent: `12.5` means 12.5 %. */
  exposurePct?: DecimalInput | null;
  unrealizedPnl?: DecimalInput | null;
  realizedPnl?: DecimalInput | null;
  /** Percent, positive magnitude. */
  drawdownPct?: DecimalInput | null;
  dailyDrawdownPct?: DecimalInput | null;
  weeklyDrawdownPct?: DecimalInput | null;
  maxDrawdownPct?: DecimalInput | null;
  openPositionCount?: number | null;
  positions?: Prisma.InputJsonValue;
  metadata?: Prisma.InputJsonValue;
  /** Instant of the snapshot; at most 5 minutes in the future. */
  time: Date;
}

/**
 * Records an equity snapshot. The table has no natural key, so a replay is recognised by the
 * same `(account, mode, strategyId, backtestRunId, time)`: the stored row is returned unchanged
 * with `created: false` (two snapshots of one account at one instant cannot both be true).
 * That check is not atomic against a concurrent identical call.
 */
export async function recordEquitySnapshot(
  db: Database,
  input: EquitySnapshotInput,
): Promise<UpsertResult<EquitySnapshot>> {
  const strategyId = parseOptionalId('strategyId', input.strategyId) ?? null;
  const mode = requireOneOf('mode', input.mode ?? 'LIVE', TRADING_MODES);
  const backtestRunId = parseOptionalId('backtestRunId', input.backtestRunId) ?? null;
  checkBacktestLink(mode, backtestRunId);
  const drawdown = (field: string, value: unknown) =>
    parseOptionalDecimal(field, value, 'not negative');
  const account = input.account === undefined ? 'default' : requireText('account', input.account);
  const time = parseTime('time', input.time);
  const data: Prisma.EquitySnapshotUncheckedCreateInput = {
    strategyId,
    account,
    mode,
    backtestRunId,
    currency: optionalText('currency', input.currency),
    equity: parseDecimal('equity', input.equity),
    availableBalance: parseOptionalDecimal('availableBalance', input.availableBalance),
    exposure: parseOptionalDecimal('exposure', input.exposure),
    exposurePct: parseOptionalDecimal('exposurePct', input.exposurePct),
    unrealizedPnl: parseOptionalDecimal('unrealizedPnl', input.unrealizedPnl),
    realizedPnl: parseOptionalDecimal('realizedPnl', input.realizedPnl),
    drawdownPct: drawdown('drawdownPct', input.drawdownPct),
    dailyDrawdownPct: drawdown('dailyDrawdownPct', input.dailyDrawdownPct),
    weeklyDrawdownPct: drawdown('weeklyDrawdownPct', input.weeklyDrawdownPct),
    maxDrawdownPct: drawdown('maxDrawdownPct', input.maxDrawdownPct),
    openPositionCount: parseOptionalCount('openPositionCount', input.openPositionCount),
    positions: input.positions,
    metadata: jsonObject('metadata', input.metadata),
    time,
  };
  const existing = await db.equitySnapshot.findFirst({
    where: { account, mode, strategyId, backtestRunId, time },
    orderBy: { id: 'asc' },
  });
  if (existing) return { row: existing, created: false };
  if (strategyId != null) await requireStrategy(db, 'strategyId', strategyId);
  if (backtestRunId != null) await requireBacktestRun(db, 'backtestRunId', backtestRunId);
  return { row: await db.equitySnapshot.create({ data }), created: true };
}
