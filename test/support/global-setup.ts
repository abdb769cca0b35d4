import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../../src/db/embedded-postgres.ts';
import { applyPendingMigrations } from '../../src/db/migrations.ts';
import {
  createDatabase,
  databaseUrl,
  dropDatabase,
  dropDatabasesWithPrefix,
  redactUrl,
  sealTemplate,
  templateName,
  testDatabasePrefix,
} from './postgres-admin.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of a database on the test server through which databases are created and dropped. */
    databaseAdminUrl: string;
    /** The migrated, sealed database that `createTestDatabase()` clones. */
    databaseTemplate: string;
  }
}

/** The image testcontainers runs when a container runtime answers. */
const POSTGRES_IMAGE = 'postgres:16-alpine';

/** A PostgreSQL server for this test run, and how to let go of it. */
interface TestServer {
  /** Said in the setup line: where the server came from. */
  source: string;
  adminUrl: string;
  /** Stops what this setup started; a no-op for a server it was given. */
  stop(): Promise<void>;
}

/**
 * Vitest global setup: acquires one PostgreSQL server (`DATABASE_URL` if set, else
 * testcontainers if a container runtime answers, else an embedded PostgreSQL), creates the
 * migrated template `tradegraph_template_<run id>` on it and provides both to the tests.
 * The returned teardown drops the template and any test database of this run left behind, and
 * stops the server if it started one; it never drops a database it did not create.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = performance.now();
  const server = await acquireServer();
  const template = templateName(randomBytes(4).toString('hex'));
  let templateCreated = false;
  const teardown = async () => {
    try {
      await dropDatabasesWithPrefix(server.adminUrl, testDatabasePrefix(template));
      if (templateCreated) await dropDatabase(server.adminUrl, template);
    } finally {
      await server.stop();
    }
  };
  let applied: string[];
  try {
    await createDatabase(server.adminUrl, template);
    templateCreated = true;
    applied = await migrateAndSeal(server.adminUrl, template);
  } catch (error) {
    // Vitest runs no teardown for a setup that threw; the first error is the one to report.
    await teardown().catch(() => {});
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Test database setup failed on ${server.source}: ${reason}`, { cause: error });
  }
  project.provide('databaseAdminUrl', server.adminUrl);
  project.provide('databaseTemplate', template);
  const elapsed = Math.round(performance.now() - started);
  console.log(
    `[test database] ${server.source}; template ${template} with ${applied.length} ` +
      `migration(s) ready in ${elapsed} ms`,
  );
  return teardown;
}

async function acquireServer(): Promise<TestServer> {
  const url = process.env.DATABASE_URL;
  if (url) {
    return { source: `DATABASE_URL ${redactUrl(url)}`, adminUrl: url, stop: async () => {} };
  }
  if (!(await containerRuntimeAnswers())) {
    return startEmbedded('no DATABASE_URL, no container runtime');
  }
  try {
    return await startContainer();
  } catch (error) {
    // A runtime that answers but cannot run the image (offline, say) should not stop the tests.
    const reason = (error as Error).message.split('\n')[0];
    return startEmbedded(`testcontainers failed: ${reason}`);
  }
}

/** Without a runtime, `getContainerRuntimeClient()` rejects within milliseconds. */
async function containerRuntimeAnswers(): Promise<boolean> {
  const { getContainerRuntimeClient } = await import('testcontainers');
  return getContainerRuntimeClient().then(
    () => true,
    () => false,
  );
}

async function startContainer(): Promise<TestServer> {
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const container = await new PostgreSqlContainer(POSTGRES_IMAGE)
    .withCommand(['postgres', '-c', 'fsync=off', '-c', 'synchronous_commit=off'])
    .start();
  return {
    source: `testcontainers ${POSTGRES_IMAGE}`,
    adminUrl: container.getConnectionUri(),
    stop: async () => {
      await container.stop();
    },
  };
}

async function startEmbedded(why: string): Promise<TestServer> {
  const server = await startEmbeddedPostgres({ dataDir: tmpdir(), persistent: false });
  return {
    source: `embedded PostgreSQL on 127.0.0.1:${server.port} (${why})`,
    adminUrl: server.url,
    stop: server.stop,
  };
}

/** Applies the migrations to the new template and seals it; returns what was applied. */
async function migrateAndSeal(adminUrl: string, template: string): Promise<string[]> {
  const { applied } = await applyPendingMigrations(databaseUrl(adminUrl, template));
  await sealTemplate(adminUrl, template);
  return applied;
}
