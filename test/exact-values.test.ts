import type { GraphQLScalarType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Prisma } from '../src/generated/prisma/client.ts';
import { schema } from '../src/schema/index.ts';
import { createFill, createOrder, createPosition, createStrategy } from './support/fixtures.ts';
import { createTestApp, type TestApp } from './support/test-app.ts';

let app: TestApp;

beforeAll(async () => {
  app = await createTestApp();
});

afterAll(async () => {
  await app?.close();
});

describe('decimals are exact end to end', () => {
  it('returns values with 18+ significant digits and tiny amounts digit for digit', async () => {
    const strategy = await createStrategy(app.prisma, {
      allocatedCapital: '12345678901234567890.123456789012345678',
    });
    const order = await createOrder(app.prisma, {
      strategyId: strategy.id,
      clientOrderId: 'exact-1',
      quantity: '0.000000000000000001',
      limitPrice: '98765432109876543.21',
      fees: '0.1',
    });
    await createFill(app.prisma, {
      strategyId: strategy.id,
      orderId: order.id,
      price: '0.2',
      quantity: '0.3',
      fee: '-0.000123456789012345',
    });
    const response = await app.graphql<{ order: Record<string, unknown> }>(`{
      order(clientOrderId: "exact-1") {
        quantity limitPrice fees filledQuantity averageFillPrice
        strategy { allocatedCapital }
        fills { edges { node { price quantity fee } } }
      }
    }`);
    expect(response.errors).toBeUndefined();
    expect(response.data?.order).toEqual({
      quantity: '0.000000000000000001',
      limitPrice: '98765432109876543.21',
      fees: '0.1',
      filledQuantity: '0',
      averageFillPrice: null,
      strategy: { allocatedCapital: '12345678901234567890.123456789012345678' },
      fills: { edges: [{ node: { price: '0.2', quantity: '0.3', fee: '-0.000123456789012345' } }] },
    });
  });

  it('writes NUMERIC text exactly as a Decimal would, without trailing zeros', () => {
    const decimal = schema.getType('Decimal') as GraphQLScalarType;
    const texts = ['0', '0.000', '-0.000', '1.500', '100', '100.000', '-12.50', '10.01'];
    texts.push('0.000000000000000001', '98765432109876543.210000000000000000');
    for (const text of texts) {
      expect(decimal.serialize(text), text).toBe(new Prisma.Decimal(text).toFixed());
    }
    expect(decimal.serialize('-12.50')).toBe('-12.5');
    expect(() => decimal.serialize('1e5')).toThrow('Decimal cannot represent this value.');
  });

  it('sums in the database without float error (0.1 + 0.2 = 0.3)', async () => {
    const strategy = await createStrategy(app.prisma);
    const order = await createOrder(app.prisma, { strategyId: strategy.id, quantity: '1' });
    await createFill(app.prisma, { strategyId: strategy.id, orderId: order.id, quantity: '0.1' });
    await createFill(app.prisma, { strategyId: strategy.id, orderId: order.id, quantity: '0.2' });
    const [row] = await app.prisma.$queryRaw<Array<{ total: string }>>`
      SELECT sum(quantity)::text AS total FROM fills WHERE order_id = ${order.id}`;
    expect(row?.total).toMatch(/^0\.30*$/);
  });

  it('keeps a list of take-profit levels exact', async () => {
    const strategy = await createStrategy(app.prisma);
    const position = await createPosition(app.prisma, {
      strategyId: strategy.id,
      takeProfits: ['2.45671', '2.5', '3.000000000000000001'],
    });
    const id = Buffer.from(`Position:${position.id}`).toString('base64');
    const response = await app.graphql<{ node: { takeProfits: string[] } }>(
      'query($id: ID!) { node(id: $id) { ... on Position { takeProfits } } }',
      { id },
    );
    expect(response.data?.node.takeProfits).toEqual(['2.45671', '2.5', '3.000000000000000001']);
  });
});

describe('times are UTC instants with millisecond precision', () => {
  it('returns ISO 8601 UTC with milliseconds, whatever offset the row was written with', async () => {
    const strategy = await createStrategy(app.prisma);
    await app.prisma.$executeRaw`
      INSERT INTO signals (strategy_id, exchange, symbol, direction, generated_at, external_id)
      VALUES (${strategy.id}, 'binance', 'ETHUSDT', 'LONG', '2026-05-06 09:08:07.123456+02:00', 'tz-1')`;
    const response = await app.graphql<{
      signals: { edges: Array<{ node: { generatedAt: string } }> };
    }>('{ signals(filter: { symbol: "ETHUSDT" }) { edges { node { generatedAt } } } }');
    expect(response.data?.signals.edges[0]?.node.generatedAt).toBe('2026-05-06T07:08:07.123Z');
  });

  it('filters on a time range at millisecond resolution', async () => {
    const strategy = await createStrategy(app.prisma);
    for (const ms of ['000', '001', '002']) {
      await app.prisma.signal.create({
        data: {
          strategyId: strategy.id,
          exchange: 'binance',
          symbol: 'MSUSDT',
          direction: 'LONG',
          generatedAt: new Date(`2026-07-01T00:00:00.${ms}Z`),
        },
      });
    }
    const response = await app.graphql<{ signals: { totalCount: number } }>(
      '{ signals(filter: { symbol: "MSUSDT", generatedAt: { from: "2026-07-01T00:00:00.001Z", to: "2026-07-01T02:00:00.002+02:00" } }) { totalCount } }',
    );
    expect(response.data?.signals.totalCount).toBe(1);
  });
});
