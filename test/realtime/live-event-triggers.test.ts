import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeEventCursor, InvalidEventCursorError } from '../../src/realtime/event-cursor.ts';
import { readEvents, readHeadCursor } from '../../src/realtime/event-log.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { connect, insertFills, insertSignals, seedStrategyAndOrder } from './support.ts';

let database: TestDatabase;
let db: pg.Client;
let ids: { strategyId: string; orderId: string };

beforeAll(async () => {
  database = await createTestDatabase();
  db = await connect(database.url);
  ids = await seedStrategyAndOrder(db);
});

afterAll(async () => {
  await db?.end();
  await database?.drop();
});

/** Events committed after `cursor`, read in pages of `limit`. */
async function eventsAfter(cursor: string | null, limit = 1_000) {
  const all = [];
  for (;;) {
    const page = await readEvents(db, { after: all.at(-1)?.cursor ?? cursor, limit });
    all.push(...page);
    if (page.length < limit) return all;
  }
}

describe('live event triggers', () => {
  it('records an order_updated event for an UPDATE of an order', async () => {
    const head = await readHeadCursor(db);
    await db.query("UPDATE orders SET status = 'NEW' WHERE id = $1", [ids.orderId]);
    const events = await eventsAfter(head);
    expect(
      events.map(({ stream, operation, entityId, strategyId }) => ({
        stream,
        operation,
        entityId,
        strategyId,
      })),
    ).toEqual([
      {
        stream: 'order_updated',
        operation: 'UPDATE',
        entityId: BigInt(ids.orderId),
        strategyId: BigInt(ids.strategyId),
      },
    ]);
  });

  it('records nothing for a rolled-back insert, nor for an UPDATE that matched no row', async () => {
    const head = await readHeadCursor(db);
    const commitsBefore = await db.query('SELECT count(*)::int AS n FROM event_commits');
    await db.query('BEGIN');
    await insertSignals(db, ids.strategyId, 3);
    await db.query('ROLLBACK');
    await db.query("UPDATE orders SET status = 'NEW' WHERE id = -1");
    expect(await eventsAfter(head)).toEqual([]);
    // No commit was registered either, so neither write took the commit lock.
    const commitsAfter = await db.query('SELECT count(*)::int AS n FROM event_commits');
    expect(commitsAfter.rows).toEqual(commitsBefore.rows);
  });

  it('drops the events of a rolled-back savepoint and keeps the rest of the transaction', async () => {
    const head = await readHeadCursor(db);
    await db.query('BEGIN');
    await db.query('SAVEPOINT s');
    await insertSignals(db, ids.strategyId, 2);
    await db.query('ROLLBACK TO SAVEPOINT s');
    const kept = await insertSignals(db, ids.strategyId, 1);
    await db.query('COMMIT');
    const events = await eventsAfter(head);
    // The kept signal, on signal_created and then on signal_updated.
    expect(events.map((event) => event.entityId)).toEqual([...kept, ...kept].map(BigInt));
  });

  it('records one event per row for each of the seven streams', async () => {
    const head = await readHeadCursor(db);
    const [signal] = await insertSignals(db, ids.strategyId);
    const [fill] = await insertFills(db, ids);
    const position = await db.query<{ id: string }>(
      `INSERT INTO positions (strategy_id, exchange, symbol, direction, size, remaining_size, average_entry_price, opened_at)
       VALUES ($1, 'binance', 'BTCUSDT', 'LONG', 1, 1, 100, now()) RETURNING id`,
      [ids.strategyId],
    );
    const snapshot = await db.query<{ id: string }>(
      'INSERT INTO equity_snapshots (strategy_id, equity, time) VALUES ($1, 1000, now()) RETURNING id',
      [ids.strategyId],
    );
    const model = await db.query<{ id: string }>(
      "INSERT INTO ml_models (name, version) VALUES ('m', '1') RETURNING id",
    );
    const prediction = await db.query<{ id: string }>(
      `INSERT INTO predictions (model_id, exchange, symbol, target, value, time)
       VALUES ($1, 'binance', 'BTCUSDT', 'return_1h', 0.01, now()) RETURNING id`,
      [model.rows[0]?.id],
    );
    await db.query('UPDATE positions SET mark_price = 101 WHERE id = $1', [position.rows[0]?.id]);
    await db.query(`UPDATE signals SET status = 'APPROVED' WHERE id = $1`, [signal]);
    const events = await eventsAfter(head);
    const strategyId = BigInt(ids.strategyId);
    expect(
      events.map(({ stream, operation, entityId, strategyId }) => [
        stream,
        operation,
        entityId,
        strategyId,
      ]),
    ).toEqual([
      ['signal_created', 'INSERT', BigInt(signal as string), strategyId],
      ['signal_updated', 'INSERT', BigInt(signal as string), strategyId],
      ['fill_created', 'INSERT', BigInt(fill as string), strategyId],
      ['position_updated', 'INSERT', BigInt(position.rows[0]?.id as string), strategyId],
      ['equity_snapshot_created', 'INSERT', BigInt(snapshot.rows[0]?.id as string), strategyId],
      ['prediction_created', 'INSERT', BigInt(prediction.rows[0]?.id as string), null],
      ['position_updated', 'UPDATE', BigInt(position.rows[0]?.id as string), strategyId],
      ['signal_updated', 'UPDATE', BigInt(signal as string), strategyId],
    ]);
  });

  it('turns a 5,000-row INSERT into 5,000 events of one commit, in id order, paged without loss', async () => {
    const head = await readHeadCursor(db);
    const fills = await insertFills(db, ids, 5_000);
    const events = await eventsAfter(head, 1_000);
    expect(events.map((event) => event.entityId)).toEqual(fills.map(BigInt));
    expect(new Set(events.map((event) => event.cursor)).size).toBe(5_000);
    expect(new Set(events.map((event) => event.committedAt.getTime())).size).toBe(1);
    // Resuming from the middle of the transaction continues inside it.
    const rest = await readEvents(db, { after: events[2_499]?.cursor ?? null, limit: 10_000 });
    expect(rest.map((event) => event.entityId)).toEqual(fills.slice(2_500).map(BigInt));
  });

  it('filters by stream without changing what the cursors mean', async () => {
    const head = await readHeadCursor(db);
    const [signal] = await insertSignals(db, ids.strategyId);
    const [fill] = await insertFills(db, ids);
    const fillsOnly = await readEvents(db, { after: head, streams: ['fill_created'] });
    expect(fillsOnly.map((event) => event.entityId)).toEqual([BigInt(fill as string)]);
    const all = await readEvents(db, { after: head });
    expect(all.map((event) => event.entityId)).toEqual([
      BigInt(signal as string),
      BigInt(signal as string),
      BigInt(fill as string),
    ]);
  });

  it('rejects a malformed cursor and a bad limit with messages that say what to pass', async () => {
    const good = encodeEventCursor({ commitSeq: 5n, eventId: 7n });
    for (const bad of [
      '',
      'abc',
      `${good}x`,
      Buffer.from('ev1:5').toString('base64url'),
      Buffer.from('ev1:0:1').toString('base64url'),
    ]) {
      await expect(readEvents(db, { after: bad })).rejects.toThrow(InvalidEventCursorError);
    }
    await expect(readEvents(db, { after: 'abc' })).rejects.toThrow(
      '"abc" is not a live event cursor. Pass back a cursor exactly as an event carried it',
    );
    await expect(readEvents(db, { after: null, limit: 0 })).rejects.toThrow(
      'limit must be an integer from 1 to 10000, got 0.',
    );
  });
});
