import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context.ts';
import { isEndingIterator, whenEnded } from '../realtime/ending-iterator.ts';
import type { SubscriptionSlots } from './subscription-slots.ts';

/** What identifies a connection in the context: graphql-ws passes its socket, HTTP its request. */
interface ConnectionContext {
  socket?: object;
  request?: object;
}

/**
 * Holds a slot in `slots` for every running subscription, over graphql-ws and SSE, and frees it
 * when the subscription ends: completed, cancelled by the client, failed, or its connection
 * closed. A subscription beyond a limit gets TOO_MANY_SUBSCRIPTIONS; its connection stays open.
 */
export function useSubscriptionLimit(slots: SubscriptionSlots): Plugin {
  return {
    onSubscribe({ subscribeFn, setSubscribeFn }) {
      // The slot is taken only when the subscription really starts: a plugin that refuses the
      // operation earlier (setResultAndStopExecution) never calls this function.
      setSubscribeFn(async (args) => {
        const context = args.contextValue as Context & ConnectionContext;
        const connection = context.socket ?? context.request;
        if (!connection || !context.principal) return subscribeFn(args);
        const release = slots.reserve(connection, context.principal.id);
        if (typeof release !== 'function') return { errors: [release] };
        try {
          const result = await subscribeFn(args);
          if (!isAsyncIterable(result)) {
            release();
            return result;
          }
          if (!isEndingIterator(result)) return releasingAtEnd(result, release);
          result[whenEnded](release);
          return result;
        } catch (error) {
          release();
          throw error;
        }
      });
    },
  };
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/** The same iterator, calling `release` once when it finishes, fails or is returned. */
function releasingAtEnd<T>(
  source: AsyncIterable<T>,
  release: () => void,
): AsyncIterableIterator<T> {
  const iterator = source[Symbol.asyncIterator]();
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    // A promise chain, not an async function: every idle subscription waits in here, and a
    // suspended async function holds more memory than a pending `then`.
    next() {
      let pending: Promise<IteratorResult<T>>;
      try {
        pending = iterator.next();
      } catch (error) {
        release();
        return Promise.reject(error);
      }
      return pending.then(
        (step) => {
          if (step.done) release();
          return step;
        },
        (error: unknown) => {
          release();
          throw error;
        },
      );
    },
    async return(value?: unknown) {
      release();
      return (await iterator.return?.(value)) ?? { done: true, value: undefined as T };
    },
    async throw(error?: unknown) {
      release();
      if (iterator.throw) return iterator.throw(error);
      throw error;
    },
  };
}
