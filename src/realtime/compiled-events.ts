import { type ExecutionArgs, type ExecutionResult, execute, getOperationAST } from 'graphql';
import { asGraphQLJsResult, compiledQueryOf } from '../compiled-execution.ts';

/**
 * Executes one event of a subscription: its operation with the event as root value, as
 * graphql-js's `subscribe` does for each event, but as code graphql-jit compiled once per
 * document (see src/compiled-execution.ts) when `compiled` and the document compiles. Answers
 * as graphql-js would, errors included.
 *
 * The variables were accepted by graphql-js when the subscription started (a subscription
 * whose variables do not fit never gets an event), so unlike queries they are not checked again.
 */
export async function executeEvent(
  args: ExecutionArgs,
  event: unknown,
  compiled: boolean,
): Promise<ExecutionResult> {
  const query = compiled ? compiledQueryOf(args) : null;
  const operation = query && getOperationAST(args.document, args.operationName);
  if (!query || !operation) return execute({ ...args, rootValue: event });
  const result = await query.query(event, args.contextValue, args.variableValues);
  return asGraphQLJsResult(result, args, operation);
}
