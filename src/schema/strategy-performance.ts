import { builder } from './builder.ts';
import { TradingModeEnum } from './common.ts';
import { toOneRows } from './row-lookups.ts';
import { strategyOwned } from './strategy-owned.ts';

export const StrategyPerformanceNode = builder.prismaNode('StrategyPerformance', {
  ...strategyOwned('strategyPerformance'),
  description: "A strategy's aggregated results over one period (a day, a week, all time).",
  id: { field: 'id', description: 'Opaque global ID.' },
  // An id that names no row resolves node(id) to null instead of an error.
  nullable: true,
  fields: (t) => ({
    databaseId: t.expose('id', {
      type: 'BigInt',
      description: 'Primary key in the strategy_performance table.',
    }),
    mode: t.expose('mode', {
      type: TradingModeEnum,
      description: 'Live, paper or backtest results.',
    }),
    period: t.exposeString('period', {
      description: 'Length of the period: "DAY", "WEEK", "MONTH", "YEAR" or "ALL_TIME".',
    }),
    periodStart: t.expose('periodStart', { type: 'DateTime', description: 'Start of the period.' }),
    periodEnd: t.expose('periodEnd', {
      type: 'DateTime',
      nullable: true,
      description:
        'End of the period (exclusive); for all-time rows, the instant the figures are as of.',
    }),
    tradeCount: t.exposeInt('tradeCount', { description: 'Trades closed in the period.' }),
    winCount: t.exposeInt('winCount', { description: 'Winning trades.' }),
    lossCount: t.exposeInt('lossCount', { description: 'Losing trades.' }),
    grossPnl: t.expose('grossPnl', {
      type: 'Decimal',
      nullable: true,
      description: 'P&L before fees.',
    }),
    fees: t.expose('fees', { type: 'Decimal', nullable: true, description: 'Fees paid.' }),
    netPnl: t.expose('netPnl', { type: 'Decimal', nullable: true, description: 'P&L after fees.' }),
    returnPct: t.expose('returnPct', {
      type: 'Decimal',
      nullable: true,
      description: 'Return, in percent.',
    }),
    volume: t.expose('volume', {
      type: 'Decimal',
      nullable: true,
      description: 'Traded notional.',
    }),
    winRate: t.expose('winRate', {
      type: 'Decimal',
      nullable: true,
      description: 'Share of winning trades, a fraction from 0 to 1.',
    }),
    averageWin: t.expose('averageWin', {
      type: 'Decimal',
      nullable: true,
      description: 'Mean winning trade.',
    }),
    averageLoss: t.expose('averageLoss', {
      type: 'Decimal',
      nullable: true,
      description: 'Mean losing trade.',
    }),
    profitFactor: t.expose('profitFactor', {
      type: 'Decimal',
      nullable: true,
      description: 'Gross profit / gross loss.',
    }),
    sharpeRatio: t.expose('sharpeRatio', {
      type: 'Decimal',
      nullable: true,
      description: 'Sharpe ratio.',
    }),
    sortinoRatio: t.expose('sortinoRatio', {
      type: 'Decimal',
      nullable: true,
      description: 'Sortino ratio.',
    }),
    maxDrawdownPct: t.expose('maxDrawdownPct', {
      type: 'Decimal',
      nullable: true,
      description: 'Max drawdown, percent.',
    }),
    volatilityPct: t.expose('volatilityPct', {
      type: 'Decimal',
      nullable: true,
      description: 'Volatility, percent.',
    }),
    metrics: t.expose('metrics', { type: 'JSON', description: 'Further metrics.' }),
    strategy: t.relation('strategy', {
      ...toOneRows('StrategyPerformance', 'strategy'),
      description: 'The strategy measured.',
    }),
  }),
});

export const StrategyPerformanceConnection = builder.connectionObject(
  {
    type: StrategyPerformanceNode,
    name: 'StrategyPerformanceConnection',
    description: 'A page of performance periods.',
  },
  {
    name: 'StrategyPerformanceEdge',
    description: 'One of performance periods in a page, with its cursor.',
  },
);
