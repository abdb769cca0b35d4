import { type Client, createClient } from 'graphql-ws';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { readHeadCursor } from '../src/realtime/event-log.ts';
import {
  at,
  createFill,
  createOrder,
  createPosition,
  createSignal,
  createStrategy,
} from './support/fixtures.ts';
import { globalId, insertOrder } from './support/sql-rows.ts';
import { createTestApp, type TestApp } from './support/test-app.ts';

// To-one relations, node(id) and nodes(ids) read through the row reader: each to-one relation
// joined into the statement of its parents where they are read by id or as a list, else one
// statement per relation and nesting level; whatever the number of parents.

let app: TestApp;
let signalIds: string[] = [];
let limitedKey: string;
let foreignSignal: string;
let strategyName: string;

beforeAll(async () => {
  app = await createTestApp({ live: true });
  const { prisma } = app;
  const strategy = await createStrategy(prisma);
  const other = await createStrategy(prisma);
  strategyName = strategy.name;
  for (let s = 0; s < 12; s += 1) {
    const signal = await createSignal(prisma, {
      strategyId: strategy.id,
      generatedAt: at(`2026-01-01T00:${String(s).padStart(2, '0')}:00Z`),
    });
    signalIds.push(globalId('Signal', signal.id));
    const position = await createPosition(prisma, { strategyId: strategy.id, signalId: signal.id });
    const order = await createOrder(prisma, { strategyId: strategy.id, positionId: position.id });
    for (let f = 0; f < 2; f += 1) {
      await createFill(prisma, {
        strategyId: strategy.id,
        orderId: order.id,
        positionId: position.id,
      });
    }
  }
  signalIds = signalIds.reverse();
  foreignSignal = globalId('Signal', (await createSignal(prisma, { strategyId: other.id })).id);
  limitedKey = await app.createKey({ scopes: ['READ'], strategyIds: [strategy.id] });
});

afterAll(async () => {
  await app?.close();
});

async function statementsFor(
  query: string,
  variables: Record<string, unknown>,
  apiKey?: string,
): Promise<{ data: unknown; statements: string[] }> {
  app.resetStatements();
  const response = await app.graphql(query, variables, apiKey ? { apiKey } : undefined);
  expect(response.errors).toBeUndefined();
  return { data: response.data, statements: [...app.statements] };
}

const NODE = `query($id: ID!) { node(id: $id) { ... on Signal { id symbol strategy { name } } } }`;
const NODES = `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Signal { id strategy { name } } } }`;
const POSITIONS = `query($first: Int!) { positions(first: $first) { edges { node {
  id strategy { name } signal { id }
  fills(first: 2) { edges { node { price order { clientOrderId strategy { name } } } } }
} } } }`;

describe('to-one relations and node lookups', () => {
  it('reads node(id) of a signal with its strategy in 1 statement', async () => {
    const { data, statements } = await statementsFor(NODE, { id: signalIds[0] });
    expect(data).toEqual({
      node: { id: signalIds[0], symbol: 'BTCUSDT', strategy: { name: strategyName } },
    });
    expect(statements).toHaveLength(1);
  });

  it('reads nodes(ids) with their strategies in 1 statement, for 2 ids as for 12', async () => {
    const small = await statementsFor(NODES, { ids: signalIds.slice(0, 2) });
    const large = await statementsFor(NODES, { ids: signalIds });
    const nodes = (large.data as { nodes: Array<{ id: string; strategy: { name: string } }> })
      .nodes;
    expect(nodes.map((node) => node.id)).toEqual(signalIds);
    expect(nodes.every((node) => node.strategy.name === strategyName)).toBe(true);
    expect(small.statements).toHaveLength(1);
    expect(large.statements).toHaveLength(1);
  });

  it('reads positions, their strategies and signals, fills and their orders in as many statements for 2 as for 12', async () => {
    const small = await statementsFor(POSITIONS, { first: 2 });
    const large = await statementsFor(POSITIONS, { first: 12 });
    const edges = (
      large.data as {
        positions: {
          edges: Array<{ node: { fills: { edges: Array<{ node: { order: unknown } }> } } }>;
        };
      }
    ).positions.edges;
    expect(edges).toHaveLength(12);
    const fills = edges.flatMap((edge) => edge.node.fills.edges);
    expect(fills).toHaveLength(24);
    expect(fills[0]?.node.order).toMatchObject({ strategy: { name: strategyName } });
    // positions with their strategies and signals joined and the fills' pages embedded, with
    // the fills' orders and the orders' strategies joined inside them
    expect(large.statements).toHaveLength(1);
    expect(small.statements).toHaveLength(1);
    // Joined relations read the columns their selection reads, not every column.
    expect(large.statements[0]).toContain('"strategy.name"');
    expect(large.statements[0]).not.toContain('"strategy.parameters"');
  });

  it('keeps node(id) and nodes(ids) of a limited key to its strategies: foreign ids read as null', async () => {
    const { data } = await statementsFor(NODES, { ids: [signalIds[0], foreignSignal] }, limitedKey);
    expect(data).toEqual({ nodes: [{ id: signalIds[0], strategy: { name: strategyName } }, null] });
    const single = await statementsFor(NODE, { id: foreignSignal }, limitedKey);
    expect(single.data).toEqual({ node: null });
  });
});

