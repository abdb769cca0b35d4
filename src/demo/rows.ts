import type { Prisma } from '../generated/prisma/client.ts';
import type {
  BacktestRunDraft,
  EquitySnapshotDraft,
  FillDraft,
  MlModelDraft,
  OrderDraft,
  PositionDraft,
  PredictionDraft,
  RiskEventDraft,
  SignalDraft,
  StrategyDraft,
  StrategyPerformanceDraft,
} from './drafts.ts';

// Each function turns a draft into its `createMany` row: references to parent drafts become
// the parents' (by now allocated) ids, and working fields such as `fills` are dropped.

export function strategyRow(draft: StrategyDraft): Prisma.StrategyCreateManyInput {
  return draft;
}

export function mlModelRow(draft: MlModelDraft): Prisma.MlModelCreateManyInput {
  return draft;
}

export function predictionRow({
  model,
  ...row
}: PredictionDraft): Prisma.PredictionCreateManyInput {
  return { ...row, modelId: model.id };
}

export function backtestRunRow({
  strategy,
  ...row
}: BacktestRunDraft): Prisma.BacktestRunCreateManyInput {
  return { ...row, strategyId: strategy.id };
}

export function signalRow({
  strategy,
  prediction,
  backtestRun,
  ...row
}: SignalDraft): Prisma.SignalCreateManyInput {
  return {
    ...row,
    strategyId: strategy.id,
    predictionId: prediction?.id ?? null,
    backtestRunId: backtestRun?.id ?? null,
  };
}

export function positionRow({
  strategy,
  signal,
  backtestRun,
  fills: _fills,
  ...row
}: PositionDraft): Prisma.PositionCreateManyInput {
  return {
    ...row,
    strategyId: strategy.id,
    signalId: signal?.id ?? null,
    backtestRunId: backtestRun?.id ?? null,
  };
}

export function orderRow({
  strategy,
  signal,
  position,
  backtestRun,
  fills: _fills,
  ...row
}: OrderDraft): Prisma.OrderCreateManyInput {
  return {
    ...row,
    strategyId: strategy.id,
    signalId: signal?.id ?? null,
    positionId: position?.id ?? null,
    backtestRunId: backtestRun?.id ?? null,
  };
}

export function fillRow({
  order,
  strategy,
  position,
  ...row
}: FillDraft): Prisma.FillCreateManyInput {
  return { ...row, orderId: order.id, strategyId: strategy.id, positionId: position?.id ?? null };
}

export function equitySnapshotRow({
  strategy,
  backtestRun,
  ...row
}: EquitySnapshotDraft): Prisma.EquitySnapshotCreateManyInput {
  return { ...row, strategyId: strategy?.id ?? null, backtestRunId: backtestRun?.id ?? null };
}

export function strategyPerformanceRow({
  strategy,
  ...row
}: StrategyPerformanceDraft): Prisma.StrategyPerformanceCreateManyInput {
  return { ...row, strategyId: strategy.id };
}

export function riskEventRow({
  strategy,
  ...row
}: RiskEventDraft): Prisma.RiskEventCreateManyInput {
  return { ...row, strategyId: strategy?.id ?? null };
}
