import { WriterError } from '../../writers/index.ts';
import { builder } from '../builder.ts';
import './writer-error.ts';

builder.mutationType({
  description:
    'Write access: record trading activity. A refusal caused by the data is returned as a `WriterError` result; anything else is a GraphQL error.',
  // Collectors write with `write`; the order mutations also accept `trade` (see tradeScopes).
  authScopes: { write: true },
});

/**
 * Scope options of the mutations a trading bot may call: `write` or `trade`, instead of the
 * Mutation type's `write`.
 */
export const tradeScopes = {
  skipTypeScopes: true,
  authScopes: { write: true, trade: true },
} as const;

/**
 * The `errors` option of a writer mutation: a thrown `WriterError` becomes a typed result, and
 * the field's type becomes the union `<Mutation>Result` of its payload and `WriterError`. No
 * other class is listed on purpose: catching `Error` would return Prisma's messages as data.
 */
export function writerResult(mutation: string) {
  const name = `${mutation.slice(0, 1).toUpperCase()}${mutation.slice(1)}`;
  return {
    types: [WriterError],
    union: {
      name: `${name}Result`,
      description: `Outcome of \`${mutation}\`: what was written, or why the write was refused.`,
    },
  };
}