describe('to-one relations of subscription events', () => {
  /** Runs `test` with a SQL connection, a graphql-ws client and the test strategy's id. */
  async function withLive(
    test: (live: { sql: pg.Client; client: Client; strategy: bigint }) => Promise<void>,
  ) {
    const sql = new pg.Client({ connectionString: app.database.url });
    await sql.connect();
    const url = await app.listen();
    const client: Client = createClient({
      url: url.replace('http', 'ws'),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: true,
      connectionParams: { authorization: `Bearer ${app.adminKey}` },
    });
    try {
      const { id } = await app.prisma.strategy.findFirstOrThrow({ where: { name: strategyName } });
      await test({ sql, client, strategy: id });
    } finally {
      await client.dispose();
      await sql.end();
    }
  }

  it('reads each event’s relations and pages afresh, not from an earlier event of the subscription', async () => {
    await withLive(async ({ sql, client, strategy }) => {
      const order = await insertOrder(sql, strategy, 'to-one-fresh');
      const insertFill = (n: number) =>
        sql.query(
          `INSERT INTO fills (order_id, strategy_id, exchange, exchange_fill_id, symbol, side, price, quantity, executed_at)
           VALUES ($1, $2, 'kraken', $3, 'XRP/USD', 'BUY', '0.5', '1', now())`,
          [order, strategy, `to-one-fresh-${n}`],
        );
      const iterator = client.iterate<{
        fillCreated: {
          fill: {
            order: { status: string; strategy: { name: string }; fills: { totalCount: number } };
          };
        };
      }>({
        query: `subscription($after: String, $filter: FillFilter) { fillCreated(after: $after, filter: $filter) {
          fill { order { status strategy { name } fills { totalCount } } } } }`,
        variables: {
          after: await readHeadCursor(sql),
          filter: { orderIds: [globalId('Order', order)] },
        },
      });
      await insertFill(1);
      const first = await iterator.next();
      await sql.query(`UPDATE orders SET status = 'FILLED' WHERE id = $1`, [order]);
      await insertFill(2);
      const second = await iterator.next();
      await iterator.return?.();
      expect(first.value?.data?.fillCreated.fill.order).toEqual({
        status: 'PENDING_NEW',
        strategy: { name: strategyName },
        fills: { totalCount: 1 },
      });
      expect(second.value?.data?.fillCreated.fill.order).toMatchObject({
        status: 'FILLED',
        fills: { totalCount: 2 },
      });
    });
  });

  it('loads the to-one relations of a batch of events together, in one statement', async () => {
    await withLive(async ({ sql, client, strategy }) => {
      const orders = [];
      for (let n = 0; n < 3; n += 1) orders.push(await insertOrder(sql, strategy, `batch-${n}`));
      const iterator = client.iterate<{
        fillCreated: { fill: { order: { clientOrderId: string; strategy: { name: string } } } };
      }>({
        query: `subscription($after: String, $filter: FillFilter) { fillCreated(after: $after, filter: $filter) {
          fill { order { clientOrderId strategy { name } } } } }`,
        variables: {
          after: await readHeadCursor(sql),
          filter: { orderIds: orders.map((order) => globalId('Order', order)) },
        },
      });
      app.resetStatements();
      // One transaction: its events are read (from the feed or while catching up) as one batch.
      await sql.query(
        `INSERT INTO fills (order_id, strategy_id, exchange, exchange_fill_id, symbol, side, price, quantity, executed_at)
         SELECT o, $2, 'kraken', 'batch-fill-' || o, 'XRP/USD', 'BUY', '0.5', '1', now()
         FROM unnest($1::bigint[]) AS o`,
        [orders, strategy],
      );
      const received = [];
      for (let n = 0; n < 3; n += 1) received.push((await iterator.next()).value?.data);
      await iterator.return?.();
      expect(received.map((data) => data?.fillCreated.fill.order)).toEqual(
        [0, 1, 2].map((n) => ({ clientOrderId: `batch-${n}`, strategy: { name: strategyName } })),
      );
      const reads = (table: string) =>
        app.statements.filter((statement) => statement.includes(`FROM "${table}"`));
      // The orders' strategies are joined into that one statement (to-one joins).
      expect(reads('orders')).toHaveLength(1);
      expect(reads('orders')[0]).toContain('"strategies"');
      expect(reads('strategies')).toHaveLength(0);
    });
  });
});
