import type { builder } from './builder.ts';
import { badUserInput } from './errors.ts';
import { parseGlobalId } from './global-ids.ts';

type Types = typeof builder.$inferSchemaTypes;
type QueryFields = PothosSchemaTypes.QueryFieldBuilder<Types, Types['Root']>;

/** Arguments of a lookup by global ID, or by name and optional version. */
export function versionedLookupArgs(t: QueryFields) {
  return {
    id: t.arg.id({ required: false, description: 'Global ID.' }),
    name: t.arg.string({ required: false, description: 'Name.' }),
    version: t.arg.string({
      required: false,
      description: 'Version label; needs name. Without it, the most recently created version.',
    }),
  };
}

interface VersionedLookup {
  id?: string | number | null;
  name?: string | null;
  version?: string | null;
}

/**
 * `findFirst` arguments for a lookup of `typename` (whose names are unique per version): by id,
 * or by name and version, or by name alone for the most recently created version.
 */
export function versionedLookupQuery(
  args: VersionedLookup,
  typename: string,
  field: string,
): {
  where: { id?: bigint; name?: string; version?: string };
  orderBy?: Array<{ createdAt: 'desc' } | { id: 'desc' }>;
} {
  if (args.id != null) {
    if (args.name != null || args.version != null) {
      throw badUserInput(`${field}: give either id, or name (and optionally version), not both.`);
    }
    return { where: { id: parseGlobalId(String(args.id), typename, 'id') } };
  }
  if (args.name == null) throw badUserInput(`${field}: give an id or a name.`);
  return {
    where: { name: args.name, ...(args.version != null ? { version: args.version } : {}) },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
  };
}
