import { describe, expect, it } from 'vitest';
import { createOrder, createSignal, createStrategy } from '../support/fixtures.ts';
import { gid, mutate, useApp, WRITER_ERROR, type WriterErrorResult } from './support.ts';

const app = useApp();

interface RecordOrderResult {
  created: boolean;
  conflicts: string[];
  order: { clientOrderId: string; strategy: { name: string } };
}

const RECORD_ORDER = `mutation($input: RecordOrderInput!) {
  recordOrder(input: $input) {
    __typename
    ... on RecordOrderSuccess {
      created
      conflicts
      order { id clientOrderId status quantity limitPrice filledQuantity strategy { name } }
    }
    ${WRITER_ERROR}
  }
}`;

const UPDATE_STATUS = `mutation($input: UpdateOrderStatusInput!) {
  updateOrderStatus(input: $input) {
    __typename
    ... on UpdateOrderStatusSuccess { changed order { status exchangeOrderId submittedAt } }
    ${WRITER_ERROR}
  }
}`;

async function orderInput(overrides: Record<string, unknown> = {}) {
  const strategy = await createStrategy(app().prisma, { name: `orders-${Math.random()}` });
  return {
    clientOrderId: `gql-${Math.random()}`,
    strategyId: gid('Strategy', strategy.id),
    exchange: 'binance',
    symbol: 'BTCUSDT',
    side: 'BUY',
    type: 'LIMIT',
    quantity: '0.125',
    limitPrice: '98765.4321',
    ...overrides,
  };
}

describe('recordOrder', () => {
  it('records an order and returns it with its strategy', async () => {
    const input = await orderInput();
    const result = await mutate<RecordOrderResult>(app(), RECORD_ORDER, { input });
    expect(result).toMatchObject({
      __typename: 'RecordOrderSuccess',
      created: true,
      conflicts: [],
      order: {
        clientOrderId: input.clientOrderId,
        status: 'PENDING_NEW',
        quantity: '0.125',
        limitPrice: '98765.4321',
        filledQuantity: '0',
      },
    });
    expect(result.order.strategy.name).toMatch(/^orders-/);
  });

  it('returns the stored order with created: false when the clientOrderId is retried', async () => {
    const input = await orderInput();
    const first = await mutate<RecordOrderResult>(app(), RECORD_ORDER, { input });
    const retry = await mutate<RecordOrderResult>(app(), RECORD_ORDER, {
      input: { ...input, quantity: '0.5' },
    });
    expect(retry).toMatchObject({ created: false, conflicts: ['quantity'] });
    expect(retry.order).toEqual(first.order);
    const rows = await app().prisma.$queryRaw<{ count: bigint }[]>`
      SELECT count(*) FROM orders WHERE client_order_id = ${input.clientOrderId}`;
    expect(rows[0]?.count).toBe(1n);
  });

  it('returns NOT_FOUND for a strategy that does not exist', async () => {
    const input = await orderInput({ strategyId: gid('Strategy', 987654321n) });
    const result = await mutate<WriterErrorResult>(app(), RECORD_ORDER, { input });
    expect(result).toEqual({
      __typename: 'WriterError',
      code: 'NOT_FOUND',
      field: 'strategyId',
      message: `strategyId: no strategy with id ${input.strategyId} exists.`,
    });
  });

  it('returns INVALID for a quantity with more digits than the column keeps', async () => {
    const input = await orderInput({ quantity: '0.0000000000000000001' });
    const result = await mutate<WriterErrorResult>(app(), RECORD_ORDER, { input });
    expect(result).toMatchObject({ code: 'INVALID', field: 'quantity' });
    expect(result.message).toMatch(/19 fractional digits.*at most 18/);
  });

  it('refuses a JSON number sent for a Decimal variable as a variable error, not a 500', async () => {
    const input = await orderInput({ quantity: 0.1 });
    const response = await app().graphql(RECORD_ORDER, { input });
    expect(response.status).toBeLessThan(500);
    expect(response.data ?? null).toBeNull();
    // Variable coercion fails before any resolver runs, so no writer is called. The message
    // names the variable and the path of the bad value, then what the scalar expects.
    expect(response.errors?.[0]?.message).toBe(
      'Variable "$input" got invalid value 0.1 at "input.quantity"; Decimal must be sent as a string (e.g. "0.1"), got the number 0.1, which JSON has already made a float.',
    );
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(app().unexpectedErrors).toEqual([]);
  });

  it('returns INVALID for a LIMIT order without limitPrice', async () => {
    const input = await orderInput({ limitPrice: null });
    const result = await mutate<WriterErrorResult>(app(), RECORD_ORDER, { input });
    expect(result).toMatchObject({
      code: 'INVALID',
      field: 'limitPrice',
      message: 'limitPrice is required for a LIMIT order.',
    });
  });
});

describe('updateOrderStatus', () => {
  it('moves an order named by clientOrderId to NEW and records the exchange id', async () => {
    const strategy = await createStrategy(app().prisma);
    const order = await createOrder(app().prisma, { strategyId: strategy.id });
    const result = await mutate(app(), UPDATE_STATUS, {
      input: {
        clientOrderId: order.clientOrderId,
        status: 'NEW',
        exchangeOrderId: 'EX-1',
        at: '2026-01-01T00:00:00.250Z',
      },
    });
    expect(result).toEqual({
      __typename: 'UpdateOrderStatusSuccess',
      changed: true,
      order: { status: 'NEW', exchangeOrderId: 'EX-1', submittedAt: '2026-01-01T00:00:00.250Z' },
    });
  });

  it('returns ILLEGAL_TRANSITION for a change the table does not allow', async () => {
    const strategy = await createStrategy(app().prisma);
    const order = await createOrder(app().prisma, { strategyId: strategy.id, status: 'CANCELED' });
    const result = await mutate<WriterErrorResult>(app(), UPDATE_STATUS, {
      input: { orderId: gid('Order', order.id), status: 'NEW' },
    });
    expect(result).toEqual({
      __typename: 'WriterError',
      code: 'ILLEGAL_TRANSITION',
      field: 'status',
      message: `order ${order.clientOrderId} is CANCELED and cannot become NEW; allowed from CANCELED: none (final status).`,
    });
  });

  it('returns NOT_FOUND for an unknown clientOrderId', async () => {
    const result = await mutate<WriterErrorResult>(app(), UPDATE_STATUS, {
      input: { clientOrderId: 'never-sent', status: 'NEW' },
    });
    expect(result).toMatchObject({ code: 'NOT_FOUND', field: 'clientOrderId' });
  });

  it('refuses an ID of another type as BAD_USER_INPUT, not as a typed result', async () => {
    const strategy = await createStrategy(app().prisma);
    const signal = await createSignal(app().prisma, { strategyId: strategy.id });
    const response = await app().graphql(UPDATE_STATUS, {
      input: { orderId: gid('Signal', signal.id), status: 'NEW' },
    });
    expect(response.status).toBe(200);
    expect(response.data).toBeNull();
    expect(response.errors?.[0]).toMatchObject({
      message: expect.stringMatching(
        /input\.orderId: ".*" is the ID of a Signal, expected an Order/,
      ),
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(app().unexpectedErrors).toEqual([]);
  });
});
