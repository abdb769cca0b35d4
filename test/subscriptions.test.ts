import type { GraphQLError } from 'graphql';
import { type Client, createClient } from 'graphql-ws';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { compareEventCursors } from '../src/realtime/event-cursor.ts';
import { readHeadCursor } from '../src/realtime/event-log.ts';
import { subscribeToStream } from '../src/realtime/stream-subscription.ts';
import {
  globalId,
  insertOrder,
  insertFill as insertSqlFill,
  insertStrategy,
} from './support/sql-rows.ts';
import { createTestApp, type TestApp } from './support/test-app.ts';

let app: TestApp;
let url: string;
let sql: pg.Client;
let strategyA: bigint;
let strategyB: bigint;
let orderA: bigint;
let orderB: bigint;

beforeAll(async () => {
  app = await createTestApp({ live: true });
  url = await app.listen();
  sql = new pg.Client({ connectionString: app.database.url });
  await sql.connect();
  strategyA = await insertStrategy(sql, 'sub-a');
  strategyB = await insertStrategy(sql, 'sub-b');
  orderA = await insertOrder(sql, strategyA, 'sub-order-a');
  orderB = await insertOrder(sql, strategyB, 'sub-order-b');
});

afterAll(async () => {
  await sql?.end();
  await app?.close();
});

/** Commits one fill through plain SQL, as a collector in another language would. */
const insertFill = (orderId: bigint, strategyId: bigint, executedAt?: Date) =>
  insertSqlFill(sql, orderId, strategyId, executedAt);

interface FillEvent {
  cursor: string;
  operation: string;
  fill: { exchangeFillId: string; price: string; order: { clientOrderId: string } };
}

const FILLS = `subscription($filter: FillFilter, $after: String) {
  fillCreated(filter: $filter, after: $after) {
    cursor operation fill { exchangeFillId price order { clientOrderId } }
  }
}`;

function wsClient(): Client {
  return createClient({
    url: url.replace('http', 'ws'),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: true,
    connectionParams: { authorization: `Bearer ${app.adminKey}` },
  });
}

/** Subscribes and collects events until `count` arrived; resolves with them and the handle. */
async function collect(client: Client, variables: Record<string, unknown>, count: number) {
  const received: FillEvent[] = [];
  const iterator = client.iterate<{ fillCreated: FillEvent }>({ query: FILLS, variables });
  const done = (async () => {
    for await (const result of iterator) {
      if (result.errors) throw new Error(JSON.stringify(result.errors));
      received.push((result.data as { fillCreated: FillEvent }).fillCreated);
      if (received.length >= count) break;
    }
    return received;
  })();
  return { done, iterator };
}

/**
 * The cursor of the newest committed event: subscribing `after` it receives exactly what
 * commits from here on, however long the server takes to register the subscription.
 */
async function head(): Promise<string | null> {
  return readHeadCursor(sql);
}

describe('fillCreated over graphql-ws', () => {
  it('delivers each committed fill of the filtered strategy once, in commit order, with relations', async () => {
    const client = wsClient();
    try {
      const after = await head();
      const { done } = await collect(
        client,
        { filter: { strategyIds: [globalId('Strategy', strategyA)] }, after },
        3,
      );
      const expected = [];
      expected.push(await insertFill(orderA, strategyA));
      await insertFill(orderB, strategyB);
      expected.push(await insertFill(orderA, strategyA));
      await insertFill(orderB, strategyB);
      expected.push(await insertFill(orderA, strategyA));
      const events = await done;
      expect(events.map((event) => event.fill.exchangeFillId)).toEqual(expected);
      expect(events[0]).toMatchObject({
        operation: 'INSERT',
        fill: { price: '0.5123', order: { clientOrderId: 'sub-order-a' } },
      });
    } finally {
      await client.dispose();
    }
  });

  it('applies a time range in the filter to live events as the fills list applies it', async () => {
    const client = wsClient();
    try {
      const filter = {
        strategyIds: [globalId('Strategy', strategyA)],
        executedAt: { from: '2020-01-01T00:00:00.000Z', to: '2030-01-01T00:00:00.000Z' },
      };
      const { done } = await collect(client, { filter, after: await head() }, 2);
      await insertFill(orderA, strategyA, new Date('2019-12-31T23:59:59.999Z'));
      const expected = [await insertFill(orderA, strategyA, new Date('2020-01-01T00:00:00.000Z'))];
      await insertFill(orderA, strategyA, new Date('2030-01-01T00:00:00.000Z'));
      expected.push(await insertFill(orderA, strategyA, new Date('2029-12-31T23:59:59.999Z')));
      const events = await done;
      expect(events.map((event) => event.fill.exchangeFillId)).toEqual(expected);
    } finally {
      await client.dispose();
    }
  });

  it('resumes from the last cursor with everything committed while disconnected, then live', async () => {
    const first = wsClient();
    const filter = { strategyIds: [globalId('Strategy', strategyA)] };
    const { done } = await collect(first, { filter, after: await head() }, 1);
    const seen = [await insertFill(orderA, strategyA)];
    const [last] = await done;
    await first.dispose();

    const missed = [await insertFill(orderA, strategyA), await insertFill(orderA, strategyA)];
    await insertFill(orderB, strategyB);

    const second = wsClient();
    try {
      const resumed = await collect(second, { filter, after: last?.cursor }, 3);
      // Committed while the resumed subscription catches up or is already live: either way once.
      const live = await insertFill(orderA, strategyA);
      const events = await resumed.done;
      expect(seen).toHaveLength(1);
      expect(events.map((event) => event.fill.exchangeFillId)).toEqual([...missed, live]);
    } finally {
      await second.dispose();
    }
  });

  it('refuses a malformed cursor with a clear error', async () => {
    const client = wsClient();
    try {
      const iterator = client.iterate({ query: FILLS, variables: { after: 'not-a-cursor' } });
      const result = await iterator.next();
      expect(JSON.stringify(result.value)).toMatch(
        /Argument \\"after\\": .*not a live event cursor/,
      );
    } finally {
      await client.dispose();
    }
  });
});

