import { describe, expect, it } from 'vitest';
import { createOrder, createStrategy } from '../support/fixtures.ts';
import { gid, mutate, useApp, WRITER_ERROR, type WriterErrorResult } from './support.ts';

const app = useApp();

const FILL_RESULT = `
  created
  conflicts
  fill { price quantity fee exchangeFillId order { clientOrderId } }
  order { status filledQuantity averageFillPrice fees }
  position { direction status remainingSize averageEntryPrice }`;

const RECORD_FILL = `mutation($input: RecordFillInput!) {
  recordFill(input: $input) {
    __typename
    ... on RecordFillSuccess { ${FILL_RESULT} }
    ${WRITER_ERROR}
  }
}`;

const RECORD_FILLS = `mutation($input: RecordFillsInput!) {
  recordFills(input: $input) {
    __typename
    ... on RecordFillsSuccess { results { ${FILL_RESULT} } }
    ${WRITER_ERROR}
  }
}`;

interface FillResult {
  created: boolean;
  conflicts: string[];
  order: { status: string; filledQuantity: string };
}

async function newOrder(quantity = '1') {
  const strategy = await createStrategy(app().prisma);
  return createOrder(app().prisma, { strategyId: strategy.id, quantity, status: 'NEW' });
}

let fillSequence = 0;
const fill = (overrides: Record<string, unknown> = {}) => ({
  exchangeFillId: `gql-fill-${++fillSequence}`,
  price: '100.5',
  quantity: '0.25',
  fee: '0.01',
  executedAt: '2026-01-01T00:00:05.000Z',
  ...overrides,
});

const countFills = async (orderId: bigint) => {
  const rows = await app().prisma.$queryRaw<{ count: bigint }[]>`
    SELECT count(*) FROM fills WHERE order_id = ${orderId}`;
  return rows[0]?.count;
};

describe('recordFill', () => {
  it("returns the fill with its order's new filled quantity and the position it opened", async () => {
    const order = await newOrder();
    const result = await mutate(app(), RECORD_FILL, {
      input: fill({ orderId: gid('Order', order.id), exchangeFillId: 'T-1' }),
    });
    expect(result).toEqual({
      __typename: 'RecordFillSuccess',
      created: true,
      conflicts: [],
      fill: {
        price: '100.5',
        quantity: '0.25',
        fee: '0.01',
        exchangeFillId: 'T-1',
        order: { clientOrderId: order.clientOrderId },
      },
      order: {
        status: 'PARTIALLY_FILLED',
        filledQuantity: '0.25',
        averageFillPrice: '100.5',
        fees: '0.01',
      },
      position: {
        direction: 'LONG',
        status: 'OPEN',
        remainingSize: '0.25',
        averageEntryPrice: '100.5',
      },
    });
  });

  it('applies a retried exchange fill id once and answers created: false', async () => {
    const order = await newOrder();
    const input = fill({ clientOrderId: order.clientOrderId });
    await mutate(app(), RECORD_FILL, { input });
    const retry = await mutate<FillResult>(app(), RECORD_FILL, {
      input: { ...input, fee: '0.02' },
    });
    expect(retry).toMatchObject({
      created: false,
      conflicts: ['fee'],
      order: { filledQuantity: '0.25' },
    });
    expect(await countFills(order.id)).toBe(1n);
  });

  it('returns NOT_FOUND for an order that does not exist', async () => {
    const result = await mutate<WriterErrorResult>(app(), RECORD_FILL, {
      input: fill({ orderId: gid('Order', 987654321n) }),
    });
    expect(result).toEqual({
      __typename: 'WriterError',
      code: 'NOT_FOUND',
      field: 'orderId',
      message: `orderId: no order with id ${gid('Order', 987654321n)} exists.`,
    });
  });

  it('returns a WriterError for a fill larger than the unfilled quantity and writes nothing', async () => {
    const order = await newOrder('1');
    const result = await mutate<WriterErrorResult>(app(), RECORD_FILL, {
      input: fill({ orderId: gid('Order', order.id), quantity: '1.5' }),
    });
    expect(result).toMatchObject({ __typename: 'WriterError', code: 'INVALID', field: 'quantity' });
    expect(result.message).toMatch(/1\.5/);
    expect(await countFills(order.id)).toBe(0n);
  });

  it('returns INVALID for a price with more digits than the column keeps', async () => {
    const order = await newOrder();
    const result = await mutate<WriterErrorResult>(app(), RECORD_FILL, {
      input: fill({ orderId: gid('Order', order.id), price: '1.1234567890123456789' }),
    });
    expect(result).toMatchObject({ code: 'INVALID', field: 'price' });
  });
});

describe('recordFills', () => {
  it('records a batch in order and returns one result per fill', async () => {
    const order = await newOrder('1');
    const result = await mutate<{ results: FillResult[] }>(app(), RECORD_FILLS, {
      input: {
        fills: [
          fill({ orderId: gid('Order', order.id), quantity: '0.4' }),
          fill({ clientOrderId: order.clientOrderId, quantity: '0.6' }),
        ],
      },
    });
    expect(result.results.map((r) => [r.created, r.order.status, r.order.filledQuantity])).toEqual([
      [true, 'PARTIALLY_FILLED', '0.4'],
      [true, 'FILLED', '1'],
    ]);
  });

  it('writes nothing when one fill of the batch is refused', async () => {
    const first = await newOrder('1');
    const second = await newOrder('1');
    const result = await mutate<WriterErrorResult>(app(), RECORD_FILLS, {
      input: {
        fills: [
          fill({ orderId: gid('Order', first.id), quantity: '0.5' }),
          fill({ orderId: gid('Order', second.id), quantity: '0.5' }),
          fill({ orderId: gid('Order', second.id), price: '-1' }),
        ],
      },
    });
    expect(result).toMatchObject({ code: 'INVALID', field: 'fills.2.price' });
    expect(await countFills(first.id)).toBe(0n);
    expect(await countFills(second.id)).toBe(0n);
    const rows = await app().prisma.$queryRaw<{ filled: string }[]>`
      SELECT filled_quantity::text AS filled FROM orders WHERE id IN (${first.id}, ${second.id})`;
    expect(rows.map((row) => Number(row.filled))).toEqual([0, 0]);
  });

  it('rolls back the fills before a fill refused while being applied', async () => {
    const order = await newOrder('1');
    const result = await mutate<WriterErrorResult>(app(), RECORD_FILLS, {
      input: {
        fills: [
          fill({ orderId: gid('Order', order.id), quantity: '0.75' }),
          fill({ orderId: gid('Order', order.id), quantity: '0.5' }),
        ],
      },
    });
    expect(result).toMatchObject({ __typename: 'WriterError', code: 'INVALID' });
    expect(await countFills(order.id)).toBe(0n);
    const stored = await app().prisma.order.findUniqueOrThrow({ where: { id: order.id } });
    expect(stored.filledQuantity.toFixed()).toBe('0');
    expect(stored.status).toBe('NEW');
  });

  it('refuses more than 1,000 fills in one call with an error that names the limit', async () => {
    const order = await newOrder();
    const fills = Array.from({ length: 1001 }, () => fill({ orderId: gid('Order', order.id) }));
    const response = await app().graphql(RECORD_FILLS, { input: { fills } });
    expect(response.errors?.[0]).toMatchObject({
      message: 'recordFills takes at most 1000 fills per call, got 1001; split the batch.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(await countFills(order.id)).toBe(0n);
    expect(app().unexpectedErrors).toEqual([]);
  });
});
