import { brandWithType } from '@pothos/core';
import { type GraphQLResolveInfo, isObjectType } from 'graphql';
import type { Context } from '../context.ts';
import { cachedRowSelection, loadRowById, servedByRows } from './row-lookups.ts';

/**
 * `node(id)` for a type backed by a table the row reader serves: its row, with the columns the
 * selection reads and its selected to-one relations joined, batched with the request's other lookups of that type, and with the key's
 * strategy limit in SQL (a foreign id reads as null, like one that does not exist). Undefined for
 * any other type, which plugin-prisma then loads. `id` was checked by checkNodeId.
 */
export function loadNodeRow(
  id: { typename: string; id: string },
  context: Context,
  info: GraphQLResolveInfo,
): Promise<object | null> | undefined {
  const type = info.schema.getType(id.typename);
  const model = isObjectType(type) ? type.extensions.pothosPrismaModel : undefined;
  if (!isObjectType(type) || model !== id.typename || !servedByRows(model)) return undefined;
  const selection = cachedRowSelection(info, model, type);
  return loadRowById(model, BigInt(id.id), selection, true, context, info).then((row) => {
    if (row) brandWithType(row, id.typename as never);
    return row;
  });
}

/** `nodes(ids)` through loadNodeRow when every id's type allows, else undefined. */
export function loadNodeRows(
  ids: ReadonlyArray<{ typename: string; id: string }>,
  context: Context,
  info: GraphQLResolveInfo,
): Promise<Array<object | null>> | undefined {
  const loads: Array<Promise<object | null>> = [];
  for (const id of ids) {
    const load = loadNodeRow(id, context, info);
    if (!load) return undefined;
    loads.push(load);
  }
  return Promise.all(loads);
}
