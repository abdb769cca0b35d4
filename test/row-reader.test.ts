import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelSelectList, scalarFieldsOf } from '../src/db/model-rows.ts';
import {
  createRowReader,
  parseTimestamptz,
  type RowReader,
  rowReaderOf,
} from '../src/db/row-reader.ts';
import { getDatamodel } from '../src/generated/pothos-types.ts';
import { Prisma } from '../src/generated/prisma/client.ts';
import { relations } from '../src/schema/relations.ts';
import {
  createBacktestRun,
  createEquitySnapshot,
  createFill,
  createModel,
  createOrder,
  createPosition,
  createPrediction,
  createSignal,
  createStrategy,
} from './support/fixtures.ts';
import { createTestApp, type TestApp } from './support/test-app.ts';

// The row reader (src/db/row-reader.ts) serves relation pages without Prisma; its rows must carry
// every field Prisma's would, with the same values once serialized, for every model it serves.

let app: TestApp;
let reader: RowReader;
/** Model -> [table, id of a row with every nullable scalar set]. */
const samples = new Map<string, [string, bigint]>();

// biome-ignore lint/suspicious/noExplicitAny: generic access to every model's delegate
type AnyDelegate = { update(args: any): Promise<any>; findUnique(args: any): Promise<any> };
const delegate = (model: string) =>
  (app.prisma as unknown as Record<string, AnyDelegate>)[
    model.charAt(0).toLowerCase() + model.slice(1)
  ] as AnyDelegate;

/** A value of a Prisma scalar type unlike any default, so a wrong mapping cannot pass. */
function sampleValue(type: string, isList: boolean): unknown {
  const one = (() => {
    switch (type) {
      case 'Decimal':
        return '0.500000000000000001';
      case 'String':
        return 'sample';
      case 'DateTime':
        return new Date('2026-02-03T04:05:06.789Z');
      case 'Int':
        return 7;
      case 'Json':
        return { nested: { value: 1.5, text: 'a' }, list: [1, 2] };
      case 'Boolean':
        return true;
      default:
        return undefined; // BigInt keys and enums keep what the fixture set
    }
  })();
  if (one === undefined) return undefined;
  return isList ? [one, one] : one;
}

/**
 * Sets each scalar the fixture left null or at its default to a sample value, one field at a
 * time: a field whose sample a check constraint refuses keeps the fixture's value.
 */
async function fillIn(model: string, id: bigint) {
  const fields = getDatamodel().datamodel.models[model]?.fields ?? [];
  for (const field of fields) {
    if (field.kind !== 'scalar' || field.isId || field.isUpdatedAt || field.isUnique) continue;
    const value = sampleValue(field.type, field.isList);
    if (value === undefined) continue;
    await delegate(model)
      .update({ where: { id }, data: { [field.name]: value } })
      .catch(() => undefined);
  }
}

/** What the API would send for a value: Decimals as plain strings, the rest unchanged. */
function wire(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(wire);
  if (Prisma.Decimal.isDecimal(value)) return (value as Prisma.Decimal).toFixed();
  // Timestamps as the DateTime scalar sends them, the form the row reader keeps them in.
  if (value instanceof Date) return value.toISOString();
  return value;
}

function wireDecimalText(value: unknown, type: string): unknown {
  if (type !== 'Decimal' || value == null) return wire(value);
  if (Array.isArray(value)) return value.map((item) => new Prisma.Decimal(item).toFixed());
  return new Prisma.Decimal(value as string).toFixed();
}

beforeAll(async () => {
  app = await createTestApp();
  reader = rowReaderOf(app.prisma) as RowReader;
  const { prisma } = app;
  const strategy = await createStrategy(prisma);
  const model = await createModel(prisma);
  const prediction = await createPrediction(prisma, { modelId: model.id });
  const run = await createBacktestRun(prisma, { strategyId: strategy.id });
  const signal = await createSignal(prisma, {
    strategyId: strategy.id,
    predictionId: prediction.id,
    backtestRunId: run.id,
    mode: 'BACKTEST',
  });
  const position = await createPosition(prisma, { strategyId: strategy.id, signalId: signal.id });
  const order = await createOrder(prisma, {
    strategyId: strategy.id,
    signalId: signal.id,
    positionId: position.id,
  });
  const fill = await createFill(prisma, {
    strategyId: strategy.id,
    orderId: order.id,
    positionId: position.id,
  });
  const snapshot = await createEquitySnapshot(prisma, { strategyId: strategy.id });
  const performance = await prisma.strategyPerformance.create({
    data: { strategyId: strategy.id, period: 'DAY', periodStart: new Date('2026-01-01Z') },
  });
  const riskEvent = await prisma.riskEvent.create({
    data: { strategyId: strategy.id, type: 'DRAWDOWN', description: 'x', time: new Date() },
  });
  const rows: Array<[string, string, bigint]> = [
    ['Strategy', 'strategies', strategy.id],
    ['Signal', 'signals', signal.id],
    ['Order', 'orders', order.id],
    ['Fill', 'fills', fill.id],
    ['Position', 'positions', position.id],
    ['EquitySnapshot', 'equity_snapshots', snapshot.id],
    ['Prediction', 'predictions', prediction.id],
    ['BacktestRun', 'backtest_runs', run.id],
    ['StrategyPerformance', 'strategy_performance', performance.id],
    ['RiskEvent', 'risk_events', riskEvent.id],
  ];
  for (const [name, table, id] of rows) {
    await fillIn(name, id);
    samples.set(name, [table, id]);
  }
});

