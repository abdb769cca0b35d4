import { GraphQLError } from 'graphql';
import type { MaskError } from 'graphql-yoga';
import { isStatementTimeout, queryTimeoutError } from './limits/statement-timeout.ts';
import { requestIdOf } from './surface/request-id.ts';

/**
 * Decides what a client sees of an error. Errors the request caused keep their message and get
 * `extensions.code = BAD_USER_INPUT` (unless they carry a code); anything else reaches the client
 * only as "Unexpected error." so that no SQL, stack or driver message leaks. Yoga logs the
 * original of every error this replaces, so expected errors are returned as the same object.
 * A statement cancelled by the SQL statement timeout becomes QUERY_TIMEOUT (and is still
 * logged: operators want to know which operations are slow).
 * A masked error carries `extensions.requestId`, the id its log line has, to quote in a report.
 */
export const maskError: MaskError = (error, message) => {
  if (isStatementTimeout(error)) return queryTimeoutError(error);
  if (error instanceof GraphQLError) {
    const original = error.originalError;
    if (original == null || original instanceof GraphQLError) return withCode(error, original);
  }
  const requestId = requestIdOf(error);
  // Where in the operation it happened is the client's own document: keep it.
  const where = error instanceof GraphQLError ? error : undefined;
  return new GraphQLError(message, {
    nodes: where?.nodes,
    source: where?.source,
    positions: where?.positions,
    path: where?.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR', ...(requestId ? { requestId } : {}) },
  });
};

function withCode(error: GraphQLError, original: GraphQLError | null | undefined): GraphQLError {
  if (error.extensions.code != null && error.extensions.originalError == null) return error;
  // A GraphQLError without a code was raised by the request itself: validation, a scalar
  // refusing a value, Pothos refusing arguments. The outer message is the one to keep: for a
  // variable, graphql-js prefixes the scalar's words with the variable and the path.
  const extensions = error.extensions as Record<string, unknown>;
  Object.assign(extensions, original?.extensions ?? {});
  // Yoga attaches the JSON parser's error as `originalError`; keep its words (they are about the
  // client's own body) in the message, and no `originalError` object in any response.
  const detail = extensions.originalError as { message?: unknown } | undefined;
  if (detail) {
    delete extensions.originalError;
    // Yoga answers 400 for a broken body only while `originalError` is there, unless `spec` is
    // off; without it, the status would fall back to 200.
    const http = extensions.http as { spec?: boolean } | undefined;
    if (http) http.spec = false;
    if (typeof detail.message === 'string') {
      error.message = `${error.message.replace(/\.$/, '')}: ${detail.message}`;
    }
  }
  extensions.code ??= 'BAD_USER_INPUT';
  return error;
}
