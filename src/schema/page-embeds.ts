import type { FieldNode, GraphQLField, GraphQLResolveInfo } from 'graphql';
import { getArgumentValues } from 'graphql/execution/values.js';
import { STRATEGY_OWNER, strategyLimitSql } from '../auth/strategy-access.ts';
import type { Context } from '../context.ts';
import { type JsonRow, jsonRowOf } from '../db/json-rows.ts';
import { selectedFields, selectionAt } from '../db/selected-fields.ts';
import { Prisma } from '../generated/prisma/client.ts';
import {
  attachEmbeddedJoins,
  type EmbeddedJoin,
  embeddedJoins,
  joinItems,
  joinsFrom,
} from './embedded-joins.ts';
import {
  modelOf,
  type PageRequest,
  pageKey,
  pageRequest,
  RELATION_PAGE,
  type RelationPageArgs,
  type RelationSpec,
  type Row,
  setEmbeddedPage,
} from './relation-pages.ts';

/**
 * A relation page of each parent row read inside the parent rows' own statement, as a JSON array
 * of its rows (and theirs, nested), instead of one statement per nesting level: a dashboard's
 * signals with their orders and the orders' fills come back in one round trip, as the floor and
 * PostGraphile read them.
 */
export interface PageEmbed {
  /** A scalar subquery on the parent row: the page's rows as a JSON array (one array each). */
  sql: Prisma.Sql;
  spec: RelationSpec;
  page: PageRequest;
  /** The connection's field nodes (one per alias asking the same page), answered from it. */
  nodes: FieldNode[];
  row: JsonRow;
  /** Pages of each of these rows, embedded after the row's columns. */
  children: PageEmbed[];
  /** To-one relations of these rows, joined after the pages. */
  joins: EmbeddedJoin[];
}

/**
 * The relation pages selected on the rows at `path` below the current field (rows whose table
 * is aliased `parent` in the statement), each as a subquery with the same limit, order, cursor
 * and strategy limit as the page's own statement (relation-pages.ts). A page whose arguments
 * are not plainly valid, or whose rows have fields JSON cannot carry, is left to its resolver,
 * which reads and reports as before.
 */
export function pageEmbeds(
  info: GraphQLResolveInfo,
  path: readonly string[],
  parent: string,
  context: Context,
): PageEmbed[] {
  const groups = new Map<string, { field: GraphQLField<unknown, unknown>; nodes: FieldNode[] }>();
  const pages = new Map<string, PageRequest>();
  for (const { node, field } of selectionAt(info, path) ?? []) {
    const spec = field?.extensions[RELATION_PAGE] as RelationSpec | undefined;
    if (!field || !spec) continue;
    const page = plainPage(field, node, info, context);
    if (!page) continue;
    const key = `${field.name}:${pageKey(page)}`;
    const group = groups.get(key) ?? { field, nodes: [] };
    group.nodes.push(node);
    groups.set(key, group);
    pages.set(key, page);
  }
  const embeds: PageEmbed[] = [];
  for (const [key, { field, nodes }] of groups) {
    const spec = field.extensions[RELATION_PAGE] as RelationSpec;
    const at = [...path, field.name, 'edges', 'node'];
    const alias = `${parent}_${embeds.length}`;
    const model = modelOf(spec.delegate);
    const owner = STRATEGY_OWNER[spec.delegate]?.field;
    const fields = selectedFields(info, at, model, owner ? [owner] : []);
    const row = jsonRowOf(model, alias, fields ?? undefined);
    if (!row) continue;
    const page = pages.get(key) as PageRequest;
    const children = pageEmbeds(info, at, alias, context);
    const joins = embeddedJoins(info, at, model, alias);
    const sql = embedSql(spec, page, { row, children, joins }, alias, parent, context);
    embeds.push({ sql, spec, page, nodes, row, children, joins });
  }
  return embeds;
}

