import type { Position, Prisma } from '../generated/prisma/client.ts';
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
