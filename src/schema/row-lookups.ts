import DataLoader from 'dataloader';
import type { GraphQLObjectType, GraphQLResolveInfo } from 'graphql';
import { type AccessModel, STRATEGY_OWNER, strategyLimitSql } from '../auth/strategy-access.ts';
import type { Context } from '../context.ts';
import { MODEL_TABLES, modelSelectList, toOneRelation } from '../db/model-rows.ts';
import { perDocumentField } from '../db/per-document-field.ts';
import { rowReaderOf } from '../db/row-reader.ts';
import { selectedFields, selectedObjectFields } from '../db/selected-fields.ts';
import { attachJoined, type ToOneJoin, toOneJoin, toOneJoinSql } from '../db/to-one-joins.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { scoped } from './loader-scope.ts';

type Row = Record<string, unknown>;

/** `Signal` -> `signal`: the access model (and Prisma delegate) of a model. */
export function accessModelOf(model: string): AccessModel {
  return (model.charAt(0).toLowerCase() + model.slice(1)) as AccessModel;
}

/** Whether rows of `model` can be read by id through the row reader. */
export function servedByRows(model: string): boolean {
  return MODEL_TABLES[model] !== undefined && accessModelOf(model) in STRATEGY_OWNER;
}

/**
 * Loads one row of `model` by id through the row reader, with `fields` only (every scalar when
 * null) and the to-one relations in `joins` read in the same statement, or null when there is
 * none. Every load of the same model, columns, joins and limit made in one tick of a request (or
 * of a batch of subscription events, see loader-scope.ts) shares one statement; results come back
 * in key order. `limited`: rows of strategies outside the key's limit read as absent, as
 * `node(id)` wants; without it they are returned and the type's per-row check refuses them
 * (joined rows too).
 */
export function loadRowById(
  model: string,
  id: bigint,
  selection: RowSelection,
  limited: boolean,
  context: Context,
  info: GraphQLResolveInfo,
): Promise<Row | null> {
  const { fields, joins } = selection;
  const key = `rows:${model}:${selectionKeyOf(selection)}:${limited}`;
  const loader = scoped(context, info, key, () => {
    const reader = rowReaderOf(context.prisma);
    if (!reader) throw new Error('Row lookups need a database client made by createPrismaClient.');
    const table = `"${MODEL_TABLES[model]}"`;
    const join = toOneJoinSql('t', joins);
    const columns = `${modelSelectList(model, 't', fields ?? undefined)}${join.columns}`;
    const limit = limited
      ? strategyLimitSql(context.principal, accessModelOf(model), 't')
      : Prisma.empty;
    return new DataLoader<bigint, Row | null, string>(
      async (ids) => {
        const query = Prisma.sql`SELECT ${Prisma.raw(columns)} FROM ${Prisma.raw(`${table} t${join.from}`)}
          WHERE t.id = ANY(${[...ids]}::bigint[]) ${limit}`;
        const rows = await reader.query<Row>(query.text, query.values);
        attachJoined(rows, joins);
        const byId = new Map(rows.map((row) => [String(row.id), row]));
        return ids.map((item) => byId.get(String(item)) ?? null);
      },
      { cacheKeyFn: String },
    );
  });
  return loader.load(id);
}

/** What a lookup reads of a row: its columns (null: all) and the to-one relations joined. */
export interface RowSelection {
  fields: readonly string[] | null;
  joins: readonly ToOneJoin[];
}

// Selections come from the per-document cache below, so each one's loader key is built once.
const selectionKeys = new WeakMap<RowSelection, string>();

function selectionKeyOf(selection: RowSelection): string {
  let key = selectionKeys.get(selection);
  if (key === undefined) {
    const { fields, joins } = selection;
    const joined = joins.map((join) => `${join.field}(${join.fields?.join(',') ?? '*'})`).join();
    key = `${fields?.join(',') ?? '*'}:${joined}`;
    selectionKeys.set(selection, key);
  }
  return key;
}

/**
 * {@link rowSelectionFor}, computed once per field of a parsed document: it reads only the
 * document and the types (see per-document-field.ts).
 */
export function cachedRowSelection(
  info: GraphQLResolveInfo,
  model: string,
  objectType?: GraphQLObjectType,
): RowSelection {
  return perDocumentField(info, `row:${model}:${objectType?.name ?? ''}`, () =>
    rowSelectionFor(info, model, objectType),
  );
}

/**
 * What the current field's selection reads (at `path` below it) from rows of `model`: the
 * columns (with the owner column the per-row strategy check reads) and, for each to-one relation
 * it selects that `toOneRows` resolves, that relation's row with the columns its own selection
 * reads.
 */
export function rowSelectionFor(
  info: GraphQLResolveInfo,
  model: string,
  objectType?: GraphQLObjectType,
  path: readonly string[] = [],
): RowSelection {
  const joins: ToOneJoin[] = [];
  for (const field of selectedObjectFields(info, path, objectType) ?? []) {
    if (!(field.extensions as Record<string, unknown>)[JOINED_TO_ONE]) continue;
    const target = toOneRelation(model, field.name)?.target;
    if (!target) continue;
    const fields = fieldsFor(info, target, objectType, [...path, field.name]);
    const join = toOneJoin(model, field.name, fields ?? undefined);
    if (join) joins.push(join);
  }
  return { fields: fieldsFor(info, model, objectType, path), joins };
}

/** Marks the relation fields `toOneRows` resolves, which take a row joined to their parent's. */
const JOINED_TO_ONE = 'tradegraphJoinedToOne';

/**
 * The columns a field's selection reads (at `path` below it) from rows of `model`, and the owner
 * column the per-row strategy check reads, or null for every column.
 */
export function fieldsFor(
  info: GraphQLResolveInfo,
  model: string,
  objectType?: GraphQLObjectType,
  path: readonly string[] = [],
): readonly string[] | null {
  const owner = STRATEGY_OWNER[accessModelOf(model)]?.field;
  return selectedFields(info, path, model, owner ? [owner] : [], objectType);
}

/**
 * Options of a `t.relation` to one row (`strategy`, `order`, ...) that load it through the row
 * reader whenever the parent row came without it (rows of relation pages, subscription events):
 * one statement per relation and nesting level, not one Prisma query per parent. Parents read by
 * id (`node(id)`, another to-one relation) bring it joined (see rowSelectionFor). The strategy limit is left to the target type's per-row check, so a
 * reference across strategies is FORBIDDEN, as when Prisma loaded it.
 */
export function toOneRows(model: string, field: string) {
  const relation = toOneRelation(model, field);
  if (!relation || !servedByRows(relation.target)) {
    throw new Error(`${model}.${field} is not a to-one relation the row reader serves.`);
  }
  const { target, foreignKey } = relation;
  return {
    extensions: { [JOINED_TO_ONE]: true },
    resolve: (
      _query: unknown,
      parent: object,
      _args: unknown,
      context: Context,
      info: GraphQLResolveInfo,
      // biome-ignore lint/suspicious/noExplicitAny: the row has the columns its selection reads
    ): Promise<any> => {
      // Read with its parent (see rowSelectionFor): null when there is none.
      const joined = (parent as Row)[field];
      if (joined !== undefined) return Promise.resolve(joined);
      const id = (parent as Row)[foreignKey] as bigint | null | undefined;
      if (id == null) return Promise.resolve(null);
      return loadRowById(target, id, cachedRowSelection(info, target), false, context, info);
    },
  };
}
