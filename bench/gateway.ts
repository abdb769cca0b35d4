import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import type { GatewayMeasurement } from './gateway-process.ts';

/**
 * Limits the live benches lift so that they measure the gateway, not its guards: thousands of
 * subscriptions from one key, on one connection, and writes far beyond a per-minute budget.
 * Extra or overriding variables: `BENCH_GATEWAY_ENV="NAME=value NAME=value"`.
 */
const UNLIMITED = {
  RATE_LIMIT_PER_MINUTE: '100000000',
  MAX_SUBSCRIPTIONS_PER_CONNECTION: '100000',
  MAX_SUBSCRIPTIONS_PER_KEY: '1000000',
};

export interface BenchGateway {
  url: string;
  wsUrl: string;
  pid: number;
  /** Memory after GC and CPU time so far, from inside the gateway process. */
  measure(): Promise<GatewayMeasurement>;
  /** Writes a heap snapshot of the gateway to `file`; resolves with its path. */
  heapSnapshot(file: string): Promise<string>;
  stop(): Promise<void>;
}

function extraEnv(): Record<string, string> {
  const text = process.env.BENCH_GATEWAY_ENV ?? '';
  return Object.fromEntries(
    text
      .split(/\s+/)
      .filter((pair) => pair.includes('='))
      .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
  );
}

/** Starts the gateway as its own process (bench/gateway-process.ts) and waits until it answers. */
export async function startBenchGateway(databaseUrl: string, port = 4110): Promise<BenchGateway> {
  const child: ChildProcess = spawn(
    'node',
    [
      '--expose-gc',
      // e.g. BENCH_GATEWAY_NODE_ARGS=--cpu-prof to profile the gateway under load.
      ...(process.env.BENCH_GATEWAY_NODE_ARGS ?? '').split(/\s+/).filter(Boolean),
      '--import',
      'tsx',
      'bench/gateway-process.ts',
    ],
    {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        DEMO_DATA: 'false',
        GRAPHIQL: 'false',
        MIGRATE_ON_START: 'false',
        DB_POOL_SIZE: '20',
        ...UNLIMITED,
        ...extraEnv(),
        DATABASE_URL: databaseUrl,
        PORT: String(port),
      },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    },
  );
  const url = `http://127.0.0.1:${port}/graphql`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  };
  const measure = async () => {
    const answer = once(child, 'message');
    child.send('measure');
    return (await answer)[0] as GatewayMeasurement;
  };
  const heapSnapshot = async (file: string) => {
    const answer = once(child, 'message');
    child.send(`snapshot:${file}`);
    return (await answer)[0] as string;
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the gateway exited with code ${child.exitCode}`);
    try {
      await fetch(url, { method: 'POST', body: '{}' });
      return {
        url,
        wsUrl: url.replace('http', 'ws'),
        pid: child.pid ?? 0,
        measure,
        heapSnapshot,
        stop,
      };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  await stop();
  throw new Error(`the gateway did not answer on ${url} within 60 s`);
}
