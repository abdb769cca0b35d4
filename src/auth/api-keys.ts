/**
 * API keys: create, verify, list, revoke. The secret is returned once by {@link createApiKey}
 * and never stored; only its SHA-256 is (src/auth/api-key-secret.ts).
 */
import type { Database } from '../db/prisma.ts';
import type { ApiScope } from '../generated/prisma/enums.ts';
import { isUniqueViolation } from '../writers/errors.ts';
import {
  API_KEY_RECORD_SELECT,
  ApiKeyError,
  type ApiKeyRecord,
  toApiKeyRecord,
} from './api-key-record.ts';
import { generateSecret, isKeyPrefix, prefixOfSecret, secretMatches } from './api-key-secret.ts';
import { API_SCOPES } from './api-scopes.ts';

/** `last_used_at` is written at most this often per key, so verification rarely writes. */
export const LAST_USED_RESOLUTION_MS = 60_000;

/** Input of {@link createApiKey}. */
export interface CreateApiKeyInput {
  /** Unique among keys that are not revoked; trimmed; 1 to 100 characters. */
  name: string;
  /** At least one; duplicates are ignored. */
  scopes: readonly ApiScope[];
  /** Limit the key to these strategies; omitted or empty: all strategies. Each must exist. */
  strategyIds?: readonly bigint[];
  /** When the key stops working; omitted: never. Must be in the future. */
  expiresAt?: Date;
  note?: string;
  /** Who or what creates the key, for the record (e.g. `cli:alice`). */
  createdBy?: string;
}

/**
 * Creates a key and returns it with its secret: the only time the secret exists outside the
 * caller's hands. Throws {@link ApiKeyError}: `INVALID`, `UNKNOWN_STRATEGY` naming the id,
 * `NAME_TAKEN`.
 */
export async function createApiKey(
  db: Database,
  input: CreateApiKeyInput,
  now: Date = new Date(),
): Promise<{ key: ApiKeyRecord; secret: string }> {
  const name = input.name.trim();
  if (name === '' || name.length > 100) {
    throw new ApiKeyError('INVALID', 'name: give the key a name of 1 to 100 characters.');
  }
  const scopes = API_SCOPES.filter((scope) => input.scopes.includes(scope));
  if (scopes.length === 0) {
    throw new ApiKeyError('INVALID', `scopes: give at least one of ${API_SCOPES.join(', ')}.`);
  }
  if (input.expiresAt && input.expiresAt.getTime() <= now.getTime()) {
    throw new ApiKeyError(
      'INVALID',
      `expiresAt: ${input.expiresAt.toISOString()} is not in the future.`,
    );
  }
  const strategyIds = [...new Set(input.strategyIds ?? [])].sort((a, b) => (a < b ? -1 : 1));
  await assertStrategiesExist(db, strategyIds);
  // A prefix collision (8 base62 characters: 1 in 2^47 per pair) is retried; a name clash is not.
  for (let attempt = 1; ; attempt++) {
    const { secret, prefix, hash } = generateSecret();
    try {
      const row = await db.apiKey.create({
        data: {
          name,
          keyPrefix: prefix,
          secretHash: hash,
          scopes,
          strategyIds,
          note: input.note ?? null,
          createdBy: input.createdBy ?? null,
          createdAt: now,
          expiresAt: input.expiresAt ?? null,
        },
        select: API_KEY_RECORD_SELECT,
      });
      return { key: toApiKeyRecord(row), secret };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      if (await db.apiKey.count({ where: { name, revokedAt: null } })) {
        throw new ApiKeyError(
          'NAME_TAKEN',
          `name: an active key is already named '${name}': choose another name, or revoke it first.`,
        );
      }
      if (attempt >= 3) throw error;
    }
  }
}

async function assertStrategiesExist(db: Database, ids: bigint[]): Promise<void> {
  if (ids.length === 0) return;
  const found = await db.strategy.findMany({ where: { id: { in: ids } }, select: { id: true } });
  const known = new Set(found.map((row) => row.id));
  const missing = ids.filter((id) => !known.has(id));
  if (missing.length > 0) {
    throw new ApiKeyError(
      'UNKNOWN_STRATEGY',
      `strategyIds: no strategy with id ${missing.join(', ')} exists.`,
    );
  }
}

/** Why a secret was not accepted. */
export type ApiKeyRejection = 'malformed' | 'unknown' | 'revoked' | 'expired';

