import { beforeAll, describe, expect, it } from 'vitest';
import { Prisma } from '../../src/generated/prisma/client.ts';
import {
  adjustPosition,
  closePosition,
  openPosition,
  recordEquitySnapshot,
  recordPrediction,
  resolvePrediction,
  upsertModel,
  upsertStrategy,
} from '../../src/writers/index.ts';
import { expectWriterError, unique, useWriterDatabase } from './writer-db.ts';

const db = useWriterDatabase();
let strategyId: bigint;
const openedAt = new Date('2026-01-05T10:00:00Z');

beforeAll(async () => {
  strategyId = (await upsertStrategy(db(), { name: 'positions' })).row.id;
});

describe('upsertStrategy', () => {
  it('creates by name and version, then updates only the fields given', async () => {
    const name = unique('strat');
    const first = await upsertStrategy(db(), { name, kind: 'MOMENTUM', maxLeverage: '5' });
    expect(first).toMatchObject({ created: true, row: { version: '1', kind: 'MOMENTUM' } });
    const second = await upsertStrategy(db(), { name, status: 'ACTIVE' });
    expect(second).toMatchObject({ created: false, row: { id: first.row.id, kind: 'MOMENTUM' } });
    expect(second.row.status).toBe('ACTIVE');
    await expectWriterError(upsertStrategy(db(), { name, maxLeverage: '0' }), {
      code: 'INVALID',
      field: 'maxLeverage',
      message: /greater than 0/,
    });
  });
});

describe('positions', () => {
  const input = () => ({
    strategyId,
    exchange: 'okx',
    symbol: 'BTC-USDT-SWAP',
    direction: 'SHORT' as const,
    size: '2',
    averageEntryPrice: '100',
    fees: '0.5',
    riskAmount: '10',
    openedAt,
  });

  it('opens once per external id', async () => {
    const externalId = unique('pos');
    const first = await openPosition(db(), { ...input(), externalId });
    const again = await openPosition(db(), { ...input(), externalId, size: '3' });
    expect(first.row).toMatchObject({ status: 'OPEN' });
    expect(first.row.remainingSize.toFixed()).toBe('2');
    expect(first.row.realizedPnl.toFixed()).toBe('-0.5');
    expect(again).toMatchObject({ created: false, row: { id: first.row.id } });
  });

  it('adjusts stops and marks, computing unrealized P&L from the mark', async () => {
    const { row } = await openPosition(db(), input());
    const adjusted = await adjustPosition(db(), {
      positionId: row.id,
      stopLoss: '105',
      takeProfits: ['95', '90'],
      markPrice: '97.5',
      leverage: '10',
      liquidationPrice: '109',
      trailingStop: { callbackPct: 1 },
    });
    expect(adjusted.unrealizedPnl?.toFixed()).toBe('5');
    expect(adjusted.takeProfits.map((p) => p.toFixed())).toEqual(['95', '90']);
    const cleared = await adjustPosition(db(), {
      positionId: row.id,
      stopLoss: null,
      trailingStop: null,
    });
    expect(cleared.stopLoss).toBeNull();
    expect(cleared.trailingStop).toBeNull();
    expect(cleared.leverage?.toFixed()).toBe('10');
    await expectWriterError(adjustPosition(db(), { positionId: row.id, leverage: '-1' }), {
      code: 'INVALID',
      field: 'leverage',
      message: /greater than 0/,
    });
  });

  it('closes manually at a price, then refuses changes', async () => {
    const { row } = await openPosition(db(), input());
    const closedAt = new Date('2026-01-05T11:00:00Z');
    const closed = await closePosition(db(), {
      positionId: row.id,
      price: '90',
      fee: '0.4',
      exitReason: 'MANUAL',
      closedAt,
    });
    expect(closed).toMatchObject({ status: 'CLOSED', exitReason: 'MANUAL', closedAt });
    expect(closed.realizedPnl.toFixed()).toBe('19.1'); // (100 - 90) × 2 - 0.5 - 0.4
    expect(closed.pnlR?.toFixed()).toBe('1.91');
    expect(closed.remainingSize.toFixed()).toBe('0');
    await expectWriterError(
      closePosition(db(), { positionId: row.id, price: '90', exitReason: 'MANUAL' }),
      { code: 'CONFLICT', field: 'positionId', message: /already CLOSED/ },
    );
    await expectWriterError(adjustPosition(db(), { positionId: row.id, stopLoss: '1' }), {
      code: 'CONFLICT',
      field: 'positionId',
      message: /already CLOSED/,
    });
  });

  it('marks a liquidation close LIQUIDATED and refuses unknown positions', async () => {
    const { row } = await openPosition(db(), input());
    const liquidated = await closePosition(db(), {
      positionId: row.id,
      price: '150',
      exitReason: 'LIQUIDATION',
      closedAt: new Date('2026-01-05T12:00:00Z'),
    });
    expect(liquidated.status).toBe('LIQUIDATED');
    expect(liquidated.realizedPnl.toFixed()).toBe('-100.5');
    await expectWriterError(
      closePosition(db(), { positionId: 555555n, price: '1', exitReason: 'MANUAL' }),
      { code: 'NOT_FOUND', field: 'positionId', message: /no position with id 555555/ },
    );
  });
});

