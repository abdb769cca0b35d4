import { type DocumentNode, type ExecutionArgs, getOperationAST } from 'graphql';
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
  // The cost of an operation that reads no variable (its page sizes and id lists are written
  // in the document) is the same on every request: it is kept with the parsed document instead
  // of walking the document again each time (~2 % of the gateway's CPU on a `node(id)` request).
  const fixedCosts = new WeakMap<DocumentNode, Map<string, number>>();
  const costOf = (args: ExecutionArgs) => {
    const operation = getOperationAST(args.document, args.operationName);
    if (!operation) return undefined;
    const name = args.operationName ?? '';
    let byOperation = fixedCosts.get(args.document);
    const fixed = byOperation?.get(name);
    if (fixed !== undefined) return fixed;
    const reads = new VariableReads(args.variableValues);
    const cost = operationCost(args.schema, args.document, operation, reads.values, pages);
    if (!reads.any) {
      if (!byOperation) {
        byOperation = new Map();
        fixedCosts.set(args.document, byOperation);
      }
      byOperation.set(name, cost);
    }
    return cost;
  };
  const check = (args: ExecutionArgs) => {
    const cost = costOf(args);
    if (cost === undefined || cost <= maxQueryCost) return undefined;
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

/** The request's variables, noting whether the cost estimate read any of them. */
class VariableReads {
  any = false;
  readonly values: Readonly<Record<string, unknown>>;

  constructor(variables: Readonly<Record<string, unknown>> | null | undefined) {
    const source = variables ?? {};
    this.values = new Proxy(source, {
      get: (target, key) => {
        this.any = true;
        return Reflect.get(target, key);
      },
    });
  }
}
