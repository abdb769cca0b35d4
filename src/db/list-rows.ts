import type { Prisma } from '../generated/prisma/client.ts';
import { columnOf, MODEL_TABLES, modelSelectList } from './model-rows.ts';
import type { RowReader } from './row-reader.ts';
import { attachJoined, type ToOneJoin, toOneJoin, toOneJoinSql } from './to-one-joins.ts';
import { whereToSql } from './where-sql.ts';

/** A page of a time-ordered list, as plugin-prisma's `prismaConnection` asks Prisma for it. */
export interface ListPageQuery {
  /** Prisma model, e.g. `Position`. */
  model: string;
  where: object;
  /** Ordered by this field, then by id, both in `direction`. */
  timeField: string;
  direction: 'asc' | 'desc';
  /** plugin-prisma's page arguments: `take` < 0 reads backwards from the cursor. */
  take: number;
  skip?: number;
  cursor?: unknown;
  /** plugin-prisma's selection for the rows: only to-one `include`s of `true` are read here. */
  include?: Record<string, unknown>;
  select?: unknown;
  /** The fields the rows need (see selectedFields); every scalar field when absent. */
  fields?: readonly string[];
  /** For an included relation, the fields its rows need; every scalar field when absent. */
  includedFields?: (relation: string) => readonly string[] | undefined;
  /** More SELECT items on the rows (alias `c`), from `, ` on (see page-embeds.ts). */
  extraColumns?: Prisma.Sql;
}

type Row = Record<string, unknown>;

/**
 * Reads one page of a list through the row reader, with Prisma's semantics for `take`, `skip`
 * and `cursor` (rows beyond the cursor row in list order; `take` < 0: the nearest rows before
 * it, in list order), with included to-one relations joined into the same statement. Returns null when the
 * query has a shape only Prisma reads (see whereToSql): the caller then asks Prisma.
 *
 * One deliberate difference: Prisma's `skip: 1` skips the first row at or after the cursor row,
 * so when the cursor row has stopped matching the filter (a position closed since the previous
 * page), it drops a row that does match. Here the page starts strictly after the cursor row.
 */
export async function readListPage(reader: RowReader, query: ListPageQuery): Promise<Row[] | null> {
  const table = MODEL_TABLES[query.model];
  if (!table || query.select !== undefined) return null;
  const joins: ToOneJoin[] = [];
  for (const [field, value] of Object.entries(query.include ?? {})) {
    const join =
      value === true ? toOneJoin(query.model, field, query.includedFields?.(field)) : undefined;
    if (!join) return null;
    joins.push(join);
  }
  const cursorId = cursorIdOf(query.cursor);
  if (cursorId === null || (query.skip ?? 0) !== (cursorId === undefined ? 0 : 1)) return null;

  const params: unknown[] = [];
  const condition = whereToSql(query.model, query.where, 'c', params);
  if (condition === null) return null;
  const backward = query.take < 0;
  const reading = backward ? (query.direction === 'desc' ? 'asc' : 'desc') : query.direction;
  const time = `"${columnOf(query.timeField)}"`;
  let beyondCursor = '';
  if (cursorId !== undefined) {
    params.push(cursorId);
    const sign = reading === 'desc' ? '<' : '>';
    beyondCursor = ` AND (c.${time}, c.id) ${sign} (SELECT ${time}, id FROM "${table}" WHERE id = $${params.length})`;
  }
  params.push(Math.abs(query.take));
  const limit = `$${params.length}`;
  const dir = reading === 'desc' ? 'DESC' : 'ASC';
  const joined = toOneJoinSql('c', joins);
  const extra = query.extraColumns ? withParams(query.extraColumns, params) : '';
  const rows = await reader.query<Row>(
    `SELECT ${modelSelectList(query.model, 'c', query.fields)}${joined.columns}${extra}
      FROM "${table}" c${joined.from}
      WHERE ${condition}${beyondCursor}
      ORDER BY c.${time} ${dir}, c.id ${dir} LIMIT ${limit}`,
    params,
  );
  if (backward) rows.reverse();
  attachJoined(rows, joins);
  return rows;
}

/** `{ id }` -> the id; no cursor -> undefined; any other shape -> null (not supported). */
function cursorIdOf(cursor: unknown): bigint | undefined | null {
  if (cursor == null) return undefined;
  const id = (cursor as { id?: unknown }).id;
  if (Object.keys(cursor).length !== 1 || typeof id !== 'bigint') return null;
  return id;
}

/** The text of `sql` with its values appended to `params`, numbered after those already there. */
export function withParams(sql: Prisma.Sql, params: unknown[]): string {
  let text = sql.strings[0] ?? '';
  sql.values.forEach((value, index) => {
    params.push(value);
    text += `$${params.length}${sql.strings[index + 1] ?? ''}`;
  });
  return text;
}
