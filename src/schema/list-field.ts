import type { InputObjectRef } from '@pothos/core';
import type { GraphQLResolveInfo } from 'graphql';
import { type AccessModel, limitWhere, STRATEGY_OWNER } from '../auth/strategy-access.ts';
import type { Context } from '../context.ts';
import { readListPage } from '../db/list-rows.ts';
import { toOneRelation } from '../db/model-rows.ts';
import { rowReaderOf } from '../db/row-reader.ts';
import { selectedFields } from '../db/selected-fields.ts';
import type { builder } from './builder.ts';
import { byTime, pageSize, TimeOrderEnum } from './common.ts';
import { embedColumns, pageEmbeds, recordEmbeds } from './page-embeds.ts';
import { fieldsFor } from './row-lookups.ts';

type Types = typeof builder.$inferSchemaTypes;
type QueryFields = PothosSchemaTypes.QueryFieldBuilder<Types, Types['Root']>;

/** The part of a Prisma model delegate a top-level list uses. */
interface ListDelegate {
  // biome-ignore lint/suspicious/noExplicitAny: each model's delegate has its own argument types
  findMany(args: any): Promise<any[]>;
  // biome-ignore lint/suspicious/noExplicitAny: as above
  count(args: any): Promise<number>;
}

interface TimeOrderedListOptions<Filter> {
  description: string;
  /** The Prisma field the list is ordered by (ties broken by id). */
  timeField: string;
  filter: InputObjectRef<Types, Filter>;
  /** The Prisma `where` for a filter value; must accept null (no filter). */
  where: (filter: Filter | null | undefined) => object;
  /** The Prisma delegate listed; a strategy-limited key sees only its strategies' rows. */
  model: AccessModel;
}

/**
 * Options of a top-level `t.prismaConnection` over a whole table: a typed `filter`, `orderBy` on
 * time with id as tie-break (so cursors are stable), the request's page-size limits, and a
 * `totalCount` that is only counted when selected. Both keep to the caller's strategies.
 */
export function timeOrderedList<Filter>(t: QueryFields, options: TimeOrderedListOptions<Filter>) {
  const { timeField } = options;
  const delegate = (context: Context) => context.prisma[options.model] as unknown as ListDelegate;
  // The list and its count share one condition, so totalCount never counts hidden rows.
  const where = (filter: Filter | null | undefined, context: Context) =>
    limitWhere(context.principal, options.model, options.where(filter));
  return {
    description: options.description,
    cursor: 'id' as const,
    ...pageSize,
    args: {
      filter: t.arg({
        type: options.filter,
        required: false,
        description: 'Only items matching all these conditions.',
      }),
      orderBy: t.arg({
        type: TimeOrderEnum,
        defaultValue: 'desc',
        description: `By ${timeField}.`,
      }),
    },
    totalCount: (_parent: unknown, args: { filter?: Filter | null }, context: Context) =>
      delegate(context).count({ where: where(args.filter, context) }),
    resolve: async (
      query: { take: number; skip?: number; cursor?: unknown; include?: Record<string, unknown> },
      _parent: unknown,
      args: { filter?: Filter | null; orderBy?: 'asc' | 'desc' | null },
      context: Context,
      info: GraphQLResolveInfo,
      // biome-ignore lint/suspicious/noExplicitAny: rows of whichever model the list serves
    ): Promise<any[]> => {
      const condition = where(args.filter, context);
      // Plain SQL when the page's shape allows (see readListPage), Prisma otherwise.
      const reader = rowReaderOf(context.prisma);
      const model = options.model.charAt(0).toUpperCase() + options.model.slice(1);
      const owner = STRATEGY_OWNER[options.model]?.field;
      const fields = selectedFields(info, ['edges', 'node'], model, owner ? [owner] : []);
      const embeds = reader ? pageEmbeds(info, ['edges', 'node'], 'c', context) : [];
      const rows =
        reader &&
        (await readListPage(reader, {
          ...query,
          model,
          where: condition,
          timeField,
          direction: args.orderBy ?? 'desc',
          fields: fields ?? undefined,
          includedFields: (relation) => {
            const target = toOneRelation(model, relation)?.target;
            if (!target) return undefined;
            return fieldsFor(info, target, undefined, ['edges', 'node', relation]) ?? undefined;
          },
          extraColumns: embedColumns(embeds),
        }));
      if (rows) recordEmbeds(embeds, rows, context, info);
      return (
        rows ??
        delegate(context).findMany({
          ...query,
          where: condition,
          orderBy: byTime(timeField, args.orderBy),
        })
      );
    },
  };
}
