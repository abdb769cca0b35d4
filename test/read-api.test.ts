import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  at,
  createBacktestRun,
  createEquitySnapshot,
  createFill,
  createModel,
  createOrder,
  createPosition,
  createPrediction,
  createSignal,
  createStrategy,
} from './support/fixtures.ts';
import { createTestApp, type TestApp } from './support/test-app.ts';

let app: TestApp;
const ids: Record<string, string> = {};

type Edges<T> = { edges: Array<{ node: T }>; totalCount: number };
const nodes = <T>(connection: Edges<T>) => connection.edges.map((edge) => edge.node);

beforeAll(async () => {
  app = await createTestApp();
  const { prisma } = app;
  const arb = await createStrategy(prisma, {
    name: 'funding-arb',
    version: '1',
    kind: 'ARBITRAGE',
    createdAt: at('2026-01-01T00:00:00Z'),
  });
  const arb2 = await createStrategy(prisma, {
    name: 'funding-arb',
    version: '2',
    kind: 'ARBITRAGE',
    createdAt: at('2026-02-01T00:00:00Z'),
  });
  const trend = await createStrategy(prisma, {
    name: 'xrp-trend',
    kind: 'TREND_FOLLOWING',
    status: 'PAUSED',
    createdAt: at('2026-01-15T00:00:00Z'),
  });
  const model = await createModel(prisma, {
    name: 'xrp-direction',
    version: '3',
    status: 'DEPLOYED',
  });
  const prediction = await createPrediction(prisma, {
    modelId: model.id,
    actualValue: '1',
    error: '0.38',
  });
  await createPrediction(prisma, { modelId: model.id, exchange: 'kraken', symbol: 'XRP/USD' });
  const longSignal = await createSignal(prisma, {
    strategyId: arb.id,
    status: 'APPROVED',
    score: '87',
    generatedAt: at('2026-01-01T10:00:00Z'),
  });
  await createSignal(prisma, {
    strategyId: arb.id,
    direction: 'SHORT',
    status: 'REJECTED',
    rejectionReason: 'max exposure reached',
    generatedAt: at('2026-01-01T11:00:00Z'),
  });
  const xrpSignal = await createSignal(prisma, {
    strategyId: trend.id,
    exchange: 'kraken',
    symbol: 'XRP/USD',
    predictionId: prediction.id,
    confidence: '0.62',
    generatedAt: at('2026-01-02T00:00:00Z'),
  });
  const run = await createBacktestRun(prisma, { strategyId: trend.id, totalPnl: '1520.5' });
  const position = await createPosition(prisma, { strategyId: arb.id, signalId: longSignal.id });
  await createPosition(prisma, {
    strategyId: trend.id,
    exchange: 'kraken',
    symbol: 'XRP/USD',
    status: 'CLOSED',
    exitReason: 'STOP_LOSS',
    remainingSize: '0',
    mode: 'BACKTEST',
    backtestRunId: run.id,
    closedAt: at('2026-01-03T00:00:00Z'),
  });
  const order = await createOrder(prisma, {
    strategyId: arb.id,
    signalId: longSignal.id,
    positionId: position.id,
    clientOrderId: 'arb-0001',
    status: 'PARTIALLY_FILLED',
    filledQuantity: '0.5',
  });
  await createOrder(prisma, {
    strategyId: trend.id,
    signalId: xrpSignal.id,
    exchange: 'kraken',
    symbol: 'XRP/USD',
    side: 'SELL',
    status: 'FILLED',
    mode: 'PAPER',
  });
  const fill = await createFill(prisma, {
    strategyId: arb.id,
    orderId: order.id,
    positionId: position.id,
    liquidity: 'MAKER',
  });
  await createEquitySnapshot(prisma, { strategyId: arb.id, equity: '10250.75' });
  await createEquitySnapshot(prisma, { equity: '50000', account: 'main' });
  Object.assign(ids, {
    arb: gid('Strategy', arb.id),
    arb2: gid('Strategy', arb2.id),
    trend: gid('Strategy', trend.id),
    longSignal: gid('Signal', longSignal.id),
    order: gid('Order', order.id),
    fill: gid('Fill', fill.id),
    position: gid('Position', position.id),
    model: gid('MlModel', model.id),
    prediction: gid('Prediction', prediction.id),
    run: gid('BacktestRun', run.id),
  });
});

afterAll(async () => {
  await app?.close();
});

function gid(typename: string, id: bigint) {
  return Buffer.from(`${typename}:${id}`).toString('base64');
}

async function ok<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>) {
  const response = await app.graphql<T>(query, variables);
  expect(response.errors).toBeUndefined();
  expect(response.status).toBe(200);
  return response.data as T;
}

