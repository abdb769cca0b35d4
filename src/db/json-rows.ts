import { columnOf, fieldDefinitionsOf, scalarFieldsOf } from './model-rows.ts';
import { textParserOf } from './row-reader.ts';

type Row = Record<string, unknown>;

/** One row of a model as a JSON array of its columns' text, and how to read it back. */
export interface JsonRow {
  /** The SQL expressions of the array's first items: each field's column as text. */
  columns: string;
  /** The row from its array: each field parsed as the row reader parses the column. */
  read: (values: readonly unknown[]) => Row;
  /** Where the items after the columns start in the array. */
  extraAt: number;
}

// The PostgreSQL type each Prisma scalar maps to in this schema; enums are text.
const OIDS: Record<string, number> = {
  BigInt: 20,
  Int: 23,
  Float: 701,
  Boolean: 16,
  DateTime: 1184,
  Decimal: 1700,
  Json: 3802,
  String: 25,
};
const TEXT = 25;

/**
 * Rows of `model` (alias `alias`) with `fields` (every scalar field when absent) as JSON arrays
 * of the text PostgreSQL sends for each column, so that rows nested in another row's JSON read
 * back exactly as the row reader reads them (64-bit ids as bigint, NUMERIC as its text, UTC
 * timestamps as wire text): JSON's own numbers would round NUMERIC and int8. Null when a field
 * is a list (arrays are not read this way).
 */
export function jsonRowOf(
  model: string,
  alias: string,
  fields?: readonly string[],
): JsonRow | null {
  const key = `${model}:${alias}:${fields?.join(',') ?? '*'}`;
  let row = jsonRows.get(key);
  if (row === undefined) {
    row = makeJsonRow(model, alias, fields);
    jsonRows.set(key, row);
  }
  return row;
}

// Per model, alias and fields: a bounded set, as for modelSelectList.
const jsonRows = new Map<string, JsonRow | null>();

function makeJsonRow(model: string, alias: string, fields?: readonly string[]): JsonRow | null {
  const definitions = fieldDefinitionsOf(model);
  const names = fields
    ? scalarFieldsOf(model).filter((f) => fields.includes(f))
    : scalarFieldsOf(model);
  const parsers: Array<(text: string) => unknown> = [];
  for (const name of names) {
    const definition = definitions.find((field) => field.name === name);
    if (!definition || definition.isList) return null;
    parsers.push(textParserOf(definition.kind === 'enum' ? TEXT : (OIDS[definition.type] ?? TEXT)));
  }
  return {
    columns: names.map((name) => `${alias}."${columnOf(name)}"::text`).join(', '),
    read: (values) => {
      const row: Row = {};
      for (let i = 0; i < names.length; i++) {
        const value = values[i];
        row[names[i] as string] =
          value == null ? null : (parsers[i] as (t: string) => unknown)(value as string);
      }
      return row;
    },
    extraAt: names.length,
  };
}
