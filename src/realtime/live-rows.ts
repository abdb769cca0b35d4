import type { Database } from '../db/prisma.ts';
import type { EventStream, LiveEvent } from './event-log.ts';

/** The Prisma delegate holding each stream's rows. */
const DELEGATE_OF_STREAM = {
  signal_created: 'signal',
  signal_updated: 'signal',
  fill_created: 'fill',
  order_updated: 'order',
  position_updated: 'position',
  equity_snapshot_created: 'equitySnapshot',
  prediction_created: 'prediction',
} as const satisfies Record<EventStream, keyof Database>;

export type LiveRow = Record<string, unknown> & { id: bigint };

/** Loads the current rows of one stream's events, by id, in one query. */
export async function loadStreamRows(
  prisma: Database,
  stream: EventStream,
  events: readonly LiveEvent[],
): Promise<Map<string, LiveRow>> {
  const ids = [...new Set(events.filter((e) => e.stream === stream).map((e) => e.entityId))];
  if (ids.length === 0) return new Map();
  const delegate = prisma[DELEGATE_OF_STREAM[stream]] as unknown as {
    findMany(args: object): Promise<LiveRow[]>;
  };
  const rows = await delegate.findMany({ where: { id: { in: ids } } });
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
