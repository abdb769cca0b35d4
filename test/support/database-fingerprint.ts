import pg from 'pg';

/**
 * A digest of every row of every table in the database's public schema, per table, for "the
 * database is byte-for-byte unchanged" checks: rows are compared by their text form, ordered,
 * so any inserted, deleted or changed value (including timestamps like last_used_at) shows.
 */
export async function databaseFingerprint(databaseUrl: string): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(
      `SELECT quote_ident(table_name) AS name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    const digests: Record<string, string> = {};
    for (const { name } of tables.rows) {
      // Table names come from the catalog, quoted by PostgreSQL itself.
      const result = await client.query<{ count: string; digest: string }>(
        `SELECT count(*) AS count, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS digest FROM ${name} t`,
      );
      const row = result.rows[0] as { count: string; digest: string };
      digests[name] = `${row.count} rows ${row.digest}`;
    }
    return digests;
  } finally {
    await client.end();
  }
}
