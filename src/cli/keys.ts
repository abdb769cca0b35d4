/**
 * `npm run keys`: create, list and revoke API keys (src/cli/keys-arguments.ts has the usage).
 *
 * With DATABASE_URL it works there. Without it, it connects to the embedded PostgreSQL of the
 * running `npm start` (same TRADEGRAPH_DATA_DIR); it never starts a server of its own.
 */
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { createApiKey, listApiKeys, revokeApiKey } from '../auth/api-keys.ts';
import { resolveStrategyRefs } from '../auth/strategy-refs.ts';
import { loadConfig } from '../config.ts';
import { connectionUrlOfRunningEmbedded } from '../db/embedded-connection.ts';
import { createPrismaClient, type Database } from '../db/prisma.ts';
import { KEYS_USAGE, type KeysCommand, parseKeysArguments } from './keys-arguments.ts';
import { formatKeysTable } from './keys-table.ts';

async function main(): Promise<number> {
  const command = parseKeysArguments(process.argv.slice(2));
  if (command.command === 'help') {
    console.log(KEYS_USAGE);
    return 0;
  }
  const config = loadConfig();
  const databaseUrl =
    config.databaseUrl ??
    (await connectionUrlOfRunningEmbedded(resolve(config.dataDir, 'postgres')));
  const db = createPrismaClient(databaseUrl, { poolSize: 1 });
  try {
    await assertMigrated(db);
    return await run(db, command);
  } finally {
    await db.$disconnect();
  }
}

async function run(db: Database, command: Exclude<KeysCommand, { command: 'help' }>) {
  switch (command.command) {
    case 'create': {
      const strategyIds = await resolveStrategyRefs(db, command.strategies);
      const { key, secret } = await createApiKey(db, {
        name: command.name,
        scopes: command.scopes,
        strategyIds,
        expiresAt: command.expiresAt,
        note: command.note,
        createdBy: `cli:${currentUser()}`,
      });
      console.log(formatKeysTable([key]));
      console.log(`\n${secret}\n`);
      console.log(
        'This is the only time the key is shown: it is stored as a hash and cannot be shown ' +
          'again. Keep it in a secret store; if it is lost, revoke it and create another.',
      );
      return 0;
    }
    case 'list':
      console.log(formatKeysTable(await listApiKeys(db, { includeRevoked: !command.activeOnly })));
      return 0;
    case 'revoke': {
      const { key, revoked } = await revokeApiKey(db, command.target);
      console.log(
        revoked
          ? `Revoked ${key.prefix} (${key.name}): it no longer authenticates.`
          : `${key.prefix} (${key.name}) was already revoked at ${key.revokedAt?.toISOString()}.`,
      );
      return 0;
    }
  }
}

function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

/** A clear message instead of Prisma's "table does not exist" on a database not migrated. */
async function assertMigrated(db: Database): Promise<void> {
  const [row] = await db.$queryRaw<{ ok: boolean }[]>`
    SELECT to_regclass('public.api_keys') IS NOT NULL AS ok`;
  if (!row?.ok) {
    throw new Error(
      'The database has no api_keys table: apply the migrations first (npm run migrate:deploy, or npm start).',
    );
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    // ApiKeyError and argument errors say what to do; stacks only help when debugging this.
    const verbose = !(error instanceof Error) || Boolean(process.env.DEBUG);
    console.error(verbose ? error : (error as Error).message);
    process.exit(1);
  },
);
