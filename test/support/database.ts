import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import {
  cloneDatabase,
  createDatabase,
  databaseUrl,
  dropDatabase,
  testDatabasePrefix,
} from './postgres-admin.ts';

/** A database of one's own for a test file, migrated like the real one. */
export interface TestDatabase {
  /** Its name, unique to this call. */
  name: string;
  /** `postgres://` URL of it, with the credentials of the test server. */
  url: string;
  /**
   * Drops it, closing connections still open on it (close your clients first: a `pg` pool
   * whose idle connection is closed under it emits `error`). Idempotent.
   */
  drop(): Promise<void>;
}

/** Options of {@link createTestDatabase}. */
export interface TestDatabaseOptions {
  /** Create an empty database instead of a migrated one (for migration tests). Default false. */
  empty?: boolean;
}

/**
 * Creates a fresh database cloned from the migrated template that the global setup made, so each
 * test file gets its own data and files can run in parallel. Call it in `beforeAll` and `drop()`
 * in `afterAll`; databases left behind are dropped by the global teardown.
 */
export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const adminUrl = inject('databaseAdminUrl');
  const template = inject('databaseTemplate');
  const name = `${testDatabasePrefix(template)}${randomBytes(5).toString('hex')}`;
  if (options.empty) await createDatabase(adminUrl, name);
  else await cloneDatabase(adminUrl, template, name);
  let dropping: Promise<void> | undefined;
  return {
    name,
    url: databaseUrl(adminUrl, name),
    drop: () => {
      dropping ??= dropDatabase(adminUrl, name);
      return dropping;
    },
  };
}
