import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTradegraphClient } from '../../src/client/client.ts';
import { FillCreatedDocument } from '../../src/client/generated/graphql.ts';
import { readHeadCursor } from '../../src/realtime/event-log.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import {
  gid,
  insertFills,
  insertStrategyAndOrder,
  pg,
  TrackedWebSocket,
  waitFor,
} from './support.ts';

// Drops are made two ways: the test terminates the client's own sockets (an abrupt loss, close
// code 1006, while the gateway stays up), and the gateway is closed and a new one started on the
// same database and port. Fills are committed while the client is disconnected in both cases.

let database: TestDatabase;
let app: TestApp;
let sql: pg.Client;
let url: string;

beforeAll(async () => {
  database = await createTestDatabase();
  sql = new pg.Client({ connectionString: database.url });
  await sql.connect();
  app = await createTestApp({ live: true, database });
  url = await app.listen();
});

afterAll(async () => {
  await app?.close();
  await sql?.end();
  await database?.drop();
});

async function followFills(name: string) {
  const ids = await insertStrategyAndOrder(sql, name);
  const client = createTradegraphClient({
    url,
    apiKey: app.adminKey,
    webSocketImpl: TrackedWebSocket,
    reconnect: { minDelayMs: 20, maxDelayMs: 200 },
  });
  const received: string[] = [];
  const subscription = client.subscribe(
    FillCreatedDocument,
    { filter: { strategyIds: [gid('Strategy', ids.strategy)] }, after: await readHeadCursor(sql) },
    {
      next: (data) => {
        received.push(data.fillCreated.fill.exchangeFillId ?? '?');
      },
      error: (error) => received.push(`error: ${String(error)}`),
    },
  );
  const expected = (n: number) => Array.from({ length: n }, (_, i) => `${name}-${i + 1}`);
  return { ids, client, received, subscription, expected };
}

describe('client subscriptions resume from their last cursor', () => {
  it('delivers every fill once, in order, across sockets the test terminates', async () => {
    const { ids, client, received, expected } = await followFills('cut');
    await insertFills(sql, ids, 'cut', 1, 5);
    await waitFor(() => received.length >= 5, 10_000, 'the first fills');
    for (let round = 0; round < 3; round += 1) {
      for (const socket of TrackedWebSocket.opened) socket.terminate();
      await insertFills(sql, ids, 'cut', 6 + round * 5, 10 + round * 5);
    }
    await waitFor(() => received.length >= 20, 15_000, 'all 20 fills');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(received).toEqual(expected(20));
    await client.close();
  });

  it('delivers every fill once, in order, across a gateway restart on the same port', async () => {
    const { ids, client, received, subscription, expected } = await followFills('restart');
    await insertFills(sql, ids, 'restart', 1, 5);
    await waitFor(() => received.length >= 5, 10_000, 'the first fills');
    const port = Number(new URL(url).port);
    await app.close();
    await insertFills(sql, ids, 'restart', 6, 12);
    app = await createTestApp({ live: true, database });
    await app.listen(port);
    await insertFills(sql, ids, 'restart', 13, 15);
    await waitFor(() => received.length >= 15, 20_000, 'all 15 fills');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(received).toEqual(expected(15));
    expect(subscription.lastCursor).not.toBeNull();
    await client.close();
  });
});
