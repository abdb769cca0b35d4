import { GraphQLError } from 'graphql';

/** PostgreSQL's `query_canceled`: what `statement_timeout` raises. */
const QUERY_CANCELED = '57014';

/**
 * Whether `error` (a Prisma error, or anything wrapping one) is PostgreSQL cancelling a
 * statement that ran past `statement_timeout`. Prisma reports it in several shapes (P2010 for
 * raw queries with the driver adapter's cause in `meta`, other codes for model queries), so
 * this looks for the SQLSTATE wherever the error carries it.
 */
export function isStatementTimeout(error: unknown, seen = new Set<unknown>()): boolean {
  if (typeof error !== 'object' || error === null || seen.has(error)) return false;
  seen.add(error);
  const record = error as Record<string, unknown>;
  if (record.code === QUERY_CANCELED || record.originalCode === QUERY_CANCELED) return true;
  if (
    typeof record.message === 'string' &&
    /canceling statement due to statement timeout/.test(record.message)
  ) {
    return true;
  }
  return [record.cause, record.meta, record.driverAdapterError, record.originalError].some(
    (inner) => isStatementTimeout(inner, seen),
  );
}

/** What a client sees when the database gave up on its operation (at the field that waited). */
export function queryTimeoutError(cause: unknown): GraphQLError {
  const at = cause instanceof GraphQLError ? cause : undefined;
  return new GraphQLError(
    'The database did not finish this operation within the statement timeout (STATEMENT_TIMEOUT_MS) and cancelled it: ask for smaller pages, narrower filters or fewer nested lists, or retry later.',
    { nodes: at?.nodes, path: at?.path, extensions: { code: 'QUERY_TIMEOUT' } },
  );
}
