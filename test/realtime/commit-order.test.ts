import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LiveEvent, readEvents, readHeadCursor } from '../../src/realtime/event-log.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import {
  connect,
  insertFills,
  insertSignals,
  keyOf,
  seedStrategyAndOrder,
  sleep,
} from './support.ts';

// The proof asked for by the gap-free delivery note: concurrent plain-SQL writers that hold
// their transactions open for a random time, some rolling back, some bulk inserting, while
// readers resume from their last cursor at random moments (and on fresh connections).

const WRITERS = 6;
const TRANSACTIONS_PER_WRITER = 25;
const READERS = 4;

interface Transaction {
  keys: string[];
  committed: boolean;
  /** performance.now() just before COMMIT was sent, and when it returned. */
  commitSent: number;
  commitDone: number;
}

let database: TestDatabase;
const clients: pg.Client[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.end().catch(() => {})));
  await database?.drop();
});

async function client() {
  const connected = await connect(database.url);
  clients.push(connected);
  return connected;
}

const random = (max: number) => Math.floor(Math.random() * (max + 1));

/**
 * The events one signal INSERT statement writes: its rows on signal_created, then (the triggers
 * fire in name order) the same rows on signal_updated.
 */
function signalKeys(ids: string[]): string[] {
  return [...ids.map((id) => `signal_created:${id}`), ...ids.map((id) => `signal_updated:${id}`)];
}

async function writer(db: pg.Client, ids: { strategyId: string; orderId: string }) {
  const done: Transaction[] = [];
  for (let i = 0; i < TRANSACTIONS_PER_WRITER; i++) {
    const kind = random(9);
    if (kind === 0) {
      // Autocommit: the statement is its own transaction.
      const commitSent = performance.now();
      const signals = await insertSignals(db, ids.strategyId, 1);
      done.push({
        keys: signalKeys(signals),
        committed: true,
        commitSent,
        commitDone: performance.now(),
      });
      continue;
    }
    await db.query('BEGIN');
    const keys = signalKeys(await insertSignals(db, ids.strategyId, 1 + random(2)));
    await sleep(random(50));
    // Some transactions also bulk-insert fills, with a second wait in between.
    if (kind >= 6) {
      keys.push(
        ...(await insertFills(db, ids, 20 + random(200))).map((id) => `fill_created:${id}`),
      );
      await sleep(random(20));
    }
    const rollBack = kind <= 2;
    const commitSent = performance.now();
    await db.query(rollBack ? 'ROLLBACK' : 'COMMIT');
    done.push({ keys, committed: !rollBack, commitSent, commitDone: performance.now() });
  }
  return done;
}

/** Reads from its last cursor at random moments with random page sizes, reconnecting at times. */
async function reader(isDone: () => boolean, start: string | null) {
  const received: LiveEvent[] = [];
  let db = await client();
  for (;;) {
    const finished = isDone(); // read once more after the writers finished
    const page = await readEvents(db, {
      after: received.at(-1)?.cursor ?? start,
      limit: 1 + random(40),
    });
    received.push(...page);
    if (finished && page.length === 0) return received;
    if (random(9) === 0) {
      await db.end();
      db = await client();
    }
    await sleep(random(15));
  }
}

describe('live event order under concurrent writers', () => {
  it('gives every reader each committed row exactly once, in commit order, whatever its cursor', async () => {
    const setup = await client();
    const ids = await seedStrategyAndOrder(setup);
    const start = await readHeadCursor(setup);
    let writersDone = false;
    const writing = Promise.all(
      Array.from({ length: WRITERS }, async () => writer(await client(), ids)),
    ).finally(() => {
      writersDone = true;
    });
    const reading = Promise.all(
      Array.from({ length: READERS }, () => reader(() => writersDone, start)),
    );
    const transactions = (await writing).flat();
    const readers = await reading;

    const committed = transactions.filter((transaction) => transaction.committed);
    const expectedKeys = committed.flatMap((transaction) => transaction.keys);
    expect(transactions.some((transaction) => !transaction.committed)).toBe(true);
    expect(expectedKeys.length).toBeGreaterThan(500);

    // Everything committed, once, nothing rolled back, and every reader in the same order.
    const reference = readers[0]?.map(keyOf) ?? [];
    expect(new Set(reference).size).toBe(reference.length);
    expect([...reference].sort()).toEqual([...expectedKeys].sort());
    for (const received of readers) expect(received.map(keyOf)).toEqual(reference);
    const oneRead = await readEvents(setup, { after: start, limit: 10_000 });
    expect(oneRead.map(keyOf)).toEqual(reference);

    // Commit order, checked against the writers' own clocks: a transaction whose COMMIT returned
    // before another's was sent must come first, and a transaction's events are contiguous.
    const position = new Map(reference.map((key, index) => [key, index]));
    const spans = committed.map((transaction) => {
      const at = transaction.keys.map((key) => position.get(key) as number);
      return { ...transaction, first: Math.min(...at), last: Math.max(...at) };
    });
    let pairsChecked = 0;
    for (const span of spans) {
      expect(span.last - span.first + 1).toBe(span.keys.length);
      for (const later of spans) {
        if (span.commitDone < later.commitSent) {
          pairsChecked++;
          expect(span.last).toBeLessThan(later.first);
        }
      }
    }
    expect(pairsChecked).toBeGreaterThan(1_000);
  });
});
