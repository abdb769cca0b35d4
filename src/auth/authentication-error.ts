import { GraphQLError } from 'graphql';

/**
 * A request without valid credentials: HTTP 401 with `WWW-Authenticate: Bearer` (RFC 6750),
 * `extensions.code = UNAUTHENTICATED`, and a message that says what to send instead.
 */
export class AuthenticationError extends GraphQLError {
  constructor(message: string) {
    super(message, {
      extensions: {
        code: 'UNAUTHENTICATED',
        http: { status: 401, headers: { 'WWW-Authenticate': 'Bearer realm="tradegraph"' } },
      },
    });
  }
}

/** What to tell a caller who sent no credentials at all. */
export const MISSING_CREDENTIALS =
  "Authentication required: send an API key as 'Authorization: Bearer <key>' (over WebSocket: connectionParams.authorization). Create a key with: npm run keys -- create --name <name> --scopes read";
