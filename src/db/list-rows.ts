import { columnOf, MODEL_TABLES, modelSelectList, toOneRelation } from './model-rows.ts';
import type { RowReader } from './row-reader.ts';
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
}

type Row = Record<string, unknown>;

/**
 * Reads one page of a list through the row reader, with Prisma's semantics for `take`, `skip`
 * and `cursor` (rows beyond the cursor row in list order; `take` < 0: the nearest rows before
 * it, in list order), plus one statement per included to-one relation. Returns null when the
 * query has a shape only Prisma reads (see whereToSql): the caller then asks Prisma.
 *
 * One deliberate difference: Prisma's `skip: 1` skips the first row at or after the cursor row,
 * so when the cursor row has stopped matching the filter (a position closed since the previous
 * page), it drops a row that does match. Here the page starts strictly after the cursor row.
 */
export async function readListPage(reader: RowReader, query: ListPageQuery): Promise<Row[] | null> {
  const table = MODEL_TABLES[query.model];
  if (!table || query.select !== undefined) return null;
  const includes = Object.entries(query.include ?? {});
  const relations: Array<{ field: string; target: string; foreignKey: string }> = [];
  for (const [field, value] of includes) {
    const relation = value === true ? toOneRelation(query.model, field) : undefined;
    if (!relation) return null;
    relations.push({ field, ...relation });
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
  const dir = reading === 'desc' ? 'DESC' : 'ASC';
  const rows = await reader.query<Row>(
    `SELECT ${modelSelectList(query.model, 'c', query.fields)} FROM "${table}" c
      WHERE ${condition}${beyondCursor}
      ORDER BY c.${time} ${dir}, c.id ${dir} LIMIT $${params.length}`,
    params,
  );
  if (backward) rows.reverse();
  for (const relation of relations) await attachToOne(reader, rows, relation.field, relation);
  return rows;
}

/** `{ id }` -> the id; no cursor -> undefined; any other shape -> null (not supported). */
function cursorIdOf(cursor: unknown): bigint | undefined | null {
  if (cursor == null) return undefined;
  const id = (cursor as { id?: unknown }).id;
  if (Object.keys(cursor).length !== 1 || typeof id !== 'bigint') return null;
  return id;
}

/** Loads a to-one relation of every row in one statement and sets it on the rows. */
async function attachToOne(
  reader: RowReader,
  rows: Row[],
  field: string,
  relation: { target: string; foreignKey: string },
) {
  const table = MODEL_TABLES[relation.target] as string;
  const ids = [...new Set(rows.map((row) => row[relation.foreignKey]).filter((id) => id != null))];
  const targets =
    ids.length === 0
      ? []
      : await reader.query<Row>(
          `SELECT ${modelSelectList(relation.target, 't')} FROM "${table}" t WHERE t.id = ANY($1)`,
          [ids],
        );
  const byId = new Map(targets.map((target) => [String(target.id), target]));
  for (const row of rows) {
    const id = row[relation.foreignKey];
    row[field] = id == null ? null : (byId.get(String(id)) ?? null);
  }
}
