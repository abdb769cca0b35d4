import DataLoader from 'dataloader';
import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import { STRATEGY_OWNER, strategyLimitSql } from '../auth/strategy-access.ts';
import type { Context } from '../context.ts';
import { modelSelectList } from '../db/model-rows.ts';
import { type RowReader, rowReaderOf } from '../db/row-reader.ts';
import { selectedFields } from '../db/selected-fields.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { timeOrderArgs } from './common.ts';
import { IdCursorEdge, IdCursorPageInfo, parseIdCursor } from './cursors.ts';
import { scoped } from './loader-scope.ts';
import { embedColumns, pageEmbeds, recordEmbeds } from './page-embeds.ts';

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

export interface Row {
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
 * the same document in one tick share one SQL statement, whatever their number: a LATERAL query
 * that applies the page limit per parent in PostgreSQL and returns the rows themselves (see
 * readPages). Total counts are one grouped COUNT, only when asked.
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
  const loaders = loadersOf(context, info);
  const fieldNode = info.fieldNodes[0] as FieldNode;
  const argsKey = pageKey(page);
  const counts = countLoaderFor(spec, context, info);
  // Read with the parent rows (see page-embeds.ts).
  const embedded = loaders.embedded.get(fieldNode)?.get(argsKey)?.get(String(parentId));
  if (embedded) {
    return Promise.resolve(
      new RelationConnection(embedded, page, counts, parentId) as unknown as RelationPage<T>,
    );
  }
  let byArgs = loaders.pages.get(fieldNode);
  if (!byArgs) {
    byArgs = new Map();
    loaders.pages.set(fieldNode, byArgs);
  }
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
  return loader
    .load(parentId)
    .then(
      (rows) => new RelationConnection(rows, page, counts, parentId) as unknown as RelationPage<T>,
    );
}

/**
 * Records the page of `parentId` that the field `node` asks for with `page`, read with its
 * parent rows, so that the field answers from it instead of reading it again.
 */
export function setEmbeddedPage(
  node: FieldNode,
  page: PageRequest,
  parentId: bigint,
  rows: Row[],
  context: Context,
  info: GraphQLResolveInfo,
) {
  const embedded = loadersOf(context, info).embedded;
  let byArgs = embedded.get(node);
  if (!byArgs) {
    byArgs = new Map();
    embedded.set(node, byArgs);
  }
  const key = pageKey(page);
  let byParent = byArgs.get(key);
  if (!byParent) {
    byParent = new Map();
    byArgs.set(key, byParent);
  }
  byParent.set(String(parentId), rows);
}

/** What tells two page requests apart. */
export function pageKey(page: PageRequest): string {
  return `${page.limit}:${page.direction}:${page.backward}:${page.cursorId ?? ''}:${page.hasAfter}`;
}

export interface PageRequest {
  limit: number;
  /** Rows are read in this direction (reversed for `last`/`before`, then put back in order). */
  direction: 'asc' | 'desc';
  backward: boolean;
  cursorId: bigint | null;
  hasAfter: boolean;
  hasBefore: boolean;
}

export function pageRequest(args: RelationPageArgs, context: Context): PageRequest {
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
  const reader = rowReaderOf(context.prisma);
  // Every client of the app comes from createPrismaClient, which attaches its reader.
  if (!reader) throw new Error('Relation pages need a database client made by createPrismaClient.');
  return readPages(reader, spec, parentIds, page, context, info);
}

/** The LATERAL page query; `columns` is what it returns of each child row `c`. */
function pageQuery(
  spec: RelationSpec,
  parentIds: readonly bigint[],
  page: PageRequest,
  context: Context,
  columns: Prisma.Sql,
) {
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
  return Prisma.sql`
    SELECT p.parent_id AS "__parentId", c.*
    FROM unnest(${[...parentIds]}::bigint[]) WITH ORDINALITY AS p(parent_id, ord)
    CROSS JOIN LATERAL (
      SELECT ${columns}, c.${time} AS "__sortTime" FROM ${table} c
      WHERE c.${fk} = p.parent_id ${cursorCondition} ${visible}
      ORDER BY c.${time} ${dir}, c.id ${dir}
      LIMIT ${page.limit + 1}
    ) c
    ORDER BY p.ord, c."__sortTime" ${dir}, c.id ${dir}`;
}

