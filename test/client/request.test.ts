import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { createTradegraphClient, type TradegraphClient } from '../../src/client/client.ts';
import {
  expectSuccess,
  TradegraphGraphQLError,
  TradegraphHttpError,
  TradegraphWriterError,
} from '../../src/client/errors.ts';
import {
  OrderByClientOrderIdDocument,
  RecordFillDocument,
  RecordOrderDocument,
  StrategyByNameDocument,
  UpdateOrderStatusDocument,
} from '../../src/client/generated/graphql.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { gid, insertStrategyAndOrder, pg } from './support.ts';

let app: TestApp;
let sql: pg.Client;
let client: TradegraphClient;
let url: string;
let strategyId: string;

beforeAll(async () => {
  app = await createTestApp();
  sql = new pg.Client({ connectionString: app.database.url });
  await sql.connect();
  strategyId = (await insertStrategyAndOrder(sql, 'client-request')).strategy;
  url = await app.listen();
  client = createTradegraphClient({ url, apiKey: app.adminKey });
});

afterAll(async () => {
  await client?.close();
  await sql?.end();
  await app?.close();
});

describe('typed client requests', () => {
  it('runs a typed query and infers its result', async () => {
    const data = await client.request(StrategyByNameDocument, { name: 'client-request' });
    expectTypeOf(data.strategy?.databaseId).toEqualTypeOf<string | undefined>();
    expect(data.strategy?.databaseId).toBe(strategyId);
    expect(data.strategy?.id).toBe(gid('Strategy', strategyId));
  });

  it('records an order, updates its status and fills it through typed mutations', async () => {
    const recorded = expectSuccess(
      (
        await client.request(RecordOrderDocument, {
          input: {
            clientOrderId: 'client-1',
            strategyId: gid('Strategy', strategyId),
            exchange: 'kraken',
            symbol: 'XRP/USD',
            side: 'BUY',
            type: 'MARKET',
            quantity: '100',
          },
        })
      ).recordOrder,
    );
    expect(recorded).toMatchObject({ created: true, order: { clientOrderId: 'client-1' } });
    const updated = expectSuccess(
      (
        await client.request(UpdateOrderStatusDocument, {
          input: { clientOrderId: 'client-1', status: 'NEW' },
        })
      ).updateOrderStatus,
    );
    expect(updated.order.status).toBe('NEW');
    const filled = expectSuccess(
      (
        await client.request(RecordFillDocument, {
          input: {
            clientOrderId: 'client-1',
            exchangeFillId: 'client-fill-1',
            price: '0.52131',
            quantity: '100',
            executedAt: new Date().toISOString(),
          },
        })
      ).recordFill,
    );
    expect(filled.order).toMatchObject({ status: 'FILLED', averageFillPrice: '0.52131' });
    const { order } = await client.request(OrderByClientOrderIdDocument, {
      clientOrderId: 'client-1',
    });
    expect(order).toMatchObject({ filledQuantity: '100', status: 'FILLED' });
  });

  it('narrows a WriterError into a TradegraphWriterError with code and field', async () => {
    const { recordFill } = await client.request(RecordFillDocument, {
      input: {
        clientOrderId: 'no-such-order',
        price: '1',
        quantity: '1',
        executedAt: new Date().toISOString(),
      },
    });
    const error = (() => {
      try {
        expectSuccess(recordFill);
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(TradegraphWriterError);
    expect(error).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('throws TradegraphGraphQLError with codes for a bad variable', async () => {
    const error = await client
      .request(OrderByClientOrderIdDocument, { clientOrderId: 1 as unknown as string })
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(TradegraphGraphQLError);
    expect((error as TradegraphGraphQLError).codes).toEqual(['BAD_USER_INPUT']);
  });

  it('throws TradegraphHttpError with the status when the URL is not a GraphQL endpoint', async () => {
    const wrong = createTradegraphClient({ url: url.replace('/graphql', '/nope') });
    const error = await wrong
      .request(StrategyByNameDocument, { name: 'x' })
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(TradegraphHttpError);
    expect((error as TradegraphHttpError).status).toBe(404);
    await wrong.close();
  });
});
