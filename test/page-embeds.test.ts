import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  at,
  createFill,
  createOrder,
  createPosition,
  createSignal,
  createStrategy,
} from './support/fixtures.ts';
import { globalId } from './support/sql-rows.ts';
import { createTestApp, type TestApp } from './support/test-app.ts';

// Relation pages read inside their parent rows' statement (src/schema/page-embeds.ts) answer
// exactly as the page read on its own does: node(id) has no embeds, so it is the reference.

let app: TestApp;
let signalIds: string[] = [];
let orderCursors: string[] = [];
let limitedKey: string;
let strategyName: string;
let strategyId: string;
let otherName: string;
/** A position of the limited key's strategy whose one fill belongs to another strategy's order. */
let crossPosition: string;

const ORDER_PAGE = `orders(first: $first, last: $last, after: $after, before: $before, orderBy: $orderBy) {
  edges { cursor node { id clientOrderId quantity createdAt } }
  pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
}`;
const ARGS = '$first: Int, $last: Int, $after: String, $before: String, $orderBy: TimeOrder';
const EMBEDDED = `query(${ARGS}) { signals(first: 3) { edges { node { id ${ORDER_PAGE} } } } }`;
const ON_ITS_OWN = `query($id: ID!, ${ARGS}) { node(id: $id) { ... on Signal { id ${ORDER_PAGE} } } }`;

beforeAll(async () => {
  app = await createTestApp();
  const { prisma } = app;
  const strategy = await createStrategy(prisma);
  const other = await createStrategy(prisma);
  strategyName = strategy.name;
  strategyId = globalId('Strategy', strategy.id);
  otherName = other.name;
  const position = await createPosition(prisma, { strategyId: strategy.id });
  crossPosition = globalId('Position', position.id);
  const foreignOrder = await createOrder(prisma, { strategyId: other.id });
  await createFill(prisma, {
    strategyId: strategy.id,
    orderId: foreignOrder.id,
    positionId: position.id,
  });
  for (let s = 0; s < 3; s += 1) {
    const signal = await createSignal(prisma, {
      strategyId: strategy.id,
      generatedAt: at(`2026-01-01T00:0${s}:00Z`),
    });
    signalIds.push(globalId('Signal', signal.id));
    // Orders sharing timestamps, so only the id tie-break orders them; one of another strategy.
    for (let o = 0; o < 5; o += 1) {
      const order = await createOrder(prisma, {
        strategyId: o === 4 ? other.id : strategy.id,
        signalId: signal.id,
        createdAt: at(`2026-01-01T01:00:0${o % 2}.123Z`),
      });
      for (let f = 0; f < o % 3; f += 1) {
        await createFill(prisma, { strategyId: order.strategyId, orderId: order.id });
      }
    }
  }
  signalIds = signalIds.reverse();
  limitedKey = await app.createKey({ scopes: ['READ'], strategyIds: [strategy.id] });
  const all = await app.graphql<{
    node: { orders: { edges: Array<{ cursor: string }> } };
  }>(ON_ITS_OWN, { id: signalIds[0], first: 10 });
  orderCursors = all.data?.node.orders.edges.map((edge) => edge.cursor) ?? [];
});

afterAll(async () => {
  await app?.close();
});

async function compare(variables: Record<string, unknown>, apiKey?: string) {
  const options = apiKey ? { apiKey } : undefined;
  app.resetStatements();
  const embedded = await app.graphql<{
    signals: { edges: Array<{ node: { id: string; orders: unknown } }> };
  }>(EMBEDDED, variables, options);
  const statements = app.statements.length;
  expect(embedded.errors).toBeUndefined();
  const signals = embedded.data?.signals.edges.map((edge) => edge.node) ?? [];
  expect(signals).toHaveLength(3);
  for (const signal of signals) {
    const alone = await app.graphql<{ node: unknown }>(
      ON_ITS_OWN,
      { id: signal.id, ...variables },
      options,
    );
    expect(alone.errors).toBeUndefined();
    expect(signal, JSON.stringify(variables)).toEqual(alone.data?.node);
  }
  return statements;
}

