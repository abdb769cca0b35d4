import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFingerprint } from '../support/database-fingerprint.ts';
import {
  createModel,
  createOrder,
  createPosition,
  createPrediction,
  createSignal,
  createStrategy,
} from '../support/fixtures.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const gid = (typename: string, id: bigint) => Buffer.from(`${typename}:${id}`).toString('base64');
const writer = (field: string, inputType: string) =>
  `mutation($input: ${inputType}!) { ${field}(input: $input) { __typename ... on WriterError { code message } } }`;

let app: TestApp;
let writerA: string;
let traderA: string;
const a = {} as Record<string, string>;
const b = {} as Record<string, string>;
let predictionId: string;
let modelId: string;

beforeAll(async () => {
  app = await createTestApp();
  const { prisma } = app;
  const model = await createModel(prisma);
  modelId = gid('MlModel', model.id);
  predictionId = gid('Prediction', (await createPrediction(prisma, { modelId: model.id })).id);
  for (const [ids, name] of [
    [a, 'writes-a'],
    [b, 'writes-b'],
  ] as const) {
    const strategy = await createStrategy(prisma, { name });
    const signal = await createSignal(prisma, { strategyId: strategy.id });
    const position = await createPosition(prisma, { strategyId: strategy.id });
    const order = await createOrder(prisma, {
      strategyId: strategy.id,
      clientOrderId: `${name}-order`,
      positionId: position.id,
    });
    Object.assign(ids, {
      Strategy: gid('Strategy', strategy.id),
      Signal: gid('Signal', signal.id),
      Position: gid('Position', position.id),
      Order: gid('Order', order.id),
      clientOrderId: `${name}-order`,
    });
  }
  const strategyA = await prisma.strategy.findFirstOrThrow({ where: { name: 'writes-a' } });
  writerA = await app.createKey({ scopes: ['WRITE'], strategyIds: [strategyA.id] });
  traderA = await app.createKey({ scopes: ['TRADE'], strategyIds: [strategyA.id] });
});

afterAll(async () => {
  await app?.close();
});

const order = (strategyId: string, clientOrderId: string, extra: object = {}) => ({
  input: {
    strategyId,
    clientOrderId,
    exchange: 'binance',
    symbol: 'BTCUSDT',
    side: 'BUY',
    type: 'MARKET',
    quantity: '1',
    ...extra,
  },
});
const fill = (reference: object, exchangeFillId: string) => ({
  ...reference,
  exchangeFillId,
  price: '100',
  quantity: '0.1',
  executedAt: '2026-01-01T00:00:05Z',
});

/** The refusals a limited key must get, each for a write that reaches strategy B. */
const foreignWrites: Array<[string, () => { query: string; variables: object }]> = [
  [
    'recordOrder for a foreign strategy',
    () => ({
      query: writer('recordOrder', 'RecordOrderInput'),
      variables: order(b.Strategy as string, 'limited-foreign'),
    }),
  ],
  [
    'recordOrder on its strategy with a foreign signal',
    () => ({
      query: writer('recordOrder', 'RecordOrderInput'),
      variables: order(a.Strategy as string, 'limited-foreign-signal', { signalId: b.Signal }),
    }),
  ],
  [
    'updateOrderStatus of a foreign order by id',
    () => ({
      query: writer('updateOrderStatus', 'UpdateOrderStatusInput'),
      variables: { input: { orderId: b.Order, status: 'CANCELED' } },
    }),
  ],
  [
    'updateOrderStatus of a foreign order by client order id',
    () => ({
      query: writer('updateOrderStatus', 'UpdateOrderStatusInput'),
      variables: { input: { clientOrderId: b.clientOrderId, status: 'CANCELED' } },
    }),
  ],
  [
    'recordFill on a foreign order',
    () => ({
      query: writer('recordFill', 'RecordFillInput'),
      variables: { input: fill({ orderId: b.Order }, 'limited-fill') },
    }),
  ],
  [
    'recordFills with one foreign fill among its own',
    () => ({
      query: writer('recordFills', 'RecordFillsInput'),
      variables: {
        input: {
          fills: [
            fill({ orderId: a.Order }, 'limited-batch-1'),
            fill({ clientOrderId: b.clientOrderId }, 'limited-batch-2'),
          ],
        },
      },
    }),
  ],
  [
    'recordSignal for a foreign strategy',
    () => ({
      query: writer('recordSignal', 'RecordSignalInput'),
      variables: {
        input: {
          strategyId: b.Strategy,
          exchange: 'binance',
          symbol: 'BTCUSDT',
          direction: 'LONG',
          generatedAt: '2026-01-01T00:00:00Z',
        },
      },
    }),
  ],
  [
    'decideSignal on a foreign signal',
    () => ({
      query: writer('decideSignal', 'DecideSignalInput'),
      variables: { input: { signalId: b.Signal, status: 'APPROVED' } },
    }),
  ],
  [
    'openPosition for a foreign strategy',
    () => ({
      query: writer('openPosition', 'OpenPositionInput'),
      variables: {
        input: {
          strategyId: b.Strategy,
          exchange: 'binance',
          symbol: 'ETHUSDT',
          direction: 'LONG',
          size: '1',
          averageEntryPrice: '2000',
          openedAt: '2026-01-01T00:00:00Z',
        },
      },
    }),
  ],
  [
    'adjustPosition of a foreign position',
    () => ({
      query: writer('adjustPosition', 'AdjustPositionInput'),
      variables: { input: { positionId: b.Position, markPrice: '101' } },
    }),
  ],
  [
    'closePosition of a foreign position',
    () => ({
      query: writer('closePosition', 'ClosePositionInput'),
      variables: { input: { positionId: b.Position, price: '101', exitReason: 'MANUAL' } },
    }),
  ],
  [
    'recordEquitySnapshot for a foreign strategy',
    () => ({
      query: writer('recordEquitySnapshot', 'RecordEquitySnapshotInput'),
      variables: {
        input: { strategyId: b.Strategy, equity: '1000', time: '2026-01-01T00:00:00Z' },
      },
    }),
  ],
];

