import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  at,
  createFill,
  createOrder,
  createPosition,
  createSignal,
  createStrategy,
} from './support/fixtures.ts';
import { createTestApp, type TestApp } from './support/test-app.ts';

let app: TestApp;

// The dashboard query from the issue: latest signals -> strategy -> orders -> fills.
const DASHBOARD = `query($first: Int!) {
  signals(first: $first) {
    edges { node {
      id symbol status
      strategy { name }
      orders(first: 2) { totalCount edges { node {
        clientOrderId filledQuantity
        fills(first: 2) { edges { node { price quantity } } }
      } } }
    } }
  }
}`;

// The bench's (a) and (c): a strategy's latest signals with orders and fills; open positions with
// their strategy and latest fills.
const STRATEGY_SIGNALS = `query($name: String!, $first: Int!) {
  strategy(name: $name) { signals(first: $first) { edges { node {
    id orders(first: 3) { edges { node { id fills(first: 3) { edges { node { price } } } } } }
  } } } }
}`;
const OPEN_POSITIONS = `query($first: Int!) {
  positions(filter: { open: true }, first: $first) { edges { node {
    id remainingSize strategy { name } fills(first: 2) { edges { node { price } } }
  } } }
}`;

let strategyName: string;

beforeAll(async () => {
  app = await createTestApp();
  const { prisma } = app;
  const strategy = await createStrategy(prisma);
  strategyName = strategy.name;
  // 60 signals, each with 4 orders of 4 fills: more children than the page asks for, so a query
  // that fetched every child and trimmed in memory would read 4x the rows it returns.
  for (let s = 0; s < 60; s += 1) {
    const signal = await createSignal(prisma, {
      strategyId: strategy.id,
      generatedAt: at(`2026-01-01T00:${String(s).padStart(2, '0')}:00Z`),
    });
    for (let o = 0; o < 4; o += 1) {
      const order = await createOrder(prisma, { strategyId: strategy.id, signalId: signal.id });
      for (let f = 0; f < 4; f += 1)
        await createFill(prisma, { strategyId: strategy.id, orderId: order.id });
    }
    const position = await createPosition(prisma, { strategyId: strategy.id, signalId: signal.id });
    const order = await createOrder(prisma, { strategyId: strategy.id, positionId: position.id });
    for (let f = 0; f < 3; f += 1) {
      await createFill(prisma, {
        strategyId: strategy.id,
        orderId: order.id,
        positionId: position.id,
      });
    }
  }
});

afterAll(async () => {
  await app?.close();
});

async function run(first: number) {
  app.resetStatements();
  const response = await app.graphql<{
    signals: {
      edges: Array<{
        node: { orders: { edges: Array<{ node: { fills: { edges: unknown[] } } }> } };
      }>;
    };
  }>(DASHBOARD, { first });
  expect(response.errors).toBeUndefined();
  return { data: response.data, statements: [...app.statements] };
}

describe('a nested dashboard query', () => {
  it('runs the same number of SQL statements for 5 signals as for 50', async () => {
    const small = await run(5);
    const large = await run(50);
    expect(large.data?.signals.edges).toHaveLength(50);
    expect(large.statements.length).toBe(small.statements.length);
    // the signals page with their strategies joined and their orders' and fills' pages
    // embedded, and the orders' grouped count: 2, whatever the page size.
    expect(large.statements.length).toBe(2);
  });

  it('limits nested pages in SQL rather than loading every child', async () => {
    const { data, statements } = await run(50);
    const orders = data?.signals.edges.flatMap((edge) => edge.node.orders.edges) ?? [];
    expect(orders).toHaveLength(100);
    expect(orders.every((order) => order.node.fills.edges.length === 2)).toBe(true);
    // One LIMIT for the page of signals, one inside for orders and one for their fills.
    const limits = statements.join('\n').match(/\bLIMIT\b/gi) ?? [];
    expect(limits.length).toBeGreaterThanOrEqual(3);
  });
});

describe('the dashboard mix', () => {
  async function statementsFor(query: string, variables: Record<string, unknown>) {
    app.resetStatements();
    const response = await app.graphql(query, variables);
    expect(response.errors).toBeUndefined();
    return [...app.statements];
  }

  it("reads a strategy's signals, orders and fills in 1 statement, for 5 signals as for 50", async () => {
    const small = await statementsFor(STRATEGY_SIGNALS, { name: strategyName, first: 5 });
    const large = await statementsFor(STRATEGY_SIGNALS, { name: strategyName, first: 50 });
    // the strategy with its signals' page embedded, and theirs (orders, fills) inside it
    expect(large).toHaveLength(1);
    expect(small).toHaveLength(1);
  });

  it('reads open positions, their strategies and fills in 1 statement, for 5 as for 50', async () => {
    const small = await statementsFor(OPEN_POSITIONS, { first: 5 });
    const large = await statementsFor(OPEN_POSITIONS, { first: 50 });
    // the page of positions with their strategies joined and their fills' pages embedded
    expect(large).toHaveLength(1);
    expect(small).toHaveLength(1);
  });
});
