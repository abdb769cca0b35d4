import { GraphQLError } from 'graphql';
import { compareEventCursors, decodeEventCursor, InvalidEventCursorError } from './event-cursor.ts';
import { type EventStream, type LiveEvent, readEvents } from './event-log.ts';
import type { Live } from './live.ts';
import {
  type LiveEventPayload,
  type LivePayloads,
  loadStreamRows,
  payloadsOf,
} from './live-rows.ts';
import {
  type ReadyEvents,
  type ReadyReceiver,
  readyWith,
  takeReady,
  whenReady,
} from './ready-events.ts';
import type { SettlingWaiter } from './settling.ts';
import { sharedMatcher, strategiesRequiredBy, type WhereMatcher } from './where-matcher.ts';

export interface StreamSubscriptionOptions {
  stream: EventStream;
  /** Resume after this cursor; null or absent: only events committed from now on. */
  after?: string | null;
  /** The matching connection's Prisma `where` for the subscriber's filter. */
  where?: object;
  /** Ends the subscription with `signal.reason` as its error (e.g. a revoked API key). */
  signal?: AbortSignal;
  /** Called once when the subscription ends, however it ends. */
  onEnd?: () => void;
}

const CATCH_UP_PAGE = 1_000;

/**
 * The events of one stream for one subscriber, in commit order, exactly once: first what was
 * committed after its cursor (read from the log, paced by how fast the subscriber reads), then
 * live events from the instance's feed. The feed listener is registered before catching up, so
 * nothing committed in between is lost; events already sent are skipped by cursor.
 *
 * Live events a subscriber has not read yet are bounded by `live.limits.maxPendingEvents`; past
 * it the subscription ends with a SLOW_CONSUMER error carrying the cursor to resume from, so a
 * slow client costs bounded memory and loses nothing.
 *
 * Live events are worked through without a promise per subscriber: a batch whose rows are still
 * loading is waited on with the other subscribers (Settling), and a consumer that takes events
 * with `takeReady` / `whenReady` (MappedIterator) is called back when some are ready.
 */
export function subscribeToStream(
  live: Live,
  options: StreamSubscriptionOptions,
): AsyncIterableIterator<LiveEventPayload> {
  try {
    if (options.after != null) checkCursor(options.after);
  } catch (error) {
    options.onEnd?.();
    throw error;
  }
  return new StreamSubscription(live, options);
}

