import { assertMayWrite } from '../../auth/write-access.ts';
import type { Position } from '../../generated/prisma/client.ts';
import { adjustPosition, closePosition, openPosition } from '../../writers/index.ts';
import type { UpsertResult } from '../../writers/write-result.ts';
import { builder } from '../builder.ts';
import { ExitReasonEnum, PositionDirectionEnum, TradingModeEnum } from '../common.ts';
import { PositionNode } from '../position.ts';
import { idOf, json, optionalIdOf, orDefault } from './input-values.ts';
import { writerResult } from './mutation-field.ts';

const OpenPositionInput = builder.inputType('OpenPositionInput', {
  description: 'A position recorded directly, not built from fills.',
  fields: (t) => ({
    strategyId: t.id({ required: true, description: 'Global ID of the strategy holding it.' }),
    externalId: t.string({
      description: "The source's id for the position; with it, recording is idempotent.",
    }),
    signalId: t.id({ description: 'Global ID of the signal that opened it.' }),
    mode: t.field({ type: TradingModeEnum, description: 'Default LIVE.' }),
    backtestRunId: t.id({ description: 'Global ID of the backtest run; required for BACKTEST.' }),
    exchange: t.string({ required: true, description: 'Exchange of the instrument.' }),
    symbol: t.string({
      required: true,
      description: 'Instrument symbol as the exchange spells it.',
    }),
    direction: t.field({
      type: PositionDirectionEnum,
      required: true,
      description: 'Long or short.',
    }),
    size: t.field({ type: 'Decimal', required: true, description: 'Entry size; above 0.' }),
    averageEntryPrice: t.field({
      type: 'Decimal',
      required: true,
      description: 'Average entry price; above 0.',
    }),
    fees: t.field({ type: 'Decimal', description: 'Entry fees paid; default 0.' }),
    stopLoss: t.field({ type: 'Decimal', description: 'Stop-loss price; above 0.' }),
    takeProfits: t.field({ type: ['Decimal'], description: 'Take-profit prices, TP1 first.' }),
    trailingStopPrice: t.field({ type: 'Decimal', description: 'Current trailing stop price.' }),
    trailingStop: t.field({ type: 'JSON', description: 'Trailing-stop settings.' }),
    margin: t.field({ type: 'Decimal', description: 'Margin posted; not negative.' }),
    leverage: t.field({ type: 'Decimal', description: 'Leverage; above 0.' }),
    liquidationPrice: t.field({ type: 'Decimal', description: 'Liquidation price; above 0.' }),
    riskAmount: t.field({
      type: 'Decimal',
      description: 'Money lost if the initial stop is hit (1 R); not negative.',
    }),
    metadata: t.field({ type: 'JSON', description: 'Source-specific fields.' }),
    openedAt: t.field({
      type: 'DateTime',
      required: true,
      description: 'When it was opened; at most 5 minutes in the future.',
    }),
  }),
});

const OpenPositionSuccess = builder
  .objectRef<UpsertResult<Position>>('OpenPositionSuccess')
  .implement({
    description: 'The opened position.',
    fields: (t) => ({
      position: t.field({
        type: PositionNode,
        description: 'The position.',
        resolve: (r) => r.row,
      }),
      created: t.exposeBoolean('created', {
        description:
          'False when `externalId` was already recorded: the stored position, unchanged.',
      }),
    }),
  });

builder.mutationField('openPosition', (t) =>
  t.field({
    type: OpenPositionSuccess,
    description:
      'Opens a position directly; idempotent by (strategy, externalId) when externalId is given.',
    errors: writerResult('openPosition'),
    args: {
      input: t.arg({ type: OpenPositionInput, required: true, description: 'The position.' }),
    },
    resolve: async (_root, { input }, ctx) => {
      const values = {
        ...input,
        strategyId: idOf(input.strategyId, 'Strategy', 'strategyId'),
        signalId: optionalIdOf(input.signalId, 'Signal', 'signalId'),
        backtestRunId: optionalIdOf(input.backtestRunId, 'BacktestRun', 'backtestRunId'),
        mode: orDefault(input.mode),
        fees: orDefault(input.fees),
        takeProfits: orDefault(input.takeProfits),
        trailingStop: json(input.trailingStop),
        metadata: json(input.metadata),
      };
      await assertMayWrite(ctx, 'openPosition', {
        strategyIds: [values.strategyId],
        signalIds: [values.signalId],
        backtestRunIds: [values.backtestRunId],
      });
      return openPosition(ctx.prisma, values);
    },
  }),
);

