import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './support/database.ts';
import { createOrder, createSignal, createStrategy } from './support/fixtures.ts';
import { createTestApp, type TestApp } from './support/test-app.ts';

// Queries and mutations run compiled (src/compiled-execution.ts); clients must not be able to
// tell: the same requests get byte-identical responses from an app executing with graphql-js.
const gid = (typename: string, id: bigint) => Buffer.from(`${typename}:${id}`).toString('base64');

let database: TestDatabase;
let compiled: TestApp;
let interpreted: TestApp;
let limited: string;
let writeOnly: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  database = await createTestDatabase();
  compiled = await createTestApp({ database });
  interpreted = await createTestApp({ database, compiledExecution: false });
  const { prisma } = compiled;
  const own = await createStrategy(prisma, { name: 'compiled-own' });
  const other = await createStrategy(prisma, { name: 'compiled-other' });
  const foreignSignal = await createSignal(prisma, { strategyId: other.id });
  await createSignal(prisma, { strategyId: own.id });
  const crossing = await createOrder(prisma, {
    strategyId: own.id,
    signalId: foreignSignal.id,
    clientOrderId: 'compiled-crossing',
  });
  ids.own = gid('Strategy', own.id);
  ids.crossing = gid('Order', crossing.id);
  limited = await compiled.createKey({ scopes: ['READ'], strategyIds: [own.id] });
  writeOnly = await compiled.createKey({ scopes: ['WRITE'] });
});
afterAll(async () => {
  await compiled?.close();
  await interpreted?.close();
  await database?.drop();
});

/** Status and body of the same request to both apps, with the same request id. */
async function both(query: string, variables: Record<string, unknown>, apiKey?: string) {
  const responses = [];
  for (const app of [compiled, interpreted]) {
    const response = await app.fetch({
      body: JSON.stringify({ query, variables }),
      headers: {
        'x-request-id': 'compiled-comparison-1',
        ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
      },
    });
    responses.push({ status: response.status, body: await response.text() });
  }
  return responses;
}

describe('compiled execution answers as graphql-js does', () => {
  it.each([
    [
      'a successful query with nested lists',
      `query($id: ID!) {
        strategy(id: $id) { name signals(first: 5) { totalCount edges { node { symbol score } } } }
        signals(first: 5) { edges { cursor node { direction strategy { name } } } }
      }`,
      () => ({ id: ids.own }),
      () => undefined,
    ],
    [
      'a FORBIDDEN resolver error, with partial data',
      `query($id: ID!) {
        order(id: $id) { clientOrderId signal { id direction } }
      }`,
      () => ({ id: ids.crossing }),
      () => limited,
    ],
    [
      'a FORBIDDEN scope error',
      '{ strategies(first: 1) { totalCount } }',
      () => ({}),
      () => writeOnly,
    ],
    [
      'a typed NOT_FOUND result of a mutation',
      `mutation($input: RecordOrderInput!) {
        recordOrder(input: $input) {
          __typename
          ... on WriterError { code field message }
        }
      }`,
      () => ({
        input: {
          clientOrderId: 'compiled-not-found',
          strategyId: gid('Strategy', 987654321n),
          exchange: 'binance',
          symbol: 'BTCUSDT',
          side: 'BUY',
          type: 'LIMIT',
          quantity: '0.125',
          limitPrice: '98765.4321',
        },
      }),
      () => undefined,
    ],
  ])('%s', async (_what, query, variables, apiKey) => {
    const [fromCompiled, fromInterpreted] = await both(query, variables(), apiKey());
    expect(fromCompiled).toEqual(fromInterpreted);
  });

  it('masks unexpected errors and nulls each nullable field they reach once', async () => {
    await compiled.prisma.$executeRawUnsafe('ALTER TABLE signals RENAME TO signals_gone');
    try {
      const [fromCompiled, fromInterpreted] = await both(
        `query($id: ID!) {
          strategy(id: $id) { name }
          node(id: $id) { ... on Strategy { name signals(first: 1) { totalCount } } }
          again: node(id: $id) { ...strategySignals }
        }
        fragment strategySignals on Strategy { signals(first: 1) { edges { node { symbol } } } }`,
        { id: ids.own },
      );
      expect(fromCompiled).toEqual(fromInterpreted);
      const body = JSON.parse(fromCompiled?.body ?? '{}');
      expect(body.data).toEqual({ strategy: { name: 'compiled-own' }, node: null, again: null });
      expect(body.errors.map((error: { message: string }) => error.message)).toEqual([
        'Unexpected error.',
        'Unexpected error.',
      ]);
    } finally {
      await compiled.prisma.$executeRawUnsafe('ALTER TABLE signals_gone RENAME TO signals');
    }
  });
});
