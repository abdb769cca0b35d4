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

// One execution per live event for identical subscriptions. Without this, each subscriber runs
// its own GraphQL execution for every event (resolvers, relation queries, result building), so
// 10,000 subscribers to the same fills cost 10,000 executions per fill. Subscribers whose
// executions cannot differ share one: same document, operation and variables (except the root
// `after` cursor, which only says where the subscriber's stream starts), and the same scopes
// and strategy limit (everything authorization decides from). Each subscriber keeps its own
// event stream (cursor, catch-up, filter, slow-consumer limit), so delivery guarantees do not
// change: only the execution of an event already due to several subscribers is shared.
//
// Which events share: a live event's row is one object for all subscribers of the instance
// (SharedRowLoader loads each batch once), so results are cached on that object, by sharing
// key and cursor, and go away with the batch. Rows read while catching up are loaded per
// subscriber, so catch-up is executed per subscriber.

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
  // By row, then sharing key, then cursor: an interned key keeps its hash, where a key and
  // cursor joined into one string would be built and hashed anew for every subscriber.
  const results = new WeakMap<object, Map<string, Map<string, Promise<SharedStep>>>>();
  const executeShared = (subscriber: Subscriber, payload: unknown) => {
    const row = sharedRowOf(payload);
    if (!row) return run(subscriber, payload);
    let byKey = results.get(row);
    if (!byKey) {
      byKey = new Map();
      results.set(row, byKey);
    }
    let byCursor = byKey.get(subscriber.key);
    if (!byCursor) {
      byCursor = new Map();
      byKey.set(subscriber.key, byCursor);
    }
    const { cursor } = payload as { cursor: string };
    let result = byCursor.get(cursor);
    if (!result) {
      result = run(subscriber, payload);
      byCursor.set(cursor, result);
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

/** The live event's shared row, if the payload is a live event. */
function sharedRowOf(payload: unknown): object | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const { row, cursor } = payload as { row?: unknown; cursor?: unknown };
  return typeof row === 'object' && row !== null && typeof cursor === 'string' ? row : null;
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
