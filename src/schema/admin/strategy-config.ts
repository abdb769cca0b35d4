import type { Strategy } from '../../generated/prisma/client.ts';
import { upsertStrategy } from '../../writers/index.ts';
import type { UpsertResult } from '../../writers/write-result.ts';
import { builder } from '../builder.ts';
import { StrategyKindEnum, StrategyStatusEnum } from '../common.ts';
import { json, orDefault } from '../mutations/input-values.ts';
import { writerResult } from '../mutations/mutation-field.ts';
import { StrategyNode } from '../strategy.ts';
import { adminScopes } from './admin-scopes.ts';

const UpsertStrategyInput = builder.inputType('UpsertStrategyInput', {
  description:
    'A strategy version, named by name and version: created if new, else the given fields are changed. Omitted fields keep their value; null clears a nullable one.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'Strategy name.' }),
    version: t.string({ description: 'Version label; default "1".' }),
    kind: t.field({ type: StrategyKindEnum, description: 'Family of trading logic.' }),
    status: t.field({ type: StrategyStatusEnum, description: 'Lifecycle state.' }),
    description: t.string({ description: 'Free-text description.' }),
    parameters: t.field({ type: 'JSON', description: 'Strategy-specific parameters.' }),
    riskLimits: t.field({ type: 'JSON', description: 'Risk limits (max drawdown, ...).' }),
    symbols: t.stringList({ description: 'Instruments it trades.' }),
    timeframes: t.stringList({ description: 'Bar timeframes it uses.' }),
    baseCurrency: t.string({ description: 'Currency of capital and P&L.' }),
    allocatedCapital: t.field({ type: 'Decimal', description: 'Allocated capital; not negative.' }),
    maxPositionSize: t.field({ type: 'Decimal', description: 'Largest position; above 0.' }),
    maxLeverage: t.field({ type: 'Decimal', description: 'Leverage cap; above 0.' }),
    metadata: t.field({ type: 'JSON', description: 'Source-specific fields.' }),
    deployedAt: t.field({ type: 'DateTime', description: 'When it went live.' }),
    stoppedAt: t.field({ type: 'DateTime', description: 'When it was stopped.' }),
    lastRunAt: t.field({ type: 'DateTime', description: 'Last time it ran.' }),
  }),
});

const UpsertStrategySuccess = builder
  .objectRef<UpsertResult<Strategy>>('UpsertStrategySuccess')
  .implement({
    description: 'The strategy as stored now.',
    fields: (t) => ({
      strategy: t.field({
        type: StrategyNode,
        description: 'The strategy.',
        resolve: (r) => r.row,
      }),
      created: t.exposeBoolean('created', {
        description: 'True when this call created it; false when it changed an existing one.',
      }),
    }),
  });

builder.mutationField('upsertStrategy', (t) =>
  t.field({
    type: UpsertStrategySuccess,
    ...adminScopes,
    description:
      'Creates or reconfigures a strategy version. Needs `admin` and a key without a strategy limit.',
    errors: writerResult('upsertStrategy'),
    args: {
      input: t.arg({ type: UpsertStrategyInput, required: true, description: 'The strategy.' }),
    },
    resolve: (_root, { input }, ctx) =>
      upsertStrategy(ctx.prisma, {
        ...input,
        version: orDefault(input.version),
        kind: orDefault(input.kind),
        status: orDefault(input.status),
        parameters: json(input.parameters),
        riskLimits: json(input.riskLimits),
        symbols: orDefault(input.symbols),
        timeframes: orDefault(input.timeframes),
        metadata: json(input.metadata),
      }),
  }),
);