describe('top-level connections', () => {
  it('lists strategies newest first, with a total count', async () => {
    const data = await ok<{ strategies: Edges<{ name: string; version: string }> }>(
      '{ strategies { totalCount edges { node { name version } } } }',
    );
    expect(data.strategies.totalCount).toBe(3);
    expect(nodes(data.strategies)[0]).toEqual({ name: 'funding-arb', version: '2' });
  });

  it('filters signals by strategy, status, direction, instrument and time', async () => {
    const query = `query($filter: SignalFilter) { signals(filter: $filter) { totalCount edges { node { id symbol status } } } }`;
    const byStrategy = await ok<{ signals: Edges<{ id: string }> }>(query, {
      filter: { strategyIds: [ids.arb] },
    });
    expect(byStrategy.signals.totalCount).toBe(2);
    const rejected = await ok<{ signals: Edges<{ status: string }> }>(query, {
      filter: { statuses: ['REJECTED'], directions: ['SHORT'] },
    });
    expect(nodes(rejected.signals)).toEqual([expect.objectContaining({ status: 'REJECTED' })]);
    const xrp = await ok<{ signals: Edges<{ symbol: string }> }>(query, {
      filter: { exchange: 'kraken', symbol: 'XRP/USD' },
    });
    expect(nodes(xrp.signals).map((s) => s.symbol)).toEqual(['XRP/USD']);
    const window = await ok<{ signals: Edges<{ id: string }> }>(query, {
      filter: { generatedAt: { from: '2026-01-01T10:30:00Z', to: '2026-01-02T00:00:00Z' } },
    });
    expect(window.signals.totalCount).toBe(1);
  });

  it('filters orders by active state, side and mode', async () => {
    const query = `query($filter: OrderFilter) { orders(filter: $filter) { totalCount edges { node { clientOrderId status mode } } } }`;
    const active = await ok<{ orders: Edges<{ clientOrderId: string }> }>(query, {
      filter: { active: true },
    });
    expect(nodes(active.orders).map((o) => o.clientOrderId)).toEqual(['arb-0001']);
    const paper = await ok<{ orders: Edges<{ mode: string }> }>(query, {
      filter: { modes: ['PAPER'], sides: ['SELL'] },
    });
    expect(nodes(paper.orders)).toEqual([
      expect.objectContaining({ mode: 'PAPER', status: 'FILLED' }),
    ]);
  });

  it('filters positions by open state and backtest run', async () => {
    const query = `query($filter: PositionFilter) { positions(filter: $filter) { totalCount edges { node { id status exitReason mode } } } }`;
    const open = await ok<{ positions: Edges<{ id: string }> }>(query, { filter: { open: true } });
    expect(nodes(open.positions).map((p) => p.id)).toEqual([ids.position]);
    const backtest = await ok<{ positions: Edges<{ exitReason: string }> }>(query, {
      filter: { backtestRunIds: [ids.run], modes: ['BACKTEST'] },
    });
    expect(nodes(backtest.positions)).toEqual([
      expect.objectContaining({ exitReason: 'STOP_LOSS', status: 'CLOSED' }),
    ]);
  });

  it('serves fills, equity snapshots, models, predictions and backtest runs', async () => {
    const data = await ok<{
      fills: Edges<{ liquidity: string }>;
      equitySnapshots: Edges<{ equity: string; account: string }>;
      accountLevel: Edges<{ account: string }>;
      mlModels: Edges<{ name: string }>;
      predictions: Edges<{ actualValue: string | null }>;
      backtestRuns: Edges<{ totalPnl: string }>;
    }>(`{
      fills(filter: { liquidity: MAKER }) { totalCount edges { node { liquidity } } }
      equitySnapshots(filter: { strategyIds: ["${ids.arb}"] }) { totalCount edges { node { equity account } } }
      accountLevel: equitySnapshots(filter: { accountLevel: true }) { totalCount edges { node { account } } }
      mlModels(filter: { statuses: [DEPLOYED] }) { totalCount edges { node { name } } }
      predictions(filter: { resolved: true }) { totalCount edges { node { actualValue } } }
      backtestRuns { totalCount edges { node { totalPnl } } }
    }`);
    expect(nodes(data.fills)).toEqual([{ liquidity: 'MAKER' }]);
    expect(nodes(data.equitySnapshots)).toEqual([{ equity: '10250.75', account: 'default' }]);
    expect(nodes(data.accountLevel)).toEqual([{ account: 'main' }]);
    expect(nodes(data.mlModels)).toEqual([{ name: 'xrp-direction' }]);
    expect(nodes(data.predictions)).toEqual([{ actualValue: '1' }]);
    expect(nodes(data.backtestRuns)).toEqual([{ totalPnl: '1520.5' }]);
  });
});

