import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app.ts';

// A request held up in PostgreSQL: `strategies` is locked by another transaction until
// released, so the request is in flight for as long as the test wants.
async function lockStrategies(url: string) {
  const locker = new pg.Client({ connectionString: url });
  await locker.connect();
  await locker.query('BEGIN');
  await locker.query('LOCK TABLE strategies IN ACCESS EXCLUSIVE MODE');
  return {
    /** Resolves once a statement of another connection waits for the lock. */
    async untilSomeoneWaits() {
      for (let attempt = 0; attempt < 200; attempt++) {
        const { rows } = await locker.query(
          `SELECT count(*)::int AS waiting FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        if (rows[0].waiting > 0) return;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      throw new Error('No statement started waiting for the lock.');
    },
    async release() {
      await locker.query('COMMIT');
      await locker.end();
    },
  };
}

function countStrategies(url: string, apiKey: string) {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    body: JSON.stringify({ query: '{ strategies { totalCount } }' }),
  });
}

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('stopping the gateway', () => {
  it('lets a request in flight finish, then stops', async () => {
    app = await createTestApp();
    const url = await app.listen();
    const lock = await lockStrategies(app.database.url);
    const answer = countStrategies(url, app.adminKey);
    await lock.untilSomeoneWaits();
    let stopped = false;
    const closing = app.close().then(() => {
      stopped = true;
    });
    app = undefined;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(stopped).toBe(false);
    await lock.release();
    const response = await answer;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { strategies: { totalCount: 0 } } });
    await closing;
    expect(stopped).toBe(true);
    // No new requests once stopping has begun.
    await expect(countStrategies(url, 'irrelevant')).rejects.toThrow();
  });

  it('cuts a request off when it outlasts the grace period', async () => {
    app = await createTestApp({ shutdownGraceMs: 100 });
    const url = await app.listen();
    const lock = await lockStrategies(app.database.url);
    const answer = countStrategies(url, app.adminKey).then(
      () => 'answered',
      () => 'cut off',
    );
    await lock.untilSomeoneWaits();
    const started = Date.now();
    // Stopping the app alone (not the test's database), so the lock can be released after.
    const testApp = app;
    app = undefined;
    const stopping = testApp.close();
    expect(await answer).toBe('cut off');
    expect(Date.now() - started).toBeLessThan(5_000);
    await lock.release();
    await stopping;
  });
});
