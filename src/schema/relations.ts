import type { RelationSpec } from './relation-pages.ts';

/**
 * Every to-many relation the API pages through, with the columns its LATERAL query uses. Each
 * has an index on (foreign key, time DESC, id DESC) in prisma/schema.prisma.
 */
export const relations = {
  strategySignals: {
    delegate: 'signal',
    table: 'signals',
    foreignKey: 'strategy_id',
    timeColumn: 'generated_at',
  },
  strategyOrders: {
    delegate: 'order',
    table: 'orders',
    foreignKey: 'strategy_id',
    timeColumn: 'created_at',
  },
  strategyFills: {
    delegate: 'fill',
    table: 'fills',
    foreignKey: 'strategy_id',
    timeColumn: 'executed_at',
  },
  strategyPositions: {
    delegate: 'position',
    table: 'positions',
    foreignKey: 'strategy_id',
    timeColumn: 'opened_at',
  },
  strategyEquitySnapshots: {
    delegate: 'equitySnapshot',
    table: 'equity_snapshots',
    foreignKey: 'strategy_id',
    timeColumn: 'time',
  },
  strategyBacktestRuns: {
    delegate: 'backtestRun',
    table: 'backtest_runs',
    foreignKey: 'strategy_id',
    timeColumn: 'created_at',
  },
  strategyPerformance: {
    delegate: 'strategyPerformance',
    table: 'strategy_performance',
    foreignKey: 'strategy_id',
    timeColumn: 'period_start',
  },
  strategyRiskEvents: {
    delegate: 'riskEvent',
    table: 'risk_events',
    foreignKey: 'strategy_id',
    timeColumn: 'time',
  },
  signalOrders: {
    delegate: 'order',
    table: 'orders',
    foreignKey: 'signal_id',
    timeColumn: 'created_at',
  },
  signalPositions: {
    delegate: 'position',
    table: 'positions',
    foreignKey: 'signal_id',
    timeColumn: 'opened_at',
  },
  orderFills: {
    delegate: 'fill',
    table: 'fills',
    foreignKey: 'order_id',
    timeColumn: 'executed_at',
  },
  positionOrders: {
    delegate: 'order',
    table: 'orders',
    foreignKey: 'position_id',
    timeColumn: 'created_at',
  },
  positionFills: {
    delegate: 'fill',
    table: 'fills',
    foreignKey: 'position_id',
    timeColumn: 'executed_at',
  },
  modelPredictions: {
    delegate: 'prediction',
    table: 'predictions',
    foreignKey: 'model_id',
    timeColumn: 'time',
  },
  predictionSignals: {
    delegate: 'signal',
    table: 'signals',
    foreignKey: 'prediction_id',
    timeColumn: 'generated_at',
  },
  backtestRunSignals: {
    delegate: 'signal',
    table: 'signals',
    foreignKey: 'backtest_run_id',
    timeColumn: 'generated_at',
  },
  backtestRunPositions: {
    delegate: 'position',
    table: 'positions',
    foreignKey: 'backtest_run_id',
    timeColumn: 'opened_at',
  },
  backtestRunOrders: {
    delegate: 'order',
    table: 'orders',
    foreignKey: 'backtest_run_id',
    timeColumn: 'created_at',
  },
  backtestRunEquitySnapshots: {
    delegate: 'equitySnapshot',
    table: 'equity_snapshots',
    foreignKey: 'backtest_run_id',
    timeColumn: 'time',
  },
} satisfies Record<string, RelationSpec>;
