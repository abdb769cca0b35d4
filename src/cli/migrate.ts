/**
 * `npm run migrate:<command>`: Prisma migrations that work offline (see src/db/migrations.ts).
 *
 *   npm run migrate:new -- <name>  writes prisma/migrations/<UTC yyyymmddHHMMSS>_<snake_name>/
 *                                  migration.sql for what prisma/schema.prisma changed since the
 *                                  migrations; writes nothing when they agree
 *   npm run migrate:deploy         applies pending migrations to DATABASE_URL
 *   npm run migrate:status         lists applied and pending migrations of DATABASE_URL; exits 1
 *                                  unless all are applied and intact
 *
 * `new` replays the migrations into a temporary shadow database, created on the server of
 * SHADOW_DATABASE_URL if set, else of DATABASE_URL if set, else in a throwaway embedded
 * PostgreSQL, so it needs no configuration. Prisma's own CLI (`prisma migrate deploy`/`status`)
 * remains usable on the same folder and databases wherever its native engine can be downloaded.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../db/embedded-postgres.ts';
import {
  applyPendingMigrations,
  DEFAULT_MIGRATIONS_DIR,
  diffMigrationsToSchema,
  getMigrationStatus,
  POSTGRES_LOCKFILE,
} from '../db/migrations.ts';

const USAGE = `Usage:
  npm run migrate:new -- <name>   create a migration from the changes to prisma/schema.prisma
  npm run migrate:deploy          apply pending migrations to DATABASE_URL
  npm run migrate:status          show applied and pending migrations of DATABASE_URL`;

/** Long enough for a description, short enough to read in a directory listing. */
const MAX_NAME_LENGTH = 60;

const log = (line: string) => console.log(line);

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case 'new':
      return createMigration(args);
    case 'deploy':
      return deploy(args);
    case 'status':
      return status(args);
    default:
      throw new Error(command ? `Unknown command '${command}'.\n${USAGE}` : USAGE);
  }
}

// --- new -------------------------------------------------------------------------------------

async function createMigration(args: string[]): Promise<number> {
  if (args.length !== 1 || !args[0]) {
    throw new Error('Give the migration one name: npm run migrate:new -- <name>');
  }
  const name = migrationName(args[0]);
  const sql = await withShadowServer((shadowDatabaseUrl) =>
    diffMigrationsToSchema({ shadowDatabaseUrl }),
  );
  if (sql === '') {
    log('No changes: prisma/schema.prisma and prisma/migrations agree. Nothing written.');
    return 0;
  }
  const directory = await newMigrationDirectory(name);
  await writeFile(path.join(directory, 'migration.sql'), sql);
  log(`Wrote ${path.relative(process.cwd(), path.join(directory, 'migration.sql'))}`);
  log('Review it, add what Prisma does not model (CHECK constraints, triggers), then commit it.');
  return 0;
}

/**
 * `Add fills index`, `add-fills-index` and `addFillsIndex` all become `add_fills_index`. Names
 * must start with a letter and hold only letters, digits, spaces, `-` and `_`, so that nothing
 * odd (a path, quotes) ends up in a directory name.
 */
function migrationName(input: string): string {
  const trimmed = input.trim();
  if (!/^[A-Za-z][A-Za-z0-9 _-]*$/.test(trimmed)) {
    throw new Error(
      `Invalid migration name '${input}': start with a letter and use only letters, digits, ` +
        "spaces, '-' and '_' (e.g. add_fill_indexes).",
    );
  }
  const snake = trimmed
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
  if (snake.length > MAX_NAME_LENGTH) {
    throw new Error(
      `Migration name '${input}' is too long (${snake.length} characters as '${snake}'; at ` +
        `most ${MAX_NAME_LENGTH}).`,
    );
  }
  return snake;
}

/** `yyyymmddHHMMSS` in UTC, the prefix Prisma gives migration folders. */
function utcTimestamp(date: Date): string {
  return date.toISOString().replace(/\D/g, '').slice(0, 14);
}

/**
 * Creates `<timestamp>_<name>` (and `migration_lock.toml` when missing). Migrations apply in
 * folder-name order, so a clock behind the newest migration must not slip one in before it.
 */
