import type { OrderSide, Prisma, TradingMode } from '../generated/prisma/client.ts';
import type { Decimal } from './decimal.ts';

/**
 * Rows of the demo data set before they are written. Each draft is its table's `createMany`
 * input with the foreign keys replaced by references to the parent drafts: ids are allocated
 * from the tables' sequences only once the whole set is built (see id-allocation.ts).
 */
interface Draft {
  id: bigint;
}

export type StrategyDraft = Draft & Omit<Prisma.StrategyCreateManyInput, 'id'>;

export type MlModelDraft = Draft & Omit<Prisma.MlModelCreateManyInput, 'id'>;

export type PredictionDraft = Draft &
  Omit<Prisma.PredictionCreateManyInput, 'id' | 'modelId' | 'value' | 'time'> & {
    model: MlModelDraft;
    value: Decimal;
    time: Date;
  };

export type BacktestRunDraft = Draft &
  Omit<Prisma.BacktestRunCreateManyInput, 'id' | 'strategyId'> & { strategy: StrategyDraft };

export type SignalDraft = Draft &
  Omit<
    Prisma.SignalCreateManyInput,
    'id' | 'strategyId' | 'predictionId' | 'backtestRunId' | 'generatedAt'
  > & {
    strategy: StrategyDraft;
    prediction?: PredictionDraft;
    backtestRun?: BacktestRunDraft;
    generatedAt: Date;
  };

export type PositionDraft = Draft &
  Omit<
    Prisma.PositionCreateManyInput,
    'id' | 'strategyId' | 'signalId' | 'backtestRunId' | 'mode' | 'openedAt'
  > & {
    strategy: StrategyDraft;
    signal?: SignalDraft;
    backtestRun?: BacktestRunDraft;
    mode: TradingMode;
    openedAt: Date;
    /** The position's fills in execution order; they determine its sizes, prices and P&L. */
    fills: FillDraft[];
  };

export type OrderDraft = Draft &
  Omit<
    Prisma.OrderCreateManyInput,
    | 'id'
    | 'strategyId'
    | 'signalId'
    | 'positionId'
    | 'backtestRunId'
    | 'side'
    | 'quantity'
    | 'createdAt'
    | 'mode'
  > & {
    strategy: StrategyDraft;
    signal?: SignalDraft;
    position?: PositionDraft;
    backtestRun?: BacktestRunDraft;
    mode: TradingMode;
    side: OrderSide;
    quantity: Decimal;
    createdAt: Date;
    fills: FillDraft[];
  };

export type FillDraft = Draft &
  Omit<
    Prisma.FillCreateManyInput,
    'id' | 'orderId' | 'strategyId' | 'positionId' | 'price' | 'quantity' | 'fee' | 'executedAt'
  > & {
    order: OrderDraft;
    strategy: StrategyDraft;
    position?: PositionDraft;
    price: Decimal;
    quantity: Decimal;
    fee: Decimal;
    executedAt: Date;
  };

export type EquitySnapshotDraft = Draft &
  Omit<Prisma.EquitySnapshotCreateManyInput, 'id' | 'strategyId' | 'backtestRunId' | 'time'> & {
    strategy?: StrategyDraft;
    backtestRun?: BacktestRunDraft;
    time: Date;
  };

export type StrategyPerformanceDraft = Draft &
  Omit<Prisma.StrategyPerformanceCreateManyInput, 'id' | 'strategyId'> & {
    strategy: StrategyDraft;
  };

export type RiskEventDraft = Draft &
  Omit<Prisma.RiskEventCreateManyInput, 'id' | 'strategyId' | 'time'> & {
    strategy?: StrategyDraft;
    time: Date;
  };

/** Everything the demo writes, table by table, in an order where parents precede children. */
export interface DemoDataSet {
  strategies: StrategyDraft[];
  mlModels: MlModelDraft[];
  predictions: PredictionDraft[];
  backtestRuns: BacktestRunDraft[];
  signals: SignalDraft[];
  positions: PositionDraft[];
  orders: OrderDraft[];
  fills: FillDraft[];
  equitySnapshots: EquitySnapshotDraft[];
  strategyPerformance: StrategyPerformanceDraft[];
  riskEvents: RiskEventDraft[];
}

/** An empty data set. */
export function emptyDataSet(): DemoDataSet {
  return {
    strategies: [],
    mlModels: [],
    predictions: [],
    backtestRuns: [],
    signals: [],
    positions: [],
    orders: [],
    fills: [],
    equitySnapshots: [],
    strategyPerformance: [],
    riskEvents: [],
  };
}
