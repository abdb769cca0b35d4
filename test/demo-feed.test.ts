import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { connectionUrlOfRunningEmbedded } from '../src/db/embedded-connection.ts';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres.ts';
import { createPrismaClient, type Database } from '../src/db/prisma.ts';
import { FEED_STRATEGY } from '../src/demo/feed/desks.ts';
import { type DemoFeedOptions, runDemoFeed } from '../src/demo/feed/run-demo-feed.ts';
import { upsertStrategy } from '../src/writers/index.ts';
import { createTestDatabase, type TestDatabase } from './support/database.ts';

const cleanup: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});

async function freshDatabase(): Promise<Database> {
  const database: TestDatabase = await createTestDatabase();
  const db = createPrismaClient(database.url, { poolSize: 2 });
  cleanup.push(async () => {
    await db.$disconnect();
    await database.drop();
  });
  return db;
}

/** A clock that starts ten minutes ago and moves on only when the feed waits. */
function simulatedTime(): Pick<DemoFeedOptions, 'clock' | 'sleep'> {
  let now = Date.now() - 10 * 60_000;
  return {
    clock: () => new Date(now),
    sleep: async (ms) => {
      now += Math.round(ms);
    },
  };
}

describe('runDemoFeed', () => {
  it('writes signals, orders, fills, positions, equity and predictions by the writers rules', async () => {
    const db = await freshDatabase();
    const lines: string[] = [];
    const summary = await runDemoFeed(db, {
      steps: 300,
      seed: 7,
      log: (line) => lines.push(line),
      ...simulatedTime(),
    });

    expect(summary.steps).toBe(300);
    expect(summary.strategies).toEqual([FEED_STRATEGY]);
    for (const count of [
      'approved',
      'rejected',
      'orders',
      'fills',
      'positionsOpened',
      'positionsClosed',
      'equitySnapshots',
      'predictions',
      'resolvedPredictions',
    ] as const) {
      expect(summary[count], count).toBeGreaterThan(0);
    }
    expect(lines.length).toBeGreaterThanOrEqual(300);
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d signal +\S+ (LONG|SHORT) score \d+ +-> /);

    expect(await db.signal.count()).toBe(summary.signals);
    const rejected = await db.signal.findMany({ where: { status: 'REJECTED' } });
    expect(rejected).toHaveLength(summary.rejected);
    for (const signal of rejected) {
      expect(signal.rejectionReason).toBeTruthy();
      expect(signal.decidedAt).not.toBeNull();
    }
    expect(await db.signal.count({ where: { status: 'EXECUTED' } })).toBeGreaterThan(0);

    const orders = await db.order.findMany({ include: { fills: true } });
    expect(orders).toHaveLength(summary.orders);
    expect(await db.fill.count()).toBe(summary.fills);
    for (const order of orders) {
      const filled = order.fills.reduce(
        (sum, fill) => sum.plus(fill.quantity),
        order.quantity.mul(0),
      );
      expect(order.filledQuantity.toFixed(), order.clientOrderId).toBe(filled.toFixed());
      if (order.status === 'FILLED') expect(filled.eq(order.quantity)).toBe(true);
      if (order.status === 'CANCELED') expect(filled.lt(order.quantity)).toBe(true);
      for (const fill of order.fills) expect(fill.positionId).toBe(order.positionId);
    }
    expect(orders.some((order) => order.status === 'CANCELED')).toBe(true);
    expect(orders.some((order) => order.fills.length > 1)).toBe(true);

    const closed = await db.position.findMany({ where: { status: 'CLOSED' } });
    expect(closed).toHaveLength(summary.positionsClosed);
    for (const position of closed) {
      expect(position.remainingSize.isZero()).toBe(true);
      expect(position.exitReason).toMatch(/^(STOP_LOSS|TAKE_PROFIT|TIMEOUT)$/);
      expect(position.closedAt?.getTime()).toBeGreaterThanOrEqual(position.openedAt.getTime());
      expect(position.realizedPnl.isZero()).toBe(false);
    }

    expect(await db.equitySnapshot.count()).toBe(summary.equitySnapshots);
    const predictions = await db.prediction.findMany({ where: { resolvedAt: { not: null } } });
    expect(predictions).toHaveLength(summary.resolvedPredictions);
    for (const prediction of predictions) {
      const { actualValue, value, error } = prediction;
      expect(error?.toFixed()).toBe(actualValue?.minus(value).toFixed());
    }
  });

  it("takes over an earlier run's open positions and cancels its working orders", async () => {
    const db = await freshDatabase();
    const time = simulatedTime();
    await runDemoFeed(db, { steps: 50, seed: 1, ...time });
    const working = await db.order.findMany({
      where: { status: { in: ['NEW', 'PARTIALLY_FILLED'] } },
      select: { id: true },
    });
    const open = await db.position.count({
      where: { status: { in: ['OPEN', 'PARTIALLY_CLOSED'] } },
    });
    expect(working.length + open).toBeGreaterThan(0);

    const lines: string[] = [];
    const second = await runDemoFeed(db, {
      steps: 150,
      seed: 2,
      log: (line) => lines.push(line),
      ...time,
    });
    const before = await db.order.findMany({ where: { id: { in: working.map((row) => row.id) } } });
    for (const order of before) expect(order.status).toBe('CANCELED');
    expect(lines.filter((line) => / adopt /.test(line))).toHaveLength(open);
    expect(second.approved).toBeGreaterThan(0);
    expect(second.positionsClosed).toBeGreaterThan(0);
  });

  it('writes the same events for the same seed', async () => {
    const [first, second] = await Promise.all([freshDatabase(), freshDatabase()]);
    const run = async (db: Database) => {
      const lines: string[] = [];
      await runDemoFeed(db, {
        steps: 80,
        seed: 42,
        log: (line) => lines.push(line),
        ...simulatedTime(),
      });
      return lines.map((line) => line.slice(9));
    };
    expect(await run(first)).toEqual(await run(second));
  });

  it("trades for the demo's strategies when they are present", async () => {
    const db = await freshDatabase();
    const { row } = await upsertStrategy(db, { name: 'gal-friday-xrp', status: 'ACTIVE' });
    const summary = await runDemoFeed(db, { steps: 40, seed: 3, ...simulatedTime() });
    expect(summary.strategies).toEqual(['gal-friday-xrp']);
    expect(await db.strategy.count()).toBe(1);
    expect(await db.signal.count({ where: { strategyId: { not: row.id } } })).toBe(0);
  });
});

