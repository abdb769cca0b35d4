import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/prisma/client.ts';
import { attachRowReader, createRowReader } from './row-reader.ts';

export interface PrismaOptions {
  /** Connections in the pool (default 10). */
  poolSize?: number;
  /**
   * Longest a statement may run, in ms, before PostgreSQL cancels it (`statement_timeout` on
   * every pool connection; default: none). Only this client's pool: the LISTEN connection and
   * migrations connect on their own.
   */
  statementTimeoutMs?: number;
  /** Whether the row reader prepares its statements once per connection (default true). */
  preparedStatements?: boolean;
  /** Called with each SQL statement Prisma sends; used by tests to count statements. */
  onQuery?: (sql: string) => void;
}

/**
 * Creates the one Prisma client of an app, on the `pg` driver adapter. The caller owns it and
 * must `$disconnect()` it on shutdown, which also ends the pool. The pool is shared with a row
 * reader for hot read paths (`rowReaderOf(client)`), so both keep to one size and timeout.
 */
export function createPrismaClient(databaseUrl: string, options: PrismaOptions = {}): Database {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: options.poolSize ?? 10,
    ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
  });
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  const onQuery = options.onQuery;
  let client: Database;
  if (onQuery) {
    const logging = new PrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] });
    logging.$on('query', (event) => onQuery(event.query));
    client = logging as unknown as Database;
  } else {
    client = new PrismaClient({ adapter });
  }
  attachRowReader(
    client,
    createRowReader(pool, { onQuery, prepared: options.preparedStatements ?? true }),
  );
  return client;
}

export type Database = PrismaClient;
