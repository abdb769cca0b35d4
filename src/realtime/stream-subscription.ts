import { GraphQLError } from 'graphql';
import { compareEventCursors, decodeEventCursor, InvalidEventCursorError } from './event-cursor.ts';
import { type EventStream, type LiveEvent, readEvents } from './event-log.ts';
import type { Live } from './live.ts';
import { type LiveRow, loadStreamRows } from './live-rows.ts';
import { type ReadyEvents, readyWith } from './ready-events.ts';
import { matchesWhere, strategiesRequiredBy } from './where-matcher.ts';

/** One delivered event: its cursor and the row it is about, as loaded after commit. */
export interface LiveEventPayload {
  cursor: string;
  operation: 'INSERT' | 'UPDATE';
  row: LiveRow;
  /**
   * The events read with this one (the feed's batch, or a page of catch-up), whose rows were
   * loaded together: executions of the events of one batch share their loaders.
   */
  batch: readonly LiveEvent[];
}

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
  implements AsyncIterableIterator<LiveEventPayload>, ReadyEvents<LiveEventPayload>
{
  readonly #live: Live;
  readonly #stream: EventStream;
  readonly #where: object | undefined;
  /** Batches from the feed not processed yet, with this stream's events in each. */
  readonly #incoming: Array<{ batch: readonly LiveEvent[]; events: readonly LiveEvent[] }> = [];
  #incomingCount = 0;
  readonly #ready: LiveEventPayload[] = [];
  #waiter: Waiter | undefined;
  /** Whether #pump is running (catching up, or working through #incoming). */
  #pumping = false;
  #wakeCatchUp: (() => void) | undefined;
  #lastCursor: string | null;
  /**
   * The cursor of the last event next() handed out, or where the stream started: a stream cut
   * off resumes after it. Not #lastCursor: events queued in #ready are dropped with the stream.
   */
  #handedCursor: string | null;
  #failure: unknown;
  #done = false;
  readonly #unsubscribe: () => void;

  constructor(live: Live, options: StreamSubscriptionOptions) {
    this.#live = live;
    this.#stream = options.stream;
    this.#where = options.where;
    this.#lastCursor = options.after ?? live.feed.currentCursor();
    this.#handedCursor = this.#lastCursor;
    // The feed hands over only this stream's events, and only the strategies the condition
    // allows: subscribers of other strategies are not woken by an event at all.
    const stopListening = live.feed.subscribe((events, batch) => this.#receive(events, batch), {
      stream: this.#stream,
      strategyIds: strategiesRequiredBy(this.#where),
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
    if (options.after != null) this.#startPump(true);
  }

  /** Finished or failed: nothing more is read, queued or emitted. */
  get #stopped() {
    return this.#done || this.#failure !== undefined;
  }

  [Symbol.asyncIterator]() {
    return this;
  }

  next(): Promise<IteratorResult<LiveEventPayload>> {
    const payload = this.#ready.shift();
    if (payload) {
      this.#handedCursor = payload.cursor;
      this.#wakeCatchUp?.();
      return Promise.resolve({ value: payload, done: false });
    }
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

  [readyWith](event: LiveEventPayload): LiveEventPayload | undefined {
    const next = this.#ready[0];
    if (next?.batch !== event.batch) return undefined;
    this.#ready.shift();
    this.#handedCursor = next.cursor;
    this.#wakeCatchUp?.();
    return next;
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
    this.#startPump(false);
  }

  /**
   * Runs #pump unless it is running. An idle subscription has no pump waiting for work: no
   * suspended function, promise and callback held per subscriber between events.
   */
  #startPump(catchUpFirst: boolean) {
    if (this.#pumping) return;
    this.#pumping = true;
    void this.#pump(catchUpFirst);
  }

  async #pump(catchUpFirst: boolean) {
    try {
      if (catchUpFirst) await this.#catchUp();
      while (!this.#stopped) {
        const item = this.#incoming.shift();
        if (!item) break;
        this.#incomingCount -= item.events.length;
        const fresh = item.events.filter(
          (event) =>
            this.#lastCursor === null || compareEventCursors(event.cursor, this.#lastCursor) > 0,
        );
        if (fresh.length === 0) continue;
        const rows = await this.#live.rows.rowsOf(item.batch, this.#stream);
        this.#emit(fresh, rows, item.batch);
      }
    } catch (error) {
      this.#fail(error);
    } finally {
      // In the same step as finding #incoming empty: an event received after this starts a
      // new pump, none can be left behind.
      this.#pumping = false;
    }
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
      this.#emit(page, rows, page);
      if (page.length < CATCH_UP_PAGE) return;
    }
  }

  #emit(events: readonly LiveEvent[], rows: Map<string, LiveRow>, batch: readonly LiveEvent[]) {
    for (const event of events) {
      if (this.#stopped) return;
      this.#lastCursor = event.cursor;
      const row = rows.get(String(event.entityId));
      if (!row || !matchesWhere(row, this.#where)) continue;
      const { cursor, operation } = event;
      const payload: LiveEventPayload = { cursor, operation, row, batch };
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
  }
}
