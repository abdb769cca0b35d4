import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Outcome, overHttp, overSse, overWebSocket } from '../security/transports.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let app: TestApp;
let url: string;

beforeAll(async () => {
  app = await createTestApp({
    live: true,
    requestLimits: { maxQueryDepth: 4, maxAliases: 2, maxDirectives: 2, maxTokens: 60 },
  });
  url = await app.listen();
});

afterAll(async () => {
  await app?.close();
});

const transports = {
  http: (query: string) => overHttp(url, app.adminKey, { body: JSON.stringify({ query }) }),
  sse: (query: string) => overSse(url, app.adminKey, { body: JSON.stringify({ query }) }),
  ws: (query: string) => overWebSocket(url, app.adminKey, { query }),
};

function expectRefused(outcome: Outcome, message: RegExp) {
  if (outcome.transport !== 'ws') expect(outcome.status).toBeLessThan(500);
  expect(outcome.errors[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
  expect(outcome.errors[0]?.message).toMatch(message);
  expect(outcome.data ?? null).toBeNull();
}

// depth 4: signals > edges > node > id
const DEEP_ENOUGH = '{ signals(first: 1) { edges { node { id } } } }';
const TOO_DEEP = '{ signals(first: 1) { edges { node { strategy { id } } } } }';

describe.each(Object.entries(transports))('operation shape limits over %s', (_name, send) => {
  it('accepts an operation at the depth limit', async () => {
    const outcome = await send(DEEP_ENOUGH);
    expect(outcome.errors).toEqual([]);
  });

  it('refuses an operation nested deeper than the limit, naming depth and limit', async () => {
    expectRefused(await send(TOO_DEEP), /nests fields 5 levels deep, above the limit of 4/);
  });

  it('follows fragments when measuring depth', async () => {
    const query = `{ signals(first: 1) { ...Edges } }
      fragment Edges on SignalConnection { edges { node { ...Deep } } }
      fragment Deep on Signal { strategy { id } }`;
    expectRefused(await send(query), /5 levels deep/);
  });

  it('refuses more aliases than the limit, counting each spread of a fragment', async () => {
    expectRefused(
      await send('{ a: __typename b: __typename c: __typename }'),
      /uses 3 aliases, above the limit of 2/,
    );
    const spread = '{ ...F ...F } fragment F on Query { a: __typename b: __typename }';
    // Spreading the same fragment twice merges, but it is still measured as written.
    expectRefused(await send(spread), /uses 4 aliases/);
  });

  it('refuses more directives than the limit', async () => {
    const query =
      '{ a: __typename @include(if: true) __typename @skip(if: false) @include(if: true) }';
    expectRefused(await send(query), /uses 3 directives, above the limit of 2/);
  });

  it('stops parsing a document with more tokens than the limit', async () => {
    const query = `{ ${Array.from({ length: 80 }, () => '__typename').join(' ')} }`;
    expectRefused(await send(query), /more than 60 tokens, the limit: send a shorter query/);
  });
});

it('lets GraphiQL introspect the schema under the depth limit (introspection is not counted)', async () => {
  const { getIntrospectionQuery } = await import('graphql');
  // The default token limit is what bounds introspection; this app's is tiny, so use a new one.
  const roomy = await createTestApp({ requestLimits: { maxQueryDepth: 4 } });
  try {
    const response = await roomy.graphql(getIntrospectionQuery());
    expect(response.errors).toBeUndefined();
    expect(response.data).toHaveProperty('__schema');
  } finally {
    await roomy.close();
  }
});
