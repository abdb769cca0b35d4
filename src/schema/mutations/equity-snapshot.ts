import { assertMayWrite } from '../../auth/write-access.ts';
import type { EquitySnapshot } from '../../generated/prisma/client.ts';
import { recordEquitySnapshot } from '../../writers/index.ts';
import type { UpsertResult } from '../../writers/write-result.ts';
import { builder } from '../builder.ts';
import { TradingModeEnum } from '../common.ts';
import { EquitySnapshotNode } from '../equity-snapshot.ts';
import { json, optionalIdOf, orDefault } from './input-values.ts';
import { writerResult } from './mutation-field.ts';

const RecordEquitySnapshotInput = builder.inputType('RecordEquitySnapshotInput', {
  description: 'The equity of an account or a strategy at one instant.',
  fields: (t) => ({
    strategyId: t.id({ description: 'Global ID of the strategy; omit for an account snapshot.' }),
    account: t.string({ description: 'Account name; default "default".' }),
    mode: t.field({ type: TradingModeEnum, description: 'Default LIVE.' }),
    backtestRunId: t.id({ description: 'Global ID of the backtest run; required for BACKTEST.' }),
    currency: t.string({ description: 'Currency of the amounts.' }),
    equity: t.field({ type: 'Decimal', required: true, description: 'Total equity.' }),
    availableBalance: t.field({ type: 'Decimal', description: 'Balance free for new positions.' }),
    exposure: t.field({ type: 'Decimal', description: 'Notional exposure.' }),
    exposurePct: t.field({ type: 'Decimal', description: 'Exposure in percent of equity.' }),
    unrealizedPnl: t.field({ type: 'Decimal', description: 'Unrealized P&L.' }),
    realizedPnl: t.field({ type: 'Decimal', description: 'Realized P&L.' }),
    drawdownPct: t.field({ type: 'Decimal', description: 'Drawdown in percent; not negative.' }),
    dailyDrawdownPct: t.field({ type: 'Decimal', description: 'Daily drawdown in percent.' }),
    weeklyDrawdownPct: t.field({ type: 'Decimal', description: 'Weekly drawdown in percent.' }),
    maxDrawdownPct: t.field({ type: 'Decimal', description: 'Maximum drawdown in percent.' }),
    openPositionCount: t.int({ description: 'Open positions at that instant.' }),
    positions: t.field({ type: 'JSON', description: 'Position breakdown.' }),
    metadata: t.field({ type: 'JSON', description: 'Source-specific fields.' }),
    time: t.field({
      type: 'DateTime',
      required: true,
      description: 'Instant of the snapshot; at most 5 minutes in the future.',
    }),
  }),
});

const RecordEquitySnapshotSuccess = builder
  .objectRef<UpsertResult<EquitySnapshot>>('RecordEquitySnapshotSuccess')
  .implement({
    description: 'The recorded equity snapshot.',
    fields: (t) => ({
      equitySnapshot: t.field({
        type: EquitySnapshotNode,
        description: 'The snapshot.',
        resolve: (r) => r.row,
      }),
      created: t.exposeBoolean('created', {
        description:
          'False when a snapshot of the same account, mode, strategy and time exists: that one, unchanged.',
      }),
    }),
  });

builder.mutationField('recordEquitySnapshot', (t) =>
  t.field({
    type: RecordEquitySnapshotSuccess,
    description:
      'Records an equity snapshot; a replay of the same account, mode, strategy and time returns the stored one.',
    errors: writerResult('recordEquitySnapshot'),
    args: {
      input: t.arg({
        type: RecordEquitySnapshotInput,
        required: true,
        description: 'The snapshot.',
      }),
    },
    resolve: async (_root, { input }, ctx) => {
      const values = {
        ...input,
        strategyId: optionalIdOf(input.strategyId, 'Strategy', 'strategyId'),
        backtestRunId: optionalIdOf(input.backtestRunId, 'BacktestRun', 'backtestRunId'),
        account: orDefault(input.account),
        mode: orDefault(input.mode),
        positions: json(input.positions),
        metadata: json(input.metadata),
      };
      await assertMayWrite(ctx, 'recordEquitySnapshot', {
        strategyIds: [values.strategyId],
        backtestRunIds: [values.backtestRunId],
        shared: values.strategyId == null ? 'an account-wide equity snapshot' : undefined,
      });
      return recordEquitySnapshot(ctx.prisma, values);
    },
  }),
);