describe('connectionUrlOfRunningEmbedded', () => {
  it('reads the URL of the server a gateway runs, and says what to do when none runs', async () => {
    const root = await mkdtemp(join(tmpdir(), 'tradegraph-feed-'));
    cleanup.push(() => rm(root, { recursive: true, force: true }));
    // As root the server runs as the postgres user, which must be able to enter the folder.
    await chmod(root, 0o755);
    const clusterDir = join(root, 'postgres');
    const noServer =
      /No embedded PostgreSQL is running on .*: start the gateway first with npm start, or set DATABASE_URL\./;

    await expect(connectionUrlOfRunningEmbedded(clusterDir)).rejects.toThrow(noServer);
    await mkdir(join(root, 'empty'));
    await expect(connectionUrlOfRunningEmbedded(join(root, 'empty'))).rejects.toThrow(noServer);

    const server = await startEmbeddedPostgres({ dataDir: clusterDir, persistent: true });
    try {
      const url = await connectionUrlOfRunningEmbedded(clusterDir);
      expect(url).toBe(server.url);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const { rows } = await client.query('SELECT current_database() AS name');
        expect(rows).toEqual([{ name: 'tradegraph' }]);
      } finally {
        await client.end();
      }
    } finally {
      await server.stop();
    }
    await expect(connectionUrlOfRunningEmbedded(clusterDir)).rejects.toThrow(noServer);
  });
});

describe('npm run demo:feed', () => {
  const cli = (...args: string[]) =>
    promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli/demo-feed.ts', ...args], {
      env: { ...process.env, DATABASE_URL: '' },
    });

  it('explains a bad flag and prints its usage on --help', async () => {
    await expect(cli('--rate', 'fast')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('--rate must be a number greater than 0'),
    });
    await expect(cli('--frobnicate')).rejects.toMatchObject({
      stderr: expect.stringContaining("Unknown option '--frobnicate'"),
    });
    const { stdout } = await cli('--help');
    expect(stdout).toContain('Usage: npm run demo:feed');
  });
});