function checkCursor(cursor: string) {
  try {
    decodeEventCursor(cursor);
  } catch (error) {
    if (error instanceof InvalidEventCursorError) {
      throw new GraphQLError(`Argument "after": ${error.message}`, {
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
    throw error;
  }
}

interface Waiter {
  resolve(result: IteratorResult<LiveEventPayload>): void;
  reject(error: unknown): void;
}

class StreamSubscription
  implements AsyncIterableIterator<LiveEventPayload>, ReadyEvents<LiveEventPayload>, SettlingWaiter
{
  readonly #live: Live;
  readonly #stream: EventStream;
  /** Shared by the subscriptions with an equal condition: see WhereMatcher. */
  readonly #matcher: WhereMatcher;
  /** Batches from the feed not processed yet, with this stream's events in each. */
  readonly #incoming: Array<{ batch: readonly LiveEvent[]; events: readonly LiveEvent[] }> = [];
  #incomingCount = 0;
  readonly #ready: LiveEventPayload[] = [];
  /** A next() waiting for an event. */
  #waiter: Waiter | undefined;
  /** A consumer waiting for an event (see whenReady). */
  #receiver: ReadyReceiver | undefined;
  /**
   * Why #incoming is not being worked through by a new arrival: the subscription is catching up
   * from the log first, waiting for the rows of the first batch, or working through it now.
   */
  #busy: 'catching-up' | 'loading' | 'draining' | undefined;
  #wakeCatchUp: (() => void) | undefined;
  #lastCursor: string | null;
  /**
   * The cursor of the last event handed out, or where the stream started: a stream cut off
   * resumes after it. Not #lastCursor: events queued in #ready are dropped with the stream.
   */
  #handedCursor: string | null;
  #failure: unknown;
  #done = false;
  readonly #unsubscribe: () => void;

  constructor(live: Live, options: StreamSubscriptionOptions) {
    this.#live = live;
    this.#stream = options.stream;
    this.#matcher = sharedMatcher(options.where);
    this.#lastCursor = options.after ?? live.feed.currentCursor();
    this.#handedCursor = this.#lastCursor;
    // The feed hands over only this stream's events, and only the strategies the condition
    // allows: subscribers of other strategies are not woken by an event at all.
    const stopListening = live.feed.subscribe((events, batch) => this.#receive(events, batch), {
      stream: this.#stream,
      strategyIds: strategiesRequiredBy(options.where),
    });
    // Holds onEnd, not the options: the subscription's life is long, its options are not.
    const { onEnd } = options;
    let ended = false;
    this.#unsubscribe = () => {
      if (ended) return;
      ended = true;
      stopListening();
      onEnd?.();
    };
    const { signal } = options;
    if (signal?.aborted) this.#fail(signal.reason);
    else signal?.addEventListener('abort', () => this.#fail(signal.reason), { once: true });
    if (options.after != null && !this.#stopped) this.#startCatchUp();
  }

  /** Finished or failed: nothing more is read, queued or emitted. */
  get #stopped() {
    return this.#done || this.#failure !== undefined;
  }

  [Symbol.asyncIterator]() {
    return this;
  }

  next(): Promise<IteratorResult<LiveEventPayload>> {
    const payload = this[takeReady]();
    if (payload) return Promise.resolve({ value: payload, done: false });
    if (this.#failure !== undefined) {
      const failure = this.#failure;
      this.#finish();
      return Promise.reject(failure);
    }
    if (this.#done) return Promise.resolve({ value: undefined, done: true });
    this.#wakeCatchUp?.();
    return new Promise((resolve, reject) => {
      this.#waiter = { resolve, reject };
    });
  }

  [takeReady](): LiveEventPayload | undefined {
    const payload = this.#ready.shift();
    if (payload) {
      this.#handedCursor = payload.cursor;
      this.#wakeCatchUp?.();
    }
    return payload;
  }

  [readyWith](event: LiveEventPayload): LiveEventPayload | undefined {
    if (this.#ready[0]?.batch !== event.batch) return undefined;
    return this[takeReady]();
  }

  [whenReady](receiver: ReadyReceiver): boolean {
    if (this.#ready.length > 0 || this.#stopped) return false;
    this.#receiver = receiver;
    this.#wakeCatchUp?.();
    return true;
  }

  return(): Promise<IteratorResult<LiveEventPayload>> {
    this.#finish();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error: unknown): Promise<IteratorResult<LiveEventPayload>> {
    this.#finish();
    return Promise.reject(error);
  }

  #receive(events: readonly LiveEvent[], batch: readonly LiveEvent[]) {
    if (this.#stopped) return;
    this.#incoming.push({ batch, events });
    this.#incomingCount += events.length;
    if (this.#incomingCount + this.#ready.length > this.#live.limits.maxPendingEvents) {
      this.#fail(
        new GraphQLError(
          `This subscriber fell more than ${this.#live.limits.maxPendingEvents} events behind and was disconnected. Subscribe again with after: "${this.#handedCursor ?? ''}" to resume without a gap.`,
          { extensions: { code: 'SLOW_CONSUMER', resumeAfter: this.#handedCursor } },
        ),
      );
      return;
    }
    if (this.#busy === undefined) this.#drain();
  }

  /** The rows of the first incoming batch are loaded (or failed to load). */
  settled() {
    if (this.#busy !== 'loading') return;
    this.#busy = undefined;
    this.#drain();
  }

  /**
   * Works through #incoming in order while each batch's rows are loaded; waits for the first
   * that is not (settled() goes on). Then calls back the consumer waiting for events, if any.
   */
  #drain() {
    this.#busy = 'draining';
    try {
      while (!this.#stopped) {
        const item = this.#incoming[0];
        if (!item) break;
        const fresh = this.#fresh(item.events);
        if (fresh.length > 0) {
          const loading = this.#live.rows.rowsOf(item.batch, this.#stream);
          if (!loading.isSettled) {
            this.#busy = 'loading';
            loading.wait(this);
            break;
          }
          this.#emit(fresh, loading.value);
        }
        this.#incoming.shift();
        this.#incomingCount -= item.events.length;
      }
    } catch (error) {
      this.#fail(error);
    } finally {
      if (this.#busy === 'draining') this.#busy = undefined;
    }
    this.#notify();
  }

  /** The events after the last one this subscription has seen (all, once it is caught up). */
  #fresh(events: readonly LiveEvent[]): readonly LiveEvent[] {
    const seen = this.#lastCursor;
    const first = events[0];
    if (seen === null || first === undefined || compareEventCursors(first.cursor, seen) > 0) {
      return events;
    }
    return events.filter((event) => compareEventCursors(event.cursor, seen) > 0);
  }

  #startCatchUp() {
    this.#busy = 'catching-up';
    this.#catchUp().then(
      () => {
        this.#busy = undefined;
        this.#drain();
      },
      (error: unknown) => {
        this.#busy = undefined;
        this.#fail(error);
      },
    );
  }

  /** Reads the log after the subscriber's cursor, a page at a time, as fast as it is read. */
  async #catchUp() {
    for (;;) {
      if (this.#stopped) return;
      // Pace the backlog by the subscriber: read the next page once this one is mostly sent.
      while (this.#ready.length > CATCH_UP_PAGE / 2 && !this.#stopped) {
        await new Promise<void>((resolve) => {
          this.#wakeCatchUp = resolve;
        });
        this.#wakeCatchUp = undefined;
      }
      const page = await readEvents(this.#live.catchUp, {
        after: this.#lastCursor,
        streams: [this.#stream],
        limit: CATCH_UP_PAGE,
      });
      if (page.length === 0) return;
      const rows = await loadStreamRows(this.#live.prisma, this.#stream, page);
      this.#emit(page, payloadsOf(page, rows, page));
      this.#notify();
      if (page.length < CATCH_UP_PAGE) return;
    }
  }

  #emit(events: readonly LiveEvent[], payloads: LivePayloads) {
    for (const event of events) {
      if (this.#stopped) return;
      this.#lastCursor = event.cursor;
      const payload = payloads.get(event);
      if (!payload || !this.#matcher.matches(payload.row)) continue;
      const waiter = this.#waiter;
      if (waiter) {
        this.#waiter = undefined;
        this.#handedCursor = payload.cursor;
        waiter.resolve({ value: payload, done: false });
      } else {
        this.#ready.push(payload);
      }
    }
  }

  /** Calls back the consumer waiting in whenReady, if there is something for it. */
  #notify() {
    const receiver = this.#receiver;
    if (!receiver || (this.#ready.length === 0 && !this.#stopped)) return;
    this.#receiver = undefined;
    receiver.eventsReady();
  }

  #fail(error: unknown) {
    if (this.#stopped) return;
    this.#failure = error;
    this.#unsubscribe();
    this.#incoming.length = 0;
    this.#ready.length = 0;
    const waiter = this.#waiter;
    this.#waiter = undefined;
    if (waiter) {
      this.#finish();
      waiter.reject(error);
    }
    // A consumer waiting in whenReady learns of the failure from next().
    this.#notify();
  }

  #finish() {
    if (this.#done) return;
    this.#done = true;
    this.#unsubscribe();
    this.#incoming.length = 0;
    this.#ready.length = 0;
    this.#wakeCatchUp?.();
    const waiter = this.#waiter;
    this.#waiter = undefined;
    waiter?.resolve({ value: undefined, done: true });
    this.#notify();
  }
}
