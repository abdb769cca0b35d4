import { describe, expect, it } from 'vitest';
import type { Fill, Order, Position } from '../../src/generated/prisma/client.ts';
import {
  type FillInput,
  recordFill,
  recordFills,
  recordOrder,
  updateOrderStatus,
  upsertStrategy,
} from '../../src/writers/index.ts';
import { unique, useWriterDatabase } from './writer-db.ts';

let statements: string[] | null = null;
const db = useWriterDatabase({ onQuery: (sql) => statements?.push(sql) });

const at = (second: number) => new Date(Date.UTC(2026, 0, 6, 9, 0, second));

async function newStrategy(): Promise<bigint> {
  return (await upsertStrategy(db(), { name: unique('batch') })).row.id;
}

async function acknowledgedOrder(
  strategyId: bigint,
  symbol: string,
  side: 'BUY' | 'SELL',
  quantity: string,
  type: 'MARKET' | 'STOP' = 'MARKET',
): Promise<Order> {
  const { order } = await recordOrder(db(), {
    clientOrderId: unique('batch-order'),
    strategyId,
    exchange: 'binance',
    symbol,
    side,
    type,
    ...(type === 'STOP' ? { stopPrice: '90' } : {}),
    quantity,
    feeAsset: 'USDT',
  });
  await updateOrderStatus(db(), { orderId: order.id, status: 'NEW', at: at(0) });
  return order;
}

/**
 * 50 round trips of one instrument: a buy of 5 filled in five fills, then a sell of 5 filled in
 * five, so positions open, grow, shrink, close and reopen; prices and fees vary. 500 fills.
 */
async function roundTrips(strategyId: bigint): Promise<FillInput[]> {
  const symbol = unique('RT');
  const fills: FillInput[] = [];
  for (let trip = 0; trip < 50; trip++) {
    const buy = await acknowledgedOrder(strategyId, symbol, 'BUY', '5');
    const sell = await acknowledgedOrder(
      strategyId,
      symbol,
      'SELL',
      '5',
      trip % 2 ? 'STOP' : 'MARKET',
    );
    for (const [order, offset] of [
      [buy, 0],
      [sell, 7],
    ] as const) {
      for (let part = 0; part < 5; part++) {
        fills.push({
          orderId: order.id,
          exchangeFillId: unique('x'),
          price: `${100 + trip + offset + part / 4}`,
          quantity: part === 4 ? '1.5' : '0.875',
          fee: `0.0${part + 1}`,
          executedAt: at(trip),
        });
      }
    }
  }
  return fills;
}

/** The strategy's rows with ids replaced by their rank, and write times dropped. */
async function snapshot(strategyId: bigint) {
  const [orders, positions, fills, events] = await Promise.all([
    db().order.findMany({ where: { strategyId }, orderBy: { id: 'asc' } }),
    db().position.findMany({ where: { strategyId }, orderBy: { id: 'asc' } }),
    db().fill.findMany({ where: { strategyId }, orderBy: { id: 'asc' } }),
    db().$queryRaw<{ stream: string; entity_id: bigint }[]>`
      SELECT DISTINCT stream, entity_id FROM events WHERE strategy_id = ${strategyId}
      ORDER BY stream, entity_id`,
  ]);
  const rank = (rows: { id: bigint }[]) => new Map(rows.map((row, index) => [row.id, index]));
  const [orderRank, positionRank, fillRank] = [rank(orders), rank(positions), rank(fills)];
  const ranked = (map: Map<bigint, number>, id: bigint | null) => (id == null ? null : map.get(id));
  const plain = (row: Record<string, unknown>) =>
    Object.fromEntries(
      Object.entries(row)
        .filter(
          ([key]) =>
            ![
              'id',
              'createdAt',
              'updatedAt',
              'strategyId',
              'clientOrderId',
              'exchangeFillId',
              'symbol',
            ].includes(key),
        )
        .map(([key, value]) => [key, value?.toString() ?? null]),
    );
  return {
    orders: orders.map((o: Order) => ({
      ...plain(o),
      positionId: ranked(positionRank, o.positionId),
    })),
    positions: positions.map((p: Position) => plain(p)),
    fills: fills.map((f: Fill) => ({
      ...plain(f),
      orderId: ranked(orderRank, f.orderId),
      positionId: ranked(positionRank, f.positionId),
    })),
    events: events.map((e) => {
      const map = {
        fill_created: fillRank,
        order_updated: orderRank,
        position_updated: positionRank,
      }[e.stream];
      return `${e.stream}:${map ? ranked(map, e.entity_id) : e.entity_id}`;
    }),
  };
}

