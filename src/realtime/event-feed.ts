import pg from 'pg';
import { type LiveEvent, readEvents, readHeadCursor } from './event-log.ts';
import { type EventInterest, type EventListener, EventRoutes } from './event-routes.ts';

/** Options of {@link EventFeed}. */
export interface EventFeedOptions {
  /** PostgreSQL URL of the database whose `events` to follow. */
  connectionString: string;
  /** Start after this cursor; default: after the newest event at `start()` (only new events). */
  after?: string | null;
  /** NOTIFY channel of the `live_events` triggers. Default `tradegraph_events`. */
  channel?: string;
  /**
   * Milliseconds between safety reads, for a wake-up lost while the connection was being
   * re-established. Default 1,500. An idle safety read is one index probe that returns nothing.
   */
  pollIntervalMs?: number;
  /** Events per read; a longer backlog is read page by page. Default 1,000. */
  batchSize?: number;
  /** First and longest wait before reconnecting a dropped connection. Default 100 / 5,000 ms. */
  reconnectDelayMs?: { min: number; max: number };
  /** Shows in `pg_stat_activity`. Default `tradegraph-event-feed`. */
  applicationName?: string;
  /** Receives connection and read failures (the feed keeps retrying). Default console.error. */
  onError?: (error: unknown) => void;
}

/**
 * The live events of one gateway instance. Holds ONE connection (a plain `pg.Client`) that
 * LISTENs for the triggers' wake-ups and also reads the log, so each new event is read once per
 * instance whatever the number of subscribers, then handed to every listener in order.
 *
 * Delivery to listeners is exactly once and in order while the process runs: the feed reads from
 * its own cursor, so neither lost notifications nor reconnects lose or repeat events. After a
 * dropped connection it reconnects with exponential backoff and catches up from its cursor.
 * A client that resumes with its own cursor catches up with `readEvents` first (subscribe before
 * reading, then drop live events at or before the last one read: `compareEventCursors`).
 */
export class EventFeed {
  readonly #options: Required<Omit<EventFeedOptions, 'after'>>;
  readonly #routes = new EventRoutes();
  #cursor: string | null = null;
  #client: pg.Client | undefined;
  #state: 'new' | 'running' | 'stopped' = 'new';
  #reading: Promise<void> | undefined;
  #readAgain = false;
  #pollTimer: NodeJS.Timeout | undefined;
  #reconnectTimer: NodeJS.Timeout | undefined;
  #reconnectAttempt = 0;
  readonly #startAfter: string | null | undefined;

  constructor(options: EventFeedOptions) {
    this.#options = {
      connectionString: options.connectionString,
      channel: options.channel ?? 'tradegraph_events',
      pollIntervalMs: options.pollIntervalMs ?? 1_500,
      batchSize: options.batchSize ?? 1_000,
      reconnectDelayMs: options.reconnectDelayMs ?? { min: 100, max: 5_000 },
      applicationName: options.applicationName ?? 'tradegraph-event-feed',
      onError: options.onError ?? ((error) => console.error('event feed:', error)),
    };
    this.#startAfter = options.after;
  }

  /**
   * Connects, LISTENs and fixes the starting cursor. Rejects if the first connection fails (a
   * misconfiguration should stop the gateway); later failures are retried.
   */
  async start(): Promise<void> {
    if (this.#state !== 'new') throw new Error('An EventFeed can be started once.');
    this.#state = 'running';
    const client = await this.#connect();
    this.#cursor = this.#startAfter !== undefined ? this.#startAfter : await readHeadCursor(client);
    this.#pollTimer = setInterval(() => this.#requestRead(), this.#options.pollIntervalMs);
    this.#pollTimer.unref();
    this.#requestRead();
  }

  /**
   * Adds a listener for the batches from now on: each batch whole, or with `interest`, only the
   * events of one stream (and strategies) and only batches that have some. Returns the function
   * that removes it.
   */
  subscribe(listener: EventListener, interest?: EventInterest): () => void {
    return this.#routes.add(listener, interest);
  }

  /** Listeners registered now: one per open subscription of this instance. */
  get listenerCount(): number {
    return this.#routes.size;
  }

  /** The cursor of the last event handed to listeners (or the start cursor); null if none. */
  currentCursor(): string | null {
    return this.#cursor;
  }

  /** Waits for the read in progress, if any; for tests and orderly shutdown. */
  async idle(): Promise<void> {
    while (this.#reading) await this.#reading;
  }

  /** Stops timers, waits for the read in progress and closes the connection. Idempotent. */
  async stop(): Promise<void> {
    if (this.#state === 'stopped') return;
    this.#state = 'stopped';
    clearInterval(this.#pollTimer);
    clearTimeout(this.#reconnectTimer);
    await this.idle();
    const client = this.#client;
    this.#client = undefined;
    await client?.end().catch(() => {});
  }

  async #connect(): Promise<pg.Client> {
    const client = new pg.Client({
      connectionString: this.#options.connectionString,
      application_name: this.#options.applicationName,
    });
    client.on('notification', () => this.#requestRead());
    // Both fire when the server or network drops the connection; #lost runs once per client.
    client.on('error', (error) => this.#lost(client, error));
    client.on('end', () => this.#lost(client, new Error('event feed connection closed')));
    try {
      await client.connect();
      await client.query(`LISTEN ${client.escapeIdentifier(this.#options.channel)}`);
    } catch (error) {
      await client.end().catch(() => {});
      throw error;
    }
    this.#client = client;
    return client;
  }

  #lost(client: pg.Client, error: unknown): void {
    if (this.#client !== client || this.#state !== 'running') return;
    this.#client = undefined;
    client.end().catch(() => {});
    this.#options.onError(error);
    this.#scheduleReconnect();
  }

  #scheduleReconnect(): void {
    const { min, max } = this.#options.reconnectDelayMs;
    const delay = Math.min(max, min * 2 ** this.#reconnectAttempt) * (0.5 + Math.random() / 2);
    this.#reconnectAttempt++;
    this.#reconnectTimer = setTimeout(async () => {
      if (this.#state !== 'running') return;
      try {
        await this.#connect();
        if (this.#state !== 'running') {
          await this.#client?.end();
          return;
        }
        this.#reconnectAttempt = 0;
        // Notifications sent while disconnected are gone; the cursor is not.
        this.#requestRead();
      } catch (error) {
        this.#options.onError(error);
        this.#scheduleReconnect();
      }
    }, delay);
  }

  /** Coalesces wake-ups: one read at a time, and one more if woken while reading. */
  #requestRead(): void {
    if (this.#state !== 'running') return;
    if (this.#reading) {
      this.#readAgain = true;
      return;
    }
    this.#reading = this.#readUntilCaughtUp().finally(() => {
      this.#reading = undefined;
    });
  }

  async #readUntilCaughtUp(): Promise<void> {
    do {
      this.#readAgain = false;
      const client = this.#client;
      if (!client || this.#state !== 'running') return;
      let events: LiveEvent[];
      try {
        events = await readEvents(client, { after: this.#cursor, limit: this.#options.batchSize });
      } catch (error) {
        // A dropped connection is handled by #lost; anything else waits for the next poll.
        if (this.#client === client) this.#options.onError(error);
        return;
      }
      const last = events.at(-1);
      if (!last) continue;
      this.#cursor = last.cursor;
      this.#deliver(events);
      if (events.length === this.#options.batchSize) this.#readAgain = true;
    } while (this.#readAgain);
  }

  #deliver(events: readonly LiveEvent[]): void {
    this.#routes.deliver(events, this.#options.onError);
  }
}
