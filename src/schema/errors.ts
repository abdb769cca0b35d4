import { GraphQLError } from 'graphql';

/** An error caused by the request itself; its message says what was wrong and how to fix it. */
export function badUserInput(message: string, extensions: Record<string, unknown> = {}) {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...extensions } });
}
