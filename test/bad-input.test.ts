import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSignal, createStrategy } from './support/fixtures.ts';
import { createTestApp, type TestApp } from './support/test-app.ts';

let app: TestApp;
let signalId: string;
let strategyId: string;

beforeAll(async () => {
  app = await createTestApp();
  const strategy = await createStrategy(app.prisma);
  const signal = await createSignal(app.prisma, { strategyId: strategy.id });
  strategyId = Buffer.from(`Strategy:${strategy.id}`).toString('base64');
  signalId = Buffer.from(`Signal:${signal.id}`).toString('base64');
});

afterAll(async () => {
  await app?.close();
});

const b64 = (text: string) => Buffer.from(text).toString('base64');

interface Case {
  name: string;
  query: string;
  variables?: () => Record<string, unknown>;
  message: RegExp;
  code?: string;
}

const cases: Case[] = [
  {
    name: 'a cursor that is not base64 of a cursor',
    query: '{ signals(after: "not-a-cursor") { totalCount } }',
    message: /Argument "after" is not a valid cursor: "not-a-cursor"/,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a cursor of the wrong shape',
    query: `{ signals(after: "${b64('GPC:S:abc')}") { edges { cursor } } }`,
    message: /cursor/i,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a cursor with an injection-like payload',
    query: `{ signals(first: 2, after: "${b64('GPC:N:1; DROP TABLE signals;--')}") { edges { cursor } } }`,
    message: /cursor/i,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a node id that is not a global id',
    query: '{ node(id: "garbage") { id } }',
    message: /not a valid (global )?ID|Invalid/i,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a node id of an unknown type',
    query: `{ node(id: "${b64('Wallet:1')}") { id } }`,
    message: /Wallet/,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a node id whose key is not a number',
    query: `{ node(id: "${b64('Signal:abc')}") { id } }`,
    message: /not a valid Signal ID/,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a filter id of another type',
    query: 'query($ids: [ID!]) { signals(filter: { strategyIds: $ids }) { totalCount } }',
    variables: () => ({ ids: [signalId] }),
    message: /filter\.strategyIds: .* is the ID of a Signal, expected a Strategy/,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a malformed filter id',
    query: '{ orders(filter: { ids: ["%%%"] }) { totalCount } }',
    message: /filter\.ids: "%%%" is not a valid Order ID/,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'an unknown enum value in a filter',
    query: '{ signals(filter: { statuses: [MAYBE] }) { totalCount } }',
    message: /MAYBE/,
  },
  {
    name: 'a filter field of the wrong type',
    query: 'query($f: SignalFilter) { signals(filter: $f) { totalCount } }',
    variables: () => ({ f: { exchange: 42 } }),
    message: /String cannot represent a non string value/,
  },
  {
    name: 'a time that is not an ISO 8601 instant',
    query: '{ signals(filter: { generatedAt: { from: "yesterday" } }) { totalCount } }',
    message: /not an ISO 8601 UTC instant/,
  },
  {
    name: 'a time without an offset',
    query: 'query($f: SignalFilter) { signals(filter: $f) { totalCount } }',
    variables: () => ({ f: { generatedAt: { from: '2026-01-01T00:00:00' } } }),
    message: /not an ISO 8601 UTC instant/,
  },
  {
    name: 'an impossible date',
    query: '{ signals(filter: { generatedAt: { from: "2026-13-45T00:00:00Z" } }) { totalCount } }',
    message: /not a valid date/,
  },
  {
    name: 'a page larger than the maximum',
    query: '{ signals(first: 101) { totalCount } }',
    message: /"first" of Query\.signals is 101, above the maximum page size of 100/,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a nested page larger than the maximum',
    query: 'query($id: ID!) { strategy(id: $id) { signals(last: 5000) { totalCount } } }',
    variables: () => ({ id: strategyId }),
    message: /"last" of Strategy\.signals is 5000, above the maximum page size of 100/,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a negative page size',
    query: '{ orders(first: -1) { totalCount } }',
    message: /Argument "first" of Query\.orders must be a non-negative integer, got -1/,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'after and last together',
    query: `{ fills(last: 2, after: "${b64('GPC:N:1')}") { totalCount } }`,
    message: /Arguments "last" and "after" of Query\.fills cannot be used together/,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a strategy lookup with both id and name',
    query: 'query($id: ID!) { strategy(id: $id, name: "x") { id } }',
    variables: () => ({ id: strategyId }),
    message: /either id, or name/,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'an order lookup without a key',
    query: '{ order { id } }',
    message: /exactly one of id or clientOrderId/,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a field that does not exist',
    query: '{ signals { edges { node { password } } } }',
    message: /Cannot query field "password" on type "Signal"/,
  },
  {
    name: 'a syntax error',
    query: '{ signals(first: 1 { totalCount } }',
    message: /Syntax Error/,
  },
];

describe('bad input to the read API', () => {
  it.each(cases)(
    'rejects $name with a clear error, never a 500',
    async ({ query, variables, message, code }) => {
      const response = await app.graphql(query, variables?.());
      expect(response.status).toBeLessThan(500);
      expect(response.errors?.[0]?.message).toMatch(message);
      if (code) expect(response.errors?.[0]?.extensions?.code).toBe(code);
      expect(JSON.stringify(response.errors)).not.toMatch(/prisma|SELECT|invocation|at .*\.ts:/i);
      expect(app.unexpectedErrors).toEqual([]);
    },
  );

  it('rejects a body that is not JSON with 400', async () => {
    const response = await app.fetch({ body: '{"query": "{ signals { totalCount } "' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: Array<{ message: string }> };
    expect(body.errors[0]?.message).toMatch(/JSON/i);
  });

  it('answers an unknown id with null, not an error', async () => {
    const response = await app.graphql(`{ node(id: "${b64('Order:987654321')}") { id } }`);
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ node: null });
  });
});
