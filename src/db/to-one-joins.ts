import { columnOf, MODEL_TABLES, modelSelectList, toOneRelation } from './model-rows.ts';

/** A to-one relation read in its parent rows' own statement instead of one of its own. */
export interface ToOneJoin {
  /** The relation field of the parent model, e.g. `strategy`; the row is set under it. */
  field: string;
  target: string;
  foreignKey: string;
  /** The target's fields to read (every scalar field when absent). */
  fields?: readonly string[];
}

/** The join of `model`'s to-one relation `field`, or undefined when it is not one. */
export function toOneJoin(
  model: string,
  field: string,
  fields?: readonly string[],
): ToOneJoin | undefined {
  const relation = toOneRelation(model, field);
  if (!relation || MODEL_TABLES[relation.target] === undefined) return;
  return { field, ...relation, fields };
}

/**
 * What a statement reading rows of `alias` adds to read `joins` too: `columns` to append to its
 * SELECT list (each target column as `"field.column"`) and `from` to append to its FROM item
 * (one LEFT JOIN on the primary key per relation). Names are from the Prisma schema only.
 */
export function toOneJoinSql(
  alias: string,
  joins: readonly ToOneJoin[],
): { columns: string; from: string } {
  let columns = '';
  let from = '';
  for (const [index, join] of joins.entries()) {
    const joined = `${alias}_j${index}`;
    const list = modelSelectList(join.target, joined, withId(join.fields));
    columns += `, ${list.replaceAll(' AS "', ` AS "${join.field}.`)}`;
    from += ` LEFT JOIN "${MODEL_TABLES[join.target]}" ${joined} ON ${joined}.id = ${alias}."${columnOf(join.foreignKey)}"`;
  }
  return { columns, from };
}

/**
 * Sets each joined relation on `rows` under its field, as Prisma's `include` does: the target
 * row (its fields under their own names), or null when the foreign key is null. The
 * `"field.column"` columns stay on the rows (deleting them would make each row a slow
 * dictionary-mode object; GraphQL reads only the fields it resolves).
 */
export function attachJoined(rows: Array<Record<string, unknown>>, joins: readonly ToOneJoin[]) {
  for (const join of joins) {
    const names = withId(join.fields) ?? [];
    const keys = names.map((name) => `${join.field}.${name}`);
    const all = join.fields === undefined;
    for (const row of rows) {
      if (row[`${join.field}.id`] == null) {
        row[join.field] = null;
        continue;
      }
      const target: Record<string, unknown> = {};
      if (all) {
        const prefix = `${join.field}.`;
        for (const key in row)
          if (key.startsWith(prefix)) target[key.slice(prefix.length)] = row[key];
      } else {
        for (let i = 0; i < keys.length; i++) target[names[i] as string] = row[keys[i] as string];
      }
      row[join.field] = target;
    }
  }
}

/** `fields` with the primary key, which tells a missing row (null) from a present one. */
export function withId(fields: readonly string[] | undefined): readonly string[] | undefined {
  return fields && !fields.includes('id') ? ['id', ...fields] : fields;
}
