import { afterAll, beforeAll } from 'vitest';
import type { Database } from '../../src/db/prisma.ts';
import { createPrismaClient } from '../../src/db/prisma.ts';
import { WriterError } from '../../src/writers/index.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

/**
 * Gives a test file its own migrated database and a Prisma client on it, for the file's
 * lifetime. Returns a getter: the client exists only once `beforeAll` has run. `onQuery`, if
 * given, sees every SQL statement the client sends (to count statements).
 */
export function useWriterDatabase(
  options: { onQuery?: (sql: string) => void } = {},
): () => Database {
  let database: TestDatabase;
  let prisma: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
    prisma = createPrismaClient(database.url, { poolSize: 5, onQuery: options.onQuery });
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await database?.drop();
  });
  return () => prisma;
}

/** What a refused write must carry: the code, the field and words of the message. */
export async function expectWriterError(
  promise: Promise<unknown>,
  expected: { code: WriterError['code']; field: string; message: RegExp },
): Promise<WriterError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the writer to refuse');
    },
    (caught: unknown) => caught,
  );
  if (!(error instanceof WriterError)) throw error;
  if (error.code !== expected.code || error.field !== expected.field) {
    throw new Error(
      `expected ${expected.code} on ${expected.field}, got ${error.code} on ${error.field}: ${error.message}`,
    );
  }
  if (!expected.message.test(error.message)) {
    throw new Error(`message ${JSON.stringify(error.message)} does not match ${expected.message}`);
  }
  return error;
}

let sequence = 0;
/** A unique suffix for natural keys within a database. */
export const unique = (prefix: string) => `${prefix}-${++sequence}`;
