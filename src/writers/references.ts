import type { Prisma } from '../generated/prisma/client.ts';
import { notFound } from './errors.ts';

type Client = Prisma.TransactionClient;

// Referenced rows are checked before writing so that a caller gets NOT_FOUND naming its field,
// rather than a foreign-key violation naming a constraint.

/** Throws NOT_FOUND unless the strategy exists. */
export async function requireStrategy(db: Client, field: string, id: bigint): Promise<void> {
  if (!(await db.strategy.findUnique({ where: { id }, select: { id: true } }))) {
    throw notFound(field, 'strategy', id);
  }
}

/** Throws NOT_FOUND unless the signal exists. */
export async function requireSignal(db: Client, field: string, id: bigint): Promise<void> {
  if (!(await db.signal.findUnique({ where: { id }, select: { id: true } }))) {
    throw notFound(field, 'signal', id);
  }
}

/** Throws NOT_FOUND unless the prediction exists. */
export async function requirePrediction(db: Client, field: string, id: bigint): Promise<void> {
  if (!(await db.prediction.findUnique({ where: { id }, select: { id: true } }))) {
    throw notFound(field, 'prediction', id);
  }
}

/** Throws NOT_FOUND unless the backtest run exists. */
export async function requireBacktestRun(db: Client, field: string, id: bigint): Promise<void> {
  if (!(await db.backtestRun.findUnique({ where: { id }, select: { id: true } }))) {
    throw notFound(field, 'backtest run', id);
  }
}

/** The allowed values of the TradingMode enum. */
export const TRADING_MODES = ['LIVE', 'PAPER', 'BACKTEST'] as const;
