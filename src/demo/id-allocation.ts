import type { Prisma } from '../generated/prisma/client.ts';
import type { DemoDataSet } from './drafts.ts';

/**
 * Takes ids for every draft from its table's sequence, in one round trip, and writes them onto
 * the drafts. Taking them from the sequence (rather than counting from max(id)) keeps them
 * unique even when other writers insert at the same time, and leaves the sequences ahead of
 * the rows so later inserts do not collide.
 */
export async function allocateIds(
  db: Prisma.TransactionClient,
  data: DemoDataSet,
  tables: { [Table in keyof DemoDataSet]: string },
): Promise<void> {
  const keys = Object.keys(tables) as Array<keyof DemoDataSet>;
  const columns = keys.map(
    (key, i) =>
      `ARRAY(SELECT nextval(pg_get_serial_sequence('${tables[key]}', 'id')) ` +
      `FROM generate_series(1, $${i + 1}::int))::text[] AS "${key}"`,
  );
  const counts = keys.map((key) => data[key].length);
  const [row] = await db.$queryRawUnsafe<Array<Record<keyof DemoDataSet, string[]>>>(
    `SELECT ${columns.join(', ')}`,
    ...counts,
  );
  if (!row) throw new Error('id allocation returned no row');
  for (const key of keys) {
    const ids = row[key].map((id) => BigInt(id)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    data[key].forEach((draft, i) => {
      const id = ids[i];
      if (id === undefined) throw new Error(`sequence of ${tables[key]} returned too few ids`);
      draft.id = id;
    });
  }
}
