import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createBacktestRun,
  createEquitySnapshot,
  createFill,
  createModel,
  createOrder,
  createPosition,
  createPrediction,
  createSignal,
  createStrategy,
} from '../support/fixtures.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const gid = (typename: string, id: bigint) => Buffer.from(`${typename}:${id}`).toString('base64');

let app: TestApp;
let limitedA: string;
let reader: string;
/** Global ids of the rows of strategy A (visible to limitedA) and B (not), by type. */
const a = {} as Record<string, string>;
const b = {} as Record<string, string>;
let strategyBName: string;
let predictionId: string;
let modelId: string;

beforeAll(async () => {
  app = await createTestApp();
  const { prisma } = app;
  const model = await createModel(prisma);
  modelId = gid('MlModel', model.id);
  // One prediction of a shared model drives signals of both strategies.
  const prediction = await createPrediction(prisma, { modelId: model.id });
  predictionId = gid('Prediction', prediction.id);
  for (const [ids, name] of [
    [a, 'limits-a'],
    [b, 'limits-b'],
  ] as const) {
    const strategy = await createStrategy(prisma, { name });
    const run = await createBacktestRun(prisma, { strategyId: strategy.id });
    const signal = await createSignal(prisma, {
      strategyId: strategy.id,
      predictionId: prediction.id,
    });
    const position = await createPosition(prisma, { strategyId: strategy.id });
    const order = await createOrder(prisma, {
      strategyId: strategy.id,
      signalId: signal.id,
      positionId: position.id,
      clientOrderId: `${name}-order`,
    });
    const fill = await createFill(prisma, {
      strategyId: strategy.id,
      orderId: order.id,
      positionId: position.id,
    });
    const snapshot = await createEquitySnapshot(prisma, { strategyId: strategy.id });
    const performance = await prisma.strategyPerformance.create({
      data: { strategyId: strategy.id, period: 'day', periodStart: new Date('2026-01-01') },
    });
    const risk = await prisma.riskEvent.create({
      data: { strategyId: strategy.id, type: 'drawdown', description: 'x', time: new Date() },
    });
    Object.assign(ids, {
      Strategy: gid('Strategy', strategy.id),
      BacktestRun: gid('BacktestRun', run.id),
      Signal: gid('Signal', signal.id),
      Position: gid('Position', position.id),
      Order: gid('Order', order.id),
      Fill: gid('Fill', fill.id),
      EquitySnapshot: gid('EquitySnapshot', snapshot.id),
      StrategyPerformance: gid('StrategyPerformance', performance.id),
      RiskEvent: gid('RiskEvent', risk.id),
    });
  }
  strategyBName = 'limits-b';
  // Account-wide rows belong to no strategy: a limited key does not see them.
  await createEquitySnapshot(prisma, { strategyId: null });
  await prisma.riskEvent.create({
    data: { type: 'exchange_down', description: 'y', time: new Date() },
  });
  const strategyA = await prisma.strategy.findFirstOrThrow({ where: { name: 'limits-a' } });
  limitedA = await app.createKey({ scopes: ['READ'], strategyIds: [strategyA.id] });
  reader = await app.createKey({ scopes: ['READ'] });
});

afterAll(async () => {
  await app?.close();
});

async function read(query: string, variables: Record<string, unknown> = {}, apiKey = limitedA) {
  const response = await app.graphql(query, variables, { apiKey });
  expect(response.errors).toBeUndefined();
  expect(response.status).toBe(200);
  return response.data as Record<string, never>;
}

const LISTS = [
  'strategies',
  'signals',
  'orders',
  'fills',
  'positions',
  'equitySnapshots',
  'backtestRuns',
];
const TYPE_OF_LIST: Record<string, string> = {
  strategies: 'Strategy',
  signals: 'Signal',
  orders: 'Order',
  fills: 'Fill',
  positions: 'Position',
  equitySnapshots: 'EquitySnapshot',
  backtestRuns: 'BacktestRun',
};

