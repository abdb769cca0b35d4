import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, revokeApiKey } from '../../src/auth/api-keys.ts';
import { databaseFingerprint } from '../support/database-fingerprint.ts';
import {
  createFill,
  createOrder,
  createPosition,
  createSignal,
  createStrategy,
} from '../support/fixtures.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { type Case, type CorpusIds, cases as generalCases, type KeyName } from './corpus.ts';
import { authzCases } from './corpus-authz.ts';
import { FLOOD_LIMITS, limitCases } from './corpus-limits.ts';
import { type Outcome, overHttp, overSse, overWebSocket } from './transports.ts';

const cases = [...generalCases, ...limitCases, ...authzCases];

let app: TestApp;
let url: string;
/** The same database behind a small rate limit, for flood cases only. */
let floodApp: TestApp;
let floodUrl: string;
let ids: CorpusIds;
const keys = {} as Record<KeyName, string | null>;
let before: Record<string, string>;

const gid = (type: string, id: bigint) => Buffer.from(`${type}:${id}`).toString('base64');

beforeAll(async () => {
  app = await createTestApp({ live: true });
  url = await app.listen();
  floodApp = await createTestApp({
    live: true,
    database: app.database,
    requestLimits: FLOOD_LIMITS,
  });
  floodUrl = await floodApp.listen();
  const a = await createStrategy(app.prisma);
  const b = await createStrategy(app.prisma);
  const signalA = await createSignal(app.prisma, { strategyId: a.id });
  const signalB = await createSignal(app.prisma, {
    strategyId: b.id,
    status: 'REJECTED',
    decidedAt: new Date('2026-01-01T00:00:01Z'),
  });
  const position = await createPosition(app.prisma, { strategyId: a.id });
  const orderA = await createOrder(app.prisma, {
    strategyId: a.id,
    clientOrderId: 'corpus-existing-order',
    quantity: '1',
  });
  const orderB = await createOrder(app.prisma, { strategyId: b.id });
  const fillA = await createFill(app.prisma, { strategyId: a.id, orderId: orderA.id });
  ids = {
    strategyA: gid('Strategy', a.id),
    strategyB: gid('Strategy', b.id),
    signalA: gid('Signal', signalA.id),
    signalB: gid('Signal', signalB.id),
    orderA: gid('Order', orderA.id),
    orderB: gid('Order', orderB.id),
    positionA: gid('Position', position.id),
    fillA: gid('Fill', fillA.id),
  };

  const make = async (name: string, extra: Partial<Parameters<typeof createApiKey>[1]> = {}) =>
    createApiKey(app.prisma, { name: `corpus-${name}`, scopes: ['READ'], ...extra });
  keys.admin = app.adminKey;
  keys.none = null;
  const revoked = await make('revoked');
  await revokeApiKey(app.prisma, revoked.key.id);
  keys.revoked = revoked.secret;
  const twoMinutesAgo = new Date(Date.now() - 120_000);
  const expired = await createApiKey(
    app.prisma,
    { name: 'corpus-expired', scopes: ['READ'], expiresAt: new Date(Date.now() - 60_000) },
    twoMinutesAgo,
  );
  keys.expired = expired.secret;
  keys.unknown = `tg_ZZZZZZZZ_${'A'.repeat(43)}`;
  keys.malformed = 'tg_this-is-not-a-key';
  keys.reader = (await make('reader')).secret;
  keys.writer = (await make('writer', { scopes: ['WRITE'] })).secret;
  keys.limitedA = (await make('limited-a', { strategyIds: [a.id] })).secret;
  keys.limitedWriterA = (
    await make('limited-writer-a', { scopes: ['WRITE'], strategyIds: [a.id] })
  ).secret;
  keys.trader = (await make('trader', { scopes: ['TRADE'] })).secret;
  // Each valid key's first use records last_used_at; use them all once before the fingerprint.
  for (const key of [keys.reader, keys.writer, keys.limitedA, keys.limitedWriterA, keys.trader]) {
    await overHttp(url, key, { body: JSON.stringify({ query: '{ __typename }' }) });
  }
  before = await databaseFingerprint(app.database.url);
});

afterAll(async () => {
  await floodApp?.close();
  await app?.close();
});

