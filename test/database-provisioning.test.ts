import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres.ts';
import { DEFAULT_MIGRATIONS_DIR } from '../src/db/migrations.ts';
import { createTestDatabase, type TestDatabase } from './support/database.ts';
import { withClient } from './support/postgres-admin.ts';

async function migrationNames(): Promise<string[]> {
  const entries = await readdir(DEFAULT_MIGRATIONS_DIR, { withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

async function tableExists(url: string, table: string): Promise<boolean> {
  const result = await withClient(url, (client) =>
    client.query<{ found: string | null }>('SELECT to_regclass($1)::text AS found', [table]),
  );
  return result.rows[0]?.found != null;
}

describe('createTestDatabase', () => {
  let first: TestDatabase;
  let second: TestDatabase;

  beforeAll(async () => {
    [first, second] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  });

  afterAll(async () => {
    await Promise.all([first?.drop(), second?.drop()]);
  });

  it('gives each call a database of its own', async () => {
    expect(first.name).not.toBe(second.name);
    await withClient(first.url, async (client) => {
      await client.query('CREATE TABLE provisioning_probe (note text)');
      await client.query("INSERT INTO provisioning_probe VALUES ('only in the first')");
    });

    expect(await tableExists(first.url, 'provisioning_probe')).toBe(true);
    expect(await tableExists(second.url, 'provisioning_probe')).toBe(false);
  });

  it('clones the migrated template: every migration is recorded as applied', async (context) => {
    const names = await migrationNames();
    // Until the project has migrations there is nothing to record.
    if (names.length === 0) context.skip();

    for (const database of [first, second]) {
      const recorded = await withClient(database.url, (client) =>
        client.query<{ migration_name: string }>(
          `SELECT migration_name FROM _prisma_migrations
           WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
        ),
      );
      expect(recorded.rows.map((row) => row.migration_name)).toEqual(names);
    }
  });

  it('creates an empty database on request', async () => {
    const empty = await createTestDatabase({ empty: true });
    try {
      expect(await tableExists(empty.url, '_prisma_migrations')).toBe(false);
    } finally {
      await empty.drop();
    }
  });

  it('drops the database, and dropping again does nothing', async () => {
    const scratch = await createTestDatabase();
    await scratch.drop();
    await scratch.drop();

    const left = await withClient(inject('databaseAdminUrl'), (client) =>
      client.query('SELECT 1 FROM pg_database WHERE datname = $1', [scratch.name]),
    );
    expect(left.rowCount).toBe(0);
  });
});

describe('startEmbeddedPostgres', () => {
  let root: string;
  /** A persistent cluster the tests below restart; initialised once, as initdb with fsync is slow. */
  let persistentDir: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'tradegraph-embedded-test-'));
    // As root the server runs as the `postgres` user, which must be able to enter the folder.
    await chmod(root, 0o755);
    persistentDir = join(root, 'persistent');
    await (await startEmbeddedPostgres({ dataDir: persistentDir })).stop();
  });

  afterAll(async () => {
    for (const holder of holders) holder.kill('SIGKILL');
    await rm(root, { recursive: true, force: true });
  });

  it('keeps data across stop and start when persistent', async () => {
    const first = await startEmbeddedPostgres({ dataDir: persistentDir });
    await withClient(first.url, async (client) => {
      await client.query('CREATE TABLE kept (note text)');
      await client.query("INSERT INTO kept VALUES ('still here')");
    });
    await first.stop();

    const second = await startEmbeddedPostgres({ dataDir: persistentDir });
    try {
      const rows = await withClient(second.url, (client) => client.query('SELECT note FROM kept'));
      expect(rows.rows).toEqual([{ note: 'still here' }]);
    } finally {
      await second.stop();
    }
  });

  it('starts over a postmaster.pid naming a live process that is not its server', async () => {
    // Postgres alone refuses to start here: it takes any live pid for a running server.
    const pidFile = join(persistentDir, 'postmaster.pid');
    await writeFile(pidFile, `${process.pid}\n${persistentDir}\n0\n1\n`);

    const server = await startEmbeddedPostgres({ dataDir: persistentDir });
    try {
      const serverPid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
      expect(serverPid).not.toBe(process.pid);
      await withClient(server.url, (client) => client.query('SELECT 1'));
    } finally {
      await server.stop();
    }
  });

  it('refuses a folder whose server is running for a live process', async () => {
    const running = await startEmbeddedPostgres({ dataDir: persistentDir });
    try {
      await expect(startEmbeddedPostgres({ dataDir: persistentDir })).rejects.toThrow(
        `The embedded PostgreSQL data folder ${persistentDir} is in use by a running server`,
      );
      await withClient(running.url, (client) => client.query('SELECT 1'));
    } finally {
      await running.stop();
    }
  });

  it('shuts down a server left running by a killed process and takes the folder over', async () => {
    const holder = await startHolder(persistentDir);
    await withClient(holder.url, (client) => client.query('CREATE TABLE survived (id int)'));
    const orphanPid = await killHolder(holder);

    const server = await startEmbeddedPostgres({ dataDir: persistentDir });
    try {
      expect(isAlive(orphanPid)).toBe(false);
      expect(await tableExists(server.url, 'survived')).toBe(true);
    } finally {
      await server.stop();
    }
  });

  it('removes throwaway clusters abandoned by a killed process', async () => {
    const base = join(root, 'throwaway');
    const holder = await startHolder(base, 'throwaway');
    const orphanPid = await killHolder(holder);
    expect(existsSync(holder.clusterDir)).toBe(true);

    const server = await startEmbeddedPostgres({ dataDir: base, persistent: false });
    try {
      expect(isAlive(orphanPid)).toBe(false);
      expect(existsSync(dirname(holder.clusterDir))).toBe(false);
    } finally {
      await server.stop();
    }
  });

  it('deletes a throwaway cluster on stop, and stopping twice is harmless', async () => {
    const server = await startEmbeddedPostgres({ dataDir: root, persistent: false });
    expect(existsSync(server.dataDir)).toBe(true);

    await server.stop();
    await server.stop();
    expect(existsSync(server.dataDir)).toBe(false);
  });

  it('names the port and the folder when the port is taken', async () => {
    const blocker = await listen();
    const port = (blocker.address() as { port: number }).port;
    try {
      const start = startEmbeddedPostgres({ dataDir: root, persistent: false, port });
      await expect(start).rejects.toThrow(`port ${port}). Port ${port} is in use`);
      await expect(start).rejects.toThrow(`data folder ${root}/tradegraph-pg-`);
    } finally {
      blocker.close();
    }
    // The throwaway folder of the failed start is gone too.
    expect((await readdir(root)).filter((name) => name.startsWith('tradegraph-pg-'))).toEqual([]);
  });
});

/** Holder processes, killed after the tests in case one failed before killing its own. */
const holders: ChildProcess[] = [];

interface Holder {
  process: ChildProcess;
  url: string;
  clusterDir: string;
}

/** Starts a server in another Node process, to be killed as a crashing gateway would be. */
async function startHolder(dataDir: string, mode?: 'throwaway'): Promise<Holder> {
  const script = join(import.meta.dirname, 'support', 'hold-embedded-postgres.ts');
  const args = ['--import', 'tsx', script, dataDir, ...(mode ? [mode] : [])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  holders.push(child);
  let output = '';
  for await (const chunk of child.stdout ?? []) {
    output += String(chunk);
    const match = /READY (\S+) (\S+)/.exec(output);
    if (match?.[1] && match[2]) return { process: child, url: match[1], clusterDir: match[2] };
  }
  throw new Error(`the holder process exited before it was ready: ${output}`);
}

/** SIGKILLs the holder, which leaves its server running; returns the server's pid. */
async function killHolder(holder: Holder): Promise<number> {
  const pidFile = await readFile(join(holder.clusterDir, 'postmaster.pid'), 'utf8');
  const serverPid = Number.parseInt(pidFile, 10);
  holder.process.kill('SIGKILL');
  await once(holder.process, 'exit');
  expect(isAlive(serverPid)).toBe(true);
  return serverPid;
}

/** Whether `pid` is a running process (not gone, not a zombie waiting for a slow reaper). */
function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat[stat.lastIndexOf(')') + 2] !== 'Z';
  } catch {
    return false;
  }
}

function listen(): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}
