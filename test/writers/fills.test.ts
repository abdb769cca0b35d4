import { beforeAll, describe, expect, it } from 'vitest';
import {
  recordFill,
  recordFills,
  recordOrder,
  updateOrderStatus,
  upsertStrategy,
} from '../../src/writers/index.ts';
import { expectWriterError, unique, useWriterDatabase } from './writer-db.ts';

const db = useWriterDatabase();
let strategyId: bigint;

beforeAll(async () => {
  strategyId = (await upsertStrategy(db(), { name: 'fills' })).row.id;
});

const at = (minute: number) => new Date(Date.UTC(2026, 0, 5, 10, minute));

/** An acknowledged order on its own symbol, so each test has its own positions. */
async function order(
  overrides: {
    side?: 'BUY' | 'SELL';
    quantity?: string;
    symbol?: string;
    reduceOnly?: boolean;
    type?: 'MARKET' | 'STOP';
  } = {},
) {
  const { order } = await recordOrder(db(), {
    clientOrderId: unique('fill-order'),
    strategyId,
    exchange: 'binance',
    symbol: overrides.symbol ?? unique('SYM'),
    side: overrides.side ?? 'BUY',
    type: overrides.type ?? 'MARKET',
    ...(overrides.type === 'STOP' ? { stopPrice: '90' } : {}),
    quantity: overrides.quantity ?? '3',
    reduceOnly: overrides.reduceOnly,
    feeAsset: 'USDT',
  });
  await updateOrderStatus(db(), { orderId: order.id, status: 'NEW', at: at(0) });
  return order;
}

