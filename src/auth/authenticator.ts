import { hash } from 'node:crypto';
import type { Database } from '../db/prisma.ts';
import { verifyApiKey } from './api-keys.ts';
import { AuthenticationError, MISSING_CREDENTIALS } from './authentication-error.ts';
import type { JwtVerifier } from './jwt.ts';
import { type Principal, principalOfApiKey } from './principal.ts';

/** Options of {@link createAuthenticator}. */
export interface AuthenticatorOptions {
  prisma: Database;
  /** Accept tokens from an identity provider as well as API keys. */
  jwt?: JwtVerifier;
  /**
   * How long a verified API key is trusted without asking the database again (default 2,000 ms;
   * 0 checks every request). This bounds how long a revoked key keeps working for new requests.
   */
  cacheMs?: number;
  now?: () => number;
}

/** Turns presented credentials into a principal, or throws {@link AuthenticationError}. */
export interface Authenticator {
  /** From an `Authorization` header value (`Bearer <key or token>`). */
  fromHeader(authorization: string | null | undefined): Promise<Principal>;
  /**
   * From graphql-ws `connectionParams`: `authorization` ("Bearer <key>") or, for clients that
   * cannot send a scheme, `apiKey` / `token`.
   */
  fromConnectionParams(params: Readonly<Record<string, unknown>> | undefined): Promise<Principal>;
}

const CACHE_LIMIT = 10_000;

/**
 * API keys are told from tokens by their `tg_` prefix. Verified keys are cached by the SHA-256 of
 * the secret (the secret itself is not kept) for `cacheMs`, so a busy bot costs no extra query
 * per request; expiry is still checked on every use.
 */
export function createAuthenticator(options: AuthenticatorOptions): Authenticator {
  const cacheMs = options.cacheMs ?? 2_000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { principal: Principal; until: number }>();

  async function fromApiKey(secret: string): Promise<Principal> {
    // The one-shot hash: a third of createHash's time, on every request.
    const cacheKey = hash('sha256', secret, 'base64url');
    const cached = cache.get(cacheKey);
    const at = now();
    if (cached && cached.until > at) {
      assertNotExpired(cached.principal, at);
      return cached.principal;
    }
    cache.delete(cacheKey);
    const verification = await verifyApiKey(options.prisma, secret, new Date(at));
    if (!verification.ok) throw new AuthenticationError(REJECTIONS[verification.reason]);
    const principal = principalOfApiKey(verification.key);
    if (cacheMs > 0) {
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(cacheKey, { principal, until: at + cacheMs });
    }
    return principal;
  }

  async function fromCredential(credential: string): Promise<Principal> {
    if (credential.startsWith('tg_')) return fromApiKey(credential);
    if (options.jwt && credential.split('.').length === 3) return options.jwt(credential);
    throw new AuthenticationError(
      options.jwt
        ? 'The credential is neither a Tradegraph API key (tg_...) nor a JWT.'
        : 'The credential is not a Tradegraph API key: keys start with tg_.',
    );
  }

  return {
    async fromHeader(authorization) {
      if (authorization == null || authorization.trim() === '') {
        throw new AuthenticationError(MISSING_CREDENTIALS);
      }
      const match = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization.trim());
      if (!match) {
        throw new AuthenticationError(
          "The Authorization header must read 'Bearer <key>': one scheme word, one space, the key.",
        );
      }
      return fromCredential(match[1] as string);
    },
    async fromConnectionParams(params) {
      const authorization = params?.authorization ?? params?.Authorization;
      if (typeof authorization === 'string') return this.fromHeader(authorization);
      const credential = params?.apiKey ?? params?.token;
      if (typeof credential === 'string' && credential.trim() !== '') {
        return fromCredential(credential.trim());
      }
      throw new AuthenticationError(MISSING_CREDENTIALS);
    },
  };
}

function assertNotExpired(principal: Principal, at: number) {
  if (principal.expiresAt !== null && principal.expiresAt.getTime() <= at) {
    throw new AuthenticationError(REJECTIONS.expired);
  }
}

const REJECTIONS = {
  malformed: 'The API key is malformed: a key reads tg_, 8 letters or digits, _, and 43 more.',
  unknown: 'The API key is not valid.',
  revoked: 'The API key has been revoked: ask an administrator for a new one.',
  expired: 'The API key has expired: ask an administrator for a new one.',
} as const;
