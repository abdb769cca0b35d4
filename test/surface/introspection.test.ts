import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { overHttp, overSse, overWebSocket } from '../security/transports.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let open: TestApp;
let closed: TestApp;
let closedUrl: string;
beforeAll(async () => {
  open = await createTestApp();
  closed = await createTestApp({ database: open.database, surface: { introspection: false } });
  closedUrl = await closed.listen();
});
afterAll(async () => {
  await closed?.close();
  await open?.close();
});

const transports = [
  ['http', overHttp],
  ['sse', overSse],
  [
    'ws',
    (url: string, key: string, request: { body: string }) =>
      overWebSocket(url, key, JSON.parse(request.body)),
  ],
] as const;

describe('with introspection on (the default outside production)', () => {
  it('answers __schema and suggests names', async () => {
    const schema = await open.graphql<{ __schema: { queryType: { name: string } } }>(
      '{ __schema { queryType { name } } }',
    );
    expect(schema.data?.__schema.queryType.name).toBe('Query');
    const typo = await open.graphql('{ signal(first: 1) { totalCount } }');
    expect(typo.errors?.[0]?.message).toMatch(/Did you mean "signals"/);
  });
});

describe('with introspection off', () => {
  it.each(transports)(
    '%s: refuses __schema and __type with INTROSPECTION_DISABLED',
    async (_t, send) => {
      for (const query of [
        '{ __schema { types { name } } }',
        '{ __type(name: "Signal") { fields { name } } }',
        'query { strategies(first: 1) { totalCount } alias: __schema { queryType { name } } }',
      ]) {
        const outcome = await send(closedUrl, closed.adminKey, { body: JSON.stringify({ query }) });
        expect(outcome.errors[0]?.extensions?.code).toBe('INTROSPECTION_DISABLED');
        expect(outcome.errors[0]?.message).toMatch(/Introspection .* is disabled.*schema\.graphql/);
        expect(outcome.raw).not.toMatch(/"Signal"[^)]|"fields"|queryType":/);
      }
    },
  );

  it.each(transports)('%s: still answers __typename', async (_t, send) => {
    const outcome = await send(closedUrl, closed.adminKey, {
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(outcome.errors).toEqual([]);
    expect(outcome.data).toEqual({ __typename: 'Query' });
  });

  it.each(transports)('%s: suggests no names in errors', async (_t, send) => {
    const cases = [
      { query: '{ signal(first: 1) { totalCount } }' },
      { query: '{ signals(frist: 1) { totalCount } }' },
      { query: '{ signals(first: 1) { edges { node { directoin } } } }' },
      {
        query:
          'query($d: [SignalDirectio!]) { signals(filter: { directions: $d }) { totalCount } }',
      },
      { query: '{ signals(filter: { directoins: [LONG] }) { totalCount } }' },
      {
        query:
          'query($d: [SignalDirection!]) { signals(filter: { directions: $d }) { totalCount } }',
        variables: { d: ['LONGG'] },
      },
    ];
    for (const operation of cases) {
      // Each of them would suggest a name with introspection on.
      const suggested = await open.graphql(operation.query, operation.variables);
      expect(suggested.errors?.[0]?.message, operation.query).toMatch(/Did you mean/);
      const outcome = await send(closedUrl, closed.adminKey, { body: JSON.stringify(operation) });
      expect(outcome.errors.length, operation.query).toBeGreaterThan(0);
      expect(outcome.raw).not.toMatch(/Did you mean/);
    }
  });
});
