import { type Client, createClient } from 'graphql-ws';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { insertOrder, insertStrategy } from '../support/sql-rows.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

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

let fillNumber = 0;
async function insertFill(): Promise<string> {
  fillNumber += 1;
  const exchangeFillId = `event-errors-${fillNumber}`;
  await sql.query(
    `INSERT INTO fills (order_id, strategy_id, exchange, exchange_fill_id, symbol, side, price, quantity, executed_at)
     VALUES ($1, $2, 'kraken', $3, 'XRP/USD', 'BUY', '1', '1', now())`,
    [orderId, strategyId, exchangeFillId],
  );
  return exchangeFillId;
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('an unexpected error while executing a subscription event', () => {
  it('reaches every subscriber masked, with the request id its log line has', async () => {
    const subscribers = [subscribe(), subscribe()];
    // Live once a fill arrives: keep committing until each subscriber has one.
    await until(() => {
      if (subscribers.some((s) => s.fills.length === 0)) void insertFill();
      return subscribers.every((s) => s.fills.length > 0);
    }, 'subscribers to go live');
    expect(subscribers.flatMap((s) => s.errors)).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    app.errorLog.length = 0;

    await sql.query('ALTER TABLE strategies RENAME TO strategies_gone');
    try {
      await insertFill();
      await until(() => subscribers.every((s) => s.errors.length > 0), 'the failing event');
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
