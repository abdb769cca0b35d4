import { PothosValidationError } from '@pothos/core';
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
  const source = original instanceof GraphQLError ? original : error;
  if (source.extensions.code != null && source === error) return error;
  const code =
    source.extensions.code ??
    (original instanceof PothosValidationError || original == null ? 'BAD_USER_INPUT' : undefined);
  return new GraphQLError(source.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    extensions: { ...error.extensions, ...source.extensions, ...(code ? { code } : {}) },
  });
}
