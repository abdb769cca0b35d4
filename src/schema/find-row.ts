import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context.ts';
import { withParams } from '../db/list-rows.ts';
import { MODEL_TABLES, modelSelectList, toOneRelation } from '../db/model-rows.ts';
import { rowReaderOf } from '../db/row-reader.ts';
import { attachJoined, toOneJoinSql } from '../db/to-one-joins.ts';
import { whereToSql } from '../db/where-sql.ts';
import { embedColumns, pageEmbeds, recordEmbeds } from './page-embeds.ts';
import { cachedRowSelection, servedByRows } from './row-lookups.ts';

type Row = Record<string, unknown>;

/**
 * A single lookup (`strategy(name)`, `order(clientOrderId)`, ...): the first row of `model`
 * matching a Prisma `where`, the most recently created first when `newest` (ties: highest id),
 * with the columns the field's selection reads, its selected to-one relations joined and its
 * selected relation pages embedded (see page-embeds.ts), all in one statement. Undefined when
 * plugin-prisma's `query` selects more than to-one relations or the condition has a shape only
 * Prisma reads (see whereToSql): the caller then asks Prisma.
 */
export function findRow(
  model: string,
  query: { select?: unknown; include?: object },
  where: object,
  newest: boolean,
  context: Context,
  info: GraphQLResolveInfo,
  // biome-ignore lint/suspicious/noExplicitAny: the row has the columns its selection reads
): Promise<any> | undefined {
  const { select, include } = query;
  const toOneOnly = Object.keys(include ?? {}).every((field) => toOneRelation(model, field));
  const reader = rowReaderOf(context.prisma);
  if (!reader || select !== undefined || !toOneOnly || !servedByRows(model)) return undefined;
  const params: unknown[] = [];
  const condition = whereToSql(model, where, 't', params);
  if (condition === null) return undefined;
  const { fields, joins } = cachedRowSelection(info, model);
  const join = toOneJoinSql('t', joins);
  const embeds = pageEmbeds(info, [], 't', context);
  const columns = `${modelSelectList(model, 't', fields ?? undefined)}${join.columns}${withParams(embedColumns(embeds), params)}`;
  const order = newest ? 'ORDER BY t."created_at" DESC, t.id DESC ' : '';
  return reader
    .query<Row>(
      `SELECT ${columns} FROM "${MODEL_TABLES[model]}" t${join.from} WHERE ${condition} ${order}LIMIT 1`,
      params,
    )
    .then((rows) => {
      attachJoined(rows, joins);
      recordEmbeds(embeds, rows, context, info);
      return rows[0] ?? null;
    });
}
