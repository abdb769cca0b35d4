import type { Client, FormattedExecutionResult } from 'graphql-ws';
import { backoffDelay, type ReconnectOptions } from './backoff.ts';
import {
  TradegraphConnectionError,
  type TradegraphErrorEntry,
  TradegraphGraphQLError,
} from './errors.ts';

/** What {@link ResumableSubscription} needs to (re)subscribe. */
export interface ResumableSubscriptionOptions {
  /** The graphql-ws client; created with `retryAttempts: 0`, reconnecting is done here. */
  ws: Client;
  /** The operation's text; empty when `extensions` names a registered operation instead. */
  query: string;
  extensions?: Record<string, unknown>;
  variables: Record<string, unknown>;
  reconnect: ReconnectOptions;
  /** Called before each reconnect attempt. */
  onReconnect?: (info: ReconnectInfo) => void;
}

/** Passed to `onReconnect`: the attempt number, the delay before it, and why. */
export interface ReconnectInfo {
  attempt: number;
  delayMs: number;
  error: unknown;
  lastCursor: string | null;
}

type Outcome =
  | { kind: 'closed' }
  | { kind: 'retry'; error: unknown }
  | { kind: 'fatal'; error: unknown };

/**
 * One subscription that survives dropped connections: it remembers the `cursor` of the last event
 * it received and, after a drop, a gateway restart or a `SLOW_CONSUMER` disconnect, subscribes
 * again with `after: lastCursor` (exponential backoff with jitter). The gateway then sends
 * everything committed since that cursor, so consumers see each event once, in commit order.
 * Events are buffered until read.
 */
export class ResumableSubscription<T> implements AsyncIterableIterator<T> {
  #cursor: string | null;
  #queue: T[] = [];
  #waiter: ((result: IteratorResult<T>) => void) | undefined;
  #failWaiter: ((error: unknown) => void) | undefined;
  #ended: { error?: unknown } | undefined;
  #closed = false;
  #stopCurrent: (() => void) | undefined;
  #wakeSleep: (() => void) | undefined;

  constructor(private readonly options: ResumableSubscriptionOptions) {
    const after = options.variables.after;
    this.#cursor = typeof after === 'string' ? after : null;
    void this.#run();
  }

  /** The cursor of the last event received: subscribe with `after` it to resume elsewhere. */
  get lastCursor(): string | null {
    return this.#cursor;
  }

  [Symbol.asyncIterator]() {
    return this;
  }

  next(): Promise<IteratorResult<T>> {
    const item = this.#queue.shift();
    if (item !== undefined) return Promise.resolve({ value: item, done: false });
    if (this.#ended) {
      const { error } = this.#ended;
      this.#ended = {};
      return error === undefined ? Promise.resolve(done()) : Promise.reject(error);
    }
    return new Promise((resolve, reject) => {
      this.#waiter = resolve;
      this.#failWaiter = reject;
    });
  }

  /** Stops the subscription; buffered events are dropped. */
  async return(): Promise<IteratorResult<T>> {
    this.close();
    return done();
  }

  /** Stops the subscription (same as `return()`). */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#queue = [];
    this.#stopCurrent?.();
    this.#wakeSleep?.();
    this.#finish();
  }

  async #run() {
    let failures = 0;
    while (!this.#closed) {
      const outcome = await this.#subscribeOnce(() => {
        failures = 0;
      });
      if (outcome.kind === 'closed') return;
      if (outcome.kind === 'fatal') return this.#finish(outcome.error);
      failures += 1;
      const { maxAttempts } = this.options.reconnect;
      if (maxAttempts !== undefined && failures > maxAttempts) return this.#finish(outcome.error);
      const delayMs = backoffDelay(failures, this.options.reconnect);
      this.options.onReconnect?.({
        attempt: failures,
        delayMs,
        error: outcome.error,
        lastCursor: this.#cursor,
      });
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delayMs);
        this.#wakeSleep = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  #subscribeOnce(onProgress: () => void): Promise<Outcome> {
    return new Promise<Outcome>((resolve) => {
      const stopListening = this.options.ws.on('connected', onProgress);
      let unsubscribe = () => {};
      const settle = (outcome: Outcome) => {
        stopListening();
        this.#stopCurrent = undefined;
        unsubscribe();
        resolve(outcome);
      };
      this.#stopCurrent = () => settle({ kind: 'closed' });
      unsubscribe = this.options.ws.subscribe<T>(
        {
          query: this.options.query,
          variables: { ...this.options.variables, after: this.#cursor },
          ...(this.options.extensions ? { extensions: this.options.extensions } : {}),
        },
        {
          next: (result) => {
            const outcome = this.#receive(result);
            if (outcome) settle(outcome);
            else onProgress();
          },
          error: (error) => settle(classify(error)),
          // The streams never end on their own: a completion is a gateway shutting down.
          complete: () => settle({ kind: 'retry', error: new Error('subscription completed') }),
        },
      );
    });
  }

  #receive(result: FormattedExecutionResult<T, unknown>): Outcome | undefined {
    if (result.errors?.length) return classify(result.errors);
    const data = result.data as T | null | undefined;
    if (data == null) return undefined;
    const root = Object.values(data as Record<string, { cursor?: unknown } | null>)[0];
    if (typeof root?.cursor !== 'string') {
      return {
        kind: 'fatal',
        error: new Error('Select `cursor` on the subscription field: resuming needs it'),
      };
    }
    this.#cursor = root.cursor;
    this.#push(data);
    return undefined;
  }

  #push(item: T) {
    const waiter = this.#waiter;
    if (waiter) {
      this.#waiter = undefined;
      this.#failWaiter = undefined;
      waiter({ value: item, done: false });
    } else this.#queue.push(item);
  }

  #finish(error?: unknown) {
    if (this.#ended) return;
    this.#closed = true;
    const waiter = this.#waiter;
    const failWaiter = this.#failWaiter;
    this.#waiter = undefined;
    this.#failWaiter = undefined;
    if (waiter && failWaiter) {
      this.#ended = {};
      if (error === undefined) waiter(done());
      else failWaiter(error);
    } else this.#ended = { error };
  }
}

const done = <T>(): IteratorResult<T> => ({ value: undefined, done: true });

/** Drops and restarts are retried; errors the API returned, and 44xx closes, are not. */
function classify(error: unknown): Outcome {
  if (Array.isArray(error)) {
    const errors = error as TradegraphErrorEntry[];
    if (errors.every((entry) => entry.extensions?.code === 'SLOW_CONSUMER')) {
      return { kind: 'retry', error: new TradegraphGraphQLError(errors) };
    }
    return { kind: 'fatal', error: new TradegraphGraphQLError(errors) };
  }
  if (isCloseEvent(error)) {
    if (error.code >= 4400 && error.code < 4499) {
      return { kind: 'fatal', error: new TradegraphConnectionError(error.code, error.reason) };
    }
    return { kind: 'retry', error: new TradegraphConnectionError(error.code, error.reason) };
  }
  return { kind: 'retry', error };
}

function isCloseEvent(value: unknown): value is { code: number; reason: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'number' &&
    'reason' in value
  );
}
