import { createHash } from 'node:crypto';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJwtVerifier } from '../../src/auth/jwt.ts';
import { takesFastPath } from '../../src/http/fast-path.ts';
import { createTestApp, type TestApp, type TestAppOptions } from '../support/test-app.ts';

// Every request below goes to two apps on one database: one serving plain JSON POSTs through
// src/http/fast-path.ts, one through createYoga's adapter alone. Status, status text, headers
// (but Date) and bodies must be the same.

interface Pair {
  fast: TestApp;
  yoga: TestApp;
  urls: { fast: string; yoga: string };
  close(): Promise<void>;
}

async function pairOf(options: TestAppOptions = {}): Promise<Pair> {
  const fast = await createTestApp({ ...options, fastHttp: true });
  const yoga = await createTestApp({ ...options, fastHttp: false, database: fast.database });
  const urls = { fast: await fast.listen(), yoga: await yoga.listen() };
  return {
    fast,
    yoga,
    urls,
    async close() {
      await yoga.close();
      await fast.close();
    },
  };
}

interface Answer {
  status: number;
  statusText: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request with exactly these headers (fetch would add an Accept of its own). */
function send(url: string, headers: Record<string, string>, body: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(url, { method: 'POST', headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve(answerOf(response, Buffer.concat(chunks).toString())));
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

function answerOf(response: IncomingMessage, body: string): Answer {
  const { date: _date, ...headers } = response.headers;
  return {
    status: response.statusCode ?? 0,
    statusText: response.statusMessage ?? '',
    headers,
    body,
  };
}

const REQUEST_ID = 'fast-path-request-0001';

/** Sends the same request to both apps, in turn, and expects the same answer; returns it. */
async function same(
  pair: Pair,
  body: string,
  headers: Record<string, string | null> = {},
): Promise<Answer> {
  const all: Record<string, string | null> = {
    'content-type': 'application/json',
    authorization: `Bearer ${pair.fast.adminKey}`,
    'x-request-id': REQUEST_ID,
    ...headers,
  };
  const sent = Object.fromEntries(
    Object.entries(all).filter((entry): entry is [string, string] => entry[1] !== null),
  );
  const fast = await send(pair.urls.fast, sent, body);
  const yoga = await send(pair.urls.yoga, sent, body);
  expect(fast).toEqual(yoga);
  return fast;
}

const query = (text: string, variables?: Record<string, unknown>) =>
  JSON.stringify({ query: text, variables });

describe('the fast HTTP path answers as yoga does', () => {
  const JWT_SECRET = 'a-shared-secret-of-at-least-32-characters!';
  let pair: Pair;
  beforeAll(async () => {
    pair = await pairOf({
      jwt: createJwtVerifier({
        secret: JWT_SECRET,
        audience: 'tradegraph',
        scopesClaim: 'scope',
        strategiesClaim: 'tradegraph_strategies',
      }),
      requestLimits: { maxRequestBytes: 4_000, maxQueryCost: 50, maxTokens: 200 },
    });
  });
  afterAll(async () => {
    await pair?.close();
  });

  it('for a successful query, with each Accept it takes', async () => {
    const body = query('{ strategies(first: 2) { totalCount edges { node { id } } } }');
    for (const accept of [null, 'application/json', 'application/graphql-response+json']) {
      const answer = await same(pair, body, { accept });
      expect(answer.status).toBe(200);
      expect(answer.headers['x-request-id']).toBe(REQUEST_ID);
      expect(answer.headers['content-length']).toBe(String(Buffer.byteLength(answer.body)));
    }
  });

  it('for a fresh request id when none (or an unusable one) is sent', async () => {
    const body = query('{ __typename }');
    const fast = await send(pair.urls.fast, fastHeaders(pair, { 'x-request-id': 'no' }), body);
    expect(fast.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(fast.body).toBe('{"data":{"__typename":"Query"}}');
  });

  it('for bodies that are not JSON, not an object, or not an operation', async () => {
    const statuses: number[] = [];
    for (const body of ['{"query": ', '', '"text"', 'null', '[]', '{}', '{"query": 1}']) {
      const answer = await same(pair, body, { accept: 'application/json' });
      statuses.push(answer.status);
    }
    // With Accept: application/json, a body without a query is an error result (200).
    expect(statuses).toEqual([400, 400, 400, 400, 400, 200, 400]);
  });

  it('for refused credentials: none, an unknown API key, a bad or good JWT', async () => {
    const body = query('{ strategies { totalCount } }');
    expect((await same(pair, body, { authorization: null })).status).toBe(401);
    expect((await same(pair, body, { authorization: 'Bearer tg_nope' })).status).toBe(401);
    expect((await same(pair, body, { authorization: 'Bearer a.b.c' })).status).toBe(401);
    const jwt = await new SignJWT({ scope: 'read' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('dashboard-user')
      .setAudience('tradegraph')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(JWT_SECRET));
    expect((await same(pair, body, { authorization: `Bearer ${jwt}` })).status).toBe(200);
  });

  it('for an operation the key may not run (403) and invalid documents', async () => {
    const reader = await pair.fast.createKey({ scopes: ['READ'] });
    const forbidden = await same(pair, query('{ apiKeys { name } }'), {
      authorization: `Bearer ${reader}`,
    });
    expect(forbidden.status).toBe(403);
    for (const accept of ['application/json', 'application/graphql-response+json']) {
      await same(pair, query('{ nope }'), { accept });
      await same(pair, query('{ strategies('), { accept });
    }
  });

  it('for request limits: body size, query cost, tokens, NUL characters', async () => {
    const large = await same(pair, query(`{ __typename }${' '.repeat(5_000)}`));
    expect(large.status).toBe(413);
    const costly = await same(
      pair,
      query('{ strategies(first: 100) { edges { node { signals(first: 100) { totalCount } } } } }'),
    );
    expect(costly.body).toMatch(/cost/i);
    const tokens = await same(pair, query(`{ ${'__typename '.repeat(300)} }`));
    expect(tokens.body).toMatch(/token/i);
    const nul = await same(
      pair,
      query('query ($name: String!) { strategy(name: $name) { id } }', { name: 'a\u0000b' }),
    );
    expect(nul.body).toMatch(/^\{"errors":\[\{"message":"[^"]*NUL/);
  });

  it('for a Content-Length that is not a number (refused by Node before either path)', async () => {
    const raw = (url: string) =>
      new Promise<string>((resolve, reject) => {
        const { hostname, port } = new URL(url);
        const socket = connect(Number(port), hostname, () => {
          socket.end(
            'POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1x\r\n\r\n{}',
          );
        });
        let text = '';
        socket.on('data', (chunk) => {
          text += chunk.toString();
        });
        socket.on('end', () => resolve(text.split('\r\n')[0] ?? ''));
        socket.on('error', reject);
      });
    const fast = await raw(pair.urls.fast);
    expect(fast).toBe(await raw(pair.urls.yoga));
    expect(fast).toMatch(/^HTTP\/1\.1 400/);
  });

  it('for an unexpected error, masked with the request id', async () => {
    pair.fast.errorLog.length = 0;
    // Without the live feed, subscribing fails with a plain Error: unexpected.
    const answer = await same(pair, query('subscription { fillCreated { cursor } }'), {
      accept: 'application/json',
    });
    expect(answer.body).toContain(`"requestId":"${REQUEST_ID}"`);
    expect(pair.fast.errorLog.map((entry) => entry.requestId)).toEqual([REQUEST_ID]);
  });
});

describe('the fast HTTP path with the surface options', () => {
  const text = '{ strategies { totalCount } }';
  const hash = createHash('sha256').update(text).digest('hex');
  let pair: Pair;
  beforeAll(async () => {
    pair = await pairOf({
      surface: {
        corsOrigins: ['https://app.example'],
        introspection: false,
        persistedOperations: { mode: 'only', documents: new Map([[hash, text]]) },
      },
      requestLimits: { rateLimitPerMinute: 1, rateLimitBurst: 3 },
    });
  });
  afterAll(async () => {
    await pair?.close();
  });

  it('answers CORS, introspection, persisted operations and the rate limit alike', async () => {
    const persisted = JSON.stringify({ extensions: { persistedQuery: { sha256Hash: hash } } });
    const allowed = await same(pair, persisted, { origin: 'https://app.example' });
    expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example');
    await same(pair, persisted, { origin: 'https://elsewhere.example' });
    const required = await same(pair, query('{ __schema { types { name } } }'));
    expect(required.body).toMatch(/PERSISTED_OPERATION_REQUIRED/);
    const limited = await same(pair, persisted);
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
  });
});

describe('the fast HTTP path with subscriptions', () => {
  let pair: Pair;
  beforeAll(async () => {
    pair = await pairOf({ live: true });
  });
  afterAll(async () => {
    await pair?.close();
  });

  it('streams a subscription POSTed without Accept as SSE, as yoga does', async () => {
    const head = async (url: string) =>
      new Promise<Answer>((resolve, reject) => {
        const outgoing = httpRequest(
          url,
          { method: 'POST', headers: fastHeaders(pair, { 'x-request-id': REQUEST_ID }) },
          (response) => {
            response.once('data', (chunk: Buffer) => {
              resolve(answerOf(response, chunk.toString()));
              outgoing.destroy();
            });
          },
        );
        outgoing.on('error', reject);
        outgoing.end(query('subscription { fillCreated { cursor } }'));
      });
    const fast = await head(pair.urls.fast);
    expect(fast).toEqual(await head(pair.urls.yoga));
    expect(fast.headers['content-type']).toBe('text/event-stream');
    expect(fast.body).toBe(':\n\n');
  });
});

function fastHeaders(pair: Pair, extra: Record<string, string>): Record<string, string> {
  return {
    'content-type': 'application/json',
    authorization: `Bearer ${pair.fast.adminKey}`,
    ...extra,
  };
}

describe('takesFastPath', () => {
  const request = (method: string, url: string, headers: Record<string, string>) =>
    ({ method, url, headers: { host: 'x', ...headers } }) as unknown as IncomingMessage;
  const json = { 'content-type': 'application/json', 'content-length': '2' };

  it('takes plain JSON POSTs to the endpoint', () => {
    expect(takesFastPath(request('POST', '/graphql', json), '/graphql')).toBe(true);
    const typed = { ...json, 'content-type': 'application/json; charset=utf-8' };
    expect(takesFastPath(request('POST', '/graphql', typed), '/graphql')).toBe(true);
    const accepting = { ...json, accept: 'application/graphql-response+json, application/json' };
    expect(takesFastPath(request('POST', '/graphql', accepting), '/graphql')).toBe(true);
  });

  it.each([
    ['a GET', request('GET', '/graphql', json)],
    ['another path', request('POST', '/graphql?x=1', json)],
    ['a form body', request('POST', '/graphql', { ...json, 'content-type': 'text/plain' })],
    ['a chunked body', request('POST', '/graphql', { 'content-type': 'application/json' })],
    ['an SSE answer', request('POST', '/graphql', { ...json, accept: 'text/event-stream' })],
    ['any type', request('POST', '/graphql', { ...json, accept: '*/*' })],
    ['an upgrade', request('POST', '/graphql', { ...json, upgrade: 'websocket' })],
  ])('leaves %s to yoga', (_what, incoming) => {
    expect(takesFastPath(incoming, '/graphql')).toBe(false);
  });
});