describe('relation pages read with their parents', () => {
  it('answer forward, backward, by cursor and in either order as the page read on its own', async () => {
    expect(orderCursors.length).toBe(5);
    const cases = [
      { first: 2 },
      { first: 0 },
      { last: 2 },
      { first: 2, orderBy: 'OLDEST_FIRST' },
      { last: 2, orderBy: 'OLDEST_FIRST' },
      { first: 2, after: orderCursors[1] },
      { last: 2, before: orderCursors[3] },
      { first: 10, after: orderCursors[4] },
    ];
    for (const variables of cases) expect(await compare(variables)).toBe(1);
  });

  it("keep a limited key's pages to its strategies", async () => {
    await compare({ first: 10 }, limitedKey);
  });

  it('leave invalid arguments to the page, which refuses them as before', async () => {
    const response = await app.graphql(EMBEDDED, { first: 2, after: 'not-a-cursor' });
    expect(response.errors?.[0]?.message).toMatch(/not a valid cursor/);
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

// A single lookup's relation pages come in the lookup's own statement; node(id) reads the same
// strategy without embeds, page by page.
const SIGNAL_PAGE = `signals(first: $first, after: $after) {
  edges { cursor node {
    id generatedAt confidence
    orders(first: 5) { edges { node { id quantity fills(first: 2) { edges { node { price executedAt } } } } } }
  } }
  pageInfo { hasNextPage endCursor }
}`;
const LOOKUP = `query($name: String!, $first: Int, $after: String) {
  strategy(name: $name) { id name ${SIGNAL_PAGE} } }`;
const LOOKUP_BY_ID = `query($id: ID!, $first: Int, $after: String) {
  node(id: $id) { ... on Strategy { id name ${SIGNAL_PAGE} } } }`;

describe("a lookup's relation pages", () => {
  async function compareLookup(variables: Record<string, unknown>, apiKey?: string) {
    const options = apiKey ? { apiKey } : undefined;
    app.resetStatements();
    const embedded = await app.graphql(LOOKUP, { name: strategyName, ...variables }, options);
    const statements = app.statements.length;
    const alone = await app.graphql(LOOKUP_BY_ID, { id: strategyId, ...variables }, options);
    expect(embedded.errors).toBeUndefined();
    expect(alone.errors).toBeUndefined();
    expect(embedded.data?.strategy, JSON.stringify(variables)).toEqual(alone.data?.node);
    return statements;
  }

  it('come in the statement of the lookup, as node(id) answers them page by page', async () => {
    expect(await compareLookup({ first: 2 })).toBe(1);
    expect(await compareLookup({ first: 0 })).toBe(1);
    const first = await app.graphql<{
      strategy: { signals: { edges: Array<{ cursor: string }> } };
    }>(LOOKUP, { name: strategyName, first: 1 });
    const after = first.data?.strategy.signals.edges[0]?.cursor;
    expect(after).toBeTruthy();
    expect(await compareLookup({ first: 2, after })).toBe(1);
  });

  it("keep a limited key's pages to its strategies", async () => {
    expect(await compareLookup({ first: 10 }, limitedKey)).toBe(1);
    const limited = await app.graphql<{
      strategy: { signals: { edges: Array<{ node: { orders: { edges: unknown[] } } }> } };
    }>(LOOKUP, { name: strategyName, first: 10 }, { apiKey: limitedKey });
    const signals = limited.data?.strategy.signals.edges ?? [];
    expect(signals).toHaveLength(3);
    // Each signal has 5 orders, one of another strategy.
    expect(signals.map((edge) => edge.node.orders.edges.length)).toEqual([4, 4, 4]);
  });
});

// To-one relations of embedded rows come joined inside the page's JSON; an order read on its
// own reads its fills' page without embeds, and their orders one statement each level.
const FILL_PAGE = `fills(first: 2) { edges { node {
  price executedAt order { id clientOrderId quantity strategy { id name } }
} } }`;
const SIGNALS_WITH_FILLS = `query { signals(first: 3) { edges { node {
  orders(first: 5) { edges { node { id ${FILL_PAGE} } } }
} } } }`;
const ORDER_ALONE = `query($id: ID!) { node(id: $id) { ... on Order { id ${FILL_PAGE} } } }`;
const CROSS = `query($ids: [ID!]) { positions(filter: { ids: $ids }, first: 1) { edges { node {
  fills(first: 1) { edges { node { price order { clientOrderId strategy { name } } } } }
} } } }`;

describe('to-one relations of embedded rows', () => {
  it('come joined inside the page, as they read on their own', async () => {
    app.resetStatements();
    const embedded = await app.graphql<{
      signals: {
        edges: Array<{ node: { orders: { edges: Array<{ node: { id: string } }> } } }>;
      };
    }>(SIGNALS_WITH_FILLS);
    expect(embedded.errors).toBeUndefined();
    expect(app.statements).toHaveLength(1);
    const orders = embedded.data?.signals.edges.flatMap((edge) => edge.node.orders.edges) ?? [];
    expect(orders).toHaveLength(15);
    let fills = 0;
    for (const { node } of orders) {
      const alone = await app.graphql<{ node: { fills: { edges: unknown[] } } }>(ORDER_ALONE, {
        id: node.id,
      });
      expect(alone.errors).toBeUndefined();
      expect(node).toEqual(alone.data?.node);
      fills += alone.data?.node.fills.edges.length ?? 0;
    }
    expect(fills).toBeGreaterThan(0);
  });

  it("refuse a joined row of a strategy outside the key's limit, as when read on its own", async () => {
    const limited = await app.graphql(CROSS, { ids: [crossPosition] }, { apiKey: limitedKey });
    expect(limited.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(limited.errors?.[0]?.path).toEqual([
      'positions',
      'edges',
      0,
      'node',
      'fills',
      'edges',
      0,
      'node',
      'order',
      'clientOrderId',
    ]);
    const admin = await app.graphql<{
      positions: {
        edges: Array<{ node: { fills: { edges: Array<{ node: { order: unknown } }> } } }>;
      };
    }>(CROSS, { ids: [crossPosition] });
    expect(admin.errors).toBeUndefined();
    expect(admin.data?.positions.edges[0]?.node.fills.edges[0]?.node.order).toMatchObject({
      strategy: { name: otherName },
    });
  });
});
