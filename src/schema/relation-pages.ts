import { queryFromInfo } from '@pothos/plugin-prisma';
import DataLoader from 'dataloader';
import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import { strategyLimitSql } from '../auth/strategy-access.ts';
import type { Context } from '../context.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { timeOrderArgs } from './common.ts';
import { formatIdCursor, parseIdCursor } from './cursors.ts';

/**
 * How a to-many relation is stored: the child table, the column pointing at the parent, and the
 * time column it is ordered by (ties broken by id). Names are constants from this codebase,
 * never from a request.
 */
export interface RelationSpec {
  /** Prisma delegate of the child model, e.g. `order`. */
  delegate: ChildDelegate;
  table: string;
  foreignKey: string;
  timeColumn: string;
}

type ChildDelegate =
  | 'signal'
  | 'order'
  | 'fill'
  | 'position'
  | 'equitySnapshot'
  | 'backtestRun'
  | 'prediction'
  | 'strategyPerformance'
  | 'riskEvent';

export interface RelationPageArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
  orderBy?: 'asc' | 'desc' | null;
}

interface Row {
  id: bigint;
}

export interface RelationPage<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
  totalCount: () => Promise<number>;
}

/**
 * Loads one page of a to-many relation for a parent. All parents that ask for the same field of
 * the same document in one tick share two SQL statements, whatever their number: a LATERAL
 * query that applies the page limit per parent in PostgreSQL, then one query for the rows with
 * the nested selection plugin-prisma plans. Total counts are one grouped COUNT, only when asked.
 *
 * Prisma's own nested `take` fetches every child and trims in memory, and its `relationJoins`
 * strategy returns nested rows as JSON, which turns NUMERIC into floats; so neither is used.
 */
export function loadRelationPage<T>(
  spec: RelationSpec,
  parentId: bigint,
  args: RelationPageArgs,
  context: Context,
  info: GraphQLResolveInfo,
): Promise<RelationPage<T>> {
  const page = pageRequest(args, context);
  const loaders = loadersOf(context);
  const fieldNode = info.fieldNodes[0] as FieldNode;
  let byArgs = loaders.pages.get(fieldNode);
  if (!byArgs) {
    byArgs = new Map();
    loaders.pages.set(fieldNode, byArgs);
  }
  const argsKey = `${page.limit}:${page.direction}:${page.backward}:${page.cursorId ?? ''}:${page.hasAfter}`;
  let loader = byArgs.get(argsKey);
  if (!loader) {
    loader = new DataLoader<bigint, Row[], string>(
      (parentIds) => loadPages(spec, parentIds, page, context, info),
      {
        cacheKeyFn: String,
      },
    );
    byArgs.set(argsKey, loader);
  }
  const countLoader = countLoaderFor(spec, context);
  return loader
    .load(parentId)
    .then(
      (rows) =>
        toConnection(rows, page, () => countLoader.load(parentId)) as unknown as RelationPage<T>,
    );
}

interface PageRequest {
  limit: number;
  /** Rows are read in this direction (reversed for `last`/`before`, then put back in order). */
  direction: 'asc' | 'desc';
  backward: boolean;
  cursorId: bigint | null;
  hasAfter: boolean;
  hasBefore: boolean;
}

function pageRequest(args: RelationPageArgs, context: Context): PageRequest {
  // Arguments were checked by ConnectionArgumentsPlugin before the resolver ran.
  const { first, last, after, before } = args;
  const order = args.orderBy ?? 'desc';
  const backward = last != null || before != null;
  const requested = first ?? last ?? context.limits.defaultPageSize;
  return {
    limit: Math.min(requested, context.limits.maxPageSize),
    direction: backward ? (order === 'desc' ? 'asc' : 'desc') : order,
    backward,
    cursorId: parseIdCursor(after ?? before),
    hasAfter: after != null,
    hasBefore: before != null,
  };
}

