import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strategyLimitWhere } from '../src/auth/strategy-access.ts';
import { readListPage } from '../src/db/list-rows.ts';
import { type RowReader, rowReaderOf } from '../src/db/row-reader.ts';
import { whereToSql } from '../src/db/where-sql.ts';
import { Prisma } from '../src/generated/prisma/client.ts';
import { positionWhere } from '../src/schema/position.ts';
import { at, createPosition, createSignal, createStrategy } from './support/fixtures.ts';
import { createTestApp, type TestApp } from './support/test-app.ts';

// Top-level lists read their pages through the row reader when the query's shape allows
// (src/db/list-rows.ts); each page must be exactly the page Prisma reads for the same arguments.

let app: TestApp;
let reader: RowReader;
let strategies: bigint[];

beforeAll(async () => {
  app = await createTestApp();
  reader = rowReaderOf(app.prisma) as RowReader;
  const { prisma } = app;
  strategies = [(await createStrategy(prisma)).id, (await createStrategy(prisma)).id];
  const statuses = ['OPEN', 'PARTIALLY_CLOSED', 'CLOSED'] as const;
  for (let i = 0; i < 30; i += 1) {
    const strategyId = strategies[i % 2] as bigint;
    const signal = i % 3 === 0 ? await createSignal(prisma, { strategyId }) : null;
    await createPosition(prisma, {
      strategyId,
      signalId: signal?.id,
      status: statuses[i % 3],
      closedAt: i % 3 === 2 ? at('2026-02-01T00:00:00Z') : undefined,
      symbol: i % 4 === 0 ? 'ETHUSDT' : 'BTCUSDT',
      // Pairs share a timestamp: the id must break the tie the same way Prisma does.
      openedAt: at(`2026-01-01T00:${String(Math.floor(i / 2)).padStart(2, '0')}:00Z`),
    });
  }
});

afterAll(async () => {
  await app?.close();
});

type Row = Record<string, unknown>;

/** Rows as the API would serialize them: Decimals as plain text. */
function wire(rows: Row[]): unknown {
  return JSON.parse(
    JSON.stringify(rows, (_key, value) =>
      typeof value === 'bigint'
        ? value.toString()
        : typeof value === 'string' && /^-?\d+\.\d+$/.test(value)
          ? new Prisma.Decimal(value).toFixed()
          : value,
    ),
  );
}

async function both(args: {
  where: object;
  direction: 'asc' | 'desc';
  take: number;
  skip?: number;
  cursor?: { id: bigint };
  include?: Record<string, unknown>;
}) {
  const fromReader = await readListPage(reader, {
    model: 'Position',
    timeField: 'openedAt',
    ...args,
  });
  const fromPrisma = await app.prisma.position.findMany({
    where: args.where,
    orderBy: [{ openedAt: args.direction }, { id: args.direction }],
    take: args.take,
    skip: args.skip,
    cursor: args.cursor,
    include: args.include,
  });
  return { fromReader, fromPrisma };
}

describe('a list page through the row reader', () => {
  it('matches Prisma forward, backward and from a cursor, with filters and a strategy limit', async () => {
    const limited = { strategyIds: [strategies[0] as bigint] };
    const wheres = [
      {},
      positionWhere({ open: true }),
      positionWhere({ open: false, symbol: 'BTCUSDT' }),
      { AND: [positionWhere({ open: true }), strategyLimitWhere(limited as never, 'position')] },
      { AND: [{}, strategyLimitWhere({ strategyIds: [] } as never, 'position')] },
    ];
    for (const where of wheres) {
      for (const direction of ['asc', 'desc'] as const) {
        // A cursor from the list itself, as clients get them. (Prisma's `skip: 1` drops a row
        // when the cursor row no longer matches the filter; the row reader does not.)
        const list = await app.prisma.position.findMany({
          where,
          orderBy: [{ openedAt: direction }, { id: direction }],
        });
        const cursor = { id: (list[Math.min(4, list.length - 1)]?.id ?? 1n) as bigint };
        for (const page of [
          { take: 6 },
          { take: -6 },
          { take: 6, skip: 1, cursor },
          { take: -6, skip: 1, cursor },
        ]) {
          const { fromReader, fromPrisma } = await both({ where, direction, ...page });
          const label = JSON.stringify({ where, direction, page }, (_k, v) =>
            typeof v === 'bigint' ? String(v) : v,
          );
          expect(fromReader, label).not.toBeNull();
          expect(wire(fromReader as Row[]), label).toEqual(wire(fromPrisma as Row[]));
        }
      }
    }
  });

  it('includes to-one relations as Prisma does, null where the key is null', async () => {
    const include = { strategy: true, signal: true };
    const { fromReader, fromPrisma } = await both({
      where: {},
      direction: 'desc',
      take: 12,
      include,
    });
    expect(fromReader?.some((row) => row.signal === null)).toBe(true);
    // The joined columns stay on the rows as "relation.column", beside Prisma's fields.
    const prismaFields = (fromReader as Row[]).map((row) =>
      Object.fromEntries(Object.entries(row).filter(([key]) => !key.includes('.'))),
    );
    expect(wire(prismaFields)).toEqual(wire(fromPrisma as Row[]));
  });

  it('leaves shapes it does not translate to Prisma', async () => {
    const cases = [
      { where: { symbol: { contains: 'BTC' } } },
      { where: { strategy: { name: 'x' } } },
      { where: { NOT: { status: 'OPEN' } } },
      { where: {}, include: { fills: true } },
      { where: {}, include: { strategy: { select: { name: true } } } },
    ];
    for (const shape of cases) {
      const rows = await readListPage(reader, {
        model: 'Position',
        timeField: 'openedAt',
        direction: 'desc',
        take: 5,
        ...shape,
      });
      expect(rows, JSON.stringify(shape)).toBeNull();
    }
  });

  it('puts every value in a parameter, never in the SQL text', () => {
    const params: unknown[] = [];
    const sql = whereToSql(
      'Position',
      { AND: [{ symbol: "x'; DROP TABLE positions; --" }, { status: { in: ['OPEN'] } }] },
      'c',
      params,
    );
    expect(sql).toBe('(c."symbol" = $1 AND c."status" = ANY($2))');
    expect(params).toEqual(["x'; DROP TABLE positions; --", ['OPEN']]);
    expect(whereToSql('Position', { "symbol\" = '' OR TRUE --": 'x' }, 'c', [])).toBeNull();
  });
});
