import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrder, createStrategy } from '../support/fixtures.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const gid = (typename: string, id: bigint) => Buffer.from(`${typename}:${id}`).toString('base64');

let app: TestApp;
let strategyId: string;
let orderId: string;
const keys = {} as Record<'reader' | 'writer' | 'trader' | 'readTrader', string>;

beforeAll(async () => {
  app = await createTestApp();
  const strategy = await createStrategy(app.prisma);
  strategyId = gid('Strategy', strategy.id);
  orderId = gid('Order', (await createOrder(app.prisma, { strategyId: strategy.id })).id);
  keys.reader = await app.createKey({ scopes: ['READ'] });
  keys.writer = await app.createKey({ scopes: ['WRITE'] });
  keys.trader = await app.createKey({ scopes: ['TRADE'] });
  keys.readTrader = await app.createKey({ scopes: ['READ', 'TRADE'] });
});

afterAll(async () => {
  await app?.close();
});

const RECORD_ORDER = `mutation($input: RecordOrderInput!) {
  recordOrder(input: $input) {
    __typename
    ... on RecordOrderSuccess { created order { clientOrderId strategy { name } } }
    ... on WriterError { code message }
  }
}`;
const order = (clientOrderId: string) => ({
  input: {
    strategyId,
    clientOrderId,
    exchange: 'binance',
    symbol: 'BTCUSDT',
    side: 'BUY',
    type: 'MARKET',
    quantity: '1',
  },
});
const RECORD_FILL = `mutation($input: RecordFillInput!) { recordFill(input: $input) { __typename } }`;
const fill = () => ({
  input: {
    orderId,
    exchangeFillId: 'scopes-fill',
    price: '100',
    quantity: '0.1',
    executedAt: '2026-01-01T00:00:05Z',
  },
});
const UPDATE_STATUS = `mutation($input: UpdateOrderStatusInput!) {
  updateOrderStatus(input: $input) { __typename ... on UpdateOrderStatusSuccess { changed } }
}`;

describe('the read scope', () => {
  it('lets a reader query, list and subscribe-style read', async () => {
    const response = await app.graphql(
      '{ strategies { totalCount } }',
      {},
      { apiKey: keys.reader },
    );
    expect(response).toMatchObject({ status: 200, data: { strategies: { totalCount: 1 } } });
    expect(response.errors).toBeUndefined();
  });

  it('is needed for queries: a write-only key gets 403 FORBIDDEN naming the scope', async () => {
    const response = await app.graphql(
      '{ strategies { totalCount } }',
      {},
      { apiKey: keys.writer },
    );
    expect(response.status).toBe(403);
    expect(response.data).toBeNull();
    expect(response.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(
          /^This API key lacks the 'read' scope needed for strategies\. Use a key with that scope \(npm run keys -- create --scopes read\)\.$/,
        ),
        extensions: { code: 'FORBIDDEN' },
      }),
    ]);
  });

  it('is needed for node(id) too', async () => {
    const response = await app.graphql(
      'query($id: ID!) { node(id: $id) { id } }',
      { id: strategyId },
      { apiKey: keys.trader },
    );
    expect(response.status).toBe(403);
    expect(response.errors?.[0]?.message).toMatch(/lacks the 'read' scope needed for node/);
  });
});

describe('the write scope', () => {
  it('is needed for the writer mutations: a reader gets 403 and nothing is written', async () => {
    const response = await app.graphql(RECORD_FILL, fill(), { apiKey: keys.reader });
    expect(response.status).toBe(403);
    expect(response.errors?.[0]).toMatchObject({
      message:
        "This API key lacks the 'write' scope needed for recordFill. Use a key with that scope (npm run keys -- create --scopes write).",
      extensions: { code: 'FORBIDDEN' },
    });
    expect(await app.prisma.fill.count()).toBe(0);
  });

  it('lets a writer record, and read the payload it gets back without the read scope', async () => {
    const response = await app.graphql(RECORD_ORDER, order('scopes-writer'), {
      apiKey: keys.writer,
    });
    expect(response.errors).toBeUndefined();
    expect(response.data).toMatchObject({
      recordOrder: { __typename: 'RecordOrderSuccess', created: true },
    });
  });
});

describe('the trade scope', () => {
  it('lets a bot record orders and apply status reports', async () => {
    const recorded = await app.graphql(RECORD_ORDER, order('scopes-trader'), {
      apiKey: keys.trader,
    });
    expect(recorded.data).toMatchObject({
      recordOrder: { __typename: 'RecordOrderSuccess', order: { clientOrderId: 'scopes-trader' } },
    });
    const updated = await app.graphql(
      UPDATE_STATUS,
      { input: { clientOrderId: 'scopes-trader', status: 'NEW' } },
      { apiKey: keys.trader },
    );
    expect(updated.data).toMatchObject({
      updateOrderStatus: { __typename: 'UpdateOrderStatusSuccess', changed: true },
    });
  });

  it('does not allow recording fills: those need write', async () => {
    const response = await app.graphql(RECORD_FILL, fill(), { apiKey: keys.readTrader });
    expect(response.status).toBe(403);
    expect(response.errors?.[0]?.message).toMatch(/lacks the 'write' scope needed for recordFill/);
  });

  it('names both scopes that would do when neither is there', async () => {
    const response = await app.graphql(RECORD_ORDER, order('scopes-reader'), {
      apiKey: keys.reader,
    });
    expect(response.status).toBe(403);
    expect(response.errors?.[0]?.message).toBe(
      "This API key lacks the 'write' or 'trade' scope needed for recordOrder. Use a key with that scope (npm run keys -- create --scopes write).",
    );
    expect(await app.prisma.order.count({ where: { clientOrderId: 'scopes-reader' } })).toBe(0);
  });
});

describe('subscriptions', () => {
  it('are refused when they start without the read scope (403 over SSE)', async () => {
    const response = await app.fetch({
      body: JSON.stringify({ query: 'subscription { fillCreated { cursor } }' }),
      headers: { authorization: `Bearer ${keys.writer}`, accept: 'text/event-stream' },
    });
    expect(response.status).toBe(403);
    expect(await response.text()).toMatch(/lacks the 'read' scope needed for fillCreated/);
  });
});

describe('the admin key', () => {
  it('has every scope', async () => {
    const response = await app.graphql('{ strategies { totalCount } }');
    expect(response.status).toBe(200);
    expect(app.unexpectedErrors).toEqual([]);
  });
});
