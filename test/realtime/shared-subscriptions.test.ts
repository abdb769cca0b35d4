import { type Client, createClient } from 'graphql-ws';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createApiKey } from '../../src/auth/api-keys.ts';
import {
  globalId,
  insertOrder,
  insertFill as insertSqlFill,
  insertStrategy,
} from '../support/sql-rows.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { waitFor } from './support.ts';

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
  strategyId = await insertStrategy(sql, 'shared');
  orderId = await insertOrder(sql, strategyId, 'shared-order');
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await sql?.end();
  await app?.close();
});

const FILLS = `subscription Fills($filter: FillFilter, $after: String) {
  fillCreated(filter: $filter, after: $after) { cursor fill { exchangeFillId order { clientOrderId } } }
}`;

function connect(apiKey = app.adminKey): Client {
  const client = createClient({
    url: url.replace('http', 'ws'),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: { authorization: `Bearer ${apiKey}` },
  });
  clients.push(client);
  return client;
}

interface Subscriber {
  /** Messages received, as the exchange fill ids of their fills. */
  received: string[];
  stop(): void;
}

/** A live subscription (no cursor) that records every fill it receives. */
function subscribe(client: Client, variables: Record<string, unknown> = {}): Subscriber {
  const received: string[] = [];
  const stop = client.subscribe<{ fillCreated: { fill: { exchangeFillId: string } } }>(
    { query: FILLS, variables },
    {
      next: (result) => {
        if (result.errors) throw new Error(JSON.stringify(result.errors));
        received.push(result.data?.fillCreated.fill.exchangeFillId ?? '?');
      },
      error: (error) => received.push(`error: ${JSON.stringify(error)}`),
      complete: () => {},
    },
  );
  return { received, stop };
}

const insertFill = () => insertSqlFill(sql, orderId, strategyId);

/**
 * Waits until every subscriber is live (has received a warm-up fill), then commits one fill
 * and returns how many GraphQL executions delivering it took.
 */
async function executionsOfOneFill(subscribers: Subscriber[]): Promise<number> {
  const warmUp = await insertFill();
  let last = warmUp;
  await waitFor('subscribers to go live', () => {
    const ready = subscribers.every((s) => s.received.length > 0);
    if (!ready && Math.random() < 0.1) void insertFill().then((id) => (last = id));
    return ready;
  });
  await waitFor('the warm-up fills', () => subscribers.every((s) => s.received.includes(last)));
  await new Promise((resolve) => setTimeout(resolve, 100));
  app.subscriptionExecutions.length = 0;
  const fill = await insertFill();
  await waitFor('the measured fill', () => subscribers.every((s) => s.received.includes(fill)));
  for (const subscriber of subscribers) subscriber.stop();
  return app.subscriptionExecutions.length;
}

describe('shared subscription execution', () => {
  it('executes a live event once for many identical subscribers', async () => {
    const [a, b] = [connect(), connect()];
    const subscribers = Array.from({ length: 20 }, (_, i) => subscribe(i % 2 ? a : b));
    expect(await executionsOfOneFill(subscribers)).toBe(1);
  });

  it('ignores the after cursor but executes separately for different variables', async () => {
    const client = connect();
    const filtered = { filter: { strategyIds: [globalId('Strategy', strategyId)] } };
    const subscribers = [
      subscribe(client),
      subscribe(client, { after: null }),
      subscribe(client, filtered),
      subscribe(client, filtered),
    ];
    expect(await executionsOfOneFill(subscribers)).toBe(2);
  });

  it('never shares an execution between principals with different scopes or strategy limits', async () => {
    const limited = await createApiKey(app.prisma, {
      name: 'shared-limited',
      scopes: ['READ'],
      strategyIds: [strategyId],
      createdBy: 'test',
    });
    const readOnly = await createApiKey(app.prisma, {
      name: 'shared-read-only',
      scopes: ['READ'],
      createdBy: 'test',
    });
    const [admin, limitedClient, readClient] = [
      connect(),
      connect(limited.secret),
      connect(readOnly.secret),
    ];
    const subscribers = [
      subscribe(admin),
      subscribe(admin),
      subscribe(limitedClient),
      subscribe(limitedClient),
      subscribe(readClient),
    ];
    expect(await executionsOfOneFill(subscribers)).toBe(3);
  });
});
