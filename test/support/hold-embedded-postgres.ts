/**
 * Stands in for a process that gets killed: starts an embedded PostgreSQL in the folder given as
 * the first argument (persistent, or a throwaway one inside it when the second argument is
 * `throwaway`), prints `READY <url> <cluster folder>` and idles until killed.
 */
import { startEmbeddedPostgres } from '../../src/db/embedded-postgres.ts';

const [dataDir, mode] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: hold-embedded-postgres.ts <data folder> [throwaway]');
const server = await startEmbeddedPostgres({ dataDir, persistent: mode !== 'throwaway' });
console.log(`READY ${server.url} ${server.dataDir}`);
setInterval(() => {}, 60_000);