afterAll(async () => {
  await app?.close();
});

describe('the row reader', () => {
  it('covers every model a relation page serves', () => {
    const served = new Set(
      Object.values(relations).map(
        (spec) => spec.delegate.charAt(0).toUpperCase() + spec.delegate.slice(1),
      ),
    );
    for (const model of served) expect(samples.has(model), model).toBe(true);
  });

  it('returns every scalar field with the value Prisma returns, for every model', async () => {
    for (const [model, [table, id]] of samples) {
      const types = new Map(
        (getDatamodel().datamodel.models[model]?.fields ?? []).map((f) => [f.name, f.type]),
      );
      const [row] = await reader.query<Record<string, unknown>>(
        `SELECT ${modelSelectList(model, 'c')} FROM "${table}" c WHERE c.id = $1`,
        [id],
      );
      const expected = (await delegate(model).findUnique({ where: { id } })) as Record<
        string,
        unknown
      >;
      expect(Object.keys(row ?? {}).sort(), model).toEqual(scalarFieldsOf(model).sort());
      for (const field of scalarFieldsOf(model)) {
        const actual = wireDecimalText(row?.[field], types.get(field) ?? '');
        expect(actual, `${model}.${field}`).toEqual(wire(expected[field]));
      }
    }
  });

  it('keeps 64-bit ids and foreign keys as bigint', async () => {
    const [table, id] = samples.get('Fill') as [string, bigint];
    const [row] = await reader.query<Record<string, unknown>>(
      `SELECT ${modelSelectList('Fill', 'c')} FROM "${table}" c WHERE c.id = $1`,
      [id],
    );
    expect(typeof row?.id).toBe('bigint');
    expect(typeof row?.orderId).toBe('bigint');
  });

  it('reads the same rows with its statements prepared or not, again and again', async () => {
    const [table, id] = samples.get('Order') as [string, bigint];
    const text = `SELECT ${modelSelectList('Order', 'c')} FROM "${table}" c WHERE c.id = $1`;
    const pool = new pg.Pool({ connectionString: app.database.url, max: 1 });
    try {
      const unprepared = createRowReader(pool, { prepared: false });
      const prepared = createRowReader(pool);
      const expected = await unprepared.query(text, [id]);
      expect(expected).toHaveLength(1);
      // Past the fifth run PostgreSQL may switch a prepared statement to its generic plan.
      for (let run = 0; run < 7; run += 1)
        expect(await prepared.query(text, [id])).toEqual(expected);
    } finally {
      await pool.end();
    }
  });
});

describe('parseTimestamptz', () => {
  it('keeps UTC timestamps as the DateTime wire text, cut to milliseconds as Date cuts them', () => {
    expect(parseTimestamptz('2026-01-31 14:05:09.123999+00')).toBe('2026-01-31T14:05:09.123Z');
    expect(parseTimestamptz('2026-01-31 14:05:09.123+00')).toBe('2026-01-31T14:05:09.123Z');
    expect(parseTimestamptz('2026-01-31 14:05:09.12+00')).toBe('2026-01-31T14:05:09.120Z');
    expect(parseTimestamptz('2026-01-31 14:05:09.1+00')).toBe('2026-01-31T14:05:09.100Z');
    expect(parseTimestamptz('2026-01-31 14:05:09+00')).toBe('2026-01-31T14:05:09.000Z');
    expect(parseTimestamptz('0001-01-01 00:00:00+00')).toBe('0001-01-01T00:00:00.000Z');
    expect(parseTimestamptz('2026-01-31 14:05:09.5+05:30')).toBeInstanceOf(Date);
  });

  it("reads every form PostgreSQL writes exactly as pg's own parser does", () => {
    const general = pg.types.getTypeParser(1184 as never, 'text') as (text: string) => unknown;
    const texts = [
      '2026-01-31 14:05:09.123456+00',
      '2026-01-31 14:05:09+00',
      '2026-01-31 14:05:09.1+05:30',
      '1999-12-31 23:59:59.999999-03',
      '2026-01-31 14:05:09.5-09:30',
      '0001-01-01 00:00:00+00',
      '2026-01-31 14:05:09+05:30:15',
      '0044-03-15 12:00:00+00 BC',
      'infinity',
      '-infinity',
    ];
    const comparable = (value: unknown) =>
      value instanceof Date
        ? value.getTime()
        : typeof value === 'string'
          ? Date.parse(value)
          : value;
    for (const text of texts) {
      expect(comparable(parseTimestamptz(text)), text).toEqual(comparable(general(text)));
    }
  });
});
