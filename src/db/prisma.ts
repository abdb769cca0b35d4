import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client.ts';

export interface PrismaOptions {
  /** Connections in the pool (default 10). */
  poolSize?: number;
  /**
   * Longest a statement may run, in ms, before PostgreSQL cancels it (`statement_timeout` on
   * every pool connection; default: none). Only this client's pool: the LISTEN connection and
   * migrations connect on their own.
   */
  statementTimeoutMs?: number;
  /** Called with each SQL statement Prisma sends; used by tests to count statements. */
  onQuery?: (sql: string) => void;
}

/**
 * Creates the one Prisma client of an app, on the `pg` driver adapter. The caller owns it and
 * must `$disconnect()` it on shutdown.
 */
export function createPrismaClient(databaseUrl: string, options: PrismaOptions = {}): Database {
  const adapter = new PrismaPg({
    connectionString: databaseUrl,
    max: options.poolSize ?? 10,
    ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
  });
  const onQuery = options.onQuery;
  if (!onQuery) return new PrismaClient({ adapter });
  const client = new PrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] });
  client.$on('query', (event) => onQuery(event.query));
  return client as unknown as Database;
}

export type Database = PrismaClient;