describe('relations', () => {
  it('follows strategy -> signals -> orders -> fills and back', async () => {
    const data = await ok<{ strategy: Record<string, unknown> }>(`{
      strategy(name: "funding-arb", version: "1") {
        name
        signals(first: 5) { totalCount edges { node { status orders { totalCount edges { node { clientOrderId
          fills { totalCount edges { node { price quantity order { clientOrderId } position { id } } } }
          position { id fills { totalCount } orders { totalCount } }
        } } } } } }
        positions { totalCount } orders { totalCount } fills { totalCount } equitySnapshots { totalCount }
      }
    }`);
    type Count = { totalCount: number };
    type OrderNode = { clientOrderId: string; fills: Edges<unknown>; position: unknown };
    const strategy = data.strategy as {
      signals: Edges<{ status: string; orders: Edges<OrderNode> }>;
      positions: Count;
      orders: Count;
      fills: Count;
      equitySnapshots: Count;
    };
    expect(strategy.signals.totalCount).toBe(2);
    const approved = nodes(strategy.signals).find((s) => s.status === 'APPROVED');
    const order = approved && nodes(approved.orders)[0];
    expect(order).toEqual({
      clientOrderId: 'arb-0001',
      fills: {
        totalCount: 1,
        edges: [
          {
            node: {
              price: '100',
              quantity: '0.5',
              order: { clientOrderId: 'arb-0001' },
              position: { id: ids.position },
            },
          },
        ],
      },
      position: { id: ids.position, fills: { totalCount: 1 }, orders: { totalCount: 1 } },
    });
    expect(strategy.positions.totalCount).toBe(1);
    expect(strategy.orders.totalCount).toBe(1);
    expect(strategy.fills.totalCount).toBe(1);
    expect(strategy.equitySnapshots.totalCount).toBe(1);
  });

  it('links a signal to the prediction that caused it, and a model to its predictions', async () => {
    const data = await ok<{ mlModel: Record<string, unknown> }>(`{
      mlModel(name: "xrp-direction") { version predictions(first: 1, orderBy: OLDEST_FIRST) { totalCount edges { node {
        id signals { totalCount edges { node { confidence prediction { id } strategy { name } } } }
      } } } }
    }`);
    expect(data.mlModel).toEqual({
      version: '3',
      predictions: {
        totalCount: 2,
        edges: [
          {
            node: {
              id: ids.prediction,
              signals: {
                totalCount: 1,
                edges: [
                  {
                    node: {
                      confidence: '0.62',
                      prediction: { id: ids.prediction },
                      strategy: { name: 'xrp-trend' },
                    },
                  },
                ],
              },
            },
          },
        ],
      },
    });
  });

  it('serves a backtest run with its positions and strategy', async () => {
    const data = await ok<{ node: unknown }>(
      `query($id: ID!) { node(id: $id) { ... on BacktestRun { status strategy { name } positions { totalCount edges { node { mode } } } } } }`,
      { id: ids.run },
    );
    expect(data.node).toEqual({
      status: 'COMPLETED',
      strategy: { name: 'xrp-trend' },
      positions: { totalCount: 1, edges: [{ node: { mode: 'BACKTEST' } }] },
    });
  });
});

describe('lookups', () => {
  it('finds a strategy by id, by name (latest version) and by name and version', async () => {
    const data = await ok<Record<string, { id: string; version: string } | null>>(
      `query($id: ID!) {
        byId: strategy(id: $id) { id version }
        latest: strategy(name: "funding-arb") { id version }
        exact: strategy(name: "funding-arb", version: "1") { id version }
        missing: strategy(name: "nope") { id version }
      }`,
      { id: ids.trend },
    );
    expect(data.byId?.id).toBe(ids.trend);
    expect(data.latest).toEqual({ id: ids.arb2, version: '2' });
    expect(data.exact).toEqual({ id: ids.arb, version: '1' });
    expect(data.missing).toBeNull();
  });

  it('finds an order by client order id', async () => {
    const data = await ok<{ order: { id: string } }>('{ order(clientOrderId: "arb-0001") { id } }');
    expect(data.order.id).toBe(ids.order);
  });

  it('resolves node and nodes for every type, in order, null for unknown ids', async () => {
    const all = [
      ids.arb,
      ids.longSignal,
      ids.order,
      ids.fill,
      ids.position,
      ids.model,
      ids.prediction,
      ids.run,
    ];
    const data = await ok<{ nodes: Array<{ __typename: string; id: string } | null> }>(
      'query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }',
      { ids: [...all, gid('Signal', 999_999n)] },
    );
    expect(data.nodes.map((n) => n?.id ?? null)).toEqual([...all, null]);
    expect(data.nodes.map((n) => n?.__typename ?? null)).toEqual([
      'Strategy',
      'Signal',
      'Order',
      'Fill',
      'Position',
      'MlModel',
      'Prediction',
      'BacktestRun',
      null,
    ]);
  });
});
