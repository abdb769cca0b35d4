import { type ApiKeyRecord, apiKeyStatus } from '../auth/api-key-record.ts';

const COLUMNS = [
  'prefix',
  'name',
  'scopes',
  'strategies',
  'created',
  'expires',
  'last used',
  'status',
];

/** `2026-11-22 06:30Z`: minutes are enough to recognize a key, and the table stays narrow. */
function when(date: Date | null): string {
  return date === null ? '-' : `${date.toISOString().slice(0, 16).replace('T', ' ')}Z`;
}

/**
 * The `npm run keys -- list` table: one line per key, columns padded to their widest cell.
 * Built from records, which hold no secret or hash, so it cannot print one.
 */
export function formatKeysTable(keys: readonly ApiKeyRecord[], now: Date = new Date()): string {
  if (keys.length === 0) return 'No API keys. Create one with npm run keys -- create --help.';
  const rows = keys.map((key) => [
    key.prefix,
    key.name,
    key.scopes.map((scope) => scope.toLowerCase()).join(','),
    key.strategyIds.length === 0 ? 'all' : key.strategyIds.join(','),
    when(key.createdAt),
    key.expiresAt === null ? 'never' : when(key.expiresAt),
    key.lastUsedAt === null ? 'never' : when(key.lastUsedAt),
    apiKeyStatus(key, now),
  ]);
  const widths = COLUMNS.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => (row[i] as string).length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] as number))
      .join('  ')
      .trimEnd();
  return [line(COLUMNS), ...rows.map(line)].join('\n');
}
