import { encodeGlobalID } from '@pothos/plugin-relay';
import type { Context } from '../context.ts';
import { ForbiddenError } from './authorization.ts';

/**
 * The rows a mutation writes or refers to, as database ids (absent ones are skipped). A write is
 * allowed for a strategy-limited key only when every one of them belongs to its strategies.
 */
export interface WriteTargets {
  strategyIds?: ReadonlyArray<bigint | null | undefined>;
  signalIds?: ReadonlyArray<bigint | null | undefined>;
  orderIds?: ReadonlyArray<bigint | null | undefined>;
  clientOrderIds?: ReadonlyArray<string | null | undefined>;
  positionIds?: ReadonlyArray<bigint | null | undefined>;
  backtestRunIds?: ReadonlyArray<bigint | null | undefined>;
  /**
   * What the write touches that belongs to no strategy (a prediction, an account-wide equity
   * snapshot), named for the message: only a key without a strategy limit may write it.
   */
  shared?: string;
}

/**
 * Refuses, before any writer runs, a write by a strategy-limited key (scope `write` or `trade`)
 * for a strategy outside its limit: a {@link ForbiddenError} (GraphQL error `FORBIDDEN`, HTTP
 * 403) naming the strategy by its global ID. It is an error, not a `WriterError` result, because
 * it is about the credentials, not the data: the same refusal as a missing scope. Referenced
 * rows that do not exist are left to the writer, which answers NOT_FOUND as for any key.
 * Keys without a limit pass without a query.
 */
export async function assertMayWrite(
  context: Context,
  mutation: string,
  targets: WriteTargets,
): Promise<void> {
  const allowed = context.principal.strategyIds;
  if (allowed === null) return;
  // A token's strategy claim may be an empty list: limited to no strategy at all.
  const own =
    allowed.length === 0
      ? 'none (the credential is limited to an empty list)'
      : allowed.map((id) => encodeGlobalID('Strategy', id)).join(', ');
  if (targets.shared) {
    throw new ForbiddenError(
      `This API key is limited to strategies ${own}; ${mutation} writes ${targets.shared}, which belongs to no strategy and needs a key without a strategy limit.`,
    );
  }
  const owners = await ownersOf(context, targets);
  const foreign = owners.find((id) => !allowed.includes(id));
  if (foreign !== undefined) {
    throw new ForbiddenError(
      `This API key may only write for strategies ${own}; ${mutation} would write for strategy ${encodeGlobalID('Strategy', foreign)}.`,
    );
  }
}

/** The strategies of every target, looked up in at most one query per kind of reference. */
async function ownersOf(context: Context, targets: WriteTargets): Promise<bigint[]> {
  const { prisma } = context;
  const ids = <T>(list: ReadonlyArray<T | null | undefined> | undefined) =>
    [...new Set((list ?? []).filter((id): id is T => id != null))] as T[];
  const select = { strategyId: true } as const;
  const signalIds = ids(targets.signalIds);
  const orderIds = ids(targets.orderIds);
  const clientOrderIds = ids(targets.clientOrderIds);
  const positionIds = ids(targets.positionIds);
  const runIds = ids(targets.backtestRunIds);
  const rows = await Promise.all([
    signalIds.length ? prisma.signal.findMany({ where: { id: { in: signalIds } }, select }) : [],
    orderIds.length || clientOrderIds.length
      ? prisma.order.findMany({
          where: { OR: [{ id: { in: orderIds } }, { clientOrderId: { in: clientOrderIds } }] },
          select,
        })
      : [],
    positionIds.length
      ? prisma.position.findMany({ where: { id: { in: positionIds } }, select })
      : [],
    runIds.length ? prisma.backtestRun.findMany({ where: { id: { in: runIds } }, select }) : [],
  ]);
  return [...ids(targets.strategyIds), ...rows.flat().map((row) => row.strategyId)];
}
