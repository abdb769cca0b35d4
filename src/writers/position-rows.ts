import type { Order, Position, Prisma } from '../generated/prisma/client.ts';
import { exact } from './decimal-input.ts';
import { notFound } from './errors.ts';
import type { PositionState } from './position-math.ts';

/** Reads a position and locks its row until the transaction ends. Throws NOT_FOUND. */
export async function lockPosition(tx: Prisma.TransactionClient, id: bigint): Promise<Position> {
  await tx.$queryRaw`SELECT id FROM positions WHERE id = ${id} FOR UPDATE`;
  const position = await tx.position.findUnique({ where: { id } });
  if (!position) throw notFound('positionId', 'position', id);
  return position;
}

/**
 * The open position (`OPEN` or `PARTIALLY_CLOSED`) of the order's strategy, mode, backtest run
 * and instrument, newest first, locked; `null` when there is none. A transaction-scoped
 * advisory lock on that key is taken first, so two first fills of different orders on the same
 * instrument cannot both see "none" and open two positions.
 */
export async function lockOpenPosition(
  tx: Prisma.TransactionClient,
  order: Order,
): Promise<Position | null> {
  const key = `position:${order.strategyId}:${order.mode}:${order.backtestRunId ?? ''}:${order.exchange}:${order.symbol}`;
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))::text AS locked`;
  const open = await tx.position.findFirst({
    where: {
      strategyId: order.strategyId,
      mode: order.mode,
      backtestRunId: order.backtestRunId,
      exchange: order.exchange,
      symbol: order.symbol,
      status: { in: ['OPEN', 'PARTIALLY_CLOSED'] },
    },
    orderBy: [{ openedAt: 'desc' }, { id: 'desc' }],
    select: { id: true },
  });
  return open ? lockPosition(tx, open.id) : null;
}

/** The fill-relevant part of a stored position, as exact decimals for arithmetic. */
export function toPositionState(position: Position): PositionState {
  return {
    direction: position.direction,
    status: position.status,
    size: exact(position.size),
    remainingSize: exact(position.remainingSize),
    averageEntryPrice: exact(position.averageEntryPrice),
    averageExitPrice: position.averageExitPrice && exact(position.averageExitPrice),
    realizedPnl: exact(position.realizedPnl),
    fees: exact(position.fees),
    riskAmount: position.riskAmount && exact(position.riskAmount),
    pnlR: position.pnlR && exact(position.pnlR),
    unrealizedPnl: position.unrealizedPnl && exact(position.unrealizedPnl),
  };
}
