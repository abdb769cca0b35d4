/**
 * Interleaved A/B runs of Tradegraph builds over a seeded bench database (`DATABASE_URL`, seeded
 * by `bench/seed.ts`), for a machine shared with other work: each round runs every checkout on
 * every query once, so load from elsewhere falls on all of them alike; medians are printed.
 * Besides req/s it reports the gateway process's CPU time per request (user + system, from
 * /proc), which other load on the machine disturbs far less than throughput.
 * With `--cpu-prof DIR`, each server writes a V8 CPU profile there (see bench/profile-summary.ts).
 *
 *   node_modules/.bin/tsx bench/ab.ts --checkouts /tmp/base,. --queries signals,positions \
 *     --rounds 3 --duration 8 [--cpu-prof /tmp/prof] [--port 4100]
 *
 * A checkout may be followed by node flags for its gateway, separated by spaces, to compare
 * runtime settings of one build: `--checkouts '.,. --max-semi-space-size=64'`.
 */
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { benchHeaders } from './api-key.ts';
import { prepare } from './prepare.ts';
import type { QueryName } from './queries.ts';
import { SERVERS } from './servers.ts';

const run = promisify(execFile);

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('DATABASE_URL: the seeded bench database');
const checkouts = option('checkouts', '.').split(',');
const queries = option('queries', 'signals,positions').split(',') as QueryName[];
const rounds = Number(option('rounds', '3'));
const duration = Number(option('duration', '8'));
const profileDir = option('cpu-prof', '');
// Another bench on the machine may hold the default port: its server would answer instead.
const port = Number(option('port', '4100'));

async function startTradegraph(entry: string) {
  const [checkout = '.', ...nodeFlags] = entry.trim().split(/\s+/);
  const spec = SERVERS.tradegraph;
  // node refuses --cpu-prof in NODE_OPTIONS, so tsx is loaded with --import instead.
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDir)}`] : [];
  const child = spawn('node', [...nodeFlags, ...profile, '--import', 'tsx', 'src/main.ts'], {
    cwd: checkout,
    env: {
      ...process.env,
      ...spec.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}/graphql`;
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`${entry} exited with ${child.exitCode}`);
    try {
      await fetch(url, { method: 'POST', body: '{}' });
      break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  return {
    url,
    pid: child.pid as number,
    stop: async () => {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** CPU time of process `pid` so far, in ms (utime + stime at 100 ticks per second). */
async function cpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function load(url: string, bodies: string[], seconds: number) {
  const input = JSON.stringify({
    url,
    bodies,
    headers,
    warmup: 0,
    duration: seconds,
    connections: 10,
  });
  const { stdout } = await run('node_modules/.bin/tsx', ['bench/load.ts', input]);
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}');
}

const headers = await benchHeaders(databaseUrl);
const results = new Map<string, number[]>();
const cpuPerRequest = new Map<string, number[]>();
for (let round = 0; round < rounds; round++) {
  for (const checkout of checkouts) {
    const server = await startTradegraph(checkout);
    try {
      const bodies = await prepare('tradegraph', server.url, 30_000, headers);
      for (const query of queries) {
        await load(server.url, bodies[query], 2);
        const cpuBefore = await cpuMs(server.pid);
        const result = await load(server.url, bodies[query], duration);
        const cpu = (await cpuMs(server.pid)) - cpuBefore;
        const perRequest = result.requests > 0 ? cpu / result.requests : 0;
        const key = `${checkout} ${query}`;
        results.set(key, [...(results.get(key) ?? []), result.rps]);
        cpuPerRequest.set(key, [...(cpuPerRequest.get(key) ?? []), perRequest]);
        console.log(
          `round ${round + 1} ${key.padEnd(40)} ${result.rps.toFixed(0).padStart(5)} req/s  p50 ${result.p50}  p99 ${result.p99}  cpu ${perRequest.toFixed(1)} ms/req  errors ${result.errors + result.non2xx}`,
        );
      }
    } finally {
      await server.stop();
    }
  }
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0;
console.log('\nmedians:');
for (const [key, values] of results) {
  const cpu = median(cpuPerRequest.get(key) ?? []);
  console.log(
    `${key.padEnd(40)} ${median(values).toFixed(0).padStart(5)} req/s  ${cpu.toFixed(1)} ms CPU/req`,
  );
}
