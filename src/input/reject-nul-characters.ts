import { GraphQLError, Kind, visit } from 'graphql';
import type { Plugin } from 'graphql-yoga';

const NUL = '\u0000';

/**
 * Refuses any string argument, in the document or in the variables (JSON values included), that
 * contains a NUL character: PostgreSQL cannot store one in text or jsonb, so it would otherwise
 * fail deep inside a query as an unexpected error. Runs before execution, over every transport.
 */
export function useRejectNulCharacters(): Plugin {
  const check = (args: { document: unknown; variableValues?: unknown }) => {
    const where = nulInVariables(args.variableValues, 'variables') ?? nulInDocument(args.document);
    if (!where) return undefined;
    return new GraphQLError(
      `${where} contains a NUL character (\\u0000), which PostgreSQL cannot store; remove it.`,
      { extensions: { code: 'BAD_USER_INPUT' } },
    );
  };
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const error = check(args);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const error = check(args);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
  };
}

function nulInVariables(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return value.includes(NUL) ? path : undefined;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = nulInVariables(item, `${path}[${index}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = key.includes(NUL) ? `${path}.<key>` : nulInVariables(item, `${path}.${key}`);
      if (found) return found;
    }
  }
  return undefined;
}

// A parsed document is immutable and yoga's cache hands out the same object for the same text:
// its verdict is kept with it, instead of visiting the whole document on every request (about
// 3 % of the gateway's CPU on a `node(id)` request). Null means "no NUL".
const documentVerdicts = new WeakMap<object, string | null>();

function nulInDocument(document: unknown): string | undefined {
  const key = document as object;
  let verdict = documentVerdicts.get(key);
  if (verdict === undefined) {
    verdict = visitForNul(document) ?? null;
    documentVerdicts.set(key, verdict);
  }
  return verdict ?? undefined;
}

function visitForNul(document: unknown): string | undefined {
  let found: string | undefined;
  visit(document as Parameters<typeof visit>[0], {
    [Kind.STRING](node) {
      if (!found && node.value.includes(NUL)) found = 'A string in the query';
    },
  });
  return found;
}
