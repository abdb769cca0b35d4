import { beforeAll, describe, expect, it } from 'vitest';
import type { OrderStatus, SignalStatus } from '../../src/generated/prisma/client.ts';
import {
  decideSignal,
  ORDER_TRANSITIONS,
  recordOrder,
  recordSignal,
  SIGNAL_TRANSITIONS,
  updateOrderStatus,
  upsertStrategy,
} from '../../src/writers/index.ts';
import { expectWriterError, unique, useWriterDatabase } from './writer-db.ts';

const db = useWriterDatabase();
let strategyId: bigint;

beforeAll(async () => {
  strategyId = (await upsertStrategy(db(), { name: 'orders' })).row.id;
});

const orderInput = () => ({
  clientOrderId: unique('co'),
  strategyId,
  exchange: 'kraken',
  symbol: 'XRP/USD',
  side: 'BUY' as const,
  type: 'LIMIT' as const,
  quantity: '1500',
  limitPrice: '0.52131',
});

/** Walks an order or signal along a path of statuses from its initial one. */
async function orderAt(path: OrderStatus[]) {
  const { order } = await recordOrder(db(), orderInput());
  for (const status of path) await updateOrderStatus(db(), { orderId: order.id, status });
  return order;
}
const pathTo: Record<OrderStatus, OrderStatus[]> = {
  PENDING_NEW: [],
  NEW: ['NEW'],
  PARTIALLY_FILLED: ['NEW', 'PARTIALLY_FILLED'],
  PENDING_CANCEL: ['NEW', 'PENDING_CANCEL'],
  FILLED: ['NEW', 'FILLED'],
  CANCELED: ['CANCELED'],
  REJECTED: ['REJECTED'],
  EXPIRED: ['EXPIRED'],
};
const ORDER_STATUSES = Object.keys(ORDER_TRANSITIONS) as OrderStatus[];

describe('recordOrder', () => {
  it('is idempotent by clientOrderId and reports a differing payload', async () => {
    const input = orderInput();
    const first = await recordOrder(db(), input);
    expect(first).toMatchObject({ created: true, conflicts: [] });
    expect(first.order.status).toBe('PENDING_NEW');
    const same = await recordOrder(db(), input);
    expect(same).toMatchObject({ created: false, conflicts: [] });
    const differs = await recordOrder(db(), { ...input, quantity: '1600', side: 'SELL' });
    expect(differs.created).toBe(false);
    expect(differs.conflicts.sort()).toEqual(['quantity', 'side']);
    expect(differs.order.quantity.toFixed()).toBe('1500');
    expect(differs.order.updatedAt).toEqual(first.order.updatedAt);
  });

  it('creates one row under concurrent identical calls', async () => {
    const input = orderInput();
    const results = await Promise.all([1, 2, 3].map(() => recordOrder(db(), input)));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await db().order.count({ where: { clientOrderId: input.clientOrderId } })).toBe(1);
  });

  it('refuses unknown references and missing prices', async () => {
    await expectWriterError(recordOrder(db(), { ...orderInput(), strategyId: 987654n }), {
      code: 'NOT_FOUND',
      field: 'strategyId',
      message: /no strategy with id 987654/,
    });
    await expectWriterError(recordOrder(db(), { ...orderInput(), signalId: '987654' }), {
      code: 'NOT_FOUND',
      field: 'signalId',
      message: /no signal/,
    });
    await expectWriterError(recordOrder(db(), { ...orderInput(), positionId: '987654' }), {
      code: 'NOT_FOUND',
      field: 'positionId',
      message: /no position/,
    });
    await expectWriterError(recordOrder(db(), { ...orderInput(), limitPrice: null }), {
      code: 'INVALID',
      field: 'limitPrice',
      message: /required for a LIMIT order/,
    });
    await expectWriterError(recordOrder(db(), { ...orderInput(), mode: 'BACKTEST' }), {
      code: 'INVALID',
      field: 'backtestRunId',
      message: /required when mode is BACKTEST/,
    });
  });
});