/** Nothing internal may reach a client: no stack frames, SQL, Prisma or driver words. */
const LEAKS = [
  /\bat [\w.<>]+ \(|\.ts:\d+|node_modules|prisma|originalError|"stack"|\bpg_|relation "|constraint "/i,
  /\b(SELECT|INSERT INTO|UPDATE|DELETE FROM) [a-z_"]/,
];

function transportsOf(testCase: Case): Array<'http' | 'sse' | 'ws'> {
  if (testCase.webSocketMessages || testCase.connectionParams !== undefined || testCase.skipInit) {
    return ['ws'];
  }
  if (testCase.raw) return ['http', 'sse'];
  return ['http', 'sse', 'ws'];
}

async function send(testCase: Case, transport: 'http' | 'sse' | 'ws'): Promise<Outcome> {
  if (testCase.flood !== undefined) return sendAfterFlood(testCase, transport);
  const key = keys[testCase.as ?? 'admin'];
  const operation = testCase.operation?.(ids);
  if (transport === 'ws') {
    return overWebSocket(url, key, operation, {
      rawMessages: testCase.webSocketMessages,
      connectionParams: testCase.connectionParams,
      skipInit: testCase.skipInit,
    });
  }
  let raw = testCase.raw ?? { body: JSON.stringify(operation) };
  if (raw.method === 'GET') {
    raw = {
      method: 'GET',
      headers: raw.headers,
      body: undefined,
    };
    const query = encodeURIComponent('mutation { decideSignal(input: {}) { __typename } }');
    return (transport === 'http' ? overHttp : overSse)(`${url}?query=${query}`, key, raw);
  }
  return (transport === 'http' ? overHttp : overSse)(url, key, raw);
}

/** Uses up the flood app's burst with the same operation, then sends the case's request. */
async function sendAfterFlood(testCase: Case, transport: 'http' | 'sse' | 'ws'): Promise<Outcome> {
  const body = { body: JSON.stringify(testCase.operation?.(ids)) };
  for (let i = 0; i < (testCase.flood ?? 0); i += 1) {
    await overHttp(floodUrl, floodApp.adminKey, body);
  }
  if (transport === 'ws') {
    return overWebSocket(floodUrl, floodApp.adminKey, testCase.operation?.(ids));
  }
  return (transport === 'http' ? overHttp : overSse)(floodUrl, floodApp.adminKey, body);
}

const runs = cases.flatMap((testCase) =>
  transportsOf(testCase).map((transport) => ({ ...testCase, transport })),
);

describe('the bad-input corpus', () => {
  it('has at least 100 cases and runs each over every transport it can travel', () => {
    expect(cases.length).toBeGreaterThanOrEqual(100);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  it.each(runs)('$transport: $name', async (run) => {
    const outcome = await send(run, run.transport);
    if (process.env.CORPUS_DEBUG) console.log(run.transport, run.name, outcome.status, outcome.raw);
    const { expect: expected } = run;
    for (const leak of LEAKS) expect(outcome.raw).not.toMatch(leak);
    if (run.transport === 'ws') {
      // A close code: graphql-ws's 4xxx, or the WebSocket's own (1009: message too big).
      if (/^(4\d\d\d|1\d\d\d)$/.test(expected.code)) {
        expect(outcome.status).toBe(Number(expected.code));
        expect(outcome.errors[0]?.message ?? '').toMatch(expected.message);
        return;
      }
      if (expected.code === 'UNAUTHENTICATED') {
        // Refused at connection_init: the socket is closed with 4403 and the message.
        expect(outcome.status).toBe(4403);
        expect(outcome.errors[0]?.message).toMatch(expected.message);
        return;
      }
      expect(outcome.status).toBe(0);
    } else {
      expect(outcome.status).toBeLessThan(500);
      if (run.transport === 'http') expect(outcome.status).toBe(expected.status ?? 200);
      else if ([401, 403, 413, 429].includes(expected.status ?? 200)) {
        expect(outcome.status).toBe(expected.status);
      }
    }
    if (expected.data !== undefined) {
      const data = typeof expected.data === 'function' ? expected.data(ids) : expected.data;
      expect(outcome.errors).toEqual([]);
      expect(outcome.data).toEqual(data);
      return;
    }
    if (expected.writerError) {
      const result = Object.values((outcome.data ?? {}) as Record<string, unknown>)[0] as {
        __typename: string;
        code: string;
        message: string;
      };
      expect(outcome.errors).toEqual([]);
      expect(result).toMatchObject({ __typename: 'WriterError', code: expected.writerError });
      expect(result.message).toMatch(expected.message);
      return;
    }
    expect(outcome.errors.length).toBeGreaterThan(0);
    const [first] = outcome.errors;
    expect(first?.message).toMatch(expected.message);
    expect(first?.extensions?.code).toBe(expected.code);
  });

  it('left the database byte-for-byte unchanged and logged nothing unexpected', async () => {
    expect(await databaseFingerprint(app.database.url)).toEqual(before);
    expect(app.unexpectedErrors).toEqual([]);
    expect(floodApp.unexpectedErrors).toEqual([]);
  });
});
