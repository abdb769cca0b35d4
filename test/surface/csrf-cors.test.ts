import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';

// Browsers send "simple" requests (GET, or a POST a form could make) cross-site without asking
// first; everything else needs a CORS preflight the gateway only grants to CORS_ORIGINS.
let app: TestApp;
let url: string;
let cors: TestApp;
let corsUrl: string;
let anyOrigin: TestApp;
let anyOriginUrl: string;
beforeAll(async () => {
  app = await createTestApp();
  url = await app.listen();
  cors = await createTestApp({
    database: app.database,
    surface: { corsOrigins: ['https://app.example.com', 'http://localhost:5173'] },
  });
  corsUrl = await cors.listen();
  anyOrigin = await createTestApp({ database: app.database, surface: { corsOrigins: ['*'] } });
  anyOriginUrl = await anyOrigin.listen();
});
afterAll(async () => {
  await anyOrigin?.close();
  await cors?.close();
  await app?.close();
});

const QUERY = '{ __typename }';
const auth = () => ({ authorization: `Bearer ${app.adminKey}` });

async function send(target: string, init: RequestInit) {
  const response = await fetch(target, init);
  const text = await response.text();
  let body: { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string } }> };
  try {
    body = JSON.parse(text);
  } catch {
    body = {};
  }
  return { status: response.status, headers: response.headers, body, text };
}

describe('CSRF prevention', () => {
  it.each([
    ['a GET', 200, () => ({ method: 'GET', headers: { ...auth(), accept: 'application/json' } })],
    [
      'a GET asking for SSE (EventSource)',
      200,
      () => ({ method: 'GET', headers: { ...auth(), accept: 'text/event-stream' } }),
    ],
    [
      'a form POST',
      200,
      () => ({
        method: 'POST',
        headers: { ...auth(), 'content-type': 'application/x-www-form-urlencoded' },
        body: `query=${encodeURIComponent(QUERY)}`,
      }),
    ],
    [
      'a text/plain POST',
      // Let through, then refused by yoga, which reads no JSON from text/plain.
      415,
      () => ({
        method: 'POST',
        headers: { ...auth(), 'content-type': 'text/plain' },
        body: JSON.stringify({ query: QUERY }),
      }),
    ],
  ])(
    'refuses %s without the X-GraphQL-CSRF header: 403 naming it',
    async (_what, withHeader, init) => {
      const request = init() as RequestInit;
      const target = request.method === 'GET' ? `${url}?query=${encodeURIComponent(QUERY)}` : url;
      const refused = await send(target, request);
      expect(refused.status).toBe(403);
      expect(refused.text).toContain('CSRF_HEADER_REQUIRED');
      expect(refused.text).toContain('X-GraphQL-CSRF');
      const allowed = await send(target, {
        ...request,
        headers: { ...(request.headers as Record<string, string>), 'x-graphql-csrf': '1' },
      });
      expect(allowed.status).toBe(withHeader);
      if (withHeader === 200) expect(allowed.text).toContain('"__typename":"Query"');
    },
  );

  it('lets JSON POSTs through without the header: the typed client, GraphiQL, curl -H json', async () => {
    const json = await send(url, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/json' },
      body: JSON.stringify({ query: QUERY }),
    });
    expect(json.body).toEqual({ data: { __typename: 'Query' } });
    const sse = await send(url, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: QUERY }),
    });
    expect(sse.status).toBe(200);
    expect(sse.text).toContain('"__typename":"Query"');
  });

  it('refuses a forged request before looking at credentials', async () => {
    const refused = await send(`${url}?query=${encodeURIComponent(QUERY)}`, { method: 'GET' });
    expect(refused.status).toBe(403);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('CSRF_HEADER_REQUIRED');
  });

  it('still serves the GraphiQL page to a browser', async () => {
    const page = await send(url, { method: 'GET', headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.text).toContain('<title>Tradegraph</title>');
  });
});

describe('CORS', () => {
  const preflight = (target: string, origin: string) =>
    fetch(target, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });

  it('sends no CORS headers by default: only same-origin pages may read responses', async () => {
    const response = await preflight(url, 'https://app.example.com');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    const post = await fetch(url, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/json', origin: 'https://app.example.com' },
      body: JSON.stringify({ query: QUERY }),
    });
    expect(post.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('grants a preflight to an allowed origin, with the headers clients send', async () => {
    const response = await preflight(corsUrl, 'http://localhost:5173');
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(response.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    expect(response.headers.get('access-control-allow-headers')).toMatch(/x-graphql-csrf/i);
    expect(response.headers.get('access-control-allow-methods')).toMatch(/POST/);
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('answers an allowed origin with its origin and exposes X-Request-Id', async () => {
    const response = await fetch(corsUrl, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${cors.adminKey}`,
        'content-type': 'application/json',
        origin: 'https://app.example.com',
      },
      body: JSON.stringify({ query: QUERY }),
    });
    expect(response.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(response.headers.get('access-control-expose-headers')).toMatch(/x-request-id/i);
  });

  it('gives a refused origin no CORS headers, so its browser drops the response', async () => {
    const response = await preflight(corsUrl, 'https://evil.example');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows every origin with * (echoing it, without credentials)', async () => {
    const response = await preflight(anyOriginUrl, 'https://anything.example');
    expect(response.headers.get('access-control-allow-origin')).toBe('https://anything.example');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });
});
