import { builder } from './builder.ts';
import { RiskSeverityEnum } from './common.ts';
import { toOneRows } from './row-lookups.ts';
import { strategyOwned } from './strategy-owned.ts';

export const RiskEventNode = builder.prismaNode('RiskEvent', {
  ...strategyOwned('riskEvent'),
  description: 'A risk-limit breach or risk-manager action worth recording.',
  id: { field: 'id', description: 'Opaque global ID.' },
  // An id that names no row resolves node(id) to null instead of an error.
  nullable: true,
  fields: (t) => ({
    databaseId: t.expose('id', {
      type: 'BigInt',
      description: 'Primary key in the risk_events table.',
    }),
    type: t.exposeString('type', {
      description: 'Kind of event, e.g. "max_drawdown", "position_limit".',
    }),
    severity: t.expose('severity', { type: RiskSeverityEnum, description: 'How serious it is.' }),
    exchange: t.exposeString('exchange', {
      nullable: true,
      description: 'Exchange concerned, if any.',
    }),
    symbol: t.exposeString('symbol', {
      nullable: true,
      description: 'Instrument concerned, if any.',
    }),
    description: t.exposeString('description', { description: 'What happened.' }),
    metricName: t.exposeString('metricName', {
      nullable: true,
      description: 'Metric that crossed a limit.',
    }),
    metricValue: t.expose('metricValue', {
      type: 'Decimal',
      nullable: true,
      description: 'Its value.',
    }),
    thresholdValue: t.expose('thresholdValue', {
      type: 'Decimal',
      nullable: true,
      description: 'The limit.',
    }),
    actionTaken: t.exposeString('actionTaken', {
      nullable: true,
      description: 'What the system did about it.',
    }),
    details: t.expose('details', { type: 'JSON', description: 'Structured detail.' }),
    acknowledgedAt: t.expose('acknowledgedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When acknowledged.',
    }),
    acknowledgedBy: t.exposeString('acknowledgedBy', {
      nullable: true,
      description: 'Who acknowledged it.',
    }),
    time: t.expose('time', { type: 'DateTime', description: 'When it happened.' }),
    strategy: t.relation('strategy', {
      ...toOneRows('RiskEvent', 'strategy'),
      nullable: true,
      description: 'The strategy concerned, if any.',
    }),
  }),
});

export const RiskEventConnection = builder.connectionObject(
  { type: RiskEventNode, name: 'RiskEventConnection', description: 'A page of risk events.' },
  { name: 'RiskEventEdge', description: 'One of risk events in a page, with its cursor.' },
);
