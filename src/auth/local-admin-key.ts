import type { Database } from '../db/prisma.ts';
import type { ApiKeyRecord } from './api-key-record.ts';
import { createApiKey } from './api-keys.ts';
import { API_SCOPES } from './api-scopes.ts';

/** The name of the admin key the embedded default creates on first start. */
export const LOCAL_ADMIN_KEY_NAME = 'local-admin';

/** Any constant that other code does not lock on: serializes concurrent first starts. */
const LOCAL_ADMIN_LOCK = 7_402_153_001;

/**
 * For the first start of the embedded default: creates a key named `local-admin` with every
 * scope (all strategies, no expiry: the local developer may do anything) when the database holds no API key at all, revoked ones included, so
 * a user who revoked it does not get a new one behind their back. Returns the secret only when
 * it created the key, for the gateway to print once. Safe when several processes start at once.
 */
export async function ensureLocalAdminKey(
  db: Database,
  now: Date = new Date(),
): Promise<{ created: true; key: ApiKeyRecord; secret: string } | { created: false }> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCAL_ADMIN_LOCK}::bigint)`;
    if ((await tx.apiKey.count()) > 0) return { created: false };
    const { key, secret } = await createApiKey(
      tx as unknown as Database,
      { name: LOCAL_ADMIN_KEY_NAME, scopes: API_SCOPES, createdBy: 'gateway' },
      now,
    );
    return { created: true, key, secret };
  });
}
