import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { overSse, overWebSocket } from '../security/transports.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

// An app built without the live feed refuses subscriptions with a plain Error, and a database
// whose table is gone fails every query on it: both are real unexpected errors.
let app: TestApp;
let url: string;
beforeAll(async () => {
  app = await createTestApp();
  url = await app.listen();
});
afterAll(async () => {
  await app?.close();
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('request ids', () => {
  it('are generated for every response, and a sane incoming X-Request-Id is echoed', async () => {
    const fresh = await app.fetch({ body: JSON.stringify({ query: '{ __typename }' }) });
    expect(fresh.headers.get('x-request-id')).toMatch(UUID);
    const given = await app.fetch({
      body: JSON.stringify({ query: '{ __typename }' }),
      headers: { 'x-request-id': 'trace-0af7651916cd43dd8448eb211c80319c' },
    });
    expect(given.headers.get('x-request-id')).toBe('trace-0af7651916cd43dd8448eb211c80319c');
  });

  it.each([
    ['too long', 'a'.repeat(200)],
    ['spaces and quotes', 'hello "world" and more'],
    ['too short', 'abc'],
  ])('replace an incoming id that is %s with a fresh one', async (_what, id) => {
    const response = await app.fetch({
      body: JSON.stringify({ query: '{ __typename }' }),
      headers: { 'x-request-id': id },
    });
    expect(response.headers.get('x-request-id')).toMatch(UUID);
  });
});

describe('an unexpected error', () => {
  it('over SSE: the masked error carries the response id, and the log has it with the original', async () => {
    app.errorLog.length = 0;
    const outcome = await overSse(url, app.adminKey, {
      body: JSON.stringify({ query: 'subscription { fillCreated { cursor } }' }),
      headers: { 'x-request-id': 'sse-request-00000001' },
    });
    expect(outcome.headers?.get('x-request-id')).toBe('sse-request-00000001');
    expect(outcome.errors).toEqual([
      {
        message: 'Unexpected error.',
        locations: [{ line: 1, column: 16 }],
        path: ['fillCreated'],
        extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'sse-request-00000001' },
      },
    ]);
    expect(app.errorLog).toHaveLength(1);
    expect(app.errorLog[0]?.requestId).toBe('sse-request-00000001');
    expect(String(app.errorLog[0]?.error)).toMatch(/Live subscriptions are not enabled/);
  });

  it('over graphql-ws: each operation gets an id, in the error and in the log', async () => {
    app.errorLog.length = 0;
    const outcome = await overWebSocket(url, app.adminKey, {
      query: 'subscription { fillCreated { cursor } }',
    });
    const [error] = outcome.errors;
    expect(error?.message).toBe('Unexpected error.');
    expect(error?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(error?.extensions?.requestId).toMatch(UUID);
    expect(app.errorLog.map((entry) => entry.requestId)).toEqual([error?.extensions?.requestId]);
    expect(outcome.raw).not.toMatch(/not enabled/);
  });

  it('from the database: no SQL or Prisma words reach the client, the log has them and the id', async () => {
    const broken = await createTestApp();
    try {
      await broken.prisma.$executeRawUnsafe('ALTER TABLE signals RENAME TO signals_gone');
      const response = await broken.fetch({
        body: JSON.stringify({ query: '{ signals(first: 1) { totalCount } }' }),
      });
      const requestId = response.headers.get('x-request-id');
      const body = await response.text();
      expect(JSON.parse(body).errors).toEqual([
        {
          message: 'Unexpected error.',
          locations: [{ line: 1, column: 3 }],
          path: ['signals'],
          extensions: { code: 'INTERNAL_SERVER_ERROR', requestId },
        },
      ]);
      expect(body).not.toMatch(/signals_gone|prisma|relation|SELECT/i);
      expect(broken.errorLog.length).toBeGreaterThan(0);
      for (const entry of broken.errorLog) expect(entry.requestId).toBe(requestId);
      expect(String(broken.errorLog[0]?.error)).toMatch(/signals/);
    } finally {
      await broken.close();
    }
  });
});
