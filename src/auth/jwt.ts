import {
  createRemoteJWKSet,
  type JWTPayload,
  type JWTVerifyGetKey,
  errors as joseErrors,
  jwtVerify,
} from 'jose';
import type { ApiScope } from '../generated/prisma/enums.ts';
import { API_SCOPES } from './api-scopes.ts';
import { AuthenticationError } from './authentication-error.ts';
import type { Principal } from './principal.ts';

/** How tokens from an identity provider are checked and mapped to scopes. */
export interface JwtOptions {
  /** Shared secret for HS256/384/512 tokens. Exactly one of `secret` and `jwksUrl`. */
  secret?: string;
  /** The provider's JSON Web Key Set, for RS*, PS* and ES* tokens. */
  jwksUrl?: string;
  /** Required `iss`, when set. */
  issuer?: string;
  /** Required `aud`, when set. */
  audience?: string;
  /**
   * Claim holding the scopes: a space-separated string (OAuth `scope`) or an array. Values are
   * `read`, `write`, `trade`, `admin`, optionally prefixed `tradegraph:`; others are ignored.
   */
  scopesClaim: string;
  /** Claim holding the strategy ids the caller is limited to; absent: every strategy. */
  strategiesClaim: string;
  /** Allowed clock difference in seconds for `exp` and `nbf` (default 30). */
  clockToleranceSeconds?: number;
}

/** Verifies a token and returns its principal; throws {@link AuthenticationError}. */
export type JwtVerifier = (token: string) => Promise<Principal>;

const SYMMETRIC = ['HS256', 'HS384', 'HS512'];
const ASYMMETRIC = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384'];

/** Builds the verifier; the JWKS is fetched on first use and cached by jose. */
export function createJwtVerifier(options: JwtOptions): JwtVerifier {
  if (Boolean(options.secret) === Boolean(options.jwksUrl)) {
    throw new Error('JWT: configure exactly one of a shared secret and a JWKS URL.');
  }
  const key: Uint8Array | JWTVerifyGetKey = options.secret
    ? new TextEncoder().encode(options.secret)
    : createRemoteJWKSet(new URL(options.jwksUrl as string));
  const algorithms = options.secret ? SYMMETRIC : ASYMMETRIC;
  return async (token) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, key as Uint8Array, {
        algorithms,
        issuer: options.issuer,
        audience: options.audience,
        clockTolerance: options.clockToleranceSeconds ?? 30,
        requiredClaims: ['sub', 'exp'],
      }));
    } catch (error) {
      throw new AuthenticationError(`The token was not accepted: ${describeJoseError(error)}.`);
    }
    return principalOfToken(payload, options);
  };
}

function principalOfToken(payload: JWTPayload, options: JwtOptions): Principal {
  const scopes = scopesOf(payload[options.scopesClaim]);
  if (scopes.size === 0) {
    throw new AuthenticationError(
      `The token grants no Tradegraph scope: its '${options.scopesClaim}' claim must name at least one of ${API_SCOPES.map((s) => s.toLowerCase()).join(', ')}.`,
    );
  }
  return {
    id: `jwt:${payload.iss ?? ''}:${payload.sub}`,
    kind: 'jwt',
    name: String(payload.sub),
    scopes,
    strategyIds: strategiesOf(payload[options.strategiesClaim], options.strategiesClaim),
    expiresAt: new Date((payload.exp as number) * 1000),
    apiKeyId: null,
  };
}

function scopesOf(claim: unknown): Set<ApiScope> {
  const words =
    typeof claim === 'string' ? claim.split(/\s+/) : Array.isArray(claim) ? claim.map(String) : [];
  const scopes = new Set<ApiScope>();
  for (const word of words) {
    const name = word.replace(/^tradegraph:/i, '').toUpperCase();
    const scope = API_SCOPES.find((candidate) => candidate === name);
    if (scope) scopes.add(scope);
  }
  return scopes;
}

function strategiesOf(claim: unknown, claimName: string): bigint[] | null {
  if (claim === undefined || claim === null) return null;
  const values = Array.isArray(claim) ? claim : [claim];
  const ids = values.map((value) => {
    const text = String(value);
    if (!/^[0-9]{1,18}$/.test(text)) {
      throw new AuthenticationError(
        `The token's '${claimName}' claim must list strategy ids (digits); '${text.slice(0, 40)}' is not one.`,
      );
    }
    return BigInt(text);
  });
  // An empty list limits the caller to no strategy at all, unlike an absent claim.
  return [...new Set(ids)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function describeJoseError(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'it has expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    return `claim '${error.claim}' is not acceptable (${error.reason})`;
  }
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'its signature is wrong';
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'its signing algorithm is not allowed';
  if (error instanceof joseErrors.JWKSNoMatchingKey) return 'no key of the JWKS matches it';
  if (error instanceof joseErrors.JWSInvalid || error instanceof joseErrors.JWTInvalid) {
    return 'it is not a well-formed JWT';
  }
  if (error instanceof joseErrors.JOSEError) return 'it could not be verified';
  throw error;
}
