import { GraphQLError } from 'graphql';
import type { MaskError } from 'graphql-yoga';

/**
 * Decides what a client sees of an error. Errors the request caused keep their message and get
 * `extensions.code = BAD_USER_INPUT`; anything else is logged here and reaches the client only as
 * "Unexpected error." so that no SQL, stack or driver message leaks.
 */
export function createMaskError(log: (message: string, error: unknown) => void): MaskError {
  return (error, message) => {
    if (error instanceof GraphQLError) {
      const original = error.originalError;
      if (original == null || original instanceof GraphQLError) {
        return withDefaultCode(error, original);
      }
    }
    log('Unexpected error while executing a GraphQL operation', error);
    return new GraphQLError(message, { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  };
}

function withDefaultCode(error: GraphQLError, original: Error | null | undefined): GraphQLError {
  const inner = original instanceof GraphQLError ? original.extensions : {};
  const code =
    error.extensions.code ??
    inner.code ??
    // A GraphQLError that carries no code was raised by the request itself: validation, a
    // scalar refusing a value, Pothos refusing arguments.
    'BAD_USER_INPUT';
  if (error.extensions.code === code) return error;
  // The outer message is the one to keep: for a variable, graphql-js prefixes the scalar's words
  // with the variable and the path of the bad value.
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    extensions: { ...inner, ...error.extensions, code },
  });
}