async function newMigrationDirectory(name: string): Promise<string> {
  const existing = (await readdir(DEFAULT_MIGRATIONS_DIR, { withFileTypes: true }).catch(() => []))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const folder = `${utcTimestamp(new Date())}_${name}`;
  const newest = existing.at(-1);
  if (newest !== undefined && folder <= newest) {
    throw new Error(
      `The new migration ${folder} would sort before the newest one, ${newest}: check the ` +
        'system clock, or wait a second if you just created it.',
    );
  }
  await mkdir(DEFAULT_MIGRATIONS_DIR, { recursive: true });
  await writeFile(path.join(DEFAULT_MIGRATIONS_DIR, 'migration_lock.toml'), POSTGRES_LOCKFILE, {
    flag: 'wx', // keep an existing lockfile as it is
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  const directory = path.join(DEFAULT_MIGRATIONS_DIR, folder);
  await mkdir(directory);
  return directory;
}

/**
 * Runs `fn` with the URL of a database on a server that may host a temporary shadow database:
 * SHADOW_DATABASE_URL, else DATABASE_URL, else a throwaway embedded PostgreSQL started for it.
 */
async function withShadowServer<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const configured = process.env.SHADOW_DATABASE_URL || process.env.DATABASE_URL;
  if (configured) return fn(configured);
  log('No SHADOW_DATABASE_URL or DATABASE_URL: starting a temporary embedded PostgreSQL.');
  // Not persistent: the server lives in a fresh folder under tmpdir() that stop() deletes.
  const server = await startEmbeddedPostgres({ dataDir: tmpdir(), persistent: false });
  try {
    return await fn(server.url);
  } finally {
    await server.stop();
  }
}

// --- deploy and status -----------------------------------------------------------------------

function requireDatabaseUrl(command: string): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error(
      `DATABASE_URL is not set: migrate:${command} needs the database to work on, e.g. ` +
        'DATABASE_URL=postgres://user:password@localhost:5432/tradegraph ' +
        `npm run migrate:${command}`,
    );
  }
  return url;
}

function assertNoArguments(command: string, args: string[]): void {
  if (args.length > 0) {
    throw new Error(`migrate:${command} takes no arguments (got ${args.join(' ')}).`);
  }
}

async function deploy(args: string[]): Promise<number> {
  assertNoArguments('deploy', args);
  const { applied } = await applyPendingMigrations(requireDatabaseUrl('deploy'), { log });
  log(
    applied.length === 0
      ? 'Database is up to date: no pending migrations.'
      : `Applied ${applied.length} migration(s).`,
  );
  return 0;
}

const STATE_LABELS = {
  applied: 'applied',
  pending: 'pending',
  failed: 'FAILED ',
  edited: 'EDITED ',
} as const;

async function status(args: string[]): Promise<number> {
  assertNoArguments('status', args);
  const { migrations, unknown } = await getMigrationStatus(requireDatabaseUrl('status'));
  if (migrations.length === 0) log('No migrations in prisma/migrations.');
  for (const migration of migrations) log(`${STATE_LABELS[migration.state]}  ${migration.name}`);
  for (const name of unknown) log(`UNKNOWN  ${name} (recorded in the database, not in the folder)`);
  const count = (state: string) => migrations.filter((m) => m.state === state).length;
  const problems = [
    count('pending') && `${count('pending')} pending: run npm run migrate:deploy`,
    count('failed') && `${count('failed')} failed: repair, then mark rolled back`,
    count('edited') && `${count('edited')} edited after being applied: restore them`,
    unknown.length && `${unknown.length} unknown to this folder: is the checkout behind?`,
  ].filter(Boolean);
  log(problems.length === 0 ? 'Database is up to date.' : problems.join('; '));
  return problems.length === 0 ? 0 : 1;
}

// --- entry point -----------------------------------------------------------------------------

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Our messages say what went wrong and what to do; stacks only help when debugging this.
    const verbose = !(error instanceof Error) || Boolean(process.env.DEBUG);
    console.error(verbose ? error : (error as Error).message);
    process.exitCode = 1;
  },
);
