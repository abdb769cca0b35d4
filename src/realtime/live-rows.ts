import { MODEL_TABLES, modelSelectList } from '../db/model-rows.ts';
import type { Database } from '../db/prisma.ts';
import { rowReaderOf } from '../db/row-reader.ts';
import type { EventStream, LiveEvent } from './event-log.ts';

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

/**
 * Rows of the feed's batches, loaded once per batch and stream for all subscribers of this
 * instance: a thousand subscribers to fills cost one query per batch of new fills, not a
 * thousand. Batches are the feed's own arrays, so the cache goes when the batch does.
 */
export class SharedRowLoader {
  readonly #loaded = new WeakMap<
    readonly LiveEvent[],
    Map<EventStream, Promise<Map<string, LiveRow>>>
  >();

  constructor(private readonly prisma: Database) {}

  rowsOf(batch: readonly LiveEvent[], stream: EventStream): Promise<Map<string, LiveRow>> {
    let byStream = this.#loaded.get(batch);
    if (!byStream) {
      byStream = new Map();
      this.#loaded.set(batch, byStream);
    }
    let rows = byStream.get(stream);
    if (!rows) {
      rows = loadStreamRows(this.prisma, stream, batch);
      byStream.set(stream, rows);
    }
    return rows;
  }
}