describe('fillCreated over SSE', () => {
  it('streams committed fills as server-sent events', async () => {
    const controller = new AbortController();
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'text/event-stream',
        authorization: `Bearer ${app.adminKey}`,
      },
      body: JSON.stringify({
        query: FILLS,
        variables: {
          filter: { strategyIds: [globalId('Strategy', strategyB)] },
          after: await head(),
        },
      }),
      signal: controller.signal,
    });
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const expected = [await insertFill(orderB, strategyB), await insertFill(orderB, strategyB)];
    await insertFill(orderA, strategyA);
    const received: string[] = [];
    let buffer = '';
    while (received.length < 2) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += new TextDecoder().decode(value);
      for (const match of buffer.matchAll(/^data: (.+)$/gm)) {
        const data = JSON.parse(match[1] as string) as { data?: { fillCreated: FillEvent } };
        const id = data.data?.fillCreated.fill.exchangeFillId;
        if (id && !received.includes(id)) received.push(id);
      }
    }
    controller.abort();
    expect(received).toEqual(expected);
  });
});

describe('a subscriber that reads too slowly', () => {
  it('is cut off with a resumable SLOW_CONSUMER error instead of growing memory', async () => {
    const slow = await createTestApp({ live: true, maxPendingEvents: 3, database: app.database });
    try {
      const live = slow.live;
      if (!live) throw new Error('live not started');
      const stream = subscribeToStream(live, { stream: 'fill_created' });
      const before = (await head()) as string;
      for (let i = 0; i < 6; i += 1) await insertFill(orderA, strategyA);
      // Wait until the feed has handed all six to its listeners (its cursor reached the head);
      // the subscriber reads nothing meanwhile.
      const written = (await head()) as string;
      for (let i = 0; i < 500; i += 1) {
        const delivered = live.feed.currentCursor();
        if (delivered && compareEventCursors(delivered, written) >= 0) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const outcome = await stream.next().then(
        () => stream.next(),
        (error: unknown) => error,
      );
      expect(outcome).toMatchObject({ extensions: { code: 'SLOW_CONSUMER' } });
      expect(String((outcome as Error).message)).toMatch(/fell more than 3 events behind.*after:/);
      // Nothing was handed out: resuming where the error says repeats no event and skips none
      // of the six (the events queued when it was cut off were dropped with it).
      const { resumeAfter } = (outcome as GraphQLError).extensions as { resumeAfter: string };
      expect(compareEventCursors(resumeAfter, before)).toBeLessThanOrEqual(0);
    } finally {
      await slow.close();
    }
  });
});

describe('signalUpdated', () => {
  it('delivers status changes, so a filter on APPROVED follows approvals as they commit', async () => {
    const client = wsClient();
    try {
      const after = await head();
      const iterator = client.iterate<{
        signalUpdated: { operation: string; signal: { databaseId: string; status: string } };
      }>({
        query: `subscription($filter: SignalFilter, $after: String) {
          signalUpdated(filter: $filter, after: $after) { operation signal { databaseId status } }
        }`,
        variables: {
          filter: { strategyIds: [globalId('Strategy', strategyA)], statuses: ['APPROVED'] },
          after,
        },
      });
      const insert = `INSERT INTO signals (strategy_id, exchange, symbol, direction, status, generated_at, updated_at)
        VALUES ($1, 'kraken', 'XRP/USD', 'LONG', $2, now(), now()) RETURNING id`;
      const proposed = String((await sql.query(insert, [strategyA, 'PROPOSED'])).rows[0].id);
      const rejected = String((await sql.query(insert, [strategyA, 'PROPOSED'])).rows[0].id);
      await sql.query(
        `UPDATE signals SET status = 'REJECTED', rejection_reason = 'risk' WHERE id = $1`,
        [rejected],
      );
      await sql.query(`UPDATE signals SET status = 'APPROVED' WHERE id = $1`, [proposed]);
      const createdApproved = String((await sql.query(insert, [strategyA, 'APPROVED'])).rows[0].id);
      // Rows are loaded after commit, so the filter sees each row's current state: when this
      // subscription catches up only after all the writes, the proposed signal's INSERT event
      // already shows it APPROVED and matches too. Either way: only approved signals, the
      // proposed one ending on its UPDATE, nothing of the rejected one, in commit order.
      const received: Array<{ operation: string; signal: { databaseId: string; status: string } }> =
        [];
      while (!received.some((event) => event.signal.databaseId === createdApproved)) {
        const next = await iterator.next();
        const event = next.value?.data?.signalUpdated;
        if (!event) throw new Error(`unexpected result ${JSON.stringify(next.value)}`);
        received.push(event);
      }
      expect(received.every((event) => event.signal.status === 'APPROVED')).toBe(true);
      expect(received.map((event) => event.signal.databaseId)).not.toContain(rejected);
      expect(received.slice(-2)).toEqual([
        { operation: 'UPDATE', signal: { databaseId: proposed, status: 'APPROVED' } },
        { operation: 'INSERT', signal: { databaseId: createdApproved, status: 'APPROVED' } },
      ]);
      expect(received.length).toBeLessThanOrEqual(3);
      await iterator.return?.();
    } finally {
      await client.dispose();
    }
  });
});
