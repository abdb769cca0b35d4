import { type Client, createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createApiKey } from '../../src/auth/api-keys.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let app: TestApp;
let url: string;

beforeAll(async () => {
  app = await createTestApp({
    live: true,
    requestLimits: { maxSubscriptionsPerConnection: 2, maxSubscriptionsPerKey: 3 },
  });
  url = await app.listen();
});

afterAll(async () => {
  await app?.close();
});

const SUBSCRIPTION = 'subscription { signalCreated { cursor } }';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function connect(key: string): Client {
  return createClient({
    url: url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: { authorization: `Bearer ${key}` },
  });
}

interface Running {
  /** The first result or error, if any arrived. */
  outcome: Promise<unknown>;
  stop(): void;
}

/** Subscribes; resolves once the server had time to start it (or refuse it). */
async function subscribe(client: Client): Promise<Running> {
  let settle: (value: unknown) => void = () => {};
  const outcome = new Promise((resolve) => {
    settle = resolve;
  });
  const stop = client.subscribe(
    { query: SUBSCRIPTION },
    {
      next: (result) => settle(result),
      error: (error) => settle(error),
      complete: () => settle('complete'),
    },
  );
  await sleep(250);
  return { outcome, stop };
}

/** What arrived so far: a refusal shows up at once, a running subscription shows nothing. */
const firstOf = (running: Running) =>
  Promise.race([running.outcome, sleep(250).then(() => 'running')]);

const TOO_MANY_ON_CONNECTION = {
  errors: [
    {
      message:
        'This connection already has 2 open subscriptions, the limit per connection (MAX_SUBSCRIPTIONS_PER_CONNECTION): complete one first, or open another connection.',
      extensions: { code: 'TOO_MANY_SUBSCRIPTIONS' },
    },
  ],
};

/** Opens an SSE subscription; resolves with its first chunk of text and a way to close it. */
async function openSse(key: string) {
  const abort = new AbortController();
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'text/event-stream',
      authorization: `Bearer ${key}`,
    },
    body: JSON.stringify({ query: SUBSCRIPTION }),
    signal: abort.signal,
  });
  const reader = response.body?.getReader();
  return {
    status: response.status,
    /** The text until the stream ends (a refused subscription ends at once). */
    async text() {
      let text = '';
      for (;;) {
        const chunk = await reader?.read();
        if (!chunk || chunk.done) return text;
        text += Buffer.from(chunk.value).toString();
      }
    },
    close: () => abort.abort(),
  };
}

describe('open subscription limits', () => {
  it('refuses a subscription beyond the per-connection limit, and frees the slot when one ends', async () => {
    const key = (await createApiKey(app.prisma, { name: 'subs-connection', scopes: ['READ'] }))
      .secret;
    const client = connect(key);
    try {
      const first = await subscribe(client);
      const second = await subscribe(client);
      expect(await firstOf(first)).toBe('running');
      expect(await firstOf(second)).toBe('running');
      const third = await subscribe(client);
      expect(await firstOf(third)).toEqual(TOO_MANY_ON_CONNECTION);

      first.stop();
      await sleep(100);
      const fourth = await subscribe(client);
      expect(await firstOf(fourth)).toBe('running');
      expect(await firstOf(await subscribe(client))).toEqual(TOO_MANY_ON_CONNECTION);
    } finally {
      await client.dispose();
    }
  });

  it('counts all connections and SSE streams of a key, and frees a slot when a stream closes', async () => {
    const key = (await createApiKey(app.prisma, { name: 'subs-key', scopes: ['READ'] })).secret;
    const a = connect(key);
    const b = connect(key);
    try {
      expect(await firstOf(await subscribe(a))).toBe('running');
      expect(await firstOf(await subscribe(a))).toBe('running');
      const stream = await openSse(key);
      expect(stream.status).toBe(200);
      await sleep(250);

      const refused = await subscribe(b);
      expect(await firstOf(refused)).toEqual({
        errors: [
          {
            message: expect.stringMatching(
              /^This API key or token already has 3 open subscriptions on this server, the limit per key \(MAX_SUBSCRIPTIONS_PER_KEY\)/,
            ),
            extensions: { code: 'TOO_MANY_SUBSCRIPTIONS' },
          },
        ],
      });
      const refusedSse = await openSse(key);
      expect(await refusedSse.text()).toMatch(/"code":"TOO_MANY_SUBSCRIPTIONS"/);

      stream.close();
      await sleep(250);
      expect(await firstOf(await subscribe(b))).toBe('running');
    } finally {
      await a.dispose();
      await b.dispose();
    }
  });

  it('frees every slot of a connection when it closes', async () => {
    const key = (await createApiKey(app.prisma, { name: 'subs-close', scopes: ['READ'] })).secret;
    const first = connect(key);
    await subscribe(first);
    await subscribe(first);
    await first.dispose();
    await sleep(250);
    const second = connect(key);
    try {
      expect(await firstOf(await subscribe(second))).toBe('running');
      expect(await firstOf(await subscribe(second))).toBe('running');
    } finally {
      await second.dispose();
    }
  });
});
