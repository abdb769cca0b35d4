import type { Principal } from '../auth/principal.ts';
import { type AccessModel, STRATEGY_OWNER, strategyLimitWhere } from '../auth/strategy-access.ts';
import type { Context } from '../context.ts';

/**
 * Whether the row check of strategy-owned types passes for every row the principal can reach: a
 * key without a strategy limit. Such requests run without the check (see row-check-plugin.ts).
 */
export function passesEveryRowCheck(principal: Pick<Principal, 'strategyIds'>): boolean {
  return principal.strategyIds === null;
}

/** The `authScopes` functions made by `strategyOwned`, told apart from any other type scopes. */
export const strategyRowChecks = new WeakSet<object>();

/**
 * Options every strategy-owned node type spreads, so that its rows keep to the caller's
 * strategies wherever they are reached:
 * - `findUnique`: `node(id)` and `nodes(ids)` load with the key's strategy condition, so a
 *   foreign id reads as null, exactly like one that does not exist;
 * - `authScopes`: the row check behind every query condition. A row of another strategy that
 *   still reaches a field (a to-one reference across strategies) is refused with FORBIDDEN
 *   rather than shown.
 */
export function strategyOwned(model: Exclude<AccessModel, 'mlModel' | 'prediction'>) {
  const owner = STRATEGY_OWNER[model];
  const authScopes = (row: object, context: Context) =>
    passesEveryRowCheck(context.principal)
      ? true
      : { strategy: (row as Record<string, bigint | null>)[owner.field] ?? null };
  strategyRowChecks.add(authScopes);
  return {
    // The limit goes under AND: for strategies it is a condition on `id` itself.
    findUnique: (id: string, context: Context) =>
      ({
        id: BigInt(String(id)),
        AND: [strategyLimitWhere(context.principal, model)],
      }) as never,
    authScopes,
  };
}
