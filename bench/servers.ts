import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';

export const SERVER_NAMES = ['tradegraph', 'postgraphile', 'floor'] as const;
export type ServerName = (typeof SERVER_NAMES)[number];

interface ServerSpec {
  port: number;
  path: string;
  command: string[];
  env: Record<string, string>;
}

const TSX = 'node_modules/.bin/tsx';

export const SERVERS: Record<ServerName, ServerSpec> = {
  tradegraph: {
    port: 4100,
    path: '/graphql',
    command: [TSX, 'src/main.ts'],
    env: {
      NODE_ENV: 'production',
      DEMO_DATA: 'false',
      GRAPHIQL: 'false',
      MIGRATE_ON_START: 'false',
      // (b) asks for 720 points in one page; the default limit is 100.
      MAX_PAGE_SIZE: '1000',
      // The bench measures throughput, not the per-key rate limit every request here shares.
      RATE_LIMIT_PER_MINUTE: '100000000',
      RATE_LIMIT_BURST: '100000000',
    },
  },
  postgraphile: {
    port: 4101,
    path: '/graphql',
    command: [
      'node',
      '--import',
      'tsx',
      '--import',
      './bench/polyfill.ts',
      'bench/postgraphile-server.ts',
    ],
    env: { NODE_ENV: 'production' },
  },
  floor: {
    port: 4102,
    path: '/query',
    command: [TSX, 'bench/floor-server.ts'],
    env: { NODE_ENV: 'production' },
  },
};

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

/** Starts one server as its own process and waits until it answers HTTP. */
export async function startServer(name: ServerName, databaseUrl: string): Promise<RunningServer> {
  const spec = SERVERS[name];
  const [command, ...args] = spec.command as [string, ...string[]];
  const child: ChildProcess = spawn(command, args, {
    env: { ...process.env, ...spec.env, DATABASE_URL: databaseUrl, PORT: String(spec.port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${spec.port}${spec.path}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode}`);
    try {
      await fetch(url, { method: 'POST', body: '{}' });
      return { url, stop };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  await stop();
  throw new Error(`${name} did not answer on ${url} within 60 s`);
}
