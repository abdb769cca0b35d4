import { MODEL_TABLES, modelSelectList } from '../db/model-rows.ts';
import type { Database } from '../db/prisma.ts';
import { rowReaderOf } from '../db/row-reader.ts';
import type { EventStream, LiveEvent } from './event-log.ts';
import { Settling } from './settling.ts';

/** The Prisma model of each stream's rows. */
const MODEL_OF_STREAM = {
  signal_created: 'Signal',
  signal_updated: 'Signal',
  fill_created: 'Fill',
  order_updated: 'Order',
  position_updated: 'Position',
  equity_snapshot_created: 'EquitySnapshot',
  prediction_created: 'Prediction',
} as const satisfies Record<EventStream, keyof typeof MODEL_TABLES>;

export type LiveRow = Record<string, unknown> & { id: bigint };

/**
 * Loads the current rows of one stream's events, by id, in one statement, in the shape Prisma
 * returns them (every scalar field; test/row-reader.test.ts compares them), through the row
 * reader: Prisma's result mapping cost about four times as much CPU per row, paid for every
 * event whatever the number of subscribers.
 */
export async function loadStreamRows(
  prisma: Database,
  stream: EventStream,
  events: readonly LiveEvent[],
): Promise<Map<string, LiveRow>> {
  const ids = [...new Set(events.filter((e) => e.stream === stream).map((e) => e.entityId))];
  if (ids.length === 0) return new Map();
  const reader = rowReaderOf(prisma);
  if (!reader) throw new Error('Live rows need a database client made by createPrismaClient.');
  const model = MODEL_OF_STREAM[stream];
  const rows = await reader.query<LiveRow>(
    `SELECT ${modelSelectList(model, 't')} FROM "${MODEL_TABLES[model]}" t
     WHERE t.id = ANY($1::bigint[])`,
    [ids],
  );
  return new Map(rows.map((row) => [String(row.id), row]));
}

/** One delivered event: its cursor and the row it is about, as loaded after commit. */
export interface LiveEventPayload {
  cursor: string;
  operation: 'INSERT' | 'UPDATE';
  row: LiveRow;
  /**
   * The events read with this one (the feed's batch, or a page of catch-up), whose rows were
   * loaded together: executions of the events of one batch share their loaders.
   */
  batch: readonly LiveEvent[];
}

/** The payload of each event whose row was found, by event. */
export type LivePayloads = ReadonlyMap<LiveEvent, LiveEventPayload>;

/** The payloads of `events` (read together as `batch`) whose row is in `rows`. */
export function payloadsOf(
  events: readonly LiveEvent[],
  rows: ReadonlyMap<string, LiveRow>,
  batch: readonly LiveEvent[],
): Map<LiveEvent, LiveEventPayload> {
  const payloads = new Map<LiveEvent, LiveEventPayload>();
  for (const event of events) {
    const row = rows.get(String(event.entityId));
    if (!row) continue;
    payloads.set(event, { cursor: event.cursor, operation: event.operation, row, batch });
  }
  return payloads;
}

/**
 * Rows of the feed's batches, loaded once per batch and stream for all subscribers of this
 * instance: a thousand subscribers to fills cost one query per batch of new fills, not a
 * thousand. Each event's payload is made once too, so subscribers hand on the same object and
 * its shared execution is found by it. Batches are the feed's own arrays, so the cache goes
 * when the batch does.
 */
export class SharedRowLoader {
  readonly #loaded = new WeakMap<readonly LiveEvent[], Map<EventStream, Settling<LivePayloads>>>();

  constructor(private readonly prisma: Database) {}

  /** The payloads of the batch's events of `stream`, loading them on the first call. */
  rowsOf(batch: readonly LiveEvent[], stream: EventStream): Settling<LivePayloads> {
    let byStream = this.#loaded.get(batch);
    if (!byStream) {
      byStream = new Map();
      this.#loaded.set(batch, byStream);
    }
    let payloads = byStream.get(stream);
    if (!payloads) {
      const events = batch.filter((event) => event.stream === stream);
      payloads = new Settling(
        loadStreamRows(this.prisma, stream, events).then((rows) => payloadsOf(events, rows, batch)),
      );
      byStream.set(stream, payloads);
    }
    return payloads;
  }
}
