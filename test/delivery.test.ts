import { createClient } from 'graphql-ws';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { readEvents, readHeadCursor } from '../src/realtime/event-log.ts';
import { recordFill } from '../src/writers/index.ts';
import { createTestDatabase, type TestDatabase } from './support/database.ts';
import { globalId, insertOrder, insertStrategy } from './support/sql-rows.ts';
import { createTestApp, type TestApp } from './support/test-app.ts';

// The delivery contract, end to end: writers on three paths (plain SQL, the writer module, the
// GraphQL mutation) commit fills concurrently (some
// after a random delay inside their transaction, some rolled back); subscribers spread over two
// gateway instances drop their connection at random and resume with their last cursor; one
// instance is restarted mid-run. Every subscriber must end with exactly the committed fills
// matching its filter, once each, in commit order.

let database: TestDatabase;
let sql: pg.Client;
const instances: Array<TestApp | undefined> = [];
const urls: string[] = [];
let strategyA: bigint;
let strategyB: bigint;
let orders: Record<'A' | 'B', bigint>;
let fillNumber = 0;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const randomInt = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));

async function startInstance(slot: number) {
  const app = await createTestApp({ live: true, database });
  instances[slot] = app;
  urls[slot] = (await app.listen()).replace('http', 'ws');
}

beforeAll(async () => {
  database = await createTestDatabase();
  sql = new pg.Client({ connectionString: database.url });
  await sql.connect();
  strategyA = await insertStrategy(sql, 'delivery-a');
  strategyB = await insertStrategy(sql, 'delivery-b');
  orders = {
    A: await insertOrder(sql, strategyA, 'delivery-a'),
    B: await insertOrder(sql, strategyB, 'delivery-b'),
  };
  await startInstance(0);
  await startInstance(1);
});

afterAll(async () => {
  for (const app of instances) await app?.close();
  await sql?.end();
  await database?.drop();
});

const nextFillId = () => `dl-${++fillNumber}`;
const pick = () => (Math.random() < 0.5 ? 'A' : 'B') as 'A' | 'B';
const strategyOf = (side: 'A' | 'B') => (side === 'A' ? strategyA : strategyB);

/** Plain SQL in explicit transactions that sleep before COMMIT; one in five rolls back. */
async function plainSqlWriter(rounds: number) {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    for (let i = 0; i < rounds; i += 1) {
      const side = pick();
      await client.query('BEGIN');
      const rows = randomInt(1, 3);
      for (let r = 0; r < rows; r += 1) {
        await client.query(
          `INSERT INTO fills (order_id, strategy_id, exchange, exchange_fill_id, symbol, side, price, quantity, executed_at)
           VALUES ($1, $2, 'kraken', $3, 'XRP/USD', 'BUY', '0.5', '1', now())`,
          [orders[side], strategyOf(side), nextFillId()],
        );
      }
      await sleep(randomInt(0, 25));
      await client.query(Math.random() < 0.2 ? 'ROLLBACK' : 'COMMIT');
    }
  } finally {
    await client.end();
  }
}

/** The TypeScript writer module, as an in-process collector calls it. */
async function writerModuleWriter(rounds: number) {
  const prisma = instances[1]?.prisma;
  if (!prisma) throw new Error('instance 1 is not running');
  for (let i = 0; i < rounds; i += 1) {
    const side = pick();
    await recordFill(prisma, {
      orderId: orders[side],
      exchangeFillId: nextFillId(),
      price: '0.51',
      quantity: '0.5',
      executedAt: new Date(),
    });
    await sleep(randomInt(0, 15));
  }
}

/** The recordFill mutation over HTTP, as a remote collector or bot would call it. */
async function mutationWriter(rounds: number) {
  for (let i = 0; i < rounds; i += 1) {
    const app = instances[1];
    if (!app) throw new Error('instance 1 is not running');
    const side = pick();
    const response = await app.graphql<{ recordFill: { __typename: string } }>(
      `mutation($input: RecordFillInput!) { recordFill(input: $input) { __typename } }`,
      {
        input: {
          orderId: globalId('Order', orders[side]),
          exchangeFillId: nextFillId(),
          price: '0.52',
          quantity: '0.25',
          executedAt: new Date().toISOString(),
        },
      },
    );
    expect(response.data?.recordFill.__typename).toBe('RecordFillSuccess');
    await sleep(randomInt(0, 15));
  }
}