describe('a strategy-limited key', () => {
  it.each(LISTS)('lists and counts only its strategies’ %s', async (list) => {
    const data = await read(`{ ${list} { totalCount edges { node { id } } } }`);
    const connection = data[list] as unknown as {
      totalCount: number;
      edges: Array<{ node: { id: string } }>;
    };
    expect(connection.edges.map((edge) => edge.node.id)).toEqual([a[TYPE_OF_LIST[list] as string]]);
    expect(connection.totalCount).toBe(1);
  });

  it('gets an empty list, not an error, when it filters on a foreign strategy', async () => {
    const data = await read(
      'query($ids: [ID!]) { orders(filter: { strategyIds: $ids }) { totalCount edges { node { id } } } }',
      { ids: [b.Strategy] },
    );
    expect(data.orders).toEqual({ totalCount: 0, edges: [] });
  });

  it('reads a foreign strategy as not found, by id and by name', async () => {
    const data = await read(
      'query($id: ID!, $name: String!) { byId: strategy(id: $id) { id } byName: strategy(name: $name) { id } own: strategy(name: "limits-a") { id } }',
      { id: b.Strategy, name: strategyBName },
    );
    expect(data).toEqual({ byId: null, byName: null, own: { id: a.Strategy } });
  });

  it('reads a foreign order as not found, by id and by client order id', async () => {
    const data = await read(
      'query($id: ID!) { byId: order(id: $id) { id } byClient: order(clientOrderId: "limits-b-order") { id } own: order(clientOrderId: "limits-a-order") { id } }',
      { id: b.Order },
    );
    expect(data).toEqual({ byId: null, byClient: null, own: { id: a.Order } });
  });

  it.each([
    'Strategy',
    'BacktestRun',
    'Signal',
    'Position',
    'Order',
    'Fill',
    'EquitySnapshot',
    'StrategyPerformance',
    'RiskEvent',
  ])('gets null for node(id) of a foreign %s, as for one that does not exist', async (type) => {
    const data = await read(
      'query($own: ID!, $foreign: ID!) { own: node(id: $own) { id } foreign: node(id: $foreign) { id } }',
      { own: a[type], foreign: b[type] },
    );
    expect(data).toEqual({ own: { id: a[type] }, foreign: null });
  });

  it('gets null in nodes(ids) for the foreign ones, in order', async () => {
    const data = await read('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', {
      ids: [b.Order, a.Order, b.Signal, a.Signal],
    });
    expect(data.nodes).toEqual([null, { id: a.Order }, null, { id: a.Signal }]);
  });

  it('sees only its strategies’ signals of a shared prediction, with a matching count', async () => {
    const data = await read(
      'query($id: ID!) { node(id: $id) { ... on Prediction { signals { totalCount edges { node { id } } } } } }',
      { id: predictionId },
    );
    expect(data.node).toEqual({ signals: { totalCount: 1, edges: [{ node: { id: a.Signal } }] } });
  });

  it('reads shared models and predictions, but their signals stay filtered', async () => {
    const data = await read(
      `query($id: ID!) {
        mlModel(id: $id) { predictions { totalCount edges { node { signals { totalCount } } } } }
        predictions { totalCount }
      }`,
      { id: modelId },
    );
    expect(data).toEqual({
      mlModel: {
        predictions: { totalCount: 1, edges: [{ node: { signals: { totalCount: 1 } } }] },
      },
      predictions: { totalCount: 1 },
    });
  });

  it('reaches its own rows through relations of a permitted strategy', async () => {
    const data = await read(
      `query($id: ID!) { strategy(id: $id) {
        signals { totalCount } orders { totalCount edges { node { fills { totalCount } signal { id } position { id } strategy { id } } } }
        fills { totalCount } positions { totalCount } equitySnapshots { totalCount }
        backtestRuns { totalCount } performance { totalCount } riskEvents { totalCount }
      } }`,
      { id: a.Strategy },
    );
    expect(data.strategy).toEqual({
      signals: { totalCount: 1 },
      orders: {
        totalCount: 1,
        edges: [
          {
            node: {
              fills: { totalCount: 1 },
              signal: { id: a.Signal },
              position: { id: a.Position },
              strategy: { id: a.Strategy },
            },
          },
        ],
      },
      fills: { totalCount: 1 },
      positions: { totalCount: 1 },
      equitySnapshots: { totalCount: 1 },
      backtestRuns: { totalCount: 1 },
      performance: { totalCount: 1 },
      riskEvents: { totalCount: 1 },
    });
  });

  it('is refused, not shown, a row of another strategy that a reference still reaches', async () => {
    // An order of A pointing at B's signal: the writers do not forbid it for unlimited keys.
    const orderA = await app.prisma.order.findFirstOrThrow({
      where: { clientOrderId: 'limits-a-order' },
    });
    const signalB = BigInt(
      Buffer.from(b.Signal as string, 'base64')
        .toString()
        .split(':')[1] as string,
    );
    const crossing = await createOrder(app.prisma, {
      strategyId: orderA.strategyId,
      signalId: signalB,
      clientOrderId: 'limits-crossing',
    });
    const response = await app.graphql(
      'query($id: ID!) { order(id: $id) { clientOrderId signal { id direction } } }',
      { id: gid('Order', crossing.id) },
      { apiKey: limitedA },
    );
    await app.prisma.order.delete({ where: { id: crossing.id } });
    expect(JSON.stringify(response.data)).not.toContain(b.Signal);
    expect(response.data).toEqual({ order: { clientOrderId: 'limits-crossing', signal: null } });
    expect(response.errors?.[0]).toMatchObject({
      message: 'This API key is limited to other strategies: it may not see this Signal.',
      extensions: { code: 'FORBIDDEN' },
    });
  });
});

describe('a key without a strategy limit', () => {
  it('sees every strategy’s rows and the account-wide ones', async () => {
    const data = await read(
      '{ strategies { totalCount } orders { totalCount } equitySnapshots { totalCount } }',
      {},
      reader,
    );
    expect(data).toEqual({
      strategies: { totalCount: 2 },
      orders: { totalCount: 2 },
      equitySnapshots: { totalCount: 3 },
    });
  });
});