describe('recordFill', () => {
  it('updates the order and opens a position linked to order and fill', async () => {
    const buy = await order({ quantity: '3' });
    const first = await recordFill(db(), {
      orderId: buy.id,
      exchangeFillId: unique('t'),
      price: '100',
      quantity: '1',
      fee: '0.1',
      executedAt: at(1),
    });
    expect(first.created).toBe(true);
    expect(first.order.status).toBe('PARTIALLY_FILLED');
    expect(first.order.firstFillAt).toEqual(at(1));
    expect(first.position?.direction).toBe('LONG');
    expect(first.position?.remainingSize.toFixed()).toBe('1');
    expect(first.order.positionId).toBe(first.position?.id);
    expect(first.fill.positionId).toBe(first.position?.id);
    expect(first.fill).toMatchObject({
      strategyId,
      mode: 'LIVE',
      exchange: 'binance',
      symbol: buy.symbol,
      side: 'BUY',
      feeAsset: 'USDT',
    });

    const second = await recordFill(db(), {
      clientOrderId: buy.clientOrderId,
      exchangeFillId: unique('t'),
      price: '103',
      quantity: '2',
      fee: '0.2',
      executedAt: at(2),
    });
    expect(second.order).toMatchObject({ status: 'FILLED', closedAt: at(2), firstFillAt: at(1) });
    expect(second.order.filledQuantity.toFixed()).toBe('3');
    expect(second.order.averageFillPrice?.toFixed()).toBe('102');
    expect(second.order.fees.toFixed()).toBe('0.3');
    expect(second.position?.id).toBe(first.position?.id);
    expect(second.position?.averageEntryPrice.toFixed()).toBe('102');
    expect(second.position?.realizedPnl.toFixed()).toBe('-0.3');
  });

  it('closes a long from an exit order, realizing P&L net of fees', async () => {
    const symbol = unique('SYM');
    const entry = await order({ symbol, quantity: '2' });
    await recordFill(db(), {
      orderId: entry.id,
      price: '100',
      quantity: '2',
      fee: '0.2',
      executedAt: at(1),
    });
    const exit = await order({ symbol, side: 'SELL', quantity: '2', type: 'STOP' });
    const half = await recordFill(db(), {
      orderId: exit.id,
      price: '90',
      quantity: '1',
      fee: '0.09',
      executedAt: at(2),
    });
    expect(half.position?.status).toBe('PARTIALLY_CLOSED');
    const closed = await recordFill(db(), {
      orderId: exit.id,
      price: '80',
      quantity: '1',
      fee: '0.08',
      executedAt: at(3),
    });
    expect(closed.position).toMatchObject({
      status: 'CLOSED',
      closedAt: at(3),
      exitReason: 'STOP_LOSS',
    });
    // (90 - 100) + (80 - 100) - 0.2 - 0.09 - 0.08
    expect(closed.position?.realizedPnl.toFixed()).toBe('-30.37');
    expect(closed.position?.averageExitPrice?.toFixed()).toBe('85');
    expect(closed.position?.remainingSize.toFixed()).toBe('0');
    expect(closed.position?.fees.toFixed()).toBe('0.37');
  });

  it('closes a short with the exit reason the caller gives', async () => {
    const symbol = unique('SYM');
    const entry = await order({ symbol, side: 'SELL', quantity: '4' });
    await recordFill(db(), {
      orderId: entry.id,
      price: '50',
      quantity: '4',
      fee: '0.1',
      executedAt: at(1),
    });
    const exit = await order({ symbol, side: 'BUY', quantity: '4' });
    const closed = await recordFill(db(), {
      orderId: exit.id,
      price: '45',
      quantity: '4',
      fee: '0.09',
      executedAt: at(2),
      exitReason: 'SIGNAL',
    });
    expect(closed.position).toMatchObject({
      direction: 'SHORT',
      status: 'CLOSED',
      exitReason: 'SIGNAL',
    });
    expect(closed.position?.realizedPnl.toFixed()).toBe('19.81');
  });

  it('refuses a fill that would flip a position, and writes nothing', async () => {
    const symbol = unique('SYM');
    const entry = await order({ symbol, quantity: '1' });
    const opened = await recordFill(db(), {
      orderId: entry.id,
      price: '100',
      quantity: '1',
      executedAt: at(1),
    });
    const exit = await order({ symbol, side: 'SELL', quantity: '3' });
    await expectWriterError(
      recordFill(db(), {
        orderId: exit.id,
        exchangeFillId: unique('t'),
        price: '101',
        quantity: '2',
        executedAt: at(2),
      }),
      { code: 'INVALID', field: 'quantity', message: /flip a position through zero/ },
    );
    const after = await db().order.findUniqueOrThrow({ where: { id: exit.id } });
    expect(after.filledQuantity.toFixed()).toBe('0');
    expect(after.positionId).toBeNull();
    expect(await db().fill.count({ where: { orderId: exit.id } })).toBe(0);
    const position = await db().position.findUniqueOrThrow({
      where: { id: opened.position?.id ?? 0n },
    });
    expect(position.remainingSize.toFixed()).toBe('1');
  });

  it('refuses a fill beyond the order quantity and leaves order and position unchanged', async () => {
    const buy = await order({ quantity: '2' });
    const first = await recordFill(db(), {
      orderId: buy.id,
      price: '10',
      quantity: '1.5',
      executedAt: at(1),
    });
    await expectWriterError(
      recordFill(db(), { orderId: buy.id, price: '10', quantity: '0.6', executedAt: at(2) }),
      { code: 'INVALID', field: 'quantity', message: /exceeds the order's remaining 0.5/ },
    );
    const after = await db().order.findUniqueOrThrow({ where: { id: buy.id } });
    expect(after).toMatchObject({ status: 'PARTIALLY_FILLED', updatedAt: first.order.updatedAt });
    expect(after.filledQuantity.toFixed()).toBe('1.5');
    const position = await db().position.findUniqueOrThrow({
      where: { id: first.position?.id ?? 0n },
    });
    expect(position.remainingSize.toFixed()).toBe('1.5');
    expect(position.updatedAt).toEqual(first.position?.updatedAt);
  });

  it('rolls back a whole batch when one of its fills is refused', async () => {
    const buy = await order({ quantity: '2' });
    await expectWriterError(
      recordFills(db(), [
        { orderId: buy.id, price: '10', quantity: '1', executedAt: at(1) },
        { orderId: buy.id, price: '-10', quantity: '1', executedAt: at(1) },
      ]),
      { code: 'INVALID', field: 'fills.1.price', message: /greater than 0/ },
    );
    await expectWriterError(
      recordFills(db(), [
        { orderId: buy.id, price: '10', quantity: '1', executedAt: at(1) },
        { orderId: buy.id, price: '10', quantity: '1.5', executedAt: at(2) },
      ]),
      { code: 'INVALID', field: 'fills.1.quantity', message: /^fills.1: quantity 1.5 exceeds/ },
    );
    expect(await db().fill.count({ where: { orderId: buy.id } })).toBe(0);
    expect(await db().position.count({ where: { symbol: buy.symbol } })).toBe(0);
    const results = await recordFills(db(), [
      { orderId: buy.id, price: '10', quantity: '1', executedAt: at(1) },
      { orderId: buy.id, price: '12', quantity: '1', executedAt: at(2) },
    ]);
    expect(results.map((r) => r.order.status)).toEqual(['PARTIALLY_FILLED', 'FILLED']);
    expect(results[1]?.order.averageFillPrice?.toFixed()).toBe('11');
  });

  it('returns the stored fill on a retry and applies nothing twice', async () => {
    const buy = await order({ quantity: '3' });
    const id = unique('t');
    const input = {
      orderId: buy.id,
      exchangeFillId: id,
      price: '100',
      quantity: '1',
      executedAt: at(1),
    };
    const first = await recordFill(db(), input);
    const again = await recordFill(db(), { ...input, price: '101' });
    expect(again.created).toBe(false);
    expect(again.fill.id).toBe(first.fill.id);
    expect(again.conflicts).toEqual(['price']);
    expect(again.order.filledQuantity.toFixed()).toBe('1');
    expect(again.position?.remainingSize.toFixed()).toBe('1');
  });

  it('applies two concurrent identical fills once', async () => {
    const buy = await order({ quantity: '3' });
    const input = {
      orderId: buy.id,
      exchangeFillId: unique('t'),
      price: '100',
      quantity: '1',
      fee: '0.1',
      executedAt: at(1),
    };
    const results = await Promise.all([
      recordFill(db(), input),
      recordFill(db(), input),
      recordFill(db(), input),
    ]);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.fill.id)).size).toBe(1);
    const stored = await db().order.findUniqueOrThrow({ where: { id: buy.id } });
    expect(stored.filledQuantity.toFixed()).toBe('1');
    expect(stored.fees.toFixed()).toBe('0.1');
    expect(await db().fill.count({ where: { orderId: buy.id } })).toBe(1);
    const positions = await db().position.findMany({ where: { symbol: buy.symbol } });
    expect(positions).toHaveLength(1);
    expect(positions[0]?.remainingSize.toFixed()).toBe('1');
  });

  it('opens one position when first fills of two orders race', async () => {
    const symbol = unique('SYM');
    const [a, b] = [await order({ symbol, quantity: '1' }), await order({ symbol, quantity: '1' })];
    await Promise.all([
      recordFill(db(), { orderId: a.id, price: '10', quantity: '1', executedAt: at(1) }),
      recordFill(db(), { orderId: b.id, price: '20', quantity: '1', executedAt: at(1) }),
    ]);
    const positions = await db().position.findMany({ where: { symbol } });
    expect(positions).toHaveLength(1);
    expect(positions[0]?.remainingSize.toFixed()).toBe('2');
    expect(positions[0]?.averageEntryPrice.toFixed()).toBe('15');
  });

  it('refuses a fill id already recorded for another order', async () => {
    const [a, b] = [await order(), await order()];
    const id = unique('t');
    await recordFill(db(), {
      orderId: a.id,
      exchangeFillId: id,
      price: '1',
      quantity: '1',
      executedAt: at(1),
    });
    await expectWriterError(
      recordFill(db(), {
        orderId: b.id,
        exchangeFillId: id,
        price: '1',
        quantity: '1',
        executedAt: at(1),
      }),
      { code: 'CONFLICT', field: 'exchangeFillId', message: /already recorded for order/ },
    );
  });

  it('refuses fills of rejected orders, and of canceled ones after the cancel', async () => {
    const rejected = await recordOrder(db(), {
      clientOrderId: unique('rej'),
      strategyId,
      exchange: 'binance',
      symbol: unique('SYM'),
      side: 'BUY',
      type: 'MARKET',
      quantity: '1',
    });
    await updateOrderStatus(db(), {
      orderId: rejected.order.id,
      status: 'REJECTED',
      reason: 'margin',
      at: at(0),
    });
    await expectWriterError(
      recordFill(db(), {
        orderId: rejected.order.id,
        price: '1',
        quantity: '1',
        executedAt: at(1),
      }),
      { code: 'CONFLICT', field: 'orderId', message: /REJECTED and cannot have fills/ },
    );

    const canceled = await order({ quantity: '2' });
    await updateOrderStatus(db(), { orderId: canceled.id, status: 'CANCELED', at: at(5) });
    await expectWriterError(
      recordFill(db(), { orderId: canceled.id, price: '1', quantity: '1', executedAt: at(6) }),
      {
        code: 'CONFLICT',
        field: 'executedAt',
        message: /CANCELED since .*only a fill executed before then/,
      },
    );
    // Executed before the cancel, reported after it: a fact, recorded; the order stays canceled.
    const late = await recordFill(db(), {
      orderId: canceled.id,
      price: '1',
      quantity: '1',
      executedAt: at(4),
    });
    expect(late.order.status).toBe('CANCELED');
    expect(late.order.filledQuantity.toFixed()).toBe('1');
  });

  it('refuses a reduce-only fill without a position, and a different fee asset', async () => {
    const reduce = await order({ side: 'SELL', reduceOnly: true });
    await expectWriterError(
      recordFill(db(), { orderId: reduce.id, price: '1', quantity: '1', executedAt: at(1) }),
      { code: 'INVALID', field: 'orderId', message: /reduce-only .* no open position/ },
    );
    const buy = await order();
    await expectWriterError(
      recordFill(db(), {
        orderId: buy.id,
        price: '1',
        quantity: '1',
        feeAsset: 'BNB',
        executedAt: at(1),
      }),
      { code: 'CONFLICT', field: 'feeAsset', message: /differs from the order's USDT/ },
    );
  });

  it('refuses unknown orders, bad numbers and future times', async () => {
    await expectWriterError(
      recordFill(db(), { orderId: 999999n, price: '1', quantity: '1', executedAt: at(1) }),
      { code: 'NOT_FOUND', field: 'orderId', message: /no order with id 999999/ },
    );
    await expectWriterError(
      recordFill(db(), { clientOrderId: 'nope', price: '1', quantity: '1', executedAt: at(1) }),
      { code: 'NOT_FOUND', field: 'clientOrderId', message: /no order with clientOrderId nope/ },
    );
    const buy = await order();
    const base = { orderId: buy.id, price: '1', quantity: '1', executedAt: at(1) };
    await expectWriterError(recordFill(db(), { ...base, quantity: '0' }), {
      code: 'INVALID',
      field: 'quantity',
      message: /quantity must be greater than 0, got 0/,
    });
    await expectWriterError(recordFill(db(), { ...base, price: 1 as never }), {
      code: 'INVALID',
      field: 'price',
      message: /must be sent as a string/,
    });
    await expectWriterError(
      recordFill(db(), { ...base, executedAt: new Date(Date.now() + 6 * 60_000) }),
      { code: 'INVALID', field: 'executedAt', message: /more than 5 minutes in the future/ },
    );
    await expectWriterError(recordFill(db(), { ...base, executedAt: new Date('nope') }), {
      code: 'INVALID',
      field: 'executedAt',
      message: /not a valid Date/,
    });
    expect(await db().fill.count({ where: { orderId: buy.id } })).toBe(0);
  });
});
