import type { Database } from '../db/prisma.ts';
import { ApiKeyError } from './api-key-record.ts';

/**
 * Turns strategy references as a person types them (ids such as `12`, or names such as
 * `gal-friday-xrp`) into ids. Ids are passed through (createApiKey checks they exist). A name
 * must match exactly one strategy: throws {@link ApiKeyError} `UNKNOWN_STRATEGY` for a name no
 * strategy has, `INVALID` for one that several versions share (listing their ids to choose from).
 */
export async function resolveStrategyRefs(
  db: Database,
  refs: readonly string[],
): Promise<bigint[]> {
  const ids: bigint[] = [];
  const names = refs.filter((ref) => !/^[0-9]{1,18}$/.test(ref));
  for (const ref of refs) if (!names.includes(ref)) ids.push(BigInt(ref));
  if (names.length === 0) return ids;
  const rows = await db.strategy.findMany({
    where: { name: { in: names } },
    select: { id: true, name: true, version: true },
    orderBy: { id: 'asc' },
  });
  for (const name of names) {
    const matches = rows.filter((row) => row.name === name);
    if (matches.length === 0) {
      throw new ApiKeyError('UNKNOWN_STRATEGY', `No strategy is named '${name}'.`);
    }
    if (matches.length > 1) {
      const versions = matches.map((row) => `${row.id} (version ${row.version})`).join(', ');
      throw new ApiKeyError(
        'INVALID',
        `Several strategies are named '${name}': give the id of one of ${versions}.`,
      );
    }
    ids.push((matches[0] as { id: bigint }).id);
  }
  return ids;
}
