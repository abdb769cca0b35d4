import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * Answers HTTP 403 when authorization refused the whole operation: the response carries no data
 * (data null, or every root field null) and every error is FORBIDDEN. A partly refused
 * response keeps 200, as GraphQL over HTTP has it, since it still carries data. The status
 * travels in `extensions.http`, which yoga applies and never sends to the client.
 */
export function useForbiddenStatus(): Plugin {
  return {
    // A yoga hook, so it runs for HTTP and SSE only: graphql-ws results carry no HTTP status.
    // A subscription refused when it starts arrives here as one result, not a stream.
    onExecutionResult: ({ result, setResult }) => {
      if (isResult(result) && isRefused(result)) setResult(withForbiddenStatus(result));
    },
  };
}

function isResult(result: unknown): result is ExecutionResult {
  return typeof result === 'object' && result !== null && !(Symbol.asyncIterator in result);
}

function isRefused(result: ExecutionResult): boolean {
  const errors = result.errors ?? [];
  if (errors.length === 0) return false;
  if (!errors.every((error) => error.extensions?.code === 'FORBIDDEN')) return false;
  return result.data == null || Object.values(result.data).every((value) => value == null);
}

function withForbiddenStatus(result: ExecutionResult): ExecutionResult {
  return {
    ...result,
    extensions: { ...result.extensions, http: { status: 403 } },
  };
}
