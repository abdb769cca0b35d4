import pg from 'pg';
import type { Database } from '../db/prisma.ts';
import { EventFeed } from './event-feed.ts';
import { SharedRowLoader } from './live-rows.ts';

/** Limits of live subscriptions. */
export interface LiveLimits {
  /**
   * Events a subscriber may have waiting before it is cut off with a resumable error, so a
   * client that reads too slowly cannot make the gateway's memory grow without bound.
   */
  maxPendingEvents: number;
}

/**
 * What live subscriptions of one gateway instance share: the instance's event feed (one
 * LISTEN connection), a small pool for subscribers catching up from their cursor, and the row
 * loader that reads each batch's rows once.
 */
export interface Live {
  feed: EventFeed;
  catchUp: pg.Pool;
  rows: SharedRowLoader;
  prisma: Database;
  limits: LiveLimits;
  stop(): Promise<void>;
}

export interface LiveOptions {
  limits?: Partial<LiveLimits>;
  /** Safety poll of the feed, for tests (default the feed's). */
  pollIntervalMs?: number;
  onError?: (error: unknown) => void;
}

/** Starts the live side of an instance; `stop()` ends the feed and closes the pool. */
export async function startLive(
  databaseUrl: string,
  prisma: Database,
  options: LiveOptions = {},
): Promise<Live> {
  const feed = new EventFeed({
    connectionString: databaseUrl,
    pollIntervalMs: options.pollIntervalMs,
    onError: options.onError,
  });
  await feed.start();
  const catchUp = new pg.Pool({
    connectionString: databaseUrl,
    max: 4,
    application_name: 'tradegraph-catch-up',
  });
  catchUp.on('error', (error) => options.onError?.(error));
  return {
    feed,
    catchUp,
    rows: new SharedRowLoader(prisma),
    prisma,
    limits: { maxPendingEvents: options.limits?.maxPendingEvents ?? 10_000 },
    async stop() {
      await feed.stop();
      await catchUp.end();
    },
  };
}