describe('a strategy-limited writer key', () => {
  it.each(foreignWrites)(
    'is refused %s: 403 FORBIDDEN naming the strategy, nothing written',
    async (_name, request) => {
      const before = await databaseFingerprint(app.database.url);
      const { query, variables } = request();
      const response = await app.graphql(query, variables as Record<string, unknown>, {
        apiKey: writerA,
      });
      expect(response.status).toBe(403);
      expect(response.data).toBeNull();
      expect(response.errors).toHaveLength(1);
      expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(response.errors?.[0]?.message).toMatch(
        new RegExp(
          `^This API key may only write for strategies ${a.Strategy}; \\w+ would write for strategy ${b.Strategy}\\.$`,
        ),
      );
      expect(await databaseFingerprint(app.database.url)).toEqual(before);
    },
  );

  it('is refused writes of rows that belong to no strategy', async () => {
    const before = await databaseFingerprint(app.database.url);
    const account = await app.graphql(
      writer('recordEquitySnapshot', 'RecordEquitySnapshotInput'),
      { input: { equity: '1000', time: '2026-01-01T00:00:00Z' } },
      { apiKey: writerA },
    );
    expect(account.status).toBe(403);
    expect(account.errors?.[0]?.message).toMatch(
      /recordEquitySnapshot writes an account-wide equity snapshot, which belongs to no strategy and needs a key without a strategy limit\.$/,
    );
    const prediction = await app.graphql(
      writer('resolvePrediction', 'ResolvePredictionInput'),
      { input: { predictionId, actualValue: '1' } },
      { apiKey: writerA },
    );
    expect(prediction.errors?.[0]?.message).toMatch(/resolvePrediction writes a prediction/);
    const recorded = await app.graphql(
      writer('recordPrediction', 'RecordPredictionInput'),
      {
        input: {
          modelId,
          exchange: 'binance',
          symbol: 'BTCUSDT',
          target: 'return_1h',
          value: '0.01',
          time: '2026-01-01T00:00:00Z',
        },
      },
      { apiKey: writerA },
    );
    expect(recorded.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await databaseFingerprint(app.database.url)).toEqual(before);
  });

  it('writes for its own strategy as any writer does', async () => {
    const response = await app.graphql(
      writer('recordFill', 'RecordFillInput'),
      { input: fill({ orderId: a.Order }, 'limited-own-fill') },
      { apiKey: writerA },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ recordFill: { __typename: 'RecordFillSuccess' } });
  });

  it('gets NOT_FOUND, as any key, for a reference that does not exist', async () => {
    const response = await app.graphql(
      writer('updateOrderStatus', 'UpdateOrderStatusInput'),
      { input: { orderId: gid('Order', 987654321n), status: 'CANCELED' } },
      { apiKey: writerA },
    );
    expect(response.data).toMatchObject({
      updateOrderStatus: { __typename: 'WriterError', code: 'NOT_FOUND' },
    });
  });
});

describe('a strategy-limited trade key', () => {
  it('records orders and status reports for its strategy', async () => {
    const recorded = await app.graphql(
      writer('recordOrder', 'RecordOrderInput'),
      order(a.Strategy as string, 'trader-own'),
      { apiKey: traderA },
    );
    expect(recorded.data).toEqual({ recordOrder: { __typename: 'RecordOrderSuccess' } });
    const updated = await app.graphql(
      writer('updateOrderStatus', 'UpdateOrderStatusInput'),
      { input: { clientOrderId: 'trader-own', status: 'NEW' } },
      { apiKey: traderA },
    );
    expect(updated.data).toEqual({ updateOrderStatus: { __typename: 'UpdateOrderStatusSuccess' } });
  });

  it('is refused orders for another strategy', async () => {
    const response = await app.graphql(
      writer('recordOrder', 'RecordOrderInput'),
      order(b.Strategy as string, 'trader-foreign'),
      { apiKey: traderA },
    );
    expect(response.status).toBe(403);
    expect(response.errors?.[0]?.message).toContain(
      `recordOrder would write for strategy ${b.Strategy}`,
    );
  });

  it('is refused every other mutation by scope', async () => {
    const response = await app.graphql(
      writer('recordFill', 'RecordFillInput'),
      { input: fill({ orderId: a.Order }, 'trader-fill') },
      { apiKey: traderA },
    );
    expect(response.status).toBe(403);
    expect(response.errors?.[0]?.message).toMatch(/lacks the 'write' scope needed for recordFill/);
  });
});
