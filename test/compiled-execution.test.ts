import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readHeadCursor } from '../src/realtime/event-log.ts';
import { createTestDatabase, type TestDatabase } from './support/database.ts';
import {
  createEquitySnapshot,
  createFill,
  createOrder,
  createPosition,
  createSignal,
  createStrategy,
} from './support/fixtures.ts';
import { createTestApp, type TestApp } from './support/test-app.ts';

// Queries, mutations and subscription events run compiled (src/compiled-execution.ts,
// src/realtime/compiled-events.ts); clients must not be able to tell: the same requests get
// byte-identical responses from an app executing with graphql-js.
const gid = (typename: string, id: bigint) => Buffer.from(`${typename}:${id}`).toString('base64');

let database: TestDatabase;
let compiled: TestApp;
let interpreted: TestApp;
let limited: string;
let writeOnly: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  database = await createTestDatabase();
  compiled = await createTestApp({ database, live: true });
  interpreted = await createTestApp({ database, live: true, compiledExecution: false });
  const { prisma } = compiled;
  const own = await createStrategy(prisma, { name: 'compiled-own' });
  const other = await createStrategy(prisma, { name: 'compiled-other' });
  const foreignSignal = await createSignal(prisma, { strategyId: other.id });
  // The signal's event is the last before the fill's: subscriptions resume after it.
  const head = compiled.live && (await readHeadCursor(compiled.live.catchUp));
  if (!head) throw new Error('no live event to resume after');
  ids.beforeFills = head;
  ids.ownSignal = gid('Signal', (await createSignal(prisma, { strategyId: own.id })).id);
  const crossing = await createOrder(prisma, {
    strategyId: own.id,
    signalId: foreignSignal.id,
    clientOrderId: 'compiled-crossing',
  });
  const position = await createPosition(prisma, {
    strategyId: own.id,
    metadata: { source: 'compiled' },
    takeProfits: ['101.5', '103'],
  });
  await createFill(prisma, {
    strategyId: own.id,
    orderId: crossing.id,
    positionId: position.id,
    fee: '0.0125',
  });
  await createEquitySnapshot(prisma, { strategyId: own.id, drawdownPct: '-1.25' });
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
      'every kind of field of strategy-owned rows, for a key without a strategy limit',
      `query($id: ID!) {
        positions(first: 5) { edges { cursor node {
          id databaseId symbol direction status size remainingSize takeProfits metadata openedAt
          closedAt strategy { id name } fills(first: 5) { edges { cursor node {
            id price fee feeAsset liquidity executedAt order { clientOrderId signal { direction } }
          } } pageInfo { hasNextPage endCursor } }
        } } }
        equitySnapshots(filter: { strategyIds: [$id] }) { edges { node {
          time equity drawdownPct positions metadata mode strategy { name }
        } } }
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
    [
      'a field merged with a copy that @include leaves out',
      `query($id: ID!, $more: Boolean!) {
        node(id: $id) { ... on Signal { id } }
        node(id: $id) @include(if: $more) { ... on Signal { symbol } }
      }`,
      () => ({ id: ids.ownSignal, more: false }),
      () => undefined,
    ],
    [
      'a fragment spread @skip leaves out beside the same fields unconditioned',
      `query($id: ID!, $skip: Boolean!) {
        strategy(id: $id) { name ...more @skip(if: $skip) }
        again: strategy(id: $id) @skip(if: $skip) { name }
      }
      fragment more on Strategy { version signals(first: 1) { totalCount } }`,
      () => ({ id: ids.own, skip: true }),
      () => undefined,
    ],
  ])('%s', async (_what, query, variables, apiKey) => {
    const [fromCompiled, fromInterpreted] = await both(query, variables(), apiKey());
    expect(fromCompiled).toEqual(fromInterpreted);
  });

  it("refuses a limited key's foreign rows in a document a key without a limit ran first", async () => {
    const query = `query($id: ID!) { order(id: $id) { clientOrderId signal { id direction } } }`;
    const unlimited = await both(query, { id: ids.crossing });
    const limitedAfter = await both(query, { id: ids.crossing }, limited);
    const unlimitedAfter = await both(query, { id: ids.crossing });
    expect(limitedAfter[0]).toEqual(limitedAfter[1]);
    expect(JSON.parse(limitedAfter[0]?.body ?? '{}').errors[0].extensions.code).toBe('FORBIDDEN');
    for (const [fromCompiled, fromInterpreted] of [unlimited, unlimitedAfter]) {
      expect(fromCompiled).toEqual(fromInterpreted);
      expect(JSON.parse(fromCompiled?.body ?? '{}')).toEqual({
        data: { order: { clientOrderId: 'compiled-crossing', signal: expect.any(Object) } },
      });
    }
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

/**
 * The first event of the same subscription from both apps, over SSE with the same request id:
 * it resumes from before the fixtures' fill, so both read the same event.
 */
async function bothFirstEvents(query: string, apiKey?: string) {
  const events = [];
  for (const app of [compiled, interpreted]) {
    const response = await app.fetch({
      body: JSON.stringify({ query, variables: { after: ids.beforeFills } }),
      headers: {
        accept: 'text/event-stream',
        'x-request-id': 'compiled-comparison-2',
        ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
      },
    });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    let text = '';
    while (!/^data: .*$/m.test(text)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    await reader.cancel();
    events.push({ status: response.status, event: text.match(/^data: (.*)$/m)?.[1] });
  }
  return events;
}

describe('compiled subscription events answer as graphql-js does', () => {
  it.each([
    [
      'an event with nested relations',
      `subscription($after: String) { fillCreated(after: $after) {
        cursor operation fill { exchangeFillId price order { clientOrderId strategy { name } } }
      } }`,
      () => undefined,
    ],
    [
      'an event with a FORBIDDEN relation, with partial data',
      `subscription($after: String) { fillCreated(after: $after) {
        fill { exchangeFillId order { clientOrderId signal { id direction } } }
      } }`,
      () => limited,
    ],
  ])('%s', async (_what, query, apiKey) => {
    const [fromCompiled, fromInterpreted] = await bothFirstEvents(query, apiKey());
    expect(JSON.parse(fromCompiled?.event ?? '{}').data.fillCreated.fill).toBeDefined();
    expect(fromCompiled).toEqual(fromInterpreted);
  });

  it('masks unexpected errors of an event and nulls each nullable field they reach once', async () => {
    await compiled.prisma.$executeRawUnsafe('ALTER TABLE strategies RENAME TO strategies_gone');
    try {
      const [fromCompiled, fromInterpreted] = await bothFirstEvents(
        `subscription($after: String) { fillCreated(after: $after) {
          cursor fill { order { signal { strategy { name } } again: signal { ...strategy } } }
        } }
        fragment strategy on Signal { strategy { id name } }`,
      );
      expect(fromCompiled).toEqual(fromInterpreted);
      const body = JSON.parse(fromCompiled?.event ?? '{}');
      expect(body.data.fillCreated.fill.order).toEqual({ signal: null, again: null });
      expect(body.errors.map((error: { message: string }) => error.message)).toEqual([
        'Unexpected error.',
        'Unexpected error.',
      ]);
    } finally {
      await compiled.prisma.$executeRawUnsafe('ALTER TABLE strategies_gone RENAME TO strategies');
    }
  });
});

describe('row selections kept per parsed document (src/schema/row-lookups.ts)', () => {
  it('follow each request when graphql-js leaves a merged field out by @include', async () => {
    // graphql-js merges the second node(id) into the first only when $more is true, so the
    // same document's field has other nodes from one request to the next.
    const query = `query($id: ID!, $more: Boolean!) {
      node(id: $id) { ... on Signal { id } }
      node(id: $id) @include(if: $more) { ... on Signal { symbol strategy { name } } } }`;
    for (const more of [false, true, false]) {
      const response = await interpreted.graphql(query, { id: ids.ownSignal, more });
      expect(response.errors).toBeUndefined();
      expect(response.data).toEqual({
        node: more
          ? { id: ids.ownSignal, symbol: 'BTCUSDT', strategy: { name: 'compiled-own' } }
          : { id: ids.ownSignal },
      });
    }
  });
});
