import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from 'graphql-ws';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createApiKey, revokeApiKey } from '../../src/auth/api-keys.ts';
import { createJwtVerifier } from '../../src/auth/jwt.ts';
import { readHeadCursor } from '../../src/realtime/event-log.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const JWT_SECRET = 'a-shared-secret-of-at-least-32-characters!';
const QUERY = JSON.stringify({ query: '{ strategies { totalCount } }' });

let app: TestApp;
let url: string;

beforeAll(async () => {
  app = await createTestApp({
    live: true,
    // Every request asks the database, so revocation and expiry show at once.
    apiKeyCacheMs: 0,
    jwt: createJwtVerifier({
      secret: JWT_SECRET,
      audience: 'tradegraph',
      scopesClaim: 'scope',
      strategiesClaim: 'tradegraph_strategies',
    }),
  });
  url = await app.listen();
});

afterAll(async () => {
  await app?.close();
});

let keyNumber = 0;
async function newKey(options: { expiresAt?: Date } = {}) {
  keyNumber += 1;
  return createApiKey(app.prisma, { name: `auth-test-${keyNumber}`, scopes: ['READ'], ...options });
}

async function post(authorization: string | undefined, body = QUERY) {
  const response = await app.fetch({ body, headers: { authorization: authorization ?? '' } });
  const json = (await response.json()) as {
    data?: unknown;
    errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
  };
  return { response, json, error: json.errors?.[0] };
}

function token(claims: Record<string, unknown>, expiresIn: string | number = '5m') {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('dashboard-user')
    .setAudience('tradegraph')
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(JWT_SECRET));
}

