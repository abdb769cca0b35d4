import type { GraphQLResolveInfo } from 'graphql';
import { type JsonRow, jsonRowOf } from '../db/json-rows.ts';
import { columnOf, MODEL_TABLES } from '../db/model-rows.ts';
import { type ToOneJoin, withId } from '../db/to-one-joins.ts';
import { rowSelectionFor } from './row-lookups.ts';

type Row = Record<string, unknown>;

/**
 * A to-one relation of embedded page rows (a fill's `order`, and that order's `strategy`) read
 * inside the page's JSON, as to-one-joins.ts reads it for rows of a statement: a LEFT JOIN on
 * the primary key in the page's subquery and the joined row as one more JSON array in each row's
 * array, instead of a statement of its own per relation and nesting level. No strategy condition
 * on the join: as for every to-one relation, the target type's per-row check refuses a row of a
 * strategy outside the key's limit (FORBIDDEN, as when it was loaded on its own).
 */
export interface EmbeddedJoin {
  join: ToOneJoin;
  /** The joined table's alias: `<rows' alias>_j<index>`. */
  alias: string;
  row: JsonRow;
  /** The joined row's own to-one relations, read the same way. */
  nested: EmbeddedJoin[];
}

/**
 * The to-one relations selected on the rows at `path` below the current field (rows of `model`
 * aliased `alias`) that JSON can carry; the others are left to their resolvers.
 */
export function embeddedJoins(
  info: GraphQLResolveInfo,
  path: readonly string[],
  model: string,
  alias: string,
): EmbeddedJoin[] {
  const joins: EmbeddedJoin[] = [];
  for (const join of rowSelectionFor(info, model, undefined, path).joins) {
    const joined = `${alias}_j${joins.length}`;
    const row = jsonRowOf(join.target, joined, withId(join.fields));
    if (!row) continue;
    const nested = embeddedJoins(info, [...path, join.field], join.target, joined);
    joins.push({ join, alias: joined, row, nested });
  }
  return joins;
}

/** The LEFT JOINs to append to the FROM item of the rows aliased `alias`, nested ones included. */
export function joinsFrom(joins: readonly EmbeddedJoin[], alias: string): string {
  let from = '';
  for (const { join, alias: joined, nested } of joins) {
    from += ` LEFT JOIN "${MODEL_TABLES[join.target]}" ${joined} ON ${joined}.id = ${alias}."${columnOf(join.foreignKey)}"`;
    from += joinsFrom(nested, joined);
  }
  return from;
}

/** The JSON array items that carry the joined rows, one per join, after the rows' own items. */
export function joinItems(joins: readonly EmbeddedJoin[]): string[] {
  return joins.map(
    ({ row, nested }) => `json_build_array(${[row.columns, ...joinItems(nested)].join(', ')})`,
  );
}

/**
 * Sets each joined row on `row` under its relation field, from the arrays at `values[at]`,
 * `values[at + 1]`, ...: the row, or null when the foreign key pointed nowhere (a null id).
 */
export function attachEmbeddedJoins(
  row: Row,
  joins: readonly EmbeddedJoin[],
  values: readonly unknown[],
  at: number,
): void {
  for (const [index, { join, row: reader, nested }] of joins.entries()) {
    const items = values[at + index] as unknown[];
    const target = reader.read(items);
    if (target.id == null) {
      row[join.field] = null;
      continue;
    }
    attachEmbeddedJoins(target, nested, items, reader.extraAt);
    row[join.field] = target;
  }
}