const SUBSCRIPTION = `subscription($filter: FillFilter, $after: String) {
  fillCreated(filter: $filter, after: $after) { cursor fill { databaseId } }
}`;

class GraphQLErrorsReceived extends Error {}

interface Subscriber {
  filter: Record<string, unknown> | undefined;
  strategy: bigint | undefined;
  last: string | null;
  received: string[];
  sessions: number;
}

/**
 * Subscribes, takes a random number of events, disconnects and resumes from its last cursor on
 * a random instance, until told to stop and nothing new arrives for a while.
 */
async function runSubscriber(subscriber: Subscriber, shouldStop: () => boolean) {
  for (;;) {
    const slot = randomInt(0, 1);
    const url = urls[slot];
    if (!url || !instances[slot]) {
      await sleep(20);
      continue;
    }
    subscriber.sessions += 1;
    const client = createClient({
      url,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: true,
      connectionParams: { authorization: `Bearer ${instances[slot]?.adminKey}` },
    });
    const iterator = client.iterate<{
      fillCreated: { cursor: string; fill: { databaseId: string } };
    }>({
      query: SUBSCRIPTION,
      variables: { filter: subscriber.filter, after: subscriber.last },
    });
    const take = randomInt(1, 12);
    let quiet = false;
    try {
      for (let got = 0; got < take; ) {
        const pending = iterator.next();
        // If the quiet timer wins, this read may still fail later (the instance restarts and
        // closes the socket with 1001): that is expected, not an unhandled rejection.
        pending.catch(() => {});
        const next = await Promise.race([pending, sleep(400).then(() => 'quiet' as const)]);
        if (next === 'quiet') {
          quiet = true;
          break;
        }
        if (next.done) break;
        if (next.value.errors) throw new GraphQLErrorsReceived(JSON.stringify(next.value.errors));
        const event = next.value.data?.fillCreated;
        if (!event) continue;
        subscriber.received.push(event.fill.databaseId);
        subscriber.last = event.cursor;
        got += 1;
      }
    } catch (error) {
      // A restarting instance drops or refuses connections: resume elsewhere with the last
      // cursor. Only an error the API itself returned fails the test.
      if (error instanceof GraphQLErrorsReceived) throw error;
    } finally {
      await iterator.return?.().catch(() => {});
      await client.dispose();
    }
    if (quiet && shouldStop()) return;
  }
}

describe('delivery across writers, reconnects, a restart and two instances', () => {
  it('gives every subscriber exactly the committed matching fills, once, in commit order', async () => {
    const start = await readHeadCursor(sql);
    const subscribers: Subscriber[] = [
      ...Array.from({ length: 3 }, () => ({ filter: undefined, strategy: undefined })),
      ...Array.from({ length: 3 }, () => ({
        filter: { strategyIds: [globalId('Strategy', strategyA)] },
        strategy: strategyA,
      })),
    ].map((s) => ({ ...s, last: start, received: [], sessions: 0 }));

    let writing = true;
    const readers = subscribers.map((subscriber) => runSubscriber(subscriber, () => !writing));
    const writers = Promise.all([
      plainSqlWriter(25),
      plainSqlWriter(25),
      writerModuleWriter(25),
      mutationWriter(25),
      (async () => {
        // Restart instance 0 while everything runs: its subscribers resume on the other one
        // or on the new instance 0.
        await sleep(400);
        const old = instances[0];
        instances[0] = undefined;
        await old?.close();
        await startInstance(0);
      })(),
    ]);
    await writers;
    writing = false;
    await Promise.all(readers);

    const committed = await readEvents(sql, {
      after: start,
      streams: ['fill_created'],
      limit: 10_000,
    });
    const fillStrategy = new Map(
      (
        await sql.query<{ id: string; strategy_id: string }>(
          'SELECT id::text, strategy_id::text FROM fills',
        )
      ).rows.map((row) => [row.id, row.strategy_id]),
    );
    expect(committed.length).toBeGreaterThan(40);
    for (const subscriber of subscribers) {
      const expected = committed
        .map((event) => String(event.entityId))
        .filter(
          (id) =>
            subscriber.strategy === undefined ||
            fillStrategy.get(id) === String(subscriber.strategy),
        );
      expect(subscriber.sessions).toBeGreaterThan(1);
      expect(subscriber.received).toEqual(expected);
    }
  }, 120_000);
});
