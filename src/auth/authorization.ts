import { type AuthFailure, AuthScopeFailureType } from '@pothos/plugin-scope-auth';
import { GraphQLError, type GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context.ts';
import type { Principal } from './principal.ts';
import { mayAccessStrategy } from './strategy-access.ts';

/**
 * The scopes the schema's `authScopes` options refer to. `read`, `write`, `trade` and `admin`
 * are the API key's scopes; `allStrategies` holds for a key without a strategy limit; `strategy`
 * is the per-row check of a strategy-owned object (the backstop behind the query conditions).
 */
export interface AuthScopes {
  read: boolean;
  write: boolean;
  trade: boolean;
  admin: boolean;
  allStrategies: boolean;
  strategy: bigint | null;
}

/** The scope initializer: decided once per request from the authenticated principal. */
export function authScopesOf(context: Context): PrincipalScopes {
  return new PrincipalScopes(context.principal);
}

/**
 * A principal's scopes. `strategy` is a method, not a closure made per request: every idle
 * subscription holds its request's scopes, and under tsx a named closure (or a function bound
 * to the principal) also carries its own name property, ~250 B. Scope-auth calls scope loaders
 * bound to this object.
 */
class PrincipalScopes {
  readonly read: boolean;
  readonly write: boolean;
  readonly trade: boolean;
  readonly admin: boolean;
  readonly allStrategies: boolean;
  readonly #principal: Principal;

  constructor(principal: Principal) {
    this.read = principal.scopes.has('READ');
    this.write = principal.scopes.has('WRITE');
    this.trade = principal.scopes.has('TRADE');
    this.admin = principal.scopes.has('ADMIN');
    this.allStrategies = principal.strategyIds === null;
    this.#principal = principal;
  }

  strategy(strategyId: bigint | null): boolean {
    return mayAccessStrategy(this.#principal, strategyId);
  }
}

/**
 * A refusal: `extensions.code = FORBIDDEN`, and a message naming what is missing. A response
 * with no data and only such errors is answered with HTTP 403 (see forbidden-status.ts).
 */
export class ForbiddenError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: 'FORBIDDEN' } });
  }
}

/** Builds the error for a field the scope-auth plugin refused, from why it refused. */
export function unauthorizedError(
  _parent: unknown,
  _context: Context,
  info: GraphQLResolveInfo,
  result: { failure: AuthFailure },
): ForbiddenError {
  const failed = failedScopes(result.failure);
  if (failed.includes('strategy')) {
    return new ForbiddenError(
      `This API key is limited to other strategies: it may not see this ${info.parentType.name}.`,
    );
  }
  const field = info.fieldName;
  const missing = failed.filter((scope) => scope !== 'allStrategies');
  if (missing.length > 0) {
    const names = missing.map((scope) => `'${scope}'`).join(' or ');
    return new ForbiddenError(
      `This API key lacks the ${names} scope needed for ${field}. Use a key with that scope (npm run keys -- create --scopes ${missing[0]}).`,
    );
  }
  if (failed.includes('allStrategies')) {
    return new ForbiddenError(
      `This API key is limited to some strategies; ${field} needs a key without a strategy limit.`,
    );
  }
  return new ForbiddenError(`This API key may not use ${field}.`);
}

/** The scopes whose check failed, in the order they were listed. */
function failedScopes(failure: AuthFailure): string[] {
  switch (failure.kind) {
    case AuthScopeFailureType.AuthScope:
    case AuthScopeFailureType.GrantedScope:
      return [failure.scope];
    case AuthScopeFailureType.AnyAuthScopes:
    case AuthScopeFailureType.AllAuthScopes:
      return [...new Set(failure.failures.flatMap(failedScopes))];
    default:
      return [];
  }
}
