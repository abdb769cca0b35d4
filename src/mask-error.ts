import { GraphQLError } from 'graphql';
import type { MaskError } from 'graphql-yoga';

/**
 * Decides what a client sees of an error. Errors the request caused keep their message and get
 * `extensions.code = BAD_USER_INPUT` (unless they carry a code); anything else reaches the client
 * only as "Unexpected error." so that no SQL, stack or driver message leaks. Yoga logs the
 * original of every error this replaces, so expected errors are returned as the same object.
 */
export const maskError: MaskError = (error, message) => {
  if (error instanceof GraphQLError) {
    const original = error.originalError;
    if (original == null || original instanceof GraphQLError) return withCode(error, original);
  }
  return new GraphQLError(message, { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
};

function withCode(error: GraphQLError, original: GraphQLError | null | undefined): GraphQLError {
  if (error.extensions.code != null) return error;
  // A GraphQLError without a code was raised by the request itself: validation, a scalar
  // refusing a value, Pothos refusing arguments. The outer message is the one to keep: for a
  // variable, graphql-js prefixes the scalar's words with the variable and the path.
  const extensions = error.extensions as Record<string, unknown>;
  Object.assign(extensions, original?.extensions ?? {});
  extensions.code ??= 'BAD_USER_INPUT';
  return error;
}
