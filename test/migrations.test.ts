import { createHash, randomBytes } from 'node:crypto';
import { appendFile, cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import {
  applyPendingMigrations,
  DEFAULT_MIGRATIONS_DIR,
  diffMigrationsToSchema,
  MigrationError,
} from '../src/db/migrations.ts';
import { testDatabasePrefix } from './support/postgres-admin.ts';

// Empty scratch databases on the suite's server (migrations are applied by the tests themselves),
// named with the run's prefix so that the global teardown drops any left behind.
const SERVER_URL = inject('databaseAdminUrl');
const SCRATCH_PREFIX = testDatabasePrefix(inject('databaseTemplate'));
const scratchDatabases: string[] = [];
const scratchFolders: string[] = [];

async function query<R extends pg.QueryResultRow>(
  url: string,
  sql: string,
  params: unknown[] = [],
) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** An empty database of this test file's own; dropped after the file. */
async function createScratchDatabase(): Promise<string> {
  const name = `${SCRATCH_PREFIX}mig_${randomBytes(5).toString('hex')}`;
  await query(SERVER_URL, `CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  scratchDatabases.push(name);
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return url.href;
}

/** A copy of the project's migrations folder that a test may change. */
async function copyOfMigrations(): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), 'tradegraph-migrations-'));
  scratchFolders.push(folder);
  await cp(DEFAULT_MIGRATIONS_DIR, folder, { recursive: true });
  return folder;
}

async function addMigration(folder: string, name: string, sql: string): Promise<void> {
  await mkdir(path.join(folder, name));
  await writeFile(path.join(folder, name, 'migration.sql'), sql);
}

afterAll(async () => {
  for (const name of scratchDatabases) {
    await query(SERVER_URL, `DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
  }
  await Promise.all(scratchFolders.map((folder) => rm(folder, { recursive: true, force: true })));
});

