import type { ApiScope } from '../generated/prisma/enums.ts';
import type { ApiKeyRecord } from './api-key-record.ts';

/**
 * Who a request acts for, decided once per HTTP request or WebSocket connection. Everything the
 * schema allows or hides is decided from this, never from the raw credentials.
 */
export interface Principal {
  /**
   * Stable identity for per-caller limits (rate limit, open subscriptions): `key:<id>` for an
   * API key, `jwt:<issuer>:<subject>` for a token.
   */
  id: string;
  kind: 'api-key' | 'jwt';
  /** The key's name or the token's subject, for logs. */
  name: string;
  scopes: ReadonlySet<ApiScope>;
  /** The strategies it is limited to (ascending); null: every strategy. */
  strategyIds: readonly bigint[] | null;
  /** When the credential stops working; open subscriptions end then. */
  expiresAt: Date | null;
  /** The API key's id, to end its subscriptions when it is revoked; null for tokens. */
  apiKeyId: bigint | null;
}

/** The principal of a verified API key. An empty strategy list means every strategy. */
export function principalOfApiKey(key: ApiKeyRecord): Principal {
  return {
    id: `key:${key.id}`,
    kind: 'api-key',
    name: key.name,
    scopes: new Set(key.scopes),
    strategyIds: key.strategyIds.length > 0 ? [...key.strategyIds] : null,
    expiresAt: key.expiresAt,
    apiKeyId: key.id,
  };
}
