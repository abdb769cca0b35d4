import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createApiKey } from '../../src/auth/api-keys.ts';
import { RateLimiter } from '../../src/limits/rate-limiter.ts';
import { overHttp, overSse } from '../security/transports.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let app: TestApp;
let url: string;
const BURST = 3;

beforeAll(async () => {
  app = await createTestApp({
    live: true,
    requestLimits: { rateLimitPerMinute: 60, rateLimitBurst: BURST },
  });
  url = await app.listen();
});

afterAll(async () => {
  await app?.close();
});

const newKey = async (name: string) =>
  (await createApiKey(app.prisma, { name: `rate-${name}`, scopes: ['READ'] })).secret;
const typename = { body: JSON.stringify({ query: '{ __typename }' }) };

describe('the rate limit', () => {
  it('allows a burst, then answers 429 with Retry-After and RATE_LIMITED, key by key', async () => {
    const key = await newKey('http');
    for (let i = 0; i < BURST; i += 1) {
      expect((await overHttp(url, key, typename)).status).toBe(200);
    }
    const refused = await overHttp(url, key, typename);
    expect(refused.status).toBe(429);
    expect(refused.headers?.get('retry-after')).toBe('1');
    expect(refused.errors).toEqual([
      {
        message:
          'Rate limit exceeded: at most 60 operations per minute (bursts of 3) per API key or token. Retry in 1 s, and pace requests (or batch them: recordFills takes many fills at once).',
        extensions: { code: 'RATE_LIMITED' },
      },
    ]);
    // Another key has its own bucket.
    expect((await overHttp(url, await newKey('other'), typename)).status).toBe(200);
  });

  it('counts SSE requests and answers them 429 too', async () => {
    const key = await newKey('sse');
    for (let i = 0; i < BURST; i += 1) await overHttp(url, key, typename);
    const refused = await overSse(url, key, typename);
    expect(refused.status).toBe(429);
    expect(refused.errors[0]?.extensions?.code).toBe('RATE_LIMITED');
  });

  it('gives tokens back over time', async () => {
    const key = await newKey('refill');
    for (let i = 0; i < BURST; i += 1) await overHttp(url, key, typename);
    expect((await overHttp(url, key, typename)).status).toBe(429);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await overHttp(url, key, typename)).status).toBe(200);
  });

  it('never limits /ready', async () => {
    for (let i = 0; i < BURST * 3; i += 1) {
      expect((await app.fetch({ method: 'GET', path: '/ready' })).status).toBe(200);
    }
  });

  it('counts graphql-ws subscribe messages, refusing one operation and keeping the socket', async () => {
    const key = await newKey('ws');
    const socket = new WebSocket(url.replace(/^http/, 'ws'), 'graphql-transport-ws');
    const messages: Array<{ id?: string; type: string; payload?: unknown }> = [];
    const received = (count: number) =>
      new Promise<void>((resolve) => {
        const check = () => (messages.length >= count ? resolve() : setTimeout(check, 10));
        check();
      });
    socket.on('message', (data) => messages.push(JSON.parse(data.toString())));
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(
      JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${key}` } }),
    );
    await received(1);
    const subscribe = (id: string) =>
      socket.send(JSON.stringify({ id, type: 'subscribe', payload: { query: '{ __typename }' } }));
    // Each query answers next + complete.
    for (let i = 0; i < BURST; i += 1) subscribe(`ok-${i}`);
    await received(1 + 2 * BURST);
    subscribe('refused');
    await received(2 + 2 * BURST);
    expect(messages.at(-1)).toMatchObject({
      id: 'refused',
      type: 'error',
      payload: [
        {
          message: expect.stringMatching(/^Rate limit exceeded/),
          extensions: { code: 'RATE_LIMITED' },
        },
      ],
    });
    expect(socket.readyState).toBe(WebSocket.OPEN);
    socket.close();
  });
});

describe('the token bucket', () => {
  it('refills at the configured rate up to the burst', () => {
    let now = 0;
    const limiter = new RateLimiter({ perMinute: 600, burst: 2, now: () => now });
    expect(limiter.take('a')).toBeUndefined();
    expect(limiter.take('a')).toBeUndefined();
    const refused = limiter.take('a');
    expect(refused?.extensions).toMatchObject({
      code: 'RATE_LIMITED',
      http: { status: 429, headers: { 'Retry-After': '1' } },
    });
    now += 100; // 600/min = one token per 100 ms
    expect(limiter.take('a')).toBeUndefined();
    expect(limiter.take('a')).toBeDefined();
    now += 60_000; // an idle minute refills only up to the burst
    expect(limiter.take('a')).toBeUndefined();
    expect(limiter.take('a')).toBeUndefined();
    expect(limiter.take('a')).toBeDefined();
  });

  it('says how long to wait when the rate is slow', () => {
    let now = 0;
    const limiter = new RateLimiter({ perMinute: 2, burst: 1, now: () => now });
    limiter.take('a');
    expect(limiter.take('a')?.extensions).toMatchObject({
      http: { headers: { 'Retry-After': '30' } },
    });
    now += 20_000;
    expect(limiter.take('a')?.message).toMatch(/Retry in 10 s/);
  });
});
