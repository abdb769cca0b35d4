/**
 * The floor: a tiny HTTP server, one hand-written, prepared SQL statement per request, no
 * GraphQL.
 * POST /query with {"query": "signals" | "equity" | "positions" | "node", "params": [...]}.
 *
 *   DATABASE_URL=... PORT=4102 node_modules/.bin/tsx bench/floor-server.ts
 */
import { createServer } from 'node:http';
import pg from 'pg';
import { FLOOR_SQL } from './floor-sql.ts';

const connectionString = process.env.DATABASE_URL;
if (!connectionString) throw new Error('DATABASE_URL is required');
const port = Number(process.env.PORT ?? 4102);
const pool = new pg.Pool({ connectionString, max: 10 });

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', async () => {
    try {
      const { query, params } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      const sql = FLOOR_SQL[query];
      if (!sql) throw new Error(`unknown query ${query}`);
      // Prepared once per connection, as Tradegraph's row reader and PostGraphile prepare
      // theirs: planning the nested statements costs about as much as running them.
      const result = await pool.query({ name: `floor-${query}`, text: sql, values: params });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(result.rows[0].body);
    } catch (error) {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ message: String(error) }] }));
    }
  });
});
server.listen(port, '127.0.0.1', () => console.log(`floor on http://127.0.0.1:${port}/query`));
const stop = () => {
  server.close();
  void pool.end().finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
