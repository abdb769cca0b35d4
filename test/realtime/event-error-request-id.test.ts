import { type Client, createClient } from 'graphql-ws';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { insertOrder, insertFill as insertSqlFill, insertStrategy } from '../support/sql-rows.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { waitFor } from './support.ts';

// An event's execution is shared by identical subscribers and delivered outside the request id
// of their operations: its masked errors must still carry an id, the one its log line has.
let app: TestApp;
let url: string;
let sql: pg.Client;
let strategyId: bigint;
let orderId: bigint;
const clients: Client[] = [];

beforeAll(async () => {
  app = await createTestApp({ live: true });
  url = await app.listen();
  sql = new pg.Client({ connectionString: app.database.url });
  await sql.connect();
  strategyId = await insertStrategy(sql, 'event-errors');
  orderId = await insertOrder(sql, strategyId, 'event-errors-order');
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await sql?.end();
  await app?.close();
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface WireError {
  message: string;
  extensions?: { code?: string; requestId?: string };
}

interface Subscriber {
  fills: string[];
  errors: WireError[];
}

function subscribe(): Subscriber {
  const client = createClient({
    url: url.replace('http', 'ws'),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: { authorization: `Bearer ${app.adminKey}` },
  });
  clients.push(client);
  const subscriber: Subscriber = { fills: [], errors: [] };
  client.subscribe<{ fillCreated: { fill: { exchangeFillId: string } } }>(
    { query: 'subscription { fillCreated { fill { exchangeFillId strategy { name } } } }' },
    {
      next: (result) => {
        subscriber.errors.push(...((result.errors ?? []) as WireError[]));
        if (result.data) subscriber.fills.push(result.data.fillCreated.fill.exchangeFillId);
      },
      error: (error) => subscriber.errors.push({ message: JSON.stringify(error) }),
      complete: () => {},
    },
  );
  return subscriber;
}

const insertFill = () => insertSqlFill(sql, orderId, strategyId);

describe('an unexpected error while executing a subscription event', () => {
  it('reaches every subscriber masked, with the request id its log line has', async () => {
    const subscribers = [subscribe(), subscribe()];
    // Live once a fill arrives: keep committing until each subscriber has one.
    await waitFor('subscribers to go live', () => {
      if (subscribers.some((s) => s.fills.length === 0)) void insertFill();
      return subscribers.every((s) => s.fills.length > 0);
    });
    expect(subscribers.flatMap((s) => s.errors)).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    app.errorLog.length = 0;

    await sql.query('ALTER TABLE strategies RENAME TO strategies_gone');
    try {
      await insertFill();
      await waitFor('the failing event', () => subscribers.every((s) => s.errors.length > 0));
    } finally {
      await sql.query('ALTER TABLE strategies_gone RENAME TO strategies');
    }

    const errors = subscribers.flatMap((s) => s.errors);
    for (const error of errors) {
      expect(error.message).toBe('Unexpected error.');
      expect(error.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(error.extensions?.requestId).toMatch(UUID);
    }
    expect(JSON.stringify(errors)).not.toMatch(/strategies_gone|prisma|relation/i);
    expect(app.errorLog.length).toBeGreaterThan(0);
    const ids = new Set(errors.map((error) => error.extensions?.requestId));
    for (const entry of app.errorLog) {
      expect(ids).toContain(entry.requestId);
      expect(String(entry.error)).toMatch(/strategies/);
    }
  });
});
