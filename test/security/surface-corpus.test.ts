import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPersistedDocuments } from '../../src/surface/persisted-operations.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { FRESH_ID, type SurfaceApp, type SurfaceCase, surfaceCases } from './corpus-surface.ts';
import { type Outcome, overHttp, overSse, overWebSocket } from './transports.ts';

// Kept apart from the bad-input corpus: its harness runs every case against one gateway, and
// these need three configurations.
const apps = {} as Record<SurfaceApp, { app: TestApp; url: string }>;

beforeAll(async () => {
  const first = await createTestApp();
  apps.default = { app: first, url: await first.listen() };
  const configured = {
    noIntrospection: { introspection: false },
    persistedOnly: {
      persistedOperations: { mode: 'only' as const, documents: loadPersistedDocuments([]) },
    },
  };
  for (const [name, surface] of Object.entries(configured)) {
    const app = await createTestApp({ database: first.database, surface });
    apps[name as SurfaceApp] = { app, url: await app.listen() };
  }
});

afterAll(async () => {
  await apps.persistedOnly?.app.close();
  await apps.noIntrospection?.app.close();
  await apps.default?.app.close();
});

const LEAKS =
  /\bat [\w.<>]+ \(|\.ts:\d+|node_modules|prisma|originalError|"stack"|__schema":|Did you mean/i;

async function send(testCase: SurfaceCase, transport: 'http' | 'sse' | 'ws'): Promise<Outcome> {
  const { app, url } = apps[testCase.app];
  if (testCase.raw) {
    const { search = '', ...raw } = testCase.raw;
    const response = await fetch(`${url}${search}`, {
      method: raw.method,
      headers: { authorization: `Bearer ${app.adminKey}`, ...raw.headers },
      body: raw.body,
    });
    const text = await response.text();
    let errors: Outcome['errors'] = [];
    try {
      errors = JSON.parse(text).errors ?? [];
    } catch {
      // An SSE body: the error is in its first event.
      const data = /^data: (.*)$/m.exec(text)?.[1];
      errors = data ? (JSON.parse(data).errors ?? []) : [];
    }
    return {
      transport: 'http',
      status: response.status,
      errors,
      raw: text,
      headers: response.headers,
    };
  }
  const body = JSON.stringify(testCase.operation);
  if (transport === 'ws') return overWebSocket(url, app.adminKey, testCase.operation);
  return (transport === 'http' ? overHttp : overSse)(url, app.adminKey, { body });
}

const runs = surfaceCases.flatMap((testCase) =>
  (testCase.raw ? (['http'] as const) : (['http', 'sse', 'ws'] as const)).map((transport) => ({
    ...testCase,
    transport,
  })),
);

describe('the surface corpus', () => {
  it('has cases for CSRF, introspection, persisted operations and request ids', () => {
    expect(surfaceCases.length).toBeGreaterThanOrEqual(6);
    expect(new Set(surfaceCases.map((c) => c.name)).size).toBe(surfaceCases.length);
  });

  it.each(runs)('$transport: $name', async (run) => {
    const outcome = await send(run, run.transport);
    expect(outcome.raw).not.toMatch(LEAKS);
    const { expect: expected } = run;
    if (expected.status !== undefined) expect(outcome.status).toBe(expected.status);
    if (expected.code) {
      expect(outcome.errors[0]?.extensions?.code).toBe(expected.code);
      expect(outcome.errors[0]?.message).toMatch(expected.message ?? /./);
    } else {
      expect(outcome.errors).toEqual([]);
    }
    if (expected.requestId) {
      const id = outcome.headers?.get('x-request-id');
      if (expected.requestId === 'fresh') expect(id).toMatch(FRESH_ID);
      else expect(id).toBe(expected.requestId);
    }
  });

  it('logged nothing unexpected', () => {
    for (const { app } of Object.values(apps)) expect(app.unexpectedErrors).toEqual([]);
  });
});