async function projectMigrations(): Promise<Array<{ name: string; sql: string }>> {
  const entries = await readdir(DEFAULT_MIGRATIONS_DIR, { withFileTypes: true });
  const names = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  return Promise.all(
    names.sort().map(async (name) => ({
      name,
      sql: await readFile(path.join(DEFAULT_MIGRATIONS_DIR, name, 'migration.sql'), 'utf8'),
    })),
  );
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

type MigrationRow = {
  id: string;
  migration_name: string;
  checksum: string;
  finished: boolean;
  rolled_back_at: Date | null;
  applied_steps_count: number;
  logs: string | null;
};

function migrationRows(url: string) {
  return query<MigrationRow>(
    url,
    `SELECT id, migration_name, checksum, finished_at IS NOT NULL AS finished, rolled_back_at,
            applied_steps_count, logs
       FROM _prisma_migrations ORDER BY started_at, migration_name`,
  );
}

describe('prisma/migrations', () => {
  it('builds exactly prisma/schema.prisma', async () => {
    const diff = await diffMigrationsToSchema({ shadowDatabaseUrl: await createScratchDatabase() });
    expect(
      diff,
      'prisma/schema.prisma has changes that no migration in prisma/migrations makes: run ' +
        '`npm run migrate:new -- <name>`, review the migration.sql it writes (the SQL below) and ' +
        'commit it with the schema',
    ).toBe('');
  });
});

describe('applyPendingMigrations', () => {
  it('creates the tables on an empty database and records migrations as Prisma does', async () => {
    const migrations = await projectMigrations();
    expect(migrations.length, 'prisma/migrations holds no migration').toBeGreaterThan(0);
    const url = await createScratchDatabase();

    const { applied } = await applyPendingMigrations(url);

    expect(applied).toEqual(migrations.map((migration) => migration.name));
    const created = migrations.flatMap(({ sql }) =>
      [...sql.matchAll(/^CREATE TABLE "(\w+)"/gm)].map((match) => match[1]),
    );
    expect(created.length).toBeGreaterThan(0);
    const tables = await query<{ table_name: string }>(
      url,
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
    );
    expect(tables.map((table) => table.table_name)).toEqual(expect.arrayContaining(created));
    const rows = await migrationRows(url);
    expect(rows.map(({ id, ...row }) => row)).toEqual(
      migrations.map(({ name, sql }) => ({
        migration_name: name,
        checksum: sha256(sql),
        finished: true,
        rolled_back_at: null,
        applied_steps_count: 1,
        logs: null,
      })),
    );
  });

  it('applies nothing to a database that is up to date', async () => {
    const url = await createScratchDatabase();
    await applyPendingMigrations(url);
    const before = await migrationRows(url);

    const again = await applyPendingMigrations(url);

    expect(again.applied).toEqual([]);
    expect(await migrationRows(url)).toEqual(before);
  });

  it('applies each migration once when two callers race on a fresh database', async () => {
    const names = (await projectMigrations()).map((migration) => migration.name);
    const url = await createScratchDatabase();

    const results = await Promise.all([applyPendingMigrations(url), applyPendingMigrations(url)]);

    expect(results.flatMap((result) => result.applied).sort()).toEqual(names);
    const rows = await migrationRows(url);
    expect(rows.map((row) => row.migration_name)).toEqual(names);
    expect(rows.every((row) => row.finished)).toBe(true);
  });

  it('refuses to go on when an applied migration was edited, naming it', async () => {
    const folder = await copyOfMigrations();
    const url = await createScratchDatabase();
    await applyPendingMigrations(url, { migrationsDir: folder });
    const [first] = await projectMigrations();
    if (!first) throw new Error('prisma/migrations holds no migration');
    await appendFile(path.join(folder, first.name, 'migration.sql'), '\n-- an afterthought\n');
    await addMigration(folder, '99999999999999_next', 'CREATE TABLE "next_one" (id int);\n');

    const attempt = applyPendingMigrations(url, { migrationsDir: folder });

    await expect(attempt).rejects.toThrow(
      `Migration ${first.name} was edited after it was applied to this database`,
    );
    await expect(attempt).rejects.toMatchObject({ migrationName: first.name });
    const rows = await migrationRows(url);
    expect(rows.map((row) => row.migration_name)).not.toContain('99999999999999_next');
  });

  it('runs each migration whole, so function bodies with semicolons work', async () => {
    const folder = await copyOfMigrations();
    const url = await createScratchDatabase();
    const body = `CREATE FUNCTION answer() RETURNS int LANGUAGE plpgsql AS $$
DECLARE result int;
BEGIN
  result := 42; -- a statement; and a comment
  RETURN result;
END $$;
`;
    await addMigration(folder, '99999999999999_function', body);

    const { applied } = await applyPendingMigrations(url, { migrationsDir: folder });

    expect(applied).toContain('99999999999999_function');
    expect(await query(url, 'SELECT answer() AS answer')).toEqual([{ answer: 42 }]);
  });

  it('reports a failing migration by name, keeps none of it, and refuses to continue', async () => {
    const folder = await copyOfMigrations();
    const url = await createScratchDatabase();
    await addMigration(
      folder,
      '99999999999999_broken',
      'CREATE TABLE "half_done" (id int);\nSELECT * FROM no_such_table;\n',
    );

    const first = applyPendingMigrations(url, { migrationsDir: folder });

    await expect(first).rejects.toThrow(/^Migration 99999999999999_broken failed: .*no_such_table/);
    await expect(first).rejects.toBeInstanceOf(MigrationError);
    const halfDone = await query(url, "SELECT to_regclass('half_done') AS found");
    expect(halfDone).toEqual([{ found: null }]);
    const failed = (await migrationRows(url)).find((row) => row.migration_name.endsWith('broken'));
    expect(failed).toMatchObject({ finished: false, rolled_back_at: null });
    await expect(applyPendingMigrations(url, { migrationsDir: folder })).rejects.toThrow(
      'Migration 99999999999999_broken failed earlier on this database',
    );
  });
});