describe('equity snapshots', () => {
  it('records a snapshot and recognises a replay of the same instant', async () => {
    const input = {
      strategyId,
      account: unique('acct'),
      equity: '10500.25',
      drawdownPct: '1.5',
      openPositionCount: 2,
      time: openedAt,
    };
    const first = await recordEquitySnapshot(db(), input);
    const again = await recordEquitySnapshot(db(), input);
    expect(first.created).toBe(true);
    expect(again).toMatchObject({ created: false, row: { id: first.row.id } });
    await expectWriterError(recordEquitySnapshot(db(), { ...input, openPositionCount: -1 }), {
      code: 'INVALID',
      field: 'openPositionCount',
      message: /non-negative/,
    });
    await expectWriterError(recordEquitySnapshot(db(), { ...input, strategyId: 777777n }), {
      code: 'NOT_FOUND',
      field: 'strategyId',
      message: /no strategy/,
    });
  });
});

describe('models and predictions', () => {
  it('upserts a model, records a prediction once, and resolves it', async () => {
    const name = unique('model');
    const model = await upsertModel(db(), { name, version: '3', type: 'REGRESSION' });
    const updated = await upsertModel(db(), { name, version: '3', status: 'DEPLOYED' });
    expect(updated).toMatchObject({
      created: false,
      row: { id: model.row.id, type: 'REGRESSION' },
    });
    const input = {
      modelId: model.row.id,
      exchange: 'kraken',
      symbol: 'XRP/USD',
      target: 'next_price',
      value: '0.52',
      confidence: '0.7',
      time: openedAt,
    };
    const results = await Promise.all([1, 2].map(() => recordPrediction(db(), input)));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const id = results[0]?.row.id ?? 0n;
    const resolvedAt = new Date('2026-01-05T10:05:00Z');
    const resolved = await resolvePrediction(db(), {
      predictionId: id,
      actualValue: '0.5',
      resolvedAt,
    });
    expect(resolved.error?.toFixed()).toBe('-0.02');
    expect(resolved.actualValue?.toFixed()).toBe('0.5');
    expect(resolved.resolvedAt).toEqual(resolvedAt);
    const retry = await resolvePrediction(db(), { predictionId: id, actualValue: '0.50' });
    expect(retry.resolvedAt).toEqual(resolvedAt);
    await expectWriterError(resolvePrediction(db(), { predictionId: id, actualValue: '0.6' }), {
      code: 'CONFLICT',
      field: 'actualValue',
      message: /already resolved with actualValue 0.5/,
    });
    await expectWriterError(recordPrediction(db(), { ...input, modelId: 31337n, target: 'x' }), {
      code: 'NOT_FOUND',
      field: 'modelId',
      message: /no model with id 31337/,
    });
  });
});

describe('decimal and time inputs', () => {
  const base = () => ({
    strategyId,
    exchange: 'okx',
    symbol: 'ETH-USDT',
    direction: 'LONG' as const,
    size: '1',
    averageEntryPrice: '2000',
    openedAt,
  });

  it.each([
    ['a JS number', 1.5, /must be sent as a string/],
    ['scientific notation', '1e3', /plain notation/],
    ['garbage', 'abc', /plain notation/],
    [
      '19 fractional digits',
      '0.0000000000000000001',
      /19 fractional digits; the column is NUMERIC\(38,18\)/,
    ],
    [
      '21 integer digits',
      '100000000000000000000',
      /21 integer digits; the column is NUMERIC\(38,18\)/,
    ],
    ['an infinite Decimal', new Prisma.Decimal(Infinity), /finite decimal/],
    ['zero', '0', /greater than 0, got 0/],
    ['a negative value', '-1', /greater than 0, got -1/],
  ])('refuses %s', async (_name, size, message) => {
    await expectWriterError(openPosition(db(), { ...base(), size: size as never }), {
      code: 'INVALID',
      field: 'size',
      message,
    });
  });

  it('accepts 18 fractional and 20 integer digits, and Prisma.Decimal values, exactly', async () => {
    const { row } = await openPosition(db(), {
      ...base(),
      size: '0.000000000000000001',
      averageEntryPrice: new Prisma.Decimal('99999999999999999999.999999999999999999'),
    });
    expect(row.size.toFixed()).toBe('0.000000000000000001');
    expect(row.averageEntryPrice.toFixed()).toBe('99999999999999999999.999999999999999999');
  });

  it('refuses invalid and future times, allowing up to 5 minutes of clock skew', async () => {
    await expectWriterError(openPosition(db(), { ...base(), openedAt: 'today' as never }), {
      code: 'INVALID',
      field: 'openedAt',
      message: /must be a Date, got string/,
    });
    await expectWriterError(openPosition(db(), { ...base(), openedAt: new Date(Number.NaN) }), {
      code: 'INVALID',
      field: 'openedAt',
      message: /not a valid Date/,
    });
    await expectWriterError(
      openPosition(db(), { ...base(), openedAt: new Date(Date.now() + 10 * 60_000) }),
      { code: 'INVALID', field: 'openedAt', message: /more than 5 minutes in the future/ },
    );
    const skewed = await openPosition(db(), { ...base(), openedAt: new Date(Date.now() + 60_000) });
    expect(skewed.created).toBe(true);
  });
});
