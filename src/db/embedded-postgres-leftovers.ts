/**
 * What a killed process leaves behind in an embedded PostgreSQL folder, and how to clear it:
 * a `postmaster.pid` naming a process that is not the server, a server still running with no
 * owner, a throwaway cluster nobody will delete. Process checks read /proc (Linux); elsewhere
 * a live server cannot be told apart and is reported instead of being stopped.
 */

import { existsSync, readFileSync } from 'node:fs';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** Name prefix of throwaway cluster folders; each holds OWNER_FILE with its creator's pid. */
export const THROWAWAY_PREFIX = 'tradegraph-pg-';
export const OWNER_FILE = 'owner.pid';

/**
 * Makes way for a new server when `postmaster.pid` is left over. Postgres itself only ignores a
 * lock file whose process is gone; after a restart the pid may belong to an unrelated process,
 * which it takes for a live server. A live server on this folder whose owning process
 * (`owner`) died, killed with SIGKILL say, is shut down; one whose owner lives is an error.
 */
export async function clearStaleServer(
  clusterDir: string,
  owner: number | undefined,
  log: (line: string) => void,
) {
  const pidFile = join(clusterDir, 'postmaster.pid');
  const content = await readFile(pidFile, 'utf8').catch(() => undefined);
  if (content === undefined) return;
  const [pidLine = '', , , portLine = ''] = content.split('\n');
  const pid = Number.parseInt(pidLine, 10);
  const server = Number.isInteger(pid) && pid > 0 ? await serverOnFolder(pid, clusterDir) : 'no';
  if (server === 'no') {
    log(`removing stale ${pidFile} (process ${pidLine.trim() || '?'} is not its server)`);
    await rm(pidFile, { force: true });
    return;
  }
  if (server === 'unknown' || (owner !== undefined && isAlive(owner))) {
    throw new Error(
      `The embedded PostgreSQL data folder ${clusterDir} is in use by a running server ` +
        `(pid ${pid}, port ${portLine.trim() || '?'}${owner ? `, started by process ${owner}` : ''}). ` +
        `Stop that process, or use another data folder.`,
    );
  }
  log(`shutting down PostgreSQL pid ${pid} left running on ${clusterDir} by a killed process`);
  await shutDownOrphan(pid, clusterDir);
}

/**
 * Whether `pid` is a PostgreSQL server on `clusterDir`, compared by inode so that another
 * spelling of the same folder still counts; `unknown` where /proc cannot tell.
 */
async function serverOnFolder(pid: number, clusterDir: string): Promise<'yes' | 'no' | 'unknown'> {
  if (!isAlive(pid)) return 'no';
  let args: string[];
  try {
    args = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0');
  } catch (error) {
    const vanished = (error as NodeJS.ErrnoException).code === 'ENOENT' && existsSync('/proc/self');
    return vanished ? 'no' : 'unknown';
  }
  if (!/(^|\/)(postgres|postmaster)$/.test(args[0] ?? '')) return 'no';
  const dataDirArg = args[args.indexOf('-D') + 1];
  // Started without -D (PGDATA in its environment): it may well be this folder's server.
  if (!args.includes('-D') || !dataDirArg) return 'unknown';
  const [theirs, ours] = await Promise.all([
    stat(resolve(`/proc/${pid}/cwd`, dataDirArg)).catch(() => undefined),
    stat(clusterDir),
  ]);
  if (!theirs) return 'unknown';
  return theirs.dev === ours.dev && theirs.ino === ours.ino ? 'yes' : 'no';
}

/** Whether `pid` runs. A zombie does not: PID 1 of some containers reaps orphans only slowly. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  return processState(pid) !== 'Z';
}

/** The state letter from /proc/<pid>/stat (Linux), after the parenthesised command name. */
function processState(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat[stat.lastIndexOf(')') + 2];
  } catch {
    return undefined;
  }
}

/** Fast shutdown (SIGINT), then immediate shutdown (SIGQUIT) if it lingers. */
async function shutDownOrphan(pid: number, clusterDir: string): Promise<void> {
  for (const [signal, waitMs] of [
    ['SIGINT', 15_000],
    ['SIGQUIT', 5_000],
  ] as const) {
    try {
      process.kill(pid, signal);
    } catch {
      return; // already gone
    }
    for (const deadline = Date.now() + waitMs; Date.now() < deadline; await sleep(50)) {
      if (!isAlive(pid)) return;
    }
  }
  throw new Error(`PostgreSQL pid ${pid} on ${clusterDir} did not shut down; stop it by hand.`);
}

/**
 * Deletes throwaway clusters in `base` whose owning process is gone (a test run killed before
 * its teardown), shutting down a server still running in one. Machines here are reused, so
 * they would otherwise pile up. Folders of live processes are left alone.
 */
export async function sweepAbandonedClusters(
  base: string,
  log: (line: string) => void,
): Promise<void> {
  const entries = await readdir(base).catch(() => [] as string[]);
  for (const entry of entries.filter((name) => name.startsWith(THROWAWAY_PREFIX))) {
    const folder = join(base, entry);
    const owner = await readPid(join(folder, OWNER_FILE));
    // No owner file: not ours, or another process is between mkdtemp and writing it.
    if (owner === undefined || isAlive(owner)) continue;
    const clusterDir = join(folder, 'cluster');
    const pid = await readPid(join(clusterDir, 'postmaster.pid'));
    try {
      if (pid !== undefined && (await serverOnFolder(pid, clusterDir)) === 'yes') {
        await shutDownOrphan(pid, clusterDir);
      }
      await rm(folder, { recursive: true, force: true });
      log(`removed throwaway cluster ${folder} abandoned by process ${owner}`);
    } catch (error) {
      log(`could not remove abandoned throwaway cluster ${folder}: ${(error as Error).message}`);
    }
  }
}

/** The pid on the first line of `file`, if it has one. */
async function readPid(file: string): Promise<number | undefined> {
  const content = await readFile(file, 'utf8').catch(() => '');
  const pid = Number.parseInt(content, 10);
  return pid > 0 ? pid : undefined;
}