describe('recordFills as one set-based batch', () => {
  it('leaves the same orders, positions, fills and events as 500 single writes', async () => {
    const [one, batch] = [await newStrategy(), await newStrategy()];
    const singles = await roundTrips(one);
    for (const fill of singles) await recordFill(db(), fill);
    const results = await recordFills(db(), await roundTrips(batch));
    expect(results).toHaveLength(500);
    const [expected, actual] = [await snapshot(one), await snapshot(batch)];
    expect(actual.positions).toHaveLength(50);
    expect(actual).toEqual(expected);
  }, 180_000);

  it('returns each fill with its order and position as they were right after it', async () => {
    const strategyId = await newStrategy();
    const fills = (await roundTrips(strategyId)).slice(0, 10);
    const results = await recordFills(db(), fills);
    expect(results.map((r) => r.order.filledQuantity.toFixed())).toEqual([
      ...['0.875', '1.75', '2.625', '3.5', '5'],
      ...['0.875', '1.75', '2.625', '3.5', '5'],
    ]);
    expect(results.map((r) => r.position?.remainingSize.toFixed())).toEqual([
      ...['0.875', '1.75', '2.625', '3.5', '5'],
      ...['4.125', '3.25', '2.375', '1.5', '0'],
    ]);
    expect(results[9]?.position?.status).toBe('CLOSED');
    expect(new Set(results.map((r) => r.position?.id)).size).toBe(1);
  });

  it('returns fills and orders equal to the stored rows, metadata in jsonb key order', async () => {
    const strategyId = await newStrategy();
    const metadata = { zeta: 1, a: { cc: 2, b: [{ yy: 1, x: 2 }] }, é: 3, 10: 1, 2: 0, ab: null };
    const fills = (await roundTrips(strategyId))
      .slice(0, 10)
      .map((fill, index) => (index === 4 ? { ...fill, metadata } : fill));
    const results = await recordFills(db(), fills);
    const stored = await db().fill.findMany({
      where: { id: { in: results.map((r) => r.fill.id) } },
      orderBy: { id: 'asc' },
    });
    expect(results.map((r) => r.fill)).toEqual(stored);
    expect(JSON.stringify(results[4]?.fill.metadata)).toBe(JSON.stringify(stored[4]?.metadata));
    // The last fill of each order leaves it as stored.
    for (const last of [results[4], results[9]]) {
      const order = await db().order.findUniqueOrThrow({ where: { id: last?.order.id } });
      expect(last?.order).toEqual(order);
    }
  });

  it('makes one event per fill and one per touched order and position', async () => {
    const strategyId = await newStrategy();
    await recordFills(db(), (await roundTrips(strategyId)).slice(0, 20));
    const counts = await db().$queryRaw<{ stream: string; operation: string; events: number }[]>`
      SELECT stream, operation, count(*)::int AS events FROM events WHERE strategy_id = ${strategyId}
        AND transaction_id = (SELECT max(transaction_id) FROM events WHERE strategy_id = ${strategyId})
      GROUP BY stream, operation ORDER BY stream, operation`;
    expect(counts).toEqual([
      { stream: 'fill_created', operation: 'INSERT', events: 20 },
      { stream: 'order_updated', operation: 'UPDATE', events: 4 },
      { stream: 'position_updated', operation: 'INSERT', events: 2 },
    ]);
  });

  it('sends the same number of statements for 1, 10 and 500 fills', async () => {
    const counts: number[] = [];
    for (const size of [1, 10, 500]) {
      const strategyId = await newStrategy();
      const symbol = unique('N');
      const orders: Order[] = [];
      for (let i = 0; i < Math.min(size, 20); i++) {
        orders.push(await acknowledgedOrder(strategyId, symbol, 'BUY', '1000'));
      }
      const fills = Array.from({ length: size }, (_, i) => ({
        orderId: orders[i % orders.length]?.id,
        exchangeFillId: unique('n'),
        price: '10',
        quantity: '1',
        executedAt: at(1),
      }));
      statements = [];
      await recordFills(db(), fills);
      // Query events arrive asynchronously: wait for them, and count only the batch's own
      // transaction (from its order lock to its COMMIT), not late events of earlier writes.
      await new Promise((resolve) => setTimeout(resolve, 100));
      const sent = statements;
      statements = null;
      const first = sent.findIndex((sql) => /FROM orders\s+WHERE id = ANY/.test(sql));
      const commit = sent.findIndex((sql, index) => index > first && /^\s*COMMIT/i.test(sql));
      expect(first).toBeGreaterThanOrEqual(0);
      expect(commit).toBeGreaterThan(first);
      counts.push(commit - first + 1);
    }
    expect(counts[0]).toBeLessThanOrEqual(15);
    expect(counts).toEqual([counts[0], counts[0], counts[0]]);
  });

  it('replays a batch idempotently, including a fill repeated inside the batch', async () => {
    const strategyId = await newStrategy();
    const fills = (await roundTrips(strategyId)).slice(0, 5);
    const repeated = { ...fills[1], price: '999' } as FillInput;
    const first = await recordFills(db(), [...fills, repeated]);
    expect(first.map((r) => r.created)).toEqual([true, true, true, true, true, false]);
    expect(first[5]?.fill.id).toBe(first[1]?.fill.id);
    expect(first[5]?.conflicts).toEqual(['price']);
    const again = await recordFills(db(), fills);
    expect(again.every((r) => !r.created)).toBe(true);
    expect(again.map((r) => r.fill.id)).toEqual(first.slice(0, 5).map((r) => r.fill.id));
    const order = await db().order.findUniqueOrThrow({ where: { id: first[0]?.order.id } });
    expect(order.filledQuantity.toFixed()).toBe('5');
    expect(await db().fill.count({ where: { strategyId } })).toBe(5);
  });

  it('does not deadlock when two batches fill the same orders in opposite order', async () => {
    const strategyId = await newStrategy();
    const symbols = [unique('D'), unique('D'), unique('D'), unique('D')];
    const orders: Order[] = [];
    for (const symbol of symbols)
      orders.push(await acknowledgedOrder(strategyId, symbol, 'BUY', '100'));
    const batch = (list: Order[]) =>
      list.map((order) => ({ orderId: order.id, price: '10', quantity: '1', executedAt: at(2) }));
    const rounds = Array.from({ length: 5 }, () => [
      recordFills(db(), batch(orders)),
      recordFills(db(), batch([...orders].reverse())),
    ]);
    await Promise.all(rounds.flat());
    const stored = await db().order.findMany({ where: { strategyId } });
    expect(stored.map((o) => o.filledQuantity.toFixed())).toEqual(['10', '10', '10', '10']);
    expect(await db().position.count({ where: { strategyId } })).toBe(4);
  });
});
