import { Prisma } from '../generated/prisma/client.ts';
import type { Principal } from './principal.ts';

/**
 * The one place that knows which rows a strategy-limited key may see. Every read path applies
 * these conditions: list connections and their counts (Prisma `where`), relation pages (SQL),
 * single lookups and `node(id)` (Prisma `where`, so a foreign id reads as "not found"), live
 * subscriptions (the same `where`, evaluated in memory), and a per-row backstop check on the
 * object types themselves.
 *
 * Strategy-owned data carries a `strategy_id` column, except the strategies table itself (its
 * `id`). Equity snapshots and risk events may have no strategy (account-wide rows): a limited
 * key does not see those. ML models and predictions belong to no strategy and are shared.
 */

/** How each Prisma delegate's rows belong to a strategy; null: shared, visible to every reader. */
export const STRATEGY_OWNER = {
  strategy: { field: 'id', column: 'id' },
  signal: { field: 'strategyId', column: 'strategy_id' },
  order: { field: 'strategyId', column: 'strategy_id' },
  fill: { field: 'strategyId', column: 'strategy_id' },
  position: { field: 'strategyId', column: 'strategy_id' },
  equitySnapshot: { field: 'strategyId', column: 'strategy_id' },
  backtestRun: { field: 'strategyId', column: 'strategy_id' },
  strategyPerformance: { field: 'strategyId', column: 'strategy_id' },
  riskEvent: { field: 'strategyId', column: 'strategy_id' },
  mlModel: null,
  prediction: null,
} as const;

export type AccessModel = keyof typeof STRATEGY_OWNER;

/** Whether `principal` may see (and write) data of strategy `strategyId`; null: no strategy. */
export function mayAccessStrategy(
  principal: Pick<Principal, 'strategyIds'>,
  strategyId: bigint | null | undefined,
): boolean {
  if (principal.strategyIds === null) return true;
  if (strategyId == null) return false;
  return principal.strategyIds.includes(strategyId);
}

/**
 * The Prisma condition that keeps `model`'s rows to the principal's strategies: `{}` for a key
 * without a limit or for shared models.
 */
export function strategyLimitWhere(principal: Principal, model: AccessModel): object {
  const owner = STRATEGY_OWNER[model];
  if (principal.strategyIds === null || owner === null) return {};
  return { [owner.field]: { in: [...principal.strategyIds] } };
}

/** `where` narrowed to the principal's strategies (unchanged when there is no limit). */
export function limitWhere<W extends object>(
  principal: Principal,
  model: AccessModel,
  where: W,
): W {
  const limit = strategyLimitWhere(principal, model);
  if (Object.keys(limit).length === 0) return where;
  return { AND: [where, limit] } as unknown as W;
}

/**
 * The same condition for raw SQL on `model`'s table under `alias` (`AND alias.strategy_id =
 * ANY(...)`), or nothing. Column names are constants of this module, never request input.
 */
export function strategyLimitSql(principal: Principal, model: AccessModel, alias: string) {
  const owner = STRATEGY_OWNER[model];
  if (principal.strategyIds === null || owner === null) return Prisma.empty;
  return Prisma.sql`AND ${Prisma.raw(`${alias}."${owner.column}"`)} = ANY(${[...principal.strategyIds]}::bigint[])`;
}

/** Whether one loaded row of `model` is visible to the principal (the per-row backstop). */
export function mayAccessRow(
  principal: Principal,
  model: AccessModel,
  row: Record<string, unknown>,
): boolean {
  const owner = STRATEGY_OWNER[model];
  if (principal.strategyIds === null || owner === null) return true;
  return mayAccessStrategy(principal, row[owner.field] as bigint | null | undefined);
}
