/**
 * Reading the live event log that the `live_events` migration's triggers write.
 *
 * Every committed INSERT/UPDATE of a followed table is one event. Events are delivered in
 * commit order of their transactions (then statement order, then entity id order), each with a
 * cursor; see the migration for why that order is gap-free under concurrent writers. This file
 * only reads; nothing in the application writes events.
 *
 * Measured with `bench/live-events.ts` (2 cores, embedded PostgreSQL 18, fsync on, 70,000 events):
 * `readEvents` of an empty tail (the feed's safety poll) 0.4 ms, a page of 1,000 events 9.5 ms.
 * Writers: one 10,000-fill INSERT 336 ms with the triggers, 207 ms without; one-row autocommit
 * INSERTs 1,290/s with (1,650/s without) on one connection, and 1,180/s with (4,430/s without)
 * on eight: commits of event-writing transactions are serialized, so they lose group commit.
 */
import { decodeEventCursor, encodeEventCursor } from './event-cursor.ts';

/** The streams a subscription can follow, named as in the `events.stream` column. */
export const EVENT_STREAMS = [
  'signal_created',
  'signal_updated',
  'fill_created',
  'order_updated',
  'position_updated',
  'equity_snapshot_created',
  'prediction_created',
] as const;

/** One of {@link EVENT_STREAMS}. */
export type EventStream = (typeof EVENT_STREAMS)[number];

/** A committed change of one row. Carries ids only: subscribers load the row they need. */
export interface LiveEvent {
  /** Opaque; pass it as `after` to resume right after this event. */
  cursor: string;
  stream: EventStream;
  /** The SQL operation that wrote the row. */
  operation: 'INSERT' | 'UPDATE';
  /** Primary key of the row in the stream's table (signals, fills, orders, ...). */
  entityId: bigint;
  /** The row's strategy; null for predictions and for equity snapshots without a strategy. */
  strategyId: bigint | null;
  /** When its transaction committed (the database clock, taken while committing). */
  committedAt: Date;
}

/** What {@link readEvents} needs: `pg.Pool` and `pg.Client` both fit. */
export interface Queryable {
  query<R extends Record<string, unknown>>(
    text: string,
    values?: unknown[],
  ): Promise<{ rows: R[] }>;
}

/** Options of {@link readEvents}. */
export interface ReadEventsOptions {
  /** Read events after this cursor; null reads from the oldest retained event. */
  after: string | null;
  /** Most events to return (1 to 10,000). Default 1,000. */
  limit?: number;
  /** Only these streams (default all). Cursors stay valid across different stream sets. */
  streams?: readonly EventStream[];
}

/** Largest page {@link readEvents} accepts: a page is held in memory whole. */
export const MAX_READ_LIMIT = 10_000;
const DEFAULT_READ_LIMIT = 1_000;

interface EventRow extends Record<string, unknown> {
  commit_seq: string;
  committed_at: Date;
  id: string;
  stream: EventStream;
  operation: 'INSERT' | 'UPDATE';
  entity_id: string;
  strategy_id: string | null;
}

// The lateral subquery walks one transaction's events in id order and the outer query walks
// transactions in commit order, so PostgreSQL stops as soon as it has `limit` events (an
// incremental sort over commit_seq, no full sort). The CASE keeps the event id bound an index
// condition: only the cursor's own transaction is entered part-way.
const READ_SQL = `
  SELECT c.commit_seq, c.committed_at, e.id, e.stream, e.operation, e.entity_id, e.strategy_id
  FROM event_commits c
  CROSS JOIN LATERAL (
    SELECT id, stream, operation, entity_id, strategy_id
    FROM events
    WHERE transaction_id = c.transaction_id
      AND id > CASE WHEN c.commit_seq = $1 THEN $2::bigint ELSE 0 END
      AND ($4::text[] IS NULL OR stream = ANY ($4::text[]))
    ORDER BY id
    LIMIT $3
  ) e
  WHERE c.commit_seq >= $1
  ORDER BY c.commit_seq, e.id
  LIMIT $3`;

const HEAD_SQL = `
  SELECT c.commit_seq, e.id
  FROM event_commits c
  CROSS JOIN LATERAL (
    SELECT id FROM events WHERE transaction_id = c.transaction_id ORDER BY id DESC LIMIT 1
  ) e
  WHERE c.commit_seq IS NOT NULL
  ORDER BY c.commit_seq DESC
  LIMIT 1`;

/**
 * Returns up to `limit` committed events after `after`, in delivery order. An empty result means
 * the reader is up to date; a result shorter than `limit` means it was up to date when the query
 * ran. Reading again after the last event's cursor never repeats an event and never skips one
 * that commits later. Throws `InvalidEventCursorError` for a malformed cursor and a `RangeError`
 * for a bad limit.
 */
export async function readEvents(db: Queryable, options: ReadEventsOptions): Promise<LiveEvent[]> {
  const limit = options.limit ?? DEFAULT_READ_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_READ_LIMIT) {
    throw new RangeError(`limit must be an integer from 1 to ${MAX_READ_LIMIT}, got ${limit}.`);
  }
  // commit_seq starts at 1, so (0, 0) is "before everything".
  const from =
    options.after == null ? { commitSeq: 0n, eventId: 0n } : decodeEventCursor(options.after);
  const streams = options.streams ? [...options.streams] : null;
  const { rows } = await db.query<EventRow>(READ_SQL, [
    from.commitSeq.toString(),
    from.eventId.toString(),
    limit,
    streams,
  ]);
  return rows.map(toEvent);
}

/**
 * The cursor of the newest committed event, or null when there is none: where a reader that
 * wants only new events starts.
 */
export async function readHeadCursor(db: Queryable): Promise<string | null> {
  const { rows } = await db.query<{ commit_seq: string; id: string }>(HEAD_SQL);
  const row = rows[0];
  if (!row) return null;
  return encodeEventCursor({ commitSeq: BigInt(row.commit_seq), eventId: BigInt(row.id) });
}

function toEvent(row: EventRow): LiveEvent {
  return {
    cursor: encodeEventCursor({ commitSeq: BigInt(row.commit_seq), eventId: BigInt(row.id) }),
    stream: row.stream,
    operation: row.operation,
    entityId: BigInt(row.entity_id),
    strategyId: row.strategy_id === null ? null : BigInt(row.strategy_id),
    committedAt: row.committed_at,
  };
}
