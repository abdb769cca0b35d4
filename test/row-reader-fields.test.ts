import { type GraphQLObjectType, getNamedType, isLeafType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../src/schema/index.ts';
import {
  createFill,
  createOrder,
  createPosition,
  createSignal,
  createStrategy,
} from './support/fixtures.ts';
import { createTestApp, type TestApp } from './support/test-app.ts';

// Relation pages and lists read only the columns a selection needs (src/db/selected-fields.ts).
// Every field of every type they serve must come out exactly as through node(id), which loads
// the row with Prisma.

let app: TestApp;
let strategyName: string;

/** Every field of `typename` that needs no arguments and has no sub-selection. */
function leafFields(typename: string): string {
  const type = schema.getType(typename) as GraphQLObjectType;
  return Object.values(type.getFields())
    .filter((field) => isLeafType(getNamedType(field.type)))
    .filter((field) => field.args.every((arg) => !('type' in arg) || arg.defaultValue !== null))
    .map((field) => field.name)
    .join(' ');
}

beforeAll(async () => {
  app = await createTestApp();
  const { prisma } = app;
  const strategy = await createStrategy(prisma);
  strategyName = strategy.name;
  for (let s = 0; s < 3; s += 1) {
    const signal = await createSignal(prisma, {
      strategyId: strategy.id,
      confidence: '0.750000',
      entryPrice: '101.5',
      takeProfits: ['110.25', '120'],
      reasons: ['breakout'],
      factors: { trend: 0.5 },
    });
    const position = await createPosition(prisma, { strategyId: strategy.id, signalId: signal.id });
    const order = await createOrder(prisma, {
      strategyId: strategy.id,
      signalId: signal.id,
      positionId: position.id,
    });
    await createFill(prisma, {
      strategyId: strategy.id,
      orderId: order.id,
      positionId: position.id,
      fee: '0.0100',
      feeAsset: 'USDT',
    });
  }
});

afterAll(async () => {
  await app?.close();
});

type Node = Record<string, unknown> & { id: string };
type Page<T> = { edges: Array<{ node: T }> };
type OrderNode = Node & { fills: Page<Node> };
type SignalNode = Node & { orders: Page<OrderNode> };

async function viaNodes(typename: string, nodes: Node[]): Promise<unknown[]> {
  const response = await app.graphql<{ nodes: unknown[] }>(
    `query($ids: [ID!]!) { nodes(ids: $ids) { ... on ${typename} { ${leafFields(typename)} } } }`,
    { ids: nodes.map((node) => node.id) },
  );
  expect(response.errors).toBeUndefined();
  return response.data?.nodes ?? [];
}

describe('rows read with only the selected columns', () => {
  it('give every field of signals, orders and fills exactly as node(id) does', async () => {
    const response = await app.graphql<{ strategy: { signals: Page<SignalNode> } }>(
      `query($name: String!) { strategy(name: $name) { signals(first: 10) { edges { node {
        ${leafFields('Signal')}
        orders(first: 10) { edges { node { ${leafFields('Order')}
          fills(first: 10) { edges { node { ${leafFields('Fill')} } } } } } }
      } } } } }`,
      { name: strategyName },
    );
    expect(response.errors).toBeUndefined();
    const signals = response.data?.strategy.signals.edges.map((edge) => edge.node) ?? [];
    const orders = signals.flatMap((signal) => signal.orders.edges.map((edge) => edge.node));
    const fills = orders.flatMap((order) => order.fills.edges.map((edge) => edge.node));
    expect(fills).toHaveLength(3);
    const strip = (node: Node, nested: string) => {
      const { [nested]: _nested, ...rest } = node;
      return rest;
    };
    expect(signals.map((signal) => strip(signal, 'orders'))).toEqual(
      await viaNodes('Signal', signals),
    );
    expect(orders.map((order) => strip(order, 'fills'))).toEqual(await viaNodes('Order', orders));
    expect(fills).toEqual(await viaNodes('Fill', fills));
  });

  it('give every field of a top-level list exactly as node(id) does', async () => {
    const response = await app.graphql<{ positions: { edges: Array<{ node: Node }> } }>(
      `{ positions(first: 10) { edges { node { ${leafFields('Position')} } } } }`,
    );
    expect(response.errors).toBeUndefined();
    const positions = response.data?.positions.edges.map((edge) => edge.node) ?? [];
    expect(positions).toHaveLength(3);
    expect(positions).toEqual(await viaNodes('Position', positions));
  });

  it('read the columns of each place a fragment is spread, with the fields merged there', async () => {
    // Columns are worked out once per field of a parsed document (see selected-fields.test.ts);
    // the same fragment spread in two places must still read what each place asks for.
    const query = `query($name: String!) {
      strategy(name: $name) { ...page signals(first: 2) { edges { node { confidence } } } }
      again: strategy(name: $name) { ...page }
    }
    fragment page on Strategy { signals(first: 2) { edges { node { symbol } } } }`;
    type Answer = Record<'strategy' | 'again', { signals: Page<Record<string, string>> }>;
    for (let round = 0; round < 2; round += 1) {
      const response = await app.graphql<Answer>(query, { name: strategyName });
      expect(response.errors).toBeUndefined();
      const nodes = (answer?: { signals: Page<Record<string, string>> }) =>
        answer?.signals.edges.map((edge) => edge.node);
      expect(nodes(response.data?.strategy)).toEqual([
        { symbol: 'BTCUSDT', confidence: '0.75' },
        { symbol: 'BTCUSDT', confidence: '0.75' },
      ]);
      expect(nodes(response.data?.again)).toEqual([{ symbol: 'BTCUSDT' }, { symbol: 'BTCUSDT' }]);
    }
  });

  it('select no column the query does not read', async () => {
    app.resetStatements();
    const response = await app.graphql(
      `query($name: String!) { strategy(name: $name) { signals(first: 5) { edges { node {
        symbol orders(first: 2) { edges { node { side } } } } } } } }`,
      { name: strategyName },
    );
    expect(response.errors).toBeUndefined();
    // The strategy, with its signals' page embedded and their orders' pages inside it.
    expect(app.statements).toHaveLength(1);
    for (const sql of app.statements) {
      expect(sql).toMatch(/"signals"/);
      expect(sql).not.toMatch(/"factors"|"metadata"|"indicators"|"parameters"/);
    }
  });
});
