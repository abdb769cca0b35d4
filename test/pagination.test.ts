import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, createSignal, createStrategy } from './support/fixtures.ts';
import { createTestApp, type TestApp } from './support/test-app.ts';

let app: TestApp;
let strategyId: string;
const expectedNewestFirst: string[] = [];

interface Page {
  totalCount: number;
  edges: Array<{ cursor: string; node: { externalId: string } }>;
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
}

const PAGE = `query($strategy: ID!, $first: Int, $last: Int, $after: String, $before: String, $orderBy: TimeOrder) {
  signals(filter: { strategyIds: [$strategy] }, first: $first, last: $last, after: $after, before: $before, orderBy: $orderBy) {
    totalCount
    edges { cursor node { externalId } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

async function page(variables: Record<string, unknown>): Promise<Page> {
  const response = await app.graphql<{ signals: Page }>(PAGE, {
    strategy: strategyId,
    ...variables,
  });
  expect(response.errors).toBeUndefined();
  return (response.data as { signals: Page }).signals;
}

const ext = (p: Page) => p.edges.map((edge) => edge.node.externalId);

beforeAll(async () => {
  app = await createTestApp();
  const strategy = await createStrategy(app.prisma);
  strategyId = Buffer.from(`Strategy:${strategy.id}`).toString('base64');
  // 13 signals in 4 timestamps: many share a time, so only the id tie-break orders them.
  const times = [
    '2026-03-01T00:00:00.000Z',
    '2026-03-01T00:00:00.001Z',
    '2026-03-01T00:00:05Z',
    '2026-03-02T00:00:00Z',
  ];
  const created: Array<{ externalId: string; time: number; id: bigint }> = [];
  for (let i = 0; i < 13; i += 1) {
    const time = times[i % times.length] as string;
    const signal = await createSignal(app.prisma, {
      strategyId: strategy.id,
      externalId: `s${i}`,
      generatedAt: at(time),
    });
    created.push({ externalId: `s${i}`, time: Date.parse(time), id: signal.id });
  }
  created.sort((a, b) => b.time - a.time || (b.id > a.id ? 1 : -1));
  expectedNewestFirst.push(...created.map((c) => c.externalId));
  await createSignal(app.prisma, {
    strategyId: (await createStrategy(app.prisma)).id,
    externalId: 'other',
  });
});

afterAll(async () => {
  await app?.close();
});

describe('cursor pagination on time-ordered data', () => {
  it('walks forward through rows sharing timestamps without skipping or repeating one', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const current: Page = await page({ first: 3, after });
      seen.push(...ext(current));
      pages += 1;
      expect(current.totalCount).toBe(13);
      if (!current.pageInfo.hasNextPage) break;
      after = current.pageInfo.endCursor;
    }
    expect(pages).toBe(5);
    expect(seen).toEqual(expectedNewestFirst);
  });

  it('walks backward with last/before to the same sequence', async () => {
    const seen: string[] = [];
    let before: string | null = null;
    for (;;) {
      const current: Page = await page({ last: 4, before });
      seen.unshift(...ext(current));
      if (!current.pageInfo.hasPreviousPage) break;
      before = current.pageInfo.startCursor;
    }
    expect(seen).toEqual(expectedNewestFirst);
  });

  it('orders oldest first on request, ties broken by id', async () => {
    const oldest = await page({ first: 13, orderBy: 'OLDEST_FIRST' });
    expect(ext(oldest)).toEqual([...expectedNewestFirst].reverse());
  });

  it('reports the first and the last page', async () => {
    const first = await page({ first: 5 });
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const lastPage = await page({ last: 5 });
    expect(ext(lastPage)).toEqual(expectedNewestFirst.slice(-5));
    expect(lastPage.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const everything = await page({ first: 13 });
    expect(everything.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
  });

  it('returns an empty page after the last item and for an empty filter result', async () => {
    const all = await page({ first: 13 });
    const beyond = await page({ first: 5, after: all.pageInfo.endCursor });
    expect(beyond.edges).toEqual([]);
    expect(beyond.pageInfo).toMatchObject({
      hasNextPage: false,
      startCursor: null,
      endCursor: null,
    });
    const none = await app.graphql<{ signals: Page }>(
      '{ signals(filter: { symbol: "NOPE" }) { totalCount edges { cursor } pageInfo { hasNextPage hasPreviousPage } } }',
    );
    expect(none.data?.signals).toEqual({
      totalCount: 0,
      edges: [],
      pageInfo: { hasNextPage: false, hasPreviousPage: false },
    });
  });

  it('uses the default page size when neither first nor last is given', async () => {
    const response = await app.graphql<{ signals: Page }>('{ signals { edges { cursor } } }');
    expect(response.data?.signals.edges).toHaveLength(14);
  });

  it('accepts first: 0 and the maximum page size', async () => {
    expect((await page({ first: 0 })).edges).toEqual([]);
    expect((await page({ first: 100 })).edges).toHaveLength(13);
  });
});

describe('cursor pagination on a nested connection', () => {
  const NESTED = `query($strategy: ID!, $first: Int, $last: Int, $after: String, $before: String, $orderBy: TimeOrder) {
    node(id: $strategy) { ... on Strategy {
      signals(first: $first, last: $last, after: $after, before: $before, orderBy: $orderBy) {
        totalCount
        edges { cursor node { externalId } }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      }
    } }
  }`;

  async function nestedPage(variables: Record<string, unknown>): Promise<Page> {
    const response = await app.graphql<{ node: { signals: Page } }>(NESTED, {
      strategy: strategyId,
      ...variables,
    });
    expect(response.errors).toBeUndefined();
    return (response.data as { node: { signals: Page } }).node.signals;
  }

  it('pages forward and backward through ties exactly like the top-level list', async () => {
    const forward: string[] = [];
    let after: string | null = null;
    for (;;) {
      const current: Page = await nestedPage({ first: 4, after });
      expect(current.totalCount).toBe(13);
      forward.push(...ext(current));
      if (!current.pageInfo.hasNextPage) break;
      after = current.pageInfo.endCursor;
    }
    expect(forward).toEqual(expectedNewestFirst);

    const backward: string[] = [];
    let before: string | null = null;
    for (;;) {
      const current: Page = await nestedPage({ last: 5, before });
      backward.unshift(...ext(current));
      if (!current.pageInfo.hasPreviousPage) break;
      before = current.pageInfo.startCursor;
    }
    expect(backward).toEqual(expectedNewestFirst);
  });

  it('issues cursors that the top-level list accepts, and the other way round', async () => {
    const nested = await nestedPage({ first: 6 });
    const topLevel = await page({ first: 3, after: nested.edges[2]?.cursor });
    expect(ext(topLevel)).toEqual(expectedNewestFirst.slice(3, 6));
    const back = await nestedPage({
      first: 3,
      after: topLevel.pageInfo.endCursor,
      orderBy: 'NEWEST_FIRST',
    });
    expect(ext(back)).toEqual(expectedNewestFirst.slice(6, 9));
  });

  it('orders oldest first on request and reports page boundaries', async () => {
    const oldest = await nestedPage({ first: 13, orderBy: 'OLDEST_FIRST' });
    expect(ext(oldest)).toEqual([...expectedNewestFirst].reverse());
    expect(oldest.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
    const empty = await nestedPage({ first: 0 });
    expect(empty.edges).toEqual([]);
    expect(empty.pageInfo.hasNextPage).toBe(true);
  });
});