/**
 * One statement for the pages of every parent, with the columns its selection reads and the
 * relation pages it selects embedded (see page-embeds.ts), read without Prisma's result mapping.
 * To-one relations of these rows (say `order.signal`) are not joined here: they load through
 * toOneRows (row-lookups.ts), one statement per relation and nesting level.
 */
async function readPages(
  reader: RowReader,
  spec: RelationSpec,
  parentIds: readonly bigint[],
  page: PageRequest,
  context: Context,
  info: GraphQLResolveInfo,
): Promise<Row[][]> {
  // Only the columns the selection reads (the owner column for the per-row check), else all.
  const model = modelOf(spec.delegate);
  const owner = STRATEGY_OWNER[spec.delegate]?.field;
  const fields = selectedFields(info, ['edges', 'node'], model, owner ? [owner] : []);
  const embeds = pageEmbeds(info, ['edges', 'node'], 'c', context);
  const columns = Prisma.sql`${Prisma.raw(modelSelectList(model, 'c', fields ?? undefined))}${embedColumns(embeds)}`;
  const query = pageQuery(spec, parentIds, page, context, columns);
  const rows = await reader.query<Row & { __parentId: bigint }>(query.text, query.values);
  recordEmbeds(embeds, rows, context, info);
  // The two helper columns stay on the rows: deleting them would turn every row into a slow
  // dictionary-mode object, and GraphQL only reads the fields it resolves.
  const pages = new Map<string, Row[]>(parentIds.map((id) => [String(id), []]));
  for (const row of rows) pages.get(String(row.__parentId))?.push(row);
  return parentIds.map((id) => pages.get(String(id)) ?? []);
}

/** `signal` -> `Signal`: the Prisma model behind a delegate name. */
export function modelOf(delegate: ChildDelegate): string {
  return delegate.charAt(0).toUpperCase() + delegate.slice(1);
}

/**
 * A page of a parent's relation. Its total count is counted when read, and its cursors are
 * encoded when read (see IdCursorEdge). A class rather than an object with a closure per page:
 * under tsx each named closure also gets its name set when it is made, for every page of every
 * parent row.
 */
class RelationConnection<T extends Row> implements RelationPage<T> {
  readonly edges: IdCursorEdge<T>[];
  readonly pageInfo: IdCursorPageInfo<T>;

  constructor(
    rows: T[],
    page: PageRequest,
    private readonly counts: DataLoader<bigint, number, string>,
    private readonly parentId: bigint,
  ) {
    const hasMore = rows.length > page.limit;
    const kept = rows.slice(0, page.limit);
    if (page.backward) kept.reverse();
    this.edges = kept.map((node) => new IdCursorEdge(node));
    this.pageInfo = new IdCursorPageInfo(
      this.edges,
      page.backward ? page.hasBefore : hasMore,
      page.backward ? hasMore : page.hasAfter,
    );
  }

  totalCount(): Promise<number> {
    return this.counts.load(this.parentId);
  }
}

function countLoaderFor(spec: RelationSpec, context: Context, info: GraphQLResolveInfo) {
  const loaders = loadersOf(context, info);
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
  /** Pages read with their parents: by field node, page request and parent id. */
  embedded: WeakMap<FieldNode, Map<string, Map<string, Row[]>>>;
  counts: Map<string, DataLoader<bigint, number, string>>;
}

const RELATION_LOADERS = Symbol('relation pages');

/** Loaders of one request or batch of subscription events (see loader-scope.ts). */
function loadersOf(context: Context, info: GraphQLResolveInfo): RelationLoaders {
  return scoped(context, info, RELATION_LOADERS, () => ({
    pages: new WeakMap(),
    embedded: new WeakMap(),
    counts: new Map(),
  }));
}

/** Marks connection fields `relationPages` serves, with their RelationSpec. */
export const RELATION_PAGE = 'tradegraphRelationPage';

/**
 * Options of a connection field over a to-many relation, newest first by default, paged in SQL
 * by `loadRelationPage`.
 */
export function relationPages(spec: RelationSpec, description: string) {
  return {
    description,
    args: timeOrderArgs,
    extensions: { [RELATION_PAGE]: spec },
    resolve: (
      parent: { id: bigint },
      args: RelationPageArgs,
      context: Context,
      info: GraphQLResolveInfo,
    ) => loadRelationPage<never>(spec, parent.id, args, context, info),
  };
}