describe('updateOrderStatus', () => {
  for (const from of ORDER_STATUSES) {
    for (const to of ORDER_STATUSES) {
      if (from === to) continue;
      const legal = ORDER_TRANSITIONS[from].includes(to);
      it(`${legal ? 'allows' : 'refuses'} ${from} -> ${to}`, async () => {
        const order = await orderAt(pathTo[from]);
        const change = updateOrderStatus(db(), { orderId: order.id, status: to });
        if (legal) expect((await change).order.status).toBe(to);
        else
          await expectWriterError(change, {
            code: 'ILLEGAL_TRANSITION',
            field: 'status',
            message: new RegExp(`is ${from} and cannot become ${to}`),
          });
      });
    }
  }

  it('sets exchangeOrderId, submittedAt, closedAt and the reason, and ignores a repeat', async () => {
    const { order } = await recordOrder(db(), orderInput());
    const ackAt = new Date('2026-01-05T10:00:00Z');
    const acked = await updateOrderStatus(db(), {
      clientOrderId: order.clientOrderId,
      status: 'NEW',
      exchangeOrderId: unique('OX'),
      at: ackAt,
    });
    expect(acked.order).toMatchObject({ status: 'NEW', submittedAt: ackAt, closedAt: null });
    const repeat = await updateOrderStatus(db(), { orderId: order.id, status: 'NEW' });
    expect(repeat.changed).toBe(false);
    await expectWriterError(
      updateOrderStatus(db(), { orderId: order.id, status: 'NEW', exchangeOrderId: 'other' }),
      { code: 'CONFLICT', field: 'exchangeOrderId', message: /already has exchangeOrderId/ },
    );
    const canceledAt = new Date('2026-01-05T10:05:00Z');
    const canceled = await updateOrderStatus(db(), {
      orderId: order.id,
      status: 'CANCELED',
      reason: 'user',
      at: canceledAt,
    });
    expect(canceled.order).toMatchObject({ closedAt: canceledAt, statusReason: 'user' });
  });

  it('refuses an exchangeOrderId another order has on the same exchange', async () => {
    const id = unique('OX');
    const a = await recordOrder(db(), orderInput());
    const b = await recordOrder(db(), orderInput());
    await updateOrderStatus(db(), { orderId: a.order.id, status: 'NEW', exchangeOrderId: id });
    await expectWriterError(
      updateOrderStatus(db(), { orderId: b.order.id, status: 'NEW', exchangeOrderId: id }),
      { code: 'CONFLICT', field: 'exchangeOrderId', message: /already recorded for another order/ },
    );
  });
});

const SIGNAL_STATUSES = Object.keys(SIGNAL_TRANSITIONS) as SignalStatus[];
const signalInput = () => ({
  strategyId,
  exchange: 'kraken',
  symbol: 'XRP/USD',
  direction: 'LONG' as const,
  generatedAt: new Date('2026-01-05T10:00:00Z'),
});

describe('signals', () => {
  it('records a signal once per external id', async () => {
    const input = { ...signalInput(), externalId: unique('sig'), score: '87', confidence: '0.87' };
    const first = await recordSignal(db(), input);
    const again = await recordSignal(db(), { ...input, score: '10' });
    expect(first.created).toBe(true);
    expect(again).toMatchObject({ created: false, row: { id: first.row.id } });
    expect(again.row.score?.toFixed()).toBe('87');
  });

  it('refuses scores and confidences out of range', async () => {
    await expectWriterError(recordSignal(db(), { ...signalInput(), score: '100.5' }), {
      code: 'INVALID',
      field: 'score',
      message: /between 0 and 100/,
    });
    await expectWriterError(recordSignal(db(), { ...signalInput(), confidence: '87' }), {
      code: 'INVALID',
      field: 'confidence',
      message: /between 0 and 1/,
    });
    await expectWriterError(recordSignal(db(), { ...signalInput(), takeProfits: ['1', '0'] }), {
      code: 'INVALID',
      field: 'takeProfits.1',
      message: /greater than 0/,
    });
  });

  const signalPath: Record<SignalStatus, SignalStatus[]> = {
    PROPOSED: [],
    APPROVED: ['APPROVED'],
    REJECTED: ['REJECTED'],
    EXECUTED: ['APPROVED', 'EXECUTED'],
    EXPIRED: ['EXPIRED'],
    CANCELED: ['CANCELED'],
  };
  for (const from of SIGNAL_STATUSES) {
    for (const to of SIGNAL_STATUSES) {
      if (from === to) continue;
      const legal = SIGNAL_TRANSITIONS[from].includes(to);
      it(`${legal ? 'allows' : 'refuses'} signal ${from} -> ${to}`, async () => {
        const { row } = await recordSignal(db(), signalInput());
        for (const status of signalPath[from]) {
          await decideSignal(db(), { signalId: row.id, status, reason: 'risk' });
        }
        const change = decideSignal(db(), { signalId: row.id, status: to, reason: 'risk' });
        if (legal) expect((await change).status).toBe(to);
        else
          await expectWriterError(change, {
            code: 'ILLEGAL_TRANSITION',
            field: 'status',
            message: new RegExp(`is ${from} and cannot become ${to}`),
          });
      });
    }
  }

  it('requires a reason to reject, and records it with the decision time', async () => {
    const { row } = await recordSignal(db(), signalInput());
    await expectWriterError(decideSignal(db(), { signalId: row.id, status: 'REJECTED' }), {
      code: 'INVALID',
      field: 'reason',
      message: /reason is required to reject/,
    });
    const decidedAt = new Date('2026-01-05T10:01:00Z');
    const rejected = await decideSignal(db(), {
      signalId: row.id,
      status: 'REJECTED',
      reason: 'exposure limit',
      at: decidedAt,
    });
    expect(rejected).toMatchObject({ rejectionReason: 'exposure limit', decidedAt });
    await expectWriterError(decideSignal(db(), { signalId: 424242n, status: 'APPROVED' }), {
      code: 'NOT_FOUND',
      field: 'signalId',
      message: /no signal with id 424242/,
    });
  });
});
