import { GraphQLError } from 'graphql';

/** Stable machine-readable codes in `extensions.code` of expected errors. */
export type ErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND';

/** An error caused by the request itself; its message says what was wrong and how to fix it. */
export function badUserInput(message: string, extensions: Record<string, unknown> = {}) {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...extensions } });
}