describe('HTTP authentication', () => {
  it('refuses a request without credentials with 401, a Bearer challenge and what to send', async () => {
    const { response, json, error } = await post(undefined);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(json.data).toBeUndefined();
    expect(error?.extensions).toEqual({ code: 'UNAUTHENTICATED' });
    expect(error?.message).toMatch(/Authorization: Bearer <key>/);
  });

  it('checks credentials before reading the body, so a broken body of a stranger gets 401', async () => {
    const { response, error } = await post(undefined, '{"query": ');
    expect(response.status).toBe(401);
    expect(error?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it.each([
    ['another scheme', 'Basic dXNlcjpwYXNz', /must read 'Bearer <key>'/],
    ['a scheme without a key', 'Bearer', /must read 'Bearer <key>'/],
    ['two keys', 'Bearer tg_a tg_b', /must read 'Bearer <key>'/],
    ['a key of the wrong shape', 'Bearer tg_short', /malformed/],
    [
      'a well-formed key nobody issued',
      'Bearer tg_AAAAAAAA_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      /not valid/,
    ],
    ['something that is neither key nor token', 'Bearer hunter2', /neither a Tradegraph API key/],
    ['a broken JWT', 'Bearer aaa.bbb.ccc', /token was not accepted: it is not a well-formed JWT/],
  ])('refuses %s with a message naming the problem', async (_case, header, message) => {
    const { response, error } = await post(header);
    expect(response.status).toBe(401);
    expect(error?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(error?.message).toMatch(message);
  });

  it('accepts a valid key, records its use, and refuses it once revoked', async () => {
    const { key, secret } = await newKey();
    const ok = await post(`Bearer ${secret}`);
    expect(ok.response.status).toBe(200);
    expect(ok.json.data).toEqual({ strategies: { totalCount: expect.any(Number) } });
    const used = await app.prisma.apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(used.lastUsedAt).not.toBeNull();

    await revokeApiKey(app.prisma, key.id);
    const refused = await post(`Bearer ${secret}`);
    expect(refused.response.status).toBe(401);
    expect(refused.error?.message).toMatch(/has been revoked/);
  });

  it('accepts the scheme in any case, as RFC 7235 says', async () => {
    const { secret } = await newKey();
    expect((await post(`bearer ${secret}`)).response.status).toBe(200);
  });

  it('refuses an expired key', async () => {
    const { key, secret } = await newKey({ expiresAt: new Date(Date.now() + 60_000) });
    expect((await post(`Bearer ${secret}`)).response.status).toBe(200);
    await app.prisma.apiKey.update({
      where: { id: key.id },
      data: { expiresAt: new Date(Date.now() - 1) },
    });
    const refused = await post(`Bearer ${secret}`);
    expect(refused.response.status).toBe(401);
    expect(refused.error?.message).toMatch(/has expired/);
  });

  it('serves GraphiQL and readiness without credentials', async () => {
    const page = await app.fetch({
      method: 'GET',
      headers: { accept: 'text/html', authorization: '' },
    });
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/paste your API key here/);
    const ready = await app.fetch({
      method: 'GET',
      path: '/ready',
      headers: { authorization: '' },
    });
    expect(ready.status).toBe(200);
  });
});

describe('JWT authentication', () => {
  it('accepts a signed token and maps its scope claim', async () => {
    const { response, json } = await post(
      `Bearer ${await token({ scope: 'openid tradegraph:read' })}`,
    );
    expect(response.status).toBe(200);
    expect(json.data).toEqual({ strategies: { totalCount: expect.any(Number) } });
  });

  it.each([
    [
      'an expired token',
      () => token({ scope: 'read' }, Math.floor(Date.now() / 1000) - 120),
      /has expired/,
    ],
    [
      'a token signed with another secret',
      () =>
        new SignJWT({ scope: 'read' })
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject('x')
          .setAudience('tradegraph')
          .setExpirationTime('5m')
          .sign(new TextEncoder().encode('another-secret-of-at-least-32-characters')),
      /signature is wrong/,
    ],
    [
      'a token for another audience',
      () =>
        new SignJWT({ scope: 'read' })
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject('x')
          .setAudience('billing')
          .setExpirationTime('5m')
          .sign(new TextEncoder().encode(JWT_SECRET)),
      /claim 'aud'/,
    ],
    [
      'a token without Tradegraph scopes',
      () => token({ scope: 'openid profile' }),
      /grants no Tradegraph scope/,
    ],
    [
      'a token with a malformed strategies claim',
      () => token({ scope: 'read', tradegraph_strategies: ['12', 'DROP TABLE'] }),
      /'tradegraph_strategies' claim must list strategy ids/,
    ],
  ])('refuses %s', async (_case, make, message) => {
    const { response, error } = await post(`Bearer ${await make()}`);
    expect(response.status).toBe(401);
    expect(error?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(error?.message).toMatch(message);
  });

  it("verifies RS256 tokens with the identity provider's JWKS", async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    const jwks: Server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`;
    const verify = createJwtVerifier({
      jwksUrl,
      issuer: 'https://idp.example',
      scopesClaim: 'roles',
      strategiesClaim: 'strategies',
    });
    try {
      const signed = await new SignJWT({ roles: ['read', 'admin'], strategies: [3, '1'] })
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setIssuer('https://idp.example')
        .setSubject('ops@example')
        .setExpirationTime('5m')
        .sign(privateKey);
      const principal = await verify(signed);
      expect(principal).toMatchObject({
        id: 'jwt:https://idp.example:ops@example',
        kind: 'jwt',
        strategyIds: [1n, 3n],
        apiKeyId: null,
      });
      expect([...principal.scopes]).toEqual(['READ', 'ADMIN']);
      const forged = await new SignJWT({ roles: ['admin'] })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer('https://idp.example')
        .setSubject('mallory')
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode(JWT_SECRET));
      await expect(verify(forged)).rejects.toThrow(/signing algorithm is not allowed/);
    } finally {
      await new Promise((resolve) => jwks.close(resolve));
    }
  });
});

describe('WebSocket and SSE authentication', () => {
  function connect(connectionParams?: Record<string, unknown>) {
    return createClient({
      url: url.replace('http', 'ws'),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: true,
      connectionParams,
    });
  }

  /** Subscribes to fillCreated and resolves with how the subscription ended. */
  function outcome(client: ReturnType<typeof connect>) {
    return new Promise<{ code?: number; reason?: string; errors?: unknown }>((resolve) => {
      client.subscribe(
        { query: 'subscription { fillCreated { cursor } }' },
        {
          next: () => {},
          error: (error) => {
            const close = error as { code?: number; reason?: string };
            resolve(close.code ? { code: close.code, reason: close.reason } : { errors: error });
          },
          complete: () => resolve({}),
        },
      );
    });
  }

  it('closes a connection without credentials with 4403 and the reason', async () => {
    const client = connect();
    const ended = await outcome(client);
    await client.dispose();
    expect(ended.code).toBe(4403);
    expect(ended.reason).toMatch(/^Authentication required/);
  });

  it('closes a connection with a revoked key', async () => {
    const { key, secret } = await newKey();
    await revokeApiKey(app.prisma, key.id);
    const client = connect({ authorization: `Bearer ${secret}` });
    const ended = await outcome(client);
    await client.dispose();
    expect(ended).toEqual({ code: 4403, reason: expect.stringMatching(/has been revoked/) });
  });

  it('ends open WebSocket subscriptions when their key is revoked', async () => {
    const { key, secret } = await newKey();
    const client = connect({ apiKey: secret });
    const before = listeners();
    const ended = outcome(client);
    // Wait until the subscription is registered with the feed before revoking.
    await waitFor(() => listeners() > before);
    await revokeApiKey(app.prisma, key.id);
    expect(await ended).toEqual({ code: 4403, reason: expect.stringMatching(/has been revoked/) });
    await client.dispose();
  });

  it('ends a subscription when its token expires', async () => {
    // Long enough for connecting and subscribing to finish first on a loaded machine.
    const expiresAt = Math.floor(Date.now() / 1000) + 4;
    const client = connect({
      authorization: `Bearer ${await token({ scope: 'read' }, expiresAt)}`,
    });
    const ended = await outcome(client);
    await client.dispose();
    expect(ended).toEqual({ code: 4403, reason: expect.stringMatching(/have expired/) });
  });

  it('refuses SSE without credentials and ends an SSE subscription when its key is revoked', async () => {
    const body = JSON.stringify({
      query: 'subscription($after: String) { fillCreated(after: $after) { cursor } }',
      variables: { after: await readHeadCursor(app.live?.catchUp as never) },
    });
    const headers = { 'content-type': 'application/json', accept: 'text/event-stream' };
    const refused = await fetch(url, { method: 'POST', headers, body });
    expect(refused.status).toBe(401);
    await refused.body?.cancel();

    const { key, secret } = await newKey();
    const before = listeners();
    const stream = await fetch(url, {
      method: 'POST',
      headers: { ...headers, authorization: `Bearer ${secret}` },
      body,
    });
    expect(stream.status).toBe(200);
    const text = stream.text();
    await waitFor(() => listeners() > before);
    await revokeApiKey(app.prisma, key.id);
    const events = await text;
    expect(events).toMatch(/has been revoked/);
    expect(events).toMatch(/UNAUTHENTICATED/);
    expect(events).toMatch(/event: complete/);
  });
});

const listeners = () => app.live?.feed.listenerCount ?? 0;

async function waitFor(check: () => boolean, timeoutMs = 5_000) {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
