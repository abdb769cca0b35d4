import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

/**
 * Database administration for the test setup: creating, cloning and dropping databases on the
 * test server. Shared by the global setup (main process) and `createTestDatabase` (workers), so
 * it imports nothing from vitest.
 */

/** Prefix of the migrated template database; a random run id follows. */
const TEMPLATE_PREFIX = 'tradegraph_template_';
/** Prefix of the databases cloned from it; the template's run id and a random id follow. */
const TEST_PREFIX = 'tradegraph_test_';
/** SQLSTATE object_in_use: CREATE DATABASE … TEMPLATE while a session is connected to it. */
const OBJECT_IN_USE = '55006';

/** The template name for one test run. */
export function templateName(runId: string): string {
  return `${TEMPLATE_PREFIX}${runId}`;
}

/** Every test database of a run starts with this, so teardown can find leftovers. */
export function testDatabasePrefix(template: string): string {
  return `${TEST_PREFIX}${template.slice(TEMPLATE_PREFIX.length)}_`;
}

/** `url` pointed at another database on the same server, keeping credentials and parameters. */
export function databaseUrl(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.href;
}

/** `url` without its password, for printing. */
export function redactUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.href;
}

/** Runs `fn` with a connected client and always closes it. */
export async function withClient<T>(
  url: string,
  fn: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty database. */
export async function createDatabase(adminUrl: string, name: string): Promise<void> {
  await withClient(adminUrl, (client) =>
    client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`),
  );
}

/**
 * Creates `name` as a copy of `template`. Postgres refuses while any other session is connected
 * to the template (it waits up to 5 s for that itself), so a refusal is retried a few times.
 */
export async function cloneDatabase(adminUrl: string, template: string, name: string) {
  const sql = `CREATE DATABASE ${pg.escapeIdentifier(name)} TEMPLATE ${pg.escapeIdentifier(template)}`;
  await withClient(adminUrl, async (client) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(sql);
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== OBJECT_IN_USE || attempt >= 3) throw error;
        await sleep(200 * attempt);
      }
    }
  });
}

/**
 * Freezes a freshly migrated database as a template: closes sessions left on it and refuses new
 * ones, so nothing can block `CREATE DATABASE … TEMPLATE` or change it between clones.
 */
export async function sealTemplate(adminUrl: string, template: string): Promise<void> {
  await withClient(adminUrl, async (client) => {
    await client.query(`ALTER DATABASE ${pg.escapeIdentifier(template)} ALLOW_CONNECTIONS false`);
    await client.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [template],
    );
  });
}

/** Drops `name` if it exists, closing sessions still connected to it. Idempotent. */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withClient(adminUrl, (client) =>
    client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`),
  );
}

/** Drops every database whose name starts with `prefix`; returns their names. */
export async function dropDatabasesWithPrefix(adminUrl: string, prefix: string): Promise<string[]> {
  const found = await withClient(adminUrl, (client) =>
    client.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE starts_with(datname, $1)',
      [prefix],
    ),
  );
  const names = found.rows.map((row) => row.datname);
  for (const name of names) await dropDatabase(adminUrl, name);
  return names;
}
