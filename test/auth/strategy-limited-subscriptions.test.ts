import { type Client, createClient } from 'graphql-ws';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { readHeadCursor } from '../../src/realtime/event-log.ts';
import {
  globalId,
  insertOrder,
  insertFill as insertSqlFill,
  insertStrategy,
} from '../support/sql-rows.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let app: TestApp;
let url: string;
let sql: pg.Client;
let strategyA: bigint;
let strategyB: bigint;
let orderA: bigint;
let orderB: bigint;
let limitedA: string;

beforeAll(async () => {
  app = await createTestApp({ live: true });
  url = await app.listen();
  sql = new pg.Client({ connectionString: app.database.url });
  await sql.connect();
  strategyA = await insertStrategy(sql, 'limited-sub-a');
  strategyB = await insertStrategy(sql, 'limited-sub-b');
  orderA = await insertOrder(sql, strategyA, 'limited-sub-order-a');
  orderB = await insertOrder(sql, strategyB, 'limited-sub-order-b');
  limitedA = await app.createKey({ scopes: ['READ'], strategyIds: [strategyA] });
});

afterAll(async () => {
  await sql?.end();
  await app?.close();
});

/** Commits one fill through plain SQL; returns its exchange fill id. */
const insertFill = (orderId: bigint, strategyId: bigint) => insertSqlFill(sql, orderId, strategyId);

async function insertSnapshot(strategyId: bigint | null, equity: string) {
  await sql.query(
    `INSERT INTO equity_snapshots (strategy_id, equity, time) VALUES ($1, $2, now())`,
    [strategyId, equity],
  );
}

const FILLS = `subscription($filter: FillFilter, $after: String) {
  fillCreated(filter: $filter, after: $after) { fill { exchangeFillId order { clientOrderId } } }
}`;
const SNAPSHOTS = `subscription($after: String) {
  equitySnapshotCreated(after: $after) { equitySnapshot { equity } }
}`;

function wsClient(apiKey: string): Client {
  return createClient({
    url: url.replace('http', 'ws'),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: true,
    connectionParams: { authorization: `Bearer ${apiKey}` },
  });
}

/** Collects `count` results of a subscription over graphql-ws, failing on any error. */
function collect<T>(client: Client, query: string, variables: object, count: number) {
  const iterator = client.iterate<T>({ query, variables: variables as Record<string, unknown> });
  return (async () => {
    const received: T[] = [];
    for await (const result of iterator) {
      if (result.errors) throw new Error(JSON.stringify(result.errors));
      received.push(result.data as T);
      if (received.length >= count) break;
    }
    return received;
  })();
}

describe('a strategy-limited key subscribing', () => {
  it('over graphql-ws gets only its strategies’ fills, without filtering itself', async () => {
    const client = wsClient(limitedA);
    try {
      const done = collect<{ fillCreated: { fill: { exchangeFillId: string } } }>(
        client,
        FILLS,
        { after: await readHeadCursor(sql) },
        2,
      );
      await insertFill(orderB, strategyB);
      const first = await insertFill(orderA, strategyA);
      await insertFill(orderB, strategyB);
      const second = await insertFill(orderA, strategyA);
      const events = await done;
      expect(events.map((event) => event.fillCreated.fill.exchangeFillId)).toEqual([first, second]);
    } finally {
      await client.dispose();
    }
  });

  it('gets nothing of a foreign strategy even when it filters on it', async () => {
    const client = wsClient(limitedA);
    try {
      const after = await readHeadCursor(sql);
      const foreign = collect<{ fillCreated: { fill: { exchangeFillId: string } } }>(
        client,
        FILLS,
        { after, filter: { strategyIds: [globalId('Strategy', strategyB)] } },
        1,
      );
      // A second subscription on the same socket proves events flowed meanwhile.
      const own = collect<{ fillCreated: { fill: { exchangeFillId: string } } }>(
        client,
        FILLS,
        { after },
        1,
      );
      await insertFill(orderB, strategyB);
      const mine = await insertFill(orderA, strategyA);
      const [ownEvent] = await own;
      expect(ownEvent?.fillCreated.fill.exchangeFillId).toBe(mine);
      const outcome = await Promise.race([
        foreign.then(() => 'delivered'),
        new Promise((resolve) => setTimeout(() => resolve('nothing'), 600)),
      ]);
      expect(outcome).toBe('nothing');
    } finally {
      await client.dispose();
    }
  });

  it('does not get account-wide equity snapshots, which belong to no strategy', async () => {
    const client = wsClient(limitedA);
    try {
      const done = collect<{ equitySnapshotCreated: { equitySnapshot: { equity: string } } }>(
        client,
        SNAPSHOTS,
        { after: await readHeadCursor(sql) },
        1,
      );
      await insertSnapshot(null, '1');
      await insertSnapshot(strategyB, '2');
      await insertSnapshot(strategyA, '3');
      const [event] = await done;
      expect(event?.equitySnapshotCreated.equitySnapshot.equity).toMatch(/^3(\.0+)?$/);
    } finally {
      await client.dispose();
    }
  });

  it('over SSE streams only its strategies’ fills', async () => {
    const controller = new AbortController();
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'text/event-stream',
        authorization: `Bearer ${limitedA}`,
      },
      body: JSON.stringify({ query: FILLS, variables: { after: await readHeadCursor(sql) } }),
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await insertFill(orderB, strategyB);
    const expected = [await insertFill(orderA, strategyA)];
    await insertFill(orderB, strategyB);
    expected.push(await insertFill(orderA, strategyA));
    const received: string[] = [];
    let buffer = '';
    while (received.length < 2) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += new TextDecoder().decode(value);
      received.length = 0;
      for (const match of buffer.matchAll(/^data: (.+)$/gm)) {
        const data = JSON.parse(match[1] as string) as {
          data?: { fillCreated: { fill: { exchangeFillId: string } } };
        };
        const id = data.data?.fillCreated.fill.exchangeFillId;
        if (id) received.push(id);
      }
    }
    controller.abort();
    expect(received).toEqual(expected);
  });

  it('without the read scope is refused when it starts, over graphql-ws', async () => {
    const writer = await app.createKey({ scopes: ['WRITE'], strategyIds: [strategyA] });
    const client = wsClient(writer);
    try {
      const iterator = client.iterate({ query: FILLS, variables: {} });
      const result = await iterator.next();
      expect(result.value).toMatchObject({
        errors: [
          {
            message: expect.stringMatching(/lacks the 'read' scope needed for fillCreated/),
            extensions: { code: 'FORBIDDEN' },
          },
        ],
      });
    } finally {
      await client.dispose();
    }
  });
});
