import { GraphQLError } from 'graphql';

/**
 * The codes of refusals by a limit. Depth, aliases, directives, tokens and cost share one code
 * (the operation asks for too much at once); the message says which limit and by how much.
 */
export type LimitCode =
  | 'QUERY_TOO_COMPLEX'
  | 'PAYLOAD_TOO_LARGE'
  | 'RATE_LIMITED'
  | 'TOO_MANY_SUBSCRIPTIONS'
  | 'QUERY_TIMEOUT';

/** An operation refused for its shape or size; the message names the limit and what to change. */
export function queryTooComplex(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'QUERY_TOO_COMPLEX' } });
}

/** A refusal with its own code (and, for HTTP, status and headers). */
export function limitError(
  code: LimitCode,
  message: string,
  http?: { status: number; headers?: Record<string, string> },
): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...(http ? { http } : {}) } });
}
