/**
 * Cursors of the live event log: where a reader stands in delivery order.
 *
 * A cursor names one delivered event: its transaction's place in commit order (`commitSeq`,
 * stamped while the transaction commits) and the event's own id (statement order inside that
 * transaction). Resuming "after" a cursor yields every event that comes later in delivery order,
 * including events committed after the cursor was issued, and none at or before it. On the wire
 * a cursor is an opaque string; clients must pass it back unchanged.
 */

/** A decoded cursor. Both parts are positive 64-bit integers. */
export interface EventPosition {
  /** Place of the event's transaction in commit order (`event_commits.commit_seq`). */
  commitSeq: bigint;
  /** The event's id (`events.id`): statement order inside its transaction. */
  eventId: bigint;
}

/** Thrown by {@link decodeEventCursor} for anything that is not a cursor this log issued. */
export class InvalidEventCursorError extends Error {
  constructor(cursor: string) {
    const shown = cursor.length > 60 ? `${cursor.slice(0, 60)}…` : cursor;
    super(
      `"${shown}" is not a live event cursor. Pass back a cursor exactly as an event carried ` +
        'it, or no cursor to start from the oldest retained event.',
    );
    this.name = 'InvalidEventCursorError';
  }
}

// A version tag, so that the format can change without misreading cursors clients still hold.
const PREFIX = 'ev1:';
const INT64_MAX = 9223372036854775807n;
const DIGITS = /^[1-9]\d{0,18}$/;

/** The opaque string form of a position. */
export function encodeEventCursor(position: EventPosition): string {
  const text = `${PREFIX}${position.commitSeq}:${position.eventId}`;
  return Buffer.from(text, 'utf8').toString('base64url');
}

/** The position a cursor names; throws {@link InvalidEventCursorError} for a malformed one. */
export function decodeEventCursor(cursor: string): EventPosition {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  // base64url decoding ignores stray characters; re-encoding catches cursors that were altered.
  if (!text.startsWith(PREFIX) || Buffer.from(text).toString('base64url') !== cursor) {
    throw new InvalidEventCursorError(cursor);
  }
  const parts = text.slice(PREFIX.length).split(':');
  if (parts.length !== 2 || !parts.every((part) => DIGITS.test(part))) {
    throw new InvalidEventCursorError(cursor);
  }
  const [commitSeq, eventId] = parts.map((part) => BigInt(part)) as [bigint, bigint];
  if (commitSeq > INT64_MAX || eventId > INT64_MAX) throw new InvalidEventCursorError(cursor);
  return { commitSeq, eventId };
}

/**
 * Negative, zero or positive as `a` comes before, at or after `b` in delivery order. Lets a
 * subscriber that catches up with `readEvents` and also receives live batches drop what it has
 * already seen.
 */
export function compareEventCursors(a: string, b: string): number {
  const x = decodeCached(a);
  const y = decodeCached(b);
  if (x.commitSeq !== y.commitSeq) return x.commitSeq < y.commitSeq ? -1 : 1;
  if (x.eventId !== y.eventId) return x.eventId < y.eventId ? -1 : 1;
  return 0;
}

// Every subscriber compares each live event's cursor with its own last one: with thousands of
// subscribers the same few cursors are decoded thousands of times per event, so recent
// decodings are kept (bounded: cleared when full).
const recent = new Map<string, EventPosition>();
const RECENT_LIMIT = 10_000;

function decodeCached(cursor: string): EventPosition {
  let position = recent.get(cursor);
  if (position === undefined) {
    position = decodeEventCursor(cursor);
    if (recent.size >= RECENT_LIMIT) recent.clear();
    recent.set(cursor, position);
  }
  return position;
}
