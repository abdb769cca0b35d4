import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { overHttp, overSse, overWebSocket } from '../security/transports.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let app: TestApp;
let url: string;

beforeAll(async () => {
  app = await createTestApp({ live: true, requestLimits: { maxQueryCost: 500 } });
  url = await app.listen();
});

afterAll(async () => {
  await app?.close();
});

type Operation = { query: string; variables?: Record<string, unknown> };
const transports = {
  http: (operation: Operation) => overHttp(url, app.adminKey, { body: JSON.stringify(operation) }),
  sse: (operation: Operation) => overSse(url, app.adminKey, { body: JSON.stringify(operation) }),
  ws: (operation: Operation) => overWebSocket(url, app.adminKey, operation),
};

// signals(first: N) { totalCount edges { node { id orders(first: M) { edges { node { id } } } } } }
// costs 1 + 1 + N * (edges 1 + node 1 + id 1 + orders (1 + M * 3)) = 2 + N * (4 + 3M).
const NESTED = `query($signals: Int, $orders: Int) {
  signals(first: $signals) { totalCount edges { node { id orders(first: $orders) { edges { node { id } } } } } }
}`;

describe.each(Object.entries(transports))('the query cost limit over %s', (_name, send) => {
  it('accepts an operation at the limit', async () => {
    // 2 + 12 * (4 + 3 * 12) = 482
    const outcome = await send({ query: NESTED, variables: { signals: 12, orders: 12 } });
    expect(outcome.errors).toEqual([]);
  });

  it('refuses nested pages whose product is too large, with the computed cost and the limit', async () => {
    // 2 + 20 * (4 + 3 * 20) = 1,282, page sizes from variables
    const outcome = await send({ query: NESTED, variables: { signals: 20, orders: 20 } });
    expect(outcome.errors[0]).toMatchObject({
      message: expect.stringMatching(
        /^Query cost 1,282 exceeds the limit of 500: ask for smaller pages or fewer nested lists/,
      ),
      extensions: { code: 'QUERY_TOO_COMPLEX' },
    });
    expect(outcome.data ?? null).toBeNull();
  });

  it('counts connections without first/last at the default page size (20)', async () => {
    const outcome = await send({ query: NESTED });
    expect(outcome.errors[0]?.message).toMatch(/^Query cost 1,282 exceeds/);
  });

  it('refuses a document whose page sizes are written in it on every request, as the first', async () => {
    // Its cost reads no variable, so it is kept with the parsed document after the first time.
    const query = `query($after: String) { signals(first: 20, after: $after) { totalCount edges { node { id
      orders(first: 20) { edges { node { id } } } } } } }`;
    for (let time = 0; time < 2; time++) {
      const outcome = await send({ query, variables: { after: null } });
      expect(outcome.errors[0]?.message).toMatch(/^Query cost 1,282 exceeds/);
    }
  });

  it('counts a subscription selection the same way', async () => {
    const query = `subscription { signalCreated { signal { orders(first: 100) { edges { node {
      fills(first: 100) { edges { node { id } } } } } } } } }`;
    const outcome = await send({ query });
    expect(outcome.errors[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(outcome.errors[0]?.message).toMatch(/^Query cost [\d,]+ exceeds the limit of 500/);
  });
});
