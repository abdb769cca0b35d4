import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrder, createSignal, createStrategy } from './support/fixtures.ts';
import { createTestApp, type TestApp } from './support/test-app.ts';

// A fragment spread in two places puts the same field node under parents whose merged
// selections differ: each place must get the columns its own selection asks for, whether the
// page is read with its parent (embedded) or on its own.

let app: TestApp;
let strategyName: string;

beforeAll(async () => {
  app = await createTestApp();
  const strategy = await createStrategy(app.prisma);
  strategyName = strategy.name;
  const signal = await createSignal(app.prisma, { strategyId: strategy.id });
  await createOrder(app.prisma, { strategyId: strategy.id, signalId: signal.id });
});

afterAll(async () => {
  await app?.close();
});

const FRAGMENT = 'fragment Ids on Strategy { signals(first: 1) { edges { node { id } } } }';

describe('a relation page spread by one fragment under differently selected parents', () => {
  it('answers each place with its own fields (same parent row twice)', async () => {
    const result = await app.graphql<{
      a: { signals: { edges: Array<{ node: Record<string, unknown> }> } };
      b: { signals: { edges: Array<{ node: Record<string, unknown> }> } };
    }>(
      `query($name: String!) {
        b: strategy(name: $name) { ...Ids }
        a: strategy(name: $name) { ...Ids signals(first: 1) { edges { node { direction } } } }
      }
      ${FRAGMENT}`,
      { name: strategyName },
    );
    expect(result.errors).toBeUndefined();
    expect(Object.keys(result.data?.a.signals.edges[0]?.node ?? {})).toEqual(['id', 'direction']);
    expect(result.data?.a.signals.edges[0]?.node.direction).toEqual(expect.any(String));
    expect(Object.keys(result.data?.b.signals.edges[0]?.node ?? {})).toEqual(['id']);
  });

  it.each([
    ['fewer fields first', 'b', 'a'],
    ['more fields first', 'a', 'b'],
  ])(
    'answers each place with its own fields (pages below a list, %s)',
    async (_, first, second) => {
      const places: Record<string, string> = {
        a: 'a: signals(first: 1) { edges { node { ...SignalId orders(first: 1) { edges { node { side } } } } } }',
        b: 'b: signals(first: 1) { edges { node { ...SignalId } } }',
      };
      type Orders = { orders: { edges: Array<{ node: Record<string, unknown> }> } };
      type Place = { edges: Array<{ node: Orders }> };
      const result = await app.graphql<{
        strategies: { edges: Array<{ node: { a: Place; b: Place } }> };
      }>(
        `{ strategies(first: 5) { edges { node { ${places[first]} ${places[second]} } } } }
      fragment SignalId on Signal { id orders(first: 1) { edges { node { id } } } }`,
      );
      expect(result.errors).toBeUndefined();
      const orders = (place: 'a' | 'b') =>
        (result.data?.strategies.edges ?? []).flatMap((edge) =>
          edge.node[place].edges.flatMap((signal) => signal.node.orders.edges.map((o) => o.node)),
        );
      expect(orders('a').length).toBeGreaterThan(0);
      for (const order of orders('a')) expect(order.side).toEqual(expect.any(String));
      for (const order of orders('b')) expect(Object.keys(order)).toEqual(['id']);
    },
  );
});
