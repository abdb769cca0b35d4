import { assertMayWrite } from '../../auth/write-access.ts';
import type { Signal } from '../../generated/prisma/client.ts';
import { decideSignal, recordSignal } from '../../writers/index.ts';
import type { UpsertResult } from '../../writers/write-result.ts';
import { builder } from '../builder.ts';
import {
  OrderTypeEnum,
  SignalDirectionEnum,
  SignalStatusEnum,
  SignalStrengthEnum,
  TradingModeEnum,
} from '../common.ts';
import { SignalNode } from '../signal.ts';
import { idOf, json, optionalIdOf, orDefault } from './input-values.ts';
import { writerResult } from './mutation-field.ts';

const RecordSignalInput = builder.inputType('RecordSignalInput', {
  description: 'A new signal, recorded in status PROPOSED.',
  fields: (t) => ({
    strategyId: t.id({ required: true, description: 'Global ID of the strategy that emitted it.' }),
    externalId: t.string({
      description: "The source's id for the signal; with it, recording is idempotent.",
    }),
    exchange: t.string({ required: true, description: 'Exchange of the instrument.' }),
    symbol: t.string({
      required: true,
      description: 'Instrument symbol as the exchange spells it.',
    }),
    timeframe: t.string({ description: 'Candle timeframe the signal was computed on, e.g. `1h`.' }),
    direction: t.field({ type: SignalDirectionEnum, required: true, description: 'Direction.' }),
    strength: t.field({ type: SignalStrengthEnum, description: 'Strength; default NORMAL.' }),
    score: t.field({ type: 'Decimal', description: 'Score from 0 to 100.' }),
    confidence: t.field({ type: 'Decimal', description: 'Confidence from 0 to 1.' }),
    entryType: t.field({ type: OrderTypeEnum, description: 'Intended entry order type.' }),
    entryPrice: t.field({ type: 'Decimal', description: 'Intended entry price; above 0.' }),
    stopLoss: t.field({ type: 'Decimal', description: 'Stop-loss price; above 0.' }),
    takeProfits: t.field({
      type: ['Decimal'],
      description: 'Take-profit prices, TP1 first; each above 0.',
    }),
    reasons: t.stringList({ description: 'Why the signal fired.' }),
    warnings: t.stringList({ description: 'Caveats the source attached.' }),
    factors: t.field({ type: 'JSON', description: 'Factor breakdown.' }),
    indicators: t.field({ type: 'JSON', description: 'Indicator values at generation time.' }),
    riskChecks: t.field({ type: 'JSON', description: 'Results of pre-trade risk checks.' }),
    predictionId: t.id({ description: 'Global ID of the prediction it is based on.' }),
    mode: t.field({ type: TradingModeEnum, description: 'Default LIVE.' }),
    backtestRunId: t.id({ description: 'Global ID of the backtest run; required for BACKTEST.' }),
    metadata: t.field({ type: 'JSON', description: 'Source-specific fields.' }),
    generatedAt: t.field({
      type: 'DateTime',
      required: true,
      description: 'When the source generated it; at most 5 minutes in the future.',
    }),
    expiresAt: t.field({ type: 'DateTime', description: 'When it lapses; may be in the future.' }),
  }),
});

const RecordSignalSuccess = builder
  .objectRef<UpsertResult<Signal>>('RecordSignalSuccess')
  .implement({
    description: 'The recorded signal.',
    fields: (t) => ({
      signal: t.field({ type: SignalNode, description: 'The signal.', resolve: (r) => r.row }),
      created: t.exposeBoolean('created', {
        description: 'False when `externalId` was already recorded: the stored signal, unchanged.',
      }),
    }),
  });

builder.mutationField('recordSignal', (t) =>
  t.field({
    type: RecordSignalSuccess,
    description:
      'Records a signal in status PROPOSED; idempotent by (strategy, externalId) when externalId is given.',
    errors: writerResult('recordSignal'),
    args: {
      input: t.arg({ type: RecordSignalInput, required: true, description: 'The signal.' }),
    },
    resolve: async (_root, { input }, ctx) => {
      const values = {
        ...input,
        strategyId: idOf(input.strategyId, 'Strategy', 'strategyId'),
        predictionId: optionalIdOf(input.predictionId, 'Prediction', 'predictionId'),
        backtestRunId: optionalIdOf(input.backtestRunId, 'BacktestRun', 'backtestRunId'),
        strength: orDefault(input.strength),
        mode: orDefault(input.mode),
        takeProfits: orDefault(input.takeProfits),
        reasons: orDefault(input.reasons),
        warnings: orDefault(input.warnings),
        factors: json(input.factors),
        indicators: json(input.indicators),
        riskChecks: json(input.riskChecks),
        metadata: json(input.metadata),
      };
      await assertMayWrite(ctx, 'recordSignal', {
        strategyIds: [values.strategyId],
        backtestRunIds: [values.backtestRunId],
      });
      return recordSignal(ctx.prisma, values);
    },
  }),
);

const DecideSignalInput = builder.inputType('DecideSignalInput', {
  description: 'A status decision on a signal.',
  fields: (t) => ({
    signalId: t.id({ required: true, description: 'Global ID of the signal.' }),
    status: t.field({
      type: SignalStatusEnum,
      required: true,
      description:
        'The new status: PROPOSED → APPROVED | REJECTED | EXPIRED | CANCELED; APPROVED → EXECUTED | EXPIRED | CANCELED.',
    }),
    reason: t.string({ description: 'Why; required for REJECTED.' }),
    at: t.field({ type: 'DateTime', description: 'When it was decided; default now.' }),
  }),
});

const DecideSignalSuccess = builder.objectRef<Signal>('DecideSignalSuccess').implement({
  description: 'The signal after the decision.',
  fields: (t) => ({
    signal: t.field({ type: SignalNode, description: 'The signal.', resolve: (signal) => signal }),
  }),
});

builder.mutationField('decideSignal', (t) =>
  t.field({
    type: DecideSignalSuccess,
    description:
      'Moves a signal to a new status along the allowed transitions; the status it already has is a no-op retry.',
    errors: writerResult('decideSignal'),
    args: {
      input: t.arg({ type: DecideSignalInput, required: true, description: 'The decision.' }),
    },
    resolve: async (_root, { input }, ctx) => {
      const values = {
        signalId: idOf(input.signalId, 'Signal', 'signalId'),
        status: input.status,
        reason: orDefault(input.reason),
        at: orDefault(input.at),
      };
      await assertMayWrite(ctx, 'decideSignal', { signalIds: [values.signalId] });
      return decideSignal(ctx.prisma, values);
    },
  }),
);