/** The page a field node asks for, when its arguments are plainly valid; else undefined. */
function plainPage(
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
  info: GraphQLResolveInfo,
  context: Context,
): PageRequest | undefined {
  try {
    const args = getArgumentValues(field, node, info.variableValues) as RelationPageArgs;
    const count = (value: number | null | undefined) =>
      value == null ||
      (Number.isInteger(value) && value >= 0 && value <= context.limits.maxPageSize);
    if (!count(args.first) || !count(args.last) || (args.first != null && args.last != null)) {
      return undefined;
    }
    return pageRequest(args, context);
  } catch {
    // An invalid cursor or argument: the field's resolver reports it.
    return undefined;
  }
}

function embedSql(
  spec: RelationSpec,
  page: PageRequest,
  { row, children, joins }: Pick<PageEmbed, 'row' | 'children' | 'joins'>,
  alias: string,
  parent: string,
  context: Context,
): Prisma.Sql {
  const table = Prisma.raw(`"${spec.table}"`);
  const time = Prisma.raw(`"${spec.timeColumn}"`);
  const dir = Prisma.raw(page.direction === 'desc' ? 'DESC' : 'ASC');
  const beyond = Prisma.raw(page.direction === 'desc' ? '<' : '>');
  const c = Prisma.raw(alias);
  const cursor =
    page.cursorId == null
      ? Prisma.empty
      : Prisma.sql`AND (${c}.${time}, ${c}.id) ${beyond} (SELECT ${time}, id FROM ${table} WHERE id = ${page.cursorId})`;
  const items = [
    Prisma.raw(row.columns),
    ...children.map((child) => child.sql),
    ...joinItems(joins).map((item) => Prisma.raw(item)),
  ];
  // ARRAY(subquery) keeps the subquery's order by definition, without the sort json_agg(... ORDER
  // BY) adds on top of the index's order; to_json of an empty array is `[]`.
  return Prisma.sql`to_json(ARRAY(
      SELECT json_build_array(${Prisma.join(items)})
      FROM ${table} ${c}${Prisma.raw(joinsFrom(joins, alias))}
      WHERE ${c}.${Prisma.raw(`"${spec.foreignKey}"`)} = ${Prisma.raw(parent)}.id ${cursor}
        ${strategyLimitSql(context.principal, spec.delegate, alias)}
      ORDER BY ${c}.${time} ${dir}, ${c}.id ${dir}
      LIMIT ${page.limit + 1}
    ))`;
}

/** The column each embed's JSON comes back in on the parent rows. */
export function embedColumn(index: number): string {
  return `__page${index}`;
}

/** The embeds as extra SELECT items of the parent statement (`, (...) AS "__page0"`, ...). */
export function embedColumns(embeds: readonly PageEmbed[]): Prisma.Sql {
  if (embeds.length === 0) return Prisma.empty;
  return Prisma.sql`, ${Prisma.join(
    embeds.map(
      (embed, index) => Prisma.sql`${embed.sql} AS ${Prisma.raw(`"${embedColumn(index)}"`)}`,
    ),
  )}`;
}

/**
 * Reads the embedded pages of `parents` (rows read with `embedColumns(embeds)`) and records them
 * for their fields (see loadRelationPage), nested pages included.
 */
export function recordEmbeds(
  embeds: readonly PageEmbed[],
  parents: readonly object[],
  context: Context,
  info: GraphQLResolveInfo,
) {
  for (const [index, embed] of embeds.entries()) {
    const column = embedColumn(index);
    for (const parent of parents as Array<Record<string, unknown>>) {
      record(embed, parent.id as bigint, parent[column] as unknown[][], context, info);
    }
  }
}

function record(
  embed: PageEmbed,
  parentId: bigint,
  arrays: readonly unknown[][],
  context: Context,
  info: GraphQLResolveInfo,
) {
  const rows = arrays.map((values) => {
    const row = embed.row.read(values) as unknown as Row;
    for (const [index, child] of embed.children.entries()) {
      const nested = values[embed.row.extraAt + index] as unknown[][];
      record(child, row.id, nested, context, info);
    }
    attachEmbeddedJoins(
      row as unknown as Record<string, unknown>,
      embed.joins,
      values,
      embed.row.extraAt + embed.children.length,
    );
    return row;
  });
  for (const node of embed.nodes) setEmbeddedPage(node, embed.page, parentId, rows, context, info);
}
