import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app.ts';

// An app built without the live feed refuses subscriptions with a plain Error: an internal
// fault, which the client must see only as "Unexpected error." and the log must get once.
let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(async () => {
  await app?.close();
});

describe('unexpected errors', () => {
  it('reach the client masked, with no internals, and the log exactly once', async () => {
    const response = await app.fetch({
      headers: { accept: 'text/event-stream' },
      body: JSON.stringify({ query: 'subscription { fillCreated { cursor } }' }),
    });
    const body = await response.text();
    expect(response.status).toBeLessThan(500);
    expect(body).toContain('Unexpected error.');
    expect(body).toContain('INTERNAL_SERVER_ERROR');
    expect(body).not.toMatch(/not enabled|at .*\.ts|stack/i);
    expect(app.unexpectedErrors).toHaveLength(1);
    expect(String(app.unexpectedErrors[0])).toMatch(/Live subscriptions are not enabled/);
  });

  it('do not include errors the request caused', async () => {
    app.unexpectedErrors.length = 0;
    const response = await app.graphql('{ signals(first: -1) { totalCount } }');
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(app.unexpectedErrors).toEqual([]);
  });
});
