import { type ExecutionArgs, getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { PageLimits } from '../context.ts';
import { queryTooComplex } from './limit-errors.ts';
import { operationCost } from './query-cost.ts';
import { formatCount } from './request-limits.ts';

/**
 * Refuses operations whose estimated cost ({@link operationCost}) is above `maxQueryCost`, with
 * QUERY_TOO_COMPLEX and a message giving the cost and the limit. It needs the variable values
 * (page sizes are often variables), so it runs just before execution and subscription, on every
 * transport.
 */
export function useQueryCostLimit(maxQueryCost: number, pages: PageLimits): Plugin {
  const check = (args: ExecutionArgs) => {
    const operation = getOperationAST(args.document, args.operationName);
    if (!operation) return undefined;
    const cost = operationCost(args.schema, args.document, operation, args.variableValues, pages);
    if (cost <= maxQueryCost) return undefined;
    return queryTooComplex(
      `Query cost ${formatCount(cost)} exceeds the limit of ${formatCount(maxQueryCost)}: ask for smaller pages or fewer nested lists (each list multiplies the cost of what it contains by its page size).`,
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