const AdjustPositionInput = builder.inputType('AdjustPositionInput', {
  description:
    "Changes to an open position's risk settings and marks: omitted fields stay, null clears.",
  fields: (t) => ({
    positionId: t.id({ required: true, description: 'Global ID of the position.' }),
    stopLoss: t.field({ type: 'Decimal', description: 'Stop-loss price; above 0.' }),
    takeProfits: t.field({
      type: ['Decimal'],
      description: 'Take-profit prices, TP1 first; null or [] removes them all.',
    }),
    takeProfitsHit: t.int({ description: 'How many take-profit levels were reached.' }),
    trailingStopPrice: t.field({ type: 'Decimal', description: 'Current trailing stop price.' }),
    trailingStop: t.field({ type: 'JSON', description: 'Trailing-stop settings.' }),
    markPrice: t.field({
      type: 'Decimal',
      description: 'Last mark price; unless unrealizedPnl is given, it is computed from it.',
    }),
    unrealizedPnl: t.field({ type: 'Decimal', description: 'Unrealized P&L of the open size.' }),
    margin: t.field({ type: 'Decimal', description: 'Margin posted; not negative.' }),
    leverage: t.field({ type: 'Decimal', description: 'Leverage; above 0.' }),
    liquidationPrice: t.field({ type: 'Decimal', description: 'Liquidation price; above 0.' }),
    metadata: t.field({ type: 'JSON', description: 'Source-specific fields; null keeps them.' }),
  }),
});

/** Payload of mutations that return one position and nothing else. */
const PositionPayload = (name: string, description: string) =>
  builder.objectRef<Position>(name).implement({
    description,
    fields: (t) => ({
      position: t.field({ type: PositionNode, description: 'The position.', resolve: (p) => p }),
    }),
  });

const AdjustPositionSuccess = PositionPayload('AdjustPositionSuccess', 'The adjusted position.');

builder.mutationField('adjustPosition', (t) =>
  t.field({
    type: AdjustPositionSuccess,
    description:
      "Changes an open position's stops, targets, marks, margin and leverage; sizes and P&L come from fills.",
    errors: writerResult('adjustPosition'),
    args: {
      input: t.arg({ type: AdjustPositionInput, required: true, description: 'The changes.' }),
    },
    resolve: async (_root, { input }, ctx) => {
      const values = {
        ...input,
        positionId: idOf(input.positionId, 'Position', 'positionId'),
        // The writer reads null as "clear"; for a list that is the empty list.
        takeProfits: input.takeProfits === null ? [] : input.takeProfits,
        takeProfitsHit: orDefault(input.takeProfitsHit),
        trailingStop:
          input.trailingStop === undefined ? undefined : (json(input.trailingStop) ?? null),
        metadata: json(input.metadata),
      };
      await assertMayWrite(ctx, 'adjustPosition', { positionIds: [values.positionId] });
      return adjustPosition(ctx.prisma, values);
    },
  }),
);

const ClosePositionInput = builder.inputType('ClosePositionInput', {
  description: 'A close of the remaining size without a fill (manual or reconciled).',
  fields: (t) => ({
    positionId: t.id({ required: true, description: 'Global ID of the position.' }),
    price: t.field({
      type: 'Decimal',
      required: true,
      description: 'Price the remaining size is closed at; above 0.',
    }),
    exitReason: t.field({ type: ExitReasonEnum, required: true, description: 'Why it closed.' }),
    fee: t.field({ type: 'Decimal', description: 'Fee of the close; default 0.' }),
    closedAt: t.field({
      type: 'DateTime',
      description: 'When it closed; default now, not before it opened.',
    }),
  }),
});

const ClosePositionSuccess = PositionPayload('ClosePositionSuccess', 'The closed position.');

builder.mutationField('closePosition', (t) =>
  t.field({
    type: ClosePositionSuccess,
    description:
      'Closes the remaining size at a price, realizing the P&L; a closed position is refused.',
    errors: writerResult('closePosition'),
    args: {
      input: t.arg({ type: ClosePositionInput, required: true, description: 'The close.' }),
    },
    resolve: async (_root, { input }, ctx) => {
      const values = {
        positionId: idOf(input.positionId, 'Position', 'positionId'),
        price: input.price,
        exitReason: input.exitReason,
        fee: orDefault(input.fee),
        closedAt: orDefault(input.closedAt),
      };
      await assertMayWrite(ctx, 'closePosition', { positionIds: [values.positionId] });
      return closePosition(ctx.prisma, values);
    },
  }),
);
