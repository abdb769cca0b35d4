import type { Plugin } from 'graphql-yoga';
import type { Authenticator } from './authenticator.ts';
import type { Principal } from './principal.ts';

/** What authentication adds to yoga's server context, and from there to the GraphQL context. */
export interface AuthenticatedServerContext {
  principal?: Principal;
}

/**
 * Authenticates every GraphQL request over HTTP and SSE before its body is even parsed, so an
 * unauthenticated caller learns nothing about the schema and costs one header check. Refusals
 * are {@link AuthenticationError}s: 401 with `WWW-Authenticate: Bearer` and a message naming the
 * problem. GraphiQL's page and `/ready` are served by earlier plugins and need no credentials.
 */
export function useAuthentication(
  authenticator: Authenticator,
): Plugin<Record<string, unknown>, AuthenticatedServerContext> {
  return {
    async onRequestParse({ request, serverContext }) {
      (serverContext as AuthenticatedServerContext).principal = await authenticator.fromHeader(
        request.headers.get('authorization'),
      );
    },
  };
}
