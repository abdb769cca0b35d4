import type { Database } from '../../src/db/prisma.ts';
import type { Prisma } from '../../src/generated/prisma/client.ts';

// Rows written straight through Prisma, as a collector would; each helper fills in what a test
// does not care about. Sequences keep natural keys unique within a database.
let sequence = 0;
const next = () => ++sequence;

export const at = (iso: string) => new Date(iso);

export function createStrategy(
  prisma: Database,
  data: Partial<Prisma.StrategyUncheckedCreateInput> = {},
) {
  return prisma.strategy.create({
    data: {
      name: `strategy-${next()}`,
      version: '1',
      kind: 'TREND_FOLLOWING',
      status: 'ACTIVE',
      ...data,
    },
  });
}

export function createSignal(
  prisma: Database,
  data: Pick<Prisma.SignalUncheckedCreateInput, 'strategyId'> &
    Partial<Prisma.SignalUncheckedCreateInput>,
) {
  return prisma.signal.create({
    data: {
      exchange: 'binance',
      symbol: 'BTCUSDT',
      direction: 'LONG',
      generatedAt: at('2026-01-01T00:00:00Z'),
      ...data,
    },
  });
}

export function createOrder(
  prisma: Database,
  data: Pick<Prisma.OrderUncheckedCreateInput, 'strategyId'> &
    Partial<Prisma.OrderUncheckedCreateInput>,
) {
  return prisma.order.create({
    data: {
      clientOrderId: `client-${next()}`,
      exchange: 'binance',
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'LIMIT',
      quantity: '1',
      limitPrice: '100',
      createdAt: at('2026-01-01T00:00:00Z'),
      ...data,
    },
  });
}

export function createFill(
  prisma: Database,
  data: Pick<Prisma.FillUncheckedCreateInput, 'strategyId' | 'orderId'> &
    Partial<Prisma.FillUncheckedCreateInput>,
) {
  return prisma.fill.create({
    data: {
      exchange: 'binance',
      exchangeFillId: `fill-${next()}`,
      symbol: 'BTCUSDT',
      side: 'BUY',
      price: '100',
      quantity: '0.5',
      executedAt: at('2026-01-01T00:00:01Z'),
      ...data,
    },
  });
}

export function createPosition(
  prisma: Database,
  data: Pick<Prisma.PositionUncheckedCreateInput, 'strategyId'> &
    Partial<Prisma.PositionUncheckedCreateInput>,
) {
  return prisma.position.create({
    data: {
      exchange: 'binance',
      symbol: 'BTCUSDT',
      direction: 'LONG',
      size: '1',
      remainingSize: '1',
      averageEntryPrice: '100',
      openedAt: at('2026-01-01T00:00:00Z'),
      ...data,
    },
  });
}

export function createEquitySnapshot(
  prisma: Database,
  data: Partial<Prisma.EquitySnapshotUncheckedCreateInput> = {},
) {
  return prisma.equitySnapshot.create({
    data: { equity: '10000', time: at('2026-01-01T00:00:00Z'), ...data },
  });
}

export function createModel(
  prisma: Database,
  data: Partial<Prisma.MlModelUncheckedCreateInput> = {},
) {
  return prisma.mlModel.create({
    data: { name: `model-${next()}`, version: '1', type: 'CLASSIFICATION', ...data },
  });
}

export function createPrediction(
  prisma: Database,
  data: Pick<Prisma.PredictionUncheckedCreateInput, 'modelId'> &
    Partial<Prisma.PredictionUncheckedCreateInput>,
) {
  return prisma.prediction.create({
    data: {
      exchange: 'kraken',
      symbol: 'XRP/USD',
      target: 'price_direction',
      value: '0.62',
      time: new Date(Date.UTC(2026, 0, 1, 0, 0, next())),
      ...data,
    },
  });
}

export function createBacktestRun(
  prisma: Database,
  data: Pick<Prisma.BacktestRunUncheckedCreateInput, 'strategyId'> &
    Partial<Prisma.BacktestRunUncheckedCreateInput>,
) {
  return prisma.backtestRun.create({
    data: {
      periodStart: at('2025-01-01T00:00:00Z'),
      periodEnd: at('2025-12-31T00:00:00Z'),
      status: 'COMPLETED',
      ...data,
    },
  });
}