/** The outcome of {@link verifyApiKey}. */
export type ApiKeyVerification =
  | { ok: true; key: ApiKeyRecord }
  | { ok: false; reason: ApiKeyRejection };

/**
 * Checks a presented secret. `malformed`: not of the `tg_<8>_<43>` shape; `unknown`: no key
 * has its prefix, or the rest does not match (the two are not told apart: the prefix is public,
 * so telling them apart would only help a guesser); `revoked` / `expired`: said only once the
 * whole secret matched, so that a prefix from a log reveals nothing. A key expires at
 * `expiresAt` exactly.
 *
 * On success, records `now` as the key's last use unless a use within the last
 * {@link LAST_USED_RESOLUTION_MS} was recorded: a busy bot causes one write a minute, not one per
 * request. The returned record carries the value stored after that.
 */
export async function verifyApiKey(
  db: Database,
  secret: string,
  now: Date = new Date(),
): Promise<ApiKeyVerification> {
  const prefix = prefixOfSecret(secret);
  if (prefix === undefined) return { ok: false, reason: 'malformed' };
  const row = await db.apiKey.findUnique({
    where: { keyPrefix: prefix },
    select: { ...API_KEY_RECORD_SELECT, secretHash: true },
  });
  if (!row || !secretMatches(secret, row.secretHash)) return { ok: false, reason: 'unknown' };
  const { secretHash: _hash, ...rest } = row;
  const key = toApiKeyRecord(rest);
  if (key.revokedAt !== null) return { ok: false, reason: 'revoked' };
  if (key.expiresAt !== null && key.expiresAt.getTime() <= now.getTime()) {
    return { ok: false, reason: 'expired' };
  }
  const staleBefore = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  if (key.lastUsedAt === null || key.lastUsedAt.getTime() <= staleBefore.getTime()) {
    // Conditional, so that concurrent requests (or gateway processes) write once between them.
    const { count } = await db.apiKey.updateMany({
      where: {
        id: key.id,
        OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: staleBefore } }],
      },
      data: { lastUsedAt: now },
    });
    if (count === 1) key.lastUsedAt = now;
  }
  return { ok: true, key };
}

/** Options of {@link listApiKeys}. */
export interface ListApiKeysOptions {
  /** Include revoked keys (default true). */
  includeRevoked?: boolean;
}

/** All keys, oldest first. Records only: no secret or hash can be listed. */
export async function listApiKeys(
  db: Database,
  options: ListApiKeysOptions = {},
): Promise<ApiKeyRecord[]> {
  const rows = await db.apiKey.findMany({
    where: options.includeRevoked === false ? { revokedAt: null } : {},
    orderBy: { id: 'asc' },
    select: API_KEY_RECORD_SELECT,
  });
  return rows.map(toApiKeyRecord);
}

/**
 * Revokes the key with a prefix (`tg_AbCd1234`) or a numeric id; it stops verifying at once.
 * Revoking a revoked key changes nothing and returns `revoked: false` with its first revocation
 * time. Throws {@link ApiKeyError} `NOT_FOUND`, or `INVALID` for text that is neither.
 */
export async function revokeApiKey(
  db: Database,
  prefixOrId: string | bigint,
  now: Date = new Date(),
): Promise<{ key: ApiKeyRecord; revoked: boolean }> {
  const where = keyWhere(prefixOrId);
  const { count } = await db.apiKey.updateMany({
    where: { ...where, revokedAt: null },
    data: { revokedAt: now },
  });
  const row = await db.apiKey.findFirst({ where, select: API_KEY_RECORD_SELECT });
  if (!row) {
    throw new ApiKeyError('NOT_FOUND', `No API key has the prefix or id '${prefixOrId}'.`);
  }
  return { key: toApiKeyRecord(row), revoked: count === 1 };
}

function keyWhere(prefixOrId: string | bigint): { id: bigint } | { keyPrefix: string } {
  if (typeof prefixOrId === 'bigint') return { id: prefixOrId };
  const text = prefixOrId.trim();
  if (/^[0-9]{1,18}$/.test(text)) return { id: BigInt(text) };
  if (isKeyPrefix(text)) return { keyPrefix: text };
  throw new ApiKeyError(
    'INVALID',
    `'${prefixOrId}' is neither a key prefix (tg_ and 8 letters or digits) nor a key id.`,
  );
}
