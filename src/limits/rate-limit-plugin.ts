import type { Plugin } from 'graphql-yoga';
import type { AuthenticatedServerContext } from '../auth/authentication-plugin.ts';
import type { RateLimiter } from './rate-limiter.ts';

/**
 * Counts every GraphQL request over HTTP and SSE against its principal's rate limit, right
 * after authentication and before the body is parsed; refused requests get 429, Retry-After
 * and RATE_LIMITED. Must come after `useAuthentication` in the plugin list. `/ready`, `/health`
 * and GraphiQL's page are answered before this and are never limited. graphql-ws operations
 * are counted by the WebSocket server (see graphql-ws-server.ts).
 */
export function useRateLimit(
  limiter: RateLimiter,
): Plugin<Record<string, unknown>, AuthenticatedServerContext> {
  return {
    onRequestParse({ serverContext }) {
      const principal = (serverContext as AuthenticatedServerContext).principal;
      if (!principal) return;
      const refusal = limiter.take(principal.id);
      if (refusal) throw refusal;
    },
  };
}
