import type { Prisma } from '../generated/prisma/client.ts';

/**
 * The value a `jsonb` column gives back for `json` (the text a writer stored): what reading the
 * row again would return, without reading it. jsonb keeps one value per key and orders an
 * object's keys by their length in bytes, then bytewise; JS objects then list integer-like keys
 * first, as they do for any parsed object.
 */
export function asStoredJsonb(json: string): Prisma.JsonValue {
  return inJsonbOrder(JSON.parse(json) as Prisma.JsonValue);
}

function inJsonbOrder(value: Prisma.JsonValue): Prisma.JsonValue {
  if (Array.isArray(value)) return value.map(inJsonbOrder);
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value).map((key) => ({ key, bytes: Buffer.from(key) }));
  keys.sort((a, b) => a.bytes.length - b.bytes.length || Buffer.compare(a.bytes, b.bytes));
  const ordered: Prisma.JsonObject = {};
  for (const { key } of keys) ordered[key] = inJsonbOrder(value[key] ?? null);
  return ordered;
}
