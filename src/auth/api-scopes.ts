import { ApiScope } from '../generated/prisma/enums.ts';

/** All scopes, in the order listings show them. */
export const API_SCOPES: readonly ApiScope[] = Object.values(ApiScope);

/** What each scope allows, for help texts. */
export const SCOPE_DESCRIPTIONS: Record<ApiScope, string> = {
  READ: 'queries and subscriptions',
  WRITE: 'collectors: the writer mutations',
  TRADE: 'bots: record orders for their strategies',
  ADMIN: 'API keys and strategy configuration',
};

/**
 * Parses a comma-separated scope list such as `read,trade` (any case, spaces allowed) into
 * distinct scopes in {@link API_SCOPES} order. Throws an error naming an unknown scope, or
 * saying that the list is empty.
 */
export function parseScopes(text: string): ApiScope[] {
  const words = text
    .split(',')
    .map((word) => word.trim())
    .filter((word) => word !== '');
  if (words.length === 0) {
    throw new Error(`Give at least one scope: ${API_SCOPES.map(lower).join(', ')}.`);
  }
  const wanted = new Set<ApiScope>();
  for (const word of words) {
    const scope = API_SCOPES.find((candidate) => candidate === word.toUpperCase());
    if (!scope) {
      throw new Error(
        `Unknown scope '${word}': use ${API_SCOPES.map(lower).join(', ')} (comma-separated).`,
      );
    }
    wanted.add(scope);
  }
  return API_SCOPES.filter((scope) => wanted.has(scope));
}

const lower = (scope: ApiScope) => scope.toLowerCase();
