import {
  createSourceEventStream,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  getOperationAST,
  Kind,
  print,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context.ts';
import { currentRequestId, tagWithRequestId, withRequestId } from '../surface/request-id.ts';
import { executeEvent } from './compiled-events.ts';
import { InternedStrings } from './interned-strings.ts';
import { MappedIterator } from './mapped-iterator.ts';
import { Settling } from './settling.ts';

// One execution per live event for identical subscriptions. Without this, each subscriber runs
// its own GraphQL execution for every event (resolvers, relation queries, result building), so
// 10,000 subscribers to the same fills cost 10,000 executions per fill. Subscribers whose
// executions cannot differ share one: same document, operation and variables (except the root
// `after` cursor, which only says where the subscriber's stream starts), and the same scopes
// and strategy limit (everything authorization decides from). Each subscriber keeps its own
// event stream (cursor, catch-up, filter, slow-consumer limit), so delivery guarantees do not
// change: only the execution of an event already due to several subscribers is shared.
//
// Which events share: a live event's payload is one object for all subscribers of the instance
// (SharedRowLoader makes each batch's payloads once), so executions are cached on that object,
// by sharing key, and go away with the batch. Payloads read while catching up are made per
// subscriber, so catch-up is executed per subscriber.
//
// An execution is a Settling: the subscriptions sharing it wait on it together and are called
// back in one loop when it settles (see MappedIterator).

export interface SharedSubscriptionsOptions {
  /** Called with each sharing key whenever a subscription event is really executed; for tests. */
  onExecute?: (key: string) => void;
  /** Execute events as code graphql-jit compiled (see compiled-events.ts); default true. */
  compiled?: boolean;
}

/** Adds shared execution of identical subscriptions (see the top of this file). */
export function useSharedSubscriptions(options: SharedSubscriptionsOptions = {}): Plugin {
  // Each subscription keeps its key: one copy per distinct key, not one per subscriber.
  const keys = new InternedStrings(10_000);
  // By payload, then sharing key: an interned key keeps its hash.
  const results = new WeakMap<object, Map<string, Settling<SharedStep>>>();
  const executeShared = (subscriber: Subscriber, payload: unknown): Settling<SharedStep> => {
    if (typeof payload !== 'object' || payload === null) {
      return new Settling(run(subscriber, payload));
    }
    let byKey = results.get(payload);
    if (!byKey) {
      byKey = new Map();
      results.set(payload, byKey);
    }
    let result = byKey.get(subscriber.key);
    if (!result) {
      result = new Settling(run(subscriber, payload));
      byKey.set(subscriber.key, result);
    }
    return result;
  };
  // Executed as part of the operation of the subscriber that asked first (for its errors' log
  // line); the errors keep its id for the other subscribers, whose delivery runs outside it.
  const compiled = options.compiled ?? true;
  const run = async ({ key, args, requestId }: Subscriber, payload: unknown) => {
    options.onExecute?.(key);
    const result = await (requestId === undefined
      ? executeEvent(args, payload, compiled)
      : withRequestId(requestId, () => executeEvent(args, payload, compiled)));
    if (requestId !== undefined && result.errors) tagWithRequestId(requestId, result.errors);
    // One step object for all subscribers: each one's iterator hands it on as it is.
    return { value: result, done: false } as const;
  };
  return {
    onSubscribe({ args, setSubscribeFn }) {
      const computed = sharingKey(args);
      if (computed === null) return;
      const key = keys.intern(computed);
      setSubscribeFn(async (subscribeArgs) => {
        const subscriber: Subscriber = { key, args: subscribeArgs, requestId: currentRequestId() };
        const source = await createSourceEventStream(subscribeArgs);
        if (!isAsyncIterator(source)) return source as ExecutionResult;
        const operation = getOperationAST(subscribeArgs.document, subscribeArgs.operationName);
        return new MappedIterator(
          source,
          (payload) => executeShared(subscriber, payload),
          operation ? [operation] : [],
          (subscribeArgs.contextValue as Partial<Context>).frames,
        ) as never;
      });
    },
  };
}

type SharedStep = IteratorResult<ExecutionResult>;

/** What executing an event for one subscriber takes. */
interface Subscriber {
  key: string;
  args: ExecutionArgs;
  /** The id of the operation that subscribed (see request-id.ts), if it had one. */
  requestId: string | undefined;
}

const printed = new WeakMap<DocumentNode, string>();

/**
 * What makes two subscriptions' executions identical, or null when the operation is not one
 * subscription this plugin understands. The document's print is cached by document (yoga's
 * parse cache hands the same document to identical queries).
 */
export function sharingKey(args: ExecutionArgs): string | null {
  const operation = getOperationAST(args.document, args.operationName);
  if (operation?.operation !== 'subscription') return null;
  const context = args.contextValue as Partial<Context> | undefined;
  const principal = context?.principal;
  if (!principal) return null;
  let text = printed.get(args.document);
  if (text === undefined) {
    text = print(args.document);
    printed.set(args.document, text);
  }
  const cursorVariables = new Set<string>();
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) continue;
    for (const argument of selection.arguments ?? []) {
      if (argument.name.value === 'after' && argument.value.kind === Kind.VARIABLE) {
        cursorVariables.add(argument.value.name.value);
      }
    }
  }
  const variables = Object.entries(args.variableValues ?? {})
    .filter(([name]) => !cursorVariables.has(name))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([
    text,
    args.operationName ?? null,
    variables,
    [...principal.scopes].sort(),
    principal.strategyIds?.map(String) ?? null,
  ]);
}

function isAsyncIterator(value: unknown): value is AsyncIterator<unknown> {
  return typeof (value as AsyncIterator<unknown> | null)?.next === 'function';
}
