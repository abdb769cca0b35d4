import type { ApiScope } from '../generated/prisma/enums.ts';

/** What may be known about an API key: everything but its secret and the secret's hash. */
export interface ApiKeyRecord {
  id: bigint;
  /** Unique among keys that are not revoked. */
  name: string;
  /** Public prefix, `tg_` and 8 base62 characters; the start of the secret. */
  prefix: string;
  /** What the key may do; never empty. */
  scopes: ApiScope[];
  /** The strategies the key is limited to, ascending; empty means all strategies. */
  strategyIds: bigint[];
  note: string | null;
  createdBy: string | null;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  /** Last successful verification, to within a minute (see `verifyApiKey`). */
  lastUsedAt: Date | null;
}

/** Whether a key can be used at an instant. Revoked wins over expired. */
export type ApiKeyStatus = 'active' | 'revoked' | 'expired';

/** The status of `key` at `now`; a key expires at `expiresAt` exactly. */
export function apiKeyStatus(key: ApiKeyRecord, now: Date = new Date()): ApiKeyStatus {
  if (key.revokedAt !== null) return 'revoked';
  if (key.expiresAt !== null && key.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'active';
}

/**
 * The Prisma `select` of an {@link ApiKeyRecord}: never the hash, so that it cannot travel
 * further than verification by accident.
 */
export const API_KEY_RECORD_SELECT = {
  id: true,
  name: true,
  keyPrefix: true,
  scopes: true,
  strategyIds: true,
  note: true,
  createdBy: true,
  createdAt: true,
  expiresAt: true,
  revokedAt: true,
  lastUsedAt: true,
} as const;

/** A row read with {@link API_KEY_RECORD_SELECT}, as a record. */
export function toApiKeyRecord(row: {
  id: bigint;
  name: string;
  keyPrefix: string;
  scopes: ApiScope[];
  strategyIds: bigint[];
  note: string | null;
  createdBy: string | null;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}): ApiKeyRecord {
  const { keyPrefix, ...rest } = row;
  return { ...rest, prefix: keyPrefix };
}

/**
 * Why an API key operation was refused:
 * - `INVALID`: the input breaks a rule (blank name, no scopes, expiry in the past);
 * - `UNKNOWN_STRATEGY`: a strategy id or name that does not exist;
 * - `NAME_TAKEN`: a key that is not revoked already has the name;
 * - `NOT_FOUND`: no key has the prefix or id.
 */
export type ApiKeyErrorCode = 'INVALID' | 'UNKNOWN_STRATEGY' | 'NAME_TAKEN' | 'NOT_FOUND';

/** An expected refusal, with a message that says what was wrong and how to fix it. */
export class ApiKeyError extends Error {
  override readonly name = 'ApiKeyError';
  constructor(
    readonly code: ApiKeyErrorCode,
    message: string,
  ) {
    super(message);
  }
}
