import { decodeGlobalID } from '@pothos/plugin-relay';
import { type GraphQLSchema, isObjectType } from 'graphql';
import { badUserInput } from './errors.ts';

/**
 * Decodes global IDs that must all belong to `typename` into database ids. A malformed ID or an
 * ID of another type is the caller's mistake, reported with the argument that carried it.
 */
export function parseGlobalIds(
  ids: readonly string[],
  typename: string,
  argument: string,
): bigint[] {
  return ids.map((id) => parseGlobalId(id, typename, argument));
}

/** Decodes one global ID of `typename` into its database id; see `parseGlobalIds`. */
export function parseGlobalId(id: string, typename: string, argument: string): bigint {
  const decoded = tryDecode(id);
  if (!decoded || !/^\d{1,19}$/.test(decoded.id)) {
    throw badUserInput(`${argument}: "${shorten(id)}" is not a valid ${typename} ID.`);
  }
  if (decoded.typename !== typename) {
    throw badUserInput(
      `${argument}: "${shorten(id)}" is the ID of ${article(decoded.typename)} ${decoded.typename}, expected ${article(typename)} ${typename}.`,
    );
  }
  return BigInt(decoded.id);
}

function article(word: string): string {
  return /^[AEIOU]/i.test(word) ? 'an' : 'a';
}

function tryDecode(id: string): { typename: string; id: string } | null {
  try {
    return decodeGlobalID(id);
  } catch {
    return null;
  }
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/**
 * Checks a decoded global ID passed to `node`/`nodes`: it must name a type that implements Node
 * and carry a database id. Unknown ids of a valid type are not errors; they resolve to null.
 */
export function checkNodeId(
  id: { typename: string; id: string },
  schema: GraphQLSchema,
): { typename: string; id: string } {
  const type = schema.getType(id.typename);
  const isNode = isObjectType(type) && type.getInterfaces().some((iface) => iface.name === 'Node');
  if (!isNode) {
    throw badUserInput(
      `"${shorten(id.typename)}" in the ID is not a type of this API; use an id returned by it.`,
    );
  }
  if (!/^\d{1,19}$/.test(id.id)) throw badUserInput(`The ID is not a valid ${id.typename} ID.`);
  return id;
}
