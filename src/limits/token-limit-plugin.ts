import { GraphQLError, parse } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { queryTooComplex } from './limit-errors.ts';
import { formatCount } from './request-limits.ts';

/**
 * Stops parsing a document after `maxTokens` lexical tokens (graphql-js's `maxTokens`), so a
 * huge query costs at most that much parsing, over every transport. The parser's own words
 * ("Parsing aborted") become a QUERY_TOO_COMPLEX error that names the limit.
 */
export function useTokenLimit(maxTokens: number): Plugin {
  return {
    onParse({ setParseFn }) {
      setParseFn((source, options) => {
        try {
          return parse(source, { ...options, maxTokens });
        } catch (error) {
          if (
            error instanceof GraphQLError &&
            /contains more tha[nt] \d+ tokens/.test(error.message)
          ) {
            throw queryTooComplex(
              `The document has more than ${formatCount(maxTokens)} tokens, the limit: send a shorter query (fewer fields, aliases or inline values; pass long inputs as variables).`,
            );
          }
          throw error;
        }
      });
    },
  };
}