async function loadPages(
  spec: RelationSpec,
  parentIds: readonly bigint[],
  page: PageRequest,
  context: Context,
  info: GraphQLResolveInfo,
): Promise<Row[][]> {
  const table = Prisma.raw(`"${spec.table}"`);
  const fk = Prisma.raw(`"${spec.foreignKey}"`);
  const time = Prisma.raw(`"${spec.timeColumn}"`);
  const dir = Prisma.raw(page.direction === 'desc' ? 'DESC' : 'ASC');
  // Rows strictly beyond the cursor row in reading direction.
  const beyond = Prisma.raw(page.direction === 'desc' ? '<' : '>');
  const cursorCondition =
    page.cursorId == null
      ? Prisma.empty
      : Prisma.sql`AND (c.${time}, c.id) ${beyond} (SELECT ${time}, id FROM ${table} WHERE id = ${page.cursorId})`;
  // Children of a visible parent may still belong to other strategies (a shared model's
  // predictions' signals): a strategy-limited key pages through its strategies' rows only.
  const visible = strategyLimitSql(context.principal, spec.delegate, 'c');
  const ranked = await context.prisma.$queryRaw<Array<{ parent_id: bigint; id: bigint }>>`
    SELECT p.parent_id, c.id
    FROM unnest(${[...parentIds]}::bigint[]) WITH ORDINALITY AS p(parent_id, ord)
    CROSS JOIN LATERAL (
      SELECT c.id, c.${time} AS sort_time FROM ${table} c
      WHERE c.${fk} = p.parent_id ${cursorCondition} ${visible}
      ORDER BY c.${time} ${dir}, c.id ${dir}
      LIMIT ${page.limit + 1}
    ) c
    ORDER BY p.ord, c.sort_time ${dir}, c.id ${dir}`;

  const ids = ranked.map((row) => row.id);
  const selection = queryFromInfo({ context, info, path: ['edges', 'node'] });
  const delegate = context.prisma[spec.delegate] as unknown as {
    findMany(args: object): Promise<Row[]>;
  };
  const rows =
    ids.length === 0 ? [] : await delegate.findMany({ ...selection, where: { id: { in: ids } } });
  const byId = new Map(rows.map((row) => [String(row.id), row]));
  const pages = new Map<string, Row[]>(parentIds.map((id) => [String(id), []]));
  for (const { parent_id, id } of ranked) {
    const row = byId.get(String(id));
    if (row) pages.get(String(parent_id))?.push(row);
  }
  return parentIds.map((id) => pages.get(String(id)) ?? []);
}

function toConnection<T extends Row>(
  rows: T[],
  page: PageRequest,
  totalCount: () => Promise<number>,
): RelationPage<T> {
  const hasMore = rows.length > page.limit;
  const kept = rows.slice(0, page.limit);
  if (page.backward) kept.reverse();
  const edges = kept.map((node) => ({ cursor: formatIdCursor(node.id), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: page.backward ? page.hasBefore : hasMore,
      hasPreviousPage: page.backward ? hasMore : page.hasAfter,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    totalCount,
  };
}

function countLoaderFor(spec: RelationSpec, context: Context) {
  const loaders = loadersOf(context);
  const key = `${spec.table}.${spec.foreignKey}`;
  let loader = loaders.counts.get(key);
  if (!loader) {
    loader = new DataLoader<bigint, number, string>(
      async (parentIds) => {
        const counts = await context.prisma.$queryRaw<Array<{ parent_id: bigint; count: bigint }>>`
          SELECT c.${Prisma.raw(`"${spec.foreignKey}"`)} AS parent_id, count(*) AS count
          FROM ${Prisma.raw(`"${spec.table}"`)} c
          WHERE c.${Prisma.raw(`"${spec.foreignKey}"`)} = ANY(${[...parentIds]}::bigint[])
            ${strategyLimitSql(context.principal, spec.delegate, 'c')}
          GROUP BY 1`;
        const byParent = new Map(counts.map((row) => [String(row.parent_id), Number(row.count)]));
        return parentIds.map((id) => byParent.get(String(id)) ?? 0);
      },
      { cacheKeyFn: String },
    );
    loaders.counts.set(key, loader);
  }
  return loader;
}

interface RelationLoaders {
  pages: WeakMap<FieldNode, Map<string, DataLoader<bigint, Row[], string>>>;
  counts: Map<string, DataLoader<bigint, number, string>>;
}

const loadersByContext = new WeakMap<object, RelationLoaders>();

/** Loaders live as long as the request's context, so nothing is cached across requests. */
function loadersOf(context: Context): RelationLoaders {
  let loaders = loadersByContext.get(context);
  if (!loaders) {
    loaders = { pages: new WeakMap(), counts: new Map() };
    loadersByContext.set(context, loaders);
  }
  return loaders;
}

/**
 * Options of a connection field over a to-many relation, newest first by default, paged in SQL
 * by `loadRelationPage`.
 */
export function relationPages(spec: RelationSpec, description: string) {
  return {
    description,
    args: timeOrderArgs,
    resolve: (
      parent: { id: bigint },
      args: RelationPageArgs,
      context: Context,
      info: GraphQLResolveInfo,
    ) => loadRelationPage<never>(spec, parent.id, args, context, info),
  };
}
