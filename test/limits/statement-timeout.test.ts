import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let app: TestApp;

beforeAll(async () => {
  app = await createTestApp({ statementTimeoutMs: 300 });
});

afterAll(async () => {
  await app?.close();
});

describe('the SQL statement timeout', () => {
  it('cancels a statement of the request pool that runs too long', async () => {
    await expect(app.prisma.$queryRaw`SELECT pg_sleep(2)::text`).rejects.toThrow(
      /57014|statement timeout/,
    );
  });

  it('answers QUERY_TIMEOUT on the field whose SQL was cancelled, and nothing internal', async () => {
    // Another session holds a lock on the table, so reading it waits until the timeout.
    const locker = new pg.Client({ connectionString: app.database.url });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE strategies IN ACCESS EXCLUSIVE MODE');
      const started = Date.now();
      const response = await app.graphql('{ strategies(first: 1) { totalCount } }');
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(response.errors).toEqual([
        expect.objectContaining({
          message:
            'The database did not finish this operation within the statement timeout (STATEMENT_TIMEOUT_MS) and cancelled it: ask for smaller pages, narrower filters or fewer nested lists, or retry later.',
          path: ['strategies'],
          extensions: { code: 'QUERY_TIMEOUT' },
        }),
      ]);
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
    // Once the lock is gone the same query works: the timeout is per statement.
    expect((await app.graphql('{ strategies(first: 1) { totalCount } }')).errors).toBeUndefined();
  });

  it('applies only to the pool it is set on (the LISTEN connection and migrations connect on their own)', async () => {
    const untimed = await createTestApp({ database: app.database });
    try {
      await expect(untimed.prisma.$queryRaw`SELECT pg_sleep(0.5)::text`).resolves.toBeDefined();
    } finally {
      await untimed.close();
    }
  });
});
