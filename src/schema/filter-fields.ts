import type { builder } from './builder.ts';
import { TimeRangeInput, TradingModeEnum } from './common.ts';
import { parseGlobalIds } from './global-ids.ts';

type Types = typeof builder.$inferSchemaTypes;
type InputFields = PothosSchemaTypes.InputFieldBuilder<Types, 'InputObject'>;

/**
 * Filter fields that many connections share. Each domain filter spreads the ones that apply, so
 * the same condition has the same name and meaning on every list.
 */
export const filterFields = {
  ids: (t: InputFields, typename: string) =>
    t.idList({ required: false, description: `Only these ${typename}s (global IDs).` }),
  strategyIds: (t: InputFields) =>
    t.idList({ required: false, description: 'Only rows of these strategies (global IDs).' }),
  instrument: (t: InputFields) => ({
    exchange: t.string({ required: false, description: 'Only this exchange, e.g. "binance".' }),
    symbol: t.string({
      required: false,
      description: 'Only this symbol, spelled as the exchange spells it, e.g. "BTCUSDT".',
    }),
  }),
  modes: (t: InputFields) =>
    t.field({
      type: [TradingModeEnum],
      required: false,
      description: 'Only these modes (LIVE, PAPER, BACKTEST).',
    }),
  time: (t: InputFields, column: string) =>
    t.field({
      type: TimeRangeInput,
      required: false,
      description: `Only rows whose ${column} is in this range.`,
    }),
};

interface SharedFilterValue {
  ids?: readonly (string | number)[] | null;
  strategyIds?: readonly (string | number)[] | null;
  exchange?: string | null;
  symbol?: string | null;
}

/** Prisma conditions for the shared filter fields that a filter value carries. */
export function sharedWhere(filter: SharedFilterValue, typename: string) {
  return {
    id: filter.ids
      ? { in: parseGlobalIds(filter.ids.map(String), typename, 'filter.ids') }
      : undefined,
    strategyId: filter.strategyIds
      ? { in: parseGlobalIds(filter.strategyIds.map(String), 'Strategy', 'filter.strategyIds') }
      : undefined,
    exchange: filter.exchange ?? undefined,
    symbol: filter.symbol ?? undefined,
  };
}

/** Prisma condition on a foreign key from a list of global IDs of `typename`. */
export function foreignIdsWhere(
  ids: readonly (string | number)[] | null | undefined,
  typename: string,
  argument: string,
) {
  return ids ? { in: parseGlobalIds(ids.map(String), typename, argument) } : undefined;
}
