import { type AccessModel, STRATEGY_OWNER, strategyLimitWhere } from '../auth/strategy-access.ts';
import type { Context } from '../context.ts';

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
  return {
    // The limit goes under AND: for strategies it is a condition on `id` itself.
    findUnique: (id: string, context: Context) =>
      ({
        id: BigInt(String(id)),
        AND: [strategyLimitWhere(context.principal, model)],
      }) as never,
    authScopes: (row: object, context: Context) =>
      context.principal.strategyIds === null
        ? true
        : { strategy: (row as Record<string, bigint | null>)[owner.field] ?? null },
  };
}
