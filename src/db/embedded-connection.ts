import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { EMBEDDED_DATABASE, SIDECAR_FILE, SUPERUSER } from './embedded-postgres.ts';

const START_HINT = 'start the gateway first with npm start, or set DATABASE_URL';

/**
 * The `postgres://` URL of the embedded PostgreSQL server that another process (`npm start`)
 * runs on the cluster folder `clusterDir` (TRADEGRAPH_DATA_DIR/postgres), for tools that must
 * connect to it rather than start a second server on the same folder (PostgreSQL refuses that).
 *
 * Reads the port from Postgres' own `postmaster.pid` (line 4) and the password from the sidecar
 * file Tradegraph keeps beside it. Throws an error that says what to do when no server is
 * running there (no or a stale `postmaster.pid`), when it is not ready yet, or when the folder
 * holds a cluster Tradegraph did not create. Does not connect.
 */
export async function connectionUrlOfRunningEmbedded(clusterDir: string): Promise<string> {
  const dir = resolve(clusterDir);
  const pidFile = join(dir, 'postmaster.pid');
  const content = await readFile(pidFile, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw new Error(`Cannot read ${pidFile}: ${error.message}. Run as the user of npm start.`);
  });
  if (content === undefined) {
    throw new Error(`No embedded PostgreSQL is running on ${dir}: ${START_HINT}.`);
  }
  // postmaster.pid: pid, data folder, start time, port, socket folder, listen address, shared
  // memory key, status ("starting", "ready", "stopping", ...).
  const lines = content.split('\n');
  const pid = Number.parseInt(lines[0] ?? '', 10);
  const port = Number.parseInt(lines[3] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) {
    throw new Error(
      `No embedded PostgreSQL is running on ${dir} (its postmaster.pid names process ` +
        `${lines[0]?.trim() || '?'}, which is gone): ${START_HINT}.`,
    );
  }
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new Error(`${pidFile} holds no valid port on its 4th line; is the server starting?`);
  }
  const status = lines[7]?.trim();
  if (status !== undefined && status !== '' && status !== 'ready') {
    throw new Error(
      `The embedded PostgreSQL on ${dir} (port ${port}) is ${status}, not ready: wait for ` +
        'npm start to print the GraphQL endpoint, then try again.',
    );
  }
  const password = await readPassword(join(dir, SIDECAR_FILE));
  const url = new URL(`postgres://127.0.0.1:${port}/${EMBEDDED_DATABASE}`);
  url.username = SUPERUSER;
  url.password = password;
  return url.href;
}

async function readPassword(file: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'it is missing' : '';
    throw new Error(
      `The embedded PostgreSQL is running, but its credentials file ${file} cannot be read ` +
        `(${reason || (error as Error).message}): run as the user of npm start, or set DATABASE_URL.`,
    );
  }
  try {
    const parsed = JSON.parse(text) as { password?: unknown };
    if (typeof parsed.password === 'string' && parsed.password !== '') return parsed.password;
  } catch {
    // reported below
  }
  throw new Error(
    `${file} holds no password; the folder's server was not started by Tradegraph: set DATABASE_URL.`,
  );
}

/** Whether a process exists (EPERM: it does, owned by another user such as `postgres`). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
