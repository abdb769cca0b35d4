import SchemaBuilder from '@pothos/core';
import ErrorsPlugin from '@pothos/plugin-errors';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { type AuthScopes, authScopesOf, unauthorizedError } from '../auth/authorization.ts';
import type { Context } from '../context.ts';
import type PrismaTypes from '../generated/pothos-types.ts';
import { getDatamodel } from '../generated/pothos-types.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import './connection-arguments-plugin.ts';
import './node-id-plugin.ts';
import './row-check-plugin.ts';
import { checkNodeId } from './global-ids.ts';
import { loadNodeRow, loadNodeRows } from './node-rows.ts';

/** The SchemaBuilder and its plugin options. Types are defined in the domain files. */
export const builder = new SchemaBuilder<{
  Context: Context;
  AuthScopes: AuthScopes;
  PrismaTypes: PrismaTypes;
  DefaultFieldNullability: false;
  // plugin-prisma hands connections their total count as a value or a lazy loader.
  Connection: { totalCount?: number | (() => number | Promise<number>) };
  Scalars: {
    Decimal: { Input: string; Output: Prisma.Decimal | string };
    // The row reader's timestamps are their wire text already (see db/row-reader.ts).
    DateTime: { Input: Date; Output: Date | string };
    JSON: { Input: unknown; Output: unknown };
    BigInt: { Input: bigint; Output: bigint };
  };
}>({
  // Scope auth first, so that it wraps every other plugin's resolvers; rowCheck right after it
  // sees the resolvers scope-auth wraps (see row-check-plugin.ts); nodeId last replaces relay's
  // id resolvers before any other plugin wraps them (see node-id-plugin.ts).
  plugins: [
    ScopeAuthPlugin,
    'rowCheck',
    'connectionArguments',
    ErrorsPlugin,
    RelayPlugin,
    PrismaPlugin,
    'nodeId',
  ],
  scopeAuth: {
    authScopes: authScopesOf,
    unauthorizedError,
    // A subscription is refused when it starts (an error result, no stream); its events are
    // then filtered to the key's strategies by the stream's condition and checked row by row.
    authorizeOnSubscribe: true,
  },
  defaultFieldNullability: false,
  // A mutation's union holds its payload type itself, not a wrapper with a `data` field.
  errors: { directResult: true },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    idFieldOptions: { description: 'Opaque global ID.' },
    nodeTypeOptions: { description: 'An object with a globally unique, opaque ID.' },
    nodeQueryOptions: {
      description: 'Fetches any object by its global ID; null when it does not exist.',
      args: { id: { description: 'A global ID, as returned in any `id` field.' } },
      resolve: (_root, args, context, info, resolveNode) => {
        const id = checkNodeId(args.id, info.schema);
        return loadNodeRow(id, context, info) ?? resolveNode(id);
      },
    },
    nodesQueryOptions: {
      description:
        'Fetches objects by their global IDs, in the same order; null for those that do not exist.',
      args: { ids: { description: 'Global IDs, as returned in `id` fields.' } },
      resolve: (_root, args, context, info, resolveNodes) => {
        const ids = args.ids.map((id) => checkNodeId(id, info.schema));
        return loadNodeRows(ids, context, info) ?? resolveNodes(ids);
      },
    },
    pageInfoTypeOptions: { description: 'Where a page sits in its connection.' },
    hasNextPageFieldOptions: { description: 'Whether more items follow this page.' },
    hasPreviousPageFieldOptions: { description: 'Whether items precede this page.' },
    startCursorFieldOptions: { description: 'Cursor of the first item of the page.' },
    endCursorFieldOptions: { description: 'Cursor of the last item of the page.' },
    edgesFieldOptions: { description: 'The items of this page, each with its cursor.' },
    pageInfoFieldOptions: { description: 'Cursors and whether more pages exist.' },
    cursorFieldOptions: { description: 'Opaque cursor of this item, for `after` and `before`.' },
    nodeFieldOptions: { description: 'The item.' },
    firstArgOptions: { description: 'Return the first N items (at most the maximum page size).' },
    lastArgOptions: { description: 'Return the last N items (at most the maximum page size).' },
    afterArgOptions: { description: 'Return items after this cursor.' },
    beforeArgOptions: { description: 'Return items before this cursor.' },
  },
  prisma: {
    dmmf: getDatamodel(),
    client: (ctx) => ctx.prisma,
    exposeDescriptions: false,
    filterConnectionTotalCount: true,
    // Per-field sizes come from the request's limits (see connection-args.ts); this is the
    // ceiling no configuration can exceed.
    maxConnectionSize: 10_000,
    onUnusedQuery: process.env.NODE_ENV === 'production' ? null : 'warn',
  },
});
