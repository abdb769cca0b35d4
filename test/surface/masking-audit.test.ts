import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Outcome, overHttp, overSse, overWebSocket } from '../security/transports.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

// Fails the gateway every way we know (bad ids, broken bodies, refused writes, and a database
// whose tables are gone) and reads every byte that comes back, over every transport.

/** Database ids no response may show: the ones the requests below refer to. */
const INTERNAL_IDS = ['987654321', '424242', '31337'];

/** What must never reach a client: stacks, file paths, SQL, driver and ORM words. */
const LEAKS = [
  /\bat [\w.<>]+ \(|\bat async\b|\.ts:\d+|\.js:\d+|node_modules|file:\/\/|\/work\/|\/src\//,
  /prisma|originalError|"stack"|\bpg_|relation "|constraint "|invalid input syntax|P20\d\d/i,
  /\b(SELECT|INSERT INTO|UPDATE|DELETE FROM|FOR UPDATE)\b/,
  /does not exist in the current database|ECONNREFUSED|Invalid `/,
];

const b64 = (text: string) => Buffer.from(text).toString('base64');

const FAILING_OPERATIONS: Array<{ query: string; variables?: Record<string, unknown> }> = [
  { query: '{ node(id: "!!!not-base64") { id } }' },
  { query: `{ node(id: "${b64('Signal:99999999999999999999999')}") { id } }` },
  { query: `{ node(id: "${b64('NoSuchType:1')}") { id } }` },
  { query: `{ order(id: "${b64('Strategy:1')}") { id } }` },
  { query: `{ signals(filter: { strategyIds: ["${b64('Strategy:abc')}"] }) { totalCount } }` },
  {
    query:
      'mutation($input: RecordOrderInput!) { recordOrder(input: $input) { __typename ... on WriterError { code field message } } }',
    variables: {
      input: {
        clientOrderId: 'audit-1',
        strategyId: b64('Strategy:987654321'),
        exchange: 'kraken',
        symbol: 'XRP/USD',
        side: 'BUY',
        type: 'MARKET',
        quantity: '1',
      },
    },
  },
  {
    query:
      'mutation($input: RecordFillInput!) { recordFill(input: $input) { __typename ... on WriterError { code field message } } }',
    variables: {
      input: {
        orderId: b64('Order:424242'),
        exchangeFillId: 'audit',
        price: '1',
        quantity: '1',
        executedAt: '2026-01-01T00:00:00Z',
      },
    },
  },
  {
    query:
      'mutation($input: DecideSignalInput!) { decideSignal(input: $input) { __typename ... on WriterError { code field message } } }',
    variables: { input: { signalId: b64('Signal:31337'), status: 'APPROVED' } },
  },
  { query: '{ signals(first: 1) { edges { node { id strategy { name } } } totalCount } }' },
  { query: '{ strategies(first: 2) { edges { node { id name } } } }' },
  { query: `{ fills(first: 1, after: "${b64('garbage-cursor')}") { totalCount } }` },
  { query: 'subscription { fillCreated { cursor } }' },
  { query: 'subscription { signalUpdated { cursor } }' },
];

const RAW_BODIES = [
  '{"query": "{ signals { totalCount } ',
  '{"query": 42}',
  'null',
  '[]',
  '{"query": "{ __typename }", "variables": "x"}',
  `{"query": "{ strategy(name: \\"a\\u0000b\\") { id } }"}`,
];

const WS_MESSAGES = [
  'not json',
  JSON.stringify({ type: 'subscribe', id: '1', payload: { query: 42 } }),
  JSON.stringify({ type: 'what', id: '1' }),
];

let app: TestApp;
let url: string;
let broken: TestApp;
let brokenUrl: string;
beforeAll(async () => {
  app = await createTestApp();
  url = await app.listen();
  broken = await createTestApp();
  brokenUrl = await broken.listen();
  for (const table of ['signals', 'strategies', 'orders', 'fills', 'positions']) {
    await broken.prisma.$executeRawUnsafe(`ALTER TABLE ${table} RENAME TO ${table}_gone`);
  }
});
afterAll(async () => {
  await broken?.close();
  await app?.close();
});

function expectNoLeak(outcome: Outcome, what: string) {
  for (const leak of LEAKS) expect(outcome.raw, what).not.toMatch(leak);
  // Yoga's HTTP status hints mean nothing over a WebSocket.
  if (outcome.transport === 'ws') expect(outcome.raw, what).not.toMatch(/"http":/);
  for (const id of INTERNAL_IDS) expect(outcome.raw, what).not.toContain(id);
}

describe.each([
  ['a healthy database', () => ({ app, url })],
  ['a database whose tables are gone', () => ({ app: broken, url: brokenUrl })],
])('with %s, nothing internal reaches a client', (_db, target) => {
  it.each(FAILING_OPERATIONS.map((operation) => [operation.query.slice(0, 70), operation]))(
    '%s',
    async (_name, operation) => {
      const { app: gateway, url: endpoint } = target();
      const body = JSON.stringify(operation);
      const outcomes = await Promise.all([
        overHttp(endpoint, gateway.adminKey, { body }),
        overSse(endpoint, gateway.adminKey, { body }),
        overWebSocket(endpoint, gateway.adminKey, operation),
      ]);
      for (const outcome of outcomes) {
        expectNoLeak(outcome, `${outcome.transport}: ${outcome.raw}`);
        const masked = outcome.errors.filter((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR');
        for (const error of masked) {
          expect(error.message).toBe('Unexpected error.');
          expect(error.extensions?.requestId).toEqual(expect.any(String));
        }
      }
    },
  );

  it.each(RAW_BODIES)('raw body %s', async (body) => {
    const { app: gateway, url: endpoint } = target();
    for (const send of [overHttp, overSse]) {
      expectNoLeak(await send(endpoint, gateway.adminKey, { body }), body);
    }
  });

  it.each(WS_MESSAGES)('WebSocket message %s', async (message) => {
    const { app: gateway, url: endpoint } = target();
    const outcome = await overWebSocket(endpoint, gateway.adminKey, undefined, {
      rawMessages: [message],
    });
    expectNoLeak(outcome, outcome.raw);
  });
});

describe('refused writes', () => {
  it('name the global ID the client sent, never the database id', async () => {
    const strategyId = b64('Strategy:987654321');
    const response = await app.graphql<{ recordOrder: { message: string } }>(
      FAILING_OPERATIONS[5]?.query ?? '',
      FAILING_OPERATIONS[5]?.variables,
    );
    expect(response.data?.recordOrder.message).toBe(
      `strategyId: no strategy with id ${strategyId} exists.`,
    );
    const decided = await app.graphql<{ decideSignal: { code: string; message: string } }>(
      FAILING_OPERATIONS[7]?.query ?? '',
      FAILING_OPERATIONS[7]?.variables,
    );
    expect(decided.data?.decideSignal).toMatchObject({
      code: 'NOT_FOUND',
      message: `signalId: no signal with id ${b64('Signal:31337')} exists.`,
    });
  });

  it('made the healthy gateway log only the refused subscriptions (it has no live feed)', () => {
    expect(app.unexpectedErrors.map(String)).toEqual(
      Array(6).fill(expect.stringMatching(/Live subscriptions are not enabled/)),
    );
    expect(broken.errorLog.length).toBeGreaterThan(0);
    for (const entry of broken.errorLog) expect(entry.requestId).toEqual(expect.any(String));
  });
});
