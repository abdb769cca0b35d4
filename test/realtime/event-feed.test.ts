import type pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EventFeed, type EventFeedOptions } from '../../src/realtime/event-feed.ts';
import { type LiveEvent, readEvents, readHeadCursor } from '../../src/realtime/event-log.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import {
  connect,
  insertFills,
  insertSignals,
  isCreation,
  keyOf,
  seedStrategyAndOrder,
  sleep,
  waitFor,
} from './support.ts';

let database: TestDatabase;
let db: pg.Client;
let ids: { strategyId: string; orderId: string };
const feeds: EventFeed[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  db = await connect(database.url);
  ids = await seedStrategyAndOrder(db);
});

afterEach(async () => {
  await Promise.all(feeds.splice(0).map((feed) => feed.stop()));
});

afterAll(async () => {
  await db?.end();
  await database?.drop();
});

/** A started feed and everything it delivered, batch boundaries flattened. */
async function startFeed(options: Partial<EventFeedOptions> = {}) {
  const feed = new EventFeed({ connectionString: database.url, onError: () => {}, ...options });
  feeds.push(feed);
  const received: LiveEvent[] = [];
  // One event per signal written: signal_updated repeats each insert on a second stream.
  feed.subscribe((events) => received.push(...events.filter(isCreation)));
  await feed.start();
  return { feed, received };
}

async function allAfter(cursor: string | null) {
  return readEvents(db, { after: cursor, limit: 10_000 });
}

describe('EventFeed', () => {
  it('delivers every event to two feeds on one database, once each, in the same order', async () => {
    const start = await readHeadCursor(db);
    const a = await startFeed();
    const b = await startFeed({ batchSize: 7 });
    const writers = await Promise.all([connect(database.url), connect(database.url)]);
    try {
      await Promise.all(
        writers.map(async (writer, index) => {
          for (let i = 0; i < 15; i++) {
            await writer.query('BEGIN');
            await insertSignals(writer, ids.strategyId, 1 + (i % 3));
            if (index === 1) await insertFills(writer, ids, 10);
            await sleep(Math.random() * 10);
            await writer.query(i % 5 === 4 ? 'ROLLBACK' : 'COMMIT');
          }
        }),
      );
    } finally {
      await Promise.all(writers.map((writer) => writer.end()));
    }
    const committed = await allAfter(start);
    const expected = committed.filter(isCreation).map(keyOf);
    expect(expected.length).toBeGreaterThan(100);
    await waitFor(
      'both feeds to catch up',
      () => a.received.length >= expected.length && b.received.length >= expected.length,
    );
    await Promise.all([a.feed.idle(), b.feed.idle()]);
    expect(a.received.map(keyOf)).toEqual(expected);
    expect(b.received.map(keyOf)).toEqual(expected);
    // The feed's cursor is at the last event of every stream, not only the collected ones.
    expect(a.feed.currentCursor()).toBe(committed.at(-1)?.cursor);
  });

  it('reconnects a killed LISTEN connection and delivers what was committed meanwhile', async () => {
    const errors: unknown[] = [];
    // A poll far beyond the test's length: only the reconnect's catch-up can deliver.
    const { feed, received } = await startFeed({
      applicationName: 'feed-under-test',
      pollIntervalMs: 600_000,
      onError: (error) => errors.push(error),
    });
    const before = await insertSignals(db, ids.strategyId, 1);
    await waitFor('the first event', () => received.length === 1);
    const killed = await db.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE application_name = 'feed-under-test' AND datname = current_database()`,
    );
    expect(killed.rowCount).toBe(1);
    const during = await insertSignals(db, ids.strategyId, 3);
    await waitFor('the events committed while disconnected', () => received.length === 4);
    // And it listens again: a later write arrives by notification.
    const after = await insertSignals(db, ids.strategyId, 1);
    await waitFor('an event after the reconnect', () => received.length === 5);
    await feed.idle();
    expect(received.map((event) => String(event.entityId))).toEqual([
      ...before,
      ...during,
      ...after,
    ]);
    expect(errors.length).toBeGreaterThan(0);
  });

  it('resumes after a restart from the cursor the previous instance reached', async () => {
    const first = await startFeed();
    await insertSignals(db, ids.strategyId, 2);
    await waitFor('the first instance', () => first.received.length === 2);
    await first.feed.stop();
    const cursor = first.feed.currentCursor();
    const whileDown = await insertFills(db, ids, 50);
    const second = await startFeed({ after: cursor });
    const later = await insertSignals(db, ids.strategyId, 1);
    await waitFor('the second instance', () => second.received.length === 51);
    await second.feed.idle();
    expect(second.received.map((event) => String(event.entityId))).toEqual([
      ...whileDown,
      ...later,
    ]);
  });

  it('starts at the newest event by default, on one connection per instance', async () => {
    await insertSignals(db, ids.strategyId, 1);
    const { feed, received } = await startFeed({
      applicationName: 'idle-feed',
      pollIntervalMs: 200,
    });
    const calls = async () => {
      const { rows } = await db.query<{ n: string }>(
        "SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = 'idle-feed'",
      );
      return Number(rows[0]?.n);
    };
    expect(await calls()).toBe(1); // one connection per instance
    await sleep(500);
    expect(received).toEqual([]);
    expect(feed.currentCursor()).toBe(await readHeadCursor(db));
  });

  it('keeps delivering to other listeners when one throws, and stops cleanly', async () => {
    const errors: unknown[] = [];
    const { feed, received } = await startFeed({ onError: (error) => errors.push(error) });
    feed.subscribe(() => {
      throw new Error('listener failed');
    });
    const seen: LiveEvent[] = [];
    const unsubscribe = feed.subscribe((events) => seen.push(...events.filter(isCreation)));
    await insertSignals(db, ids.strategyId, 1);
    await waitFor('delivery', () => received.length === 1 && seen.length === 1);
    unsubscribe();
    await insertSignals(db, ids.strategyId, 1);
    await waitFor('delivery', () => received.length === 2);
    expect(seen).toHaveLength(1);
    expect(errors.map(String)).toContain('Error: listener failed');
    await feed.stop();
    await feed.stop();
  });
});
