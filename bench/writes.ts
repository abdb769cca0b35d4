/**
 * `npm run bench:writes`: fills per second (issue 6, item 3) through the writer module
 * (`recordFills` in this process, on its own Prisma pool) and through the `recordFills`
 * mutation over HTTP to a gateway process, each with 0 and with 1,000 graphql-ws subscribers to
 * fillCreated attached to the gateway (in separate processes). Every writer connection sends
 * batches of `--batch` fills, each batch for orders of one strategy, back to back, for
 * `--duration` seconds. Writes the writes section of BENCHMARKS.md.
 *
 *   npm run bench:writes -- [--subscribers 0,1000] [--paths module,mutation] [--batch 100]
 *     [--connections 4] [--strategies 4] [--unfiltered] [--duration 10] [--per-connection 1]
 *     [--processes 4] [--no-report]
 *
 * `--strategies K` (default: one per connection) spreads the writes over K strategies, connection
 * c taking strategies c, c + connections, ... in turn, one per batch; the subscribers filter on
 * them round-robin, so each fill reaches subscribers / K of them, as dashboards that each follow
 * a strategy would. `--unfiltered` subscribes every subscriber to every fill instead: at 2,000
 * fills/s and 1,000 subscribers that is 2 million messages/s, which measures fan-out, not writes.
 */
import pg from 'pg';
import { createPrismaClient } from '../src/db/prisma.ts';
import { type FillInput, recordFills } from '../src/writers/index.ts';
import { benchHeaders } from './api-key.ts';
import { openBenchDatabase } from './db.ts';
import { type BenchGateway, startBenchGateway } from './gateway.ts';
import {
  createLiveData,
  fillInserter,
  globalId,
  type LiveData,
  untilAllLive,
} from './live-data.ts';
import { numbers, option, sleep } from './options.ts';
import { machineLine, writeBenchSection } from './report-section.ts';
import { startSubscribers } from './subscribers.ts';

type WritePath = 'module' | 'mutation';

interface WriteResult {
  path: WritePath;
  subscribers: number;
  fills: number;
  fillsPerSecond: number;
  batchP50: number;
  batchP99: number;
  delivered: number;
  expected: number;
  messagesPerSecond: number;
  gatewayCpuPercent: number;
  /** CPU ms per fill of the process that runs the writer: the bench (module) or the gateway. */
  writerCpuMsPerFill: number;
  errors: string[];
}

const subscriberCounts = numbers('subscribers', '0,1000');
const paths = option('paths', 'module,mutation').split(',') as WritePath[];
const batch = Number(option('batch', '100'));
const connections = Number(option('connections', '4'));
const strategyCount = Number(option('strategies', String(connections)));
if (strategyCount < connections || strategyCount % connections !== 0) {
  throw new Error(`--strategies must be a multiple of --connections (${connections})`);
}
const unfiltered = process.argv.includes('--unfiltered');
const duration = Number(option('duration', '10'));
const perConnection = Number(option('per-connection', '1'));
const processes = Number(option('processes', '4'));

const RECORD_FILLS = `mutation Record($input: RecordFillsInput!) {
  recordFills(input: $input) {
    __typename
    ... on RecordFillsSuccess { results { created fill { id } } }
    ... on WriterError { code field message }
  }
}`;

let sequence = 0;
function fills(orderIds: bigint[], asGlobalIds: boolean): FillInput[] {
  return Array.from({ length: batch }, (_, index) => {
    sequence += 1;
    const orderId = orderIds[index % orderIds.length] as bigint;
    return {
      ...(asGlobalIds ? { orderId: globalId('Order', orderId) } : { orderId }),
      exchangeFillId: `bench-w-${process.pid}-${sequence}`,
      price: `${100 + (sequence % 50) / 4}`,
      quantity: '0.001',
      fee: '0.0001',
      executedAt: new Date(),
    } as FillInput;
  });
}

/** One batch through the chosen path; throws on any refusal. */
function writer(path: WritePath, databaseUrl: string, gateway: BenchGateway, auth: string) {
  const prisma =
    path === 'module' ? createPrismaClient(databaseUrl, { poolSize: connections }) : null;
  const write = async (orderIds: bigint[]) => {
    if (prisma) {
      await recordFills(prisma, fills(orderIds, false));
      return;
    }
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: auth },
      body: JSON.stringify({
        query: RECORD_FILLS,
        variables: { input: { fills: fills(orderIds, true) } },
      }),
    });
    const body = (await response.json()) as {
      data?: { recordFills?: { __typename: string; message?: string } };
      errors?: unknown;
    };
    const result = body.data?.recordFills;
    if (result?.__typename !== 'RecordFillsSuccess') {
      throw new Error(`recordFills failed: ${JSON.stringify(body).slice(0, 300)}`);
    }
  };
  return { write, close: async () => prisma?.$disconnect() };
}

/**
 * How many subscriptions `startSubscribers` (bench/subscribers.ts) gives each of `filters`
 * filters: one round-robin over every subscription of every process.
 */
function subscriptionsPerFilter(subscriptions: number, filters: number): number[] {
  const opened = Math.ceil(subscriptions / perConnection) * perConnection;
  const counts = new Array<number>(filters).fill(0);
  for (let n = 0; n < opened; n++) counts[n % filters] = (counts[n % filters] ?? 0) + 1;
  return counts;
}

async function measure(
  path: WritePath,
  databaseUrl: string,
  gateway: BenchGateway,
  auth: string,
  data: LiveData,
  subscribers: { report(): Promise<{ received: number }> } | null,
  subscriberCount: number,
): Promise<WriteResult> {
  const { write, close } = writer(path, databaseUrl, gateway, auth);
  const latencies: number[] = [];
  const errors: string[] = [];
  const writtenByStrategy = new Array<number>(data.strategies.length).fill(0);
  try {
    const deliveredBefore = (await subscribers?.report())?.received ?? 0;
    const cpuBefore = await gateway.measure();
    const ownCpuBefore = process.cpuUsage();
    const started = performance.now();
    const until = started + duration * 1000;
    await Promise.all(
      Array.from({ length: connections }, async (_, connection) => {
        for (let turn = 0; performance.now() < until; turn++) {
          // Connection c writes strategies c, c + connections, ... one batch each in turn.
          const index = connection + (turn % (strategyCount / connections)) * connections;
          const strategy = data.strategies[index];
          if (!strategy) throw new Error(`no strategy ${index}`);
          const begun = performance.now();
          try {
            await write(strategy.orderIds);
            writtenByStrategy[index] = (writtenByStrategy[index] ?? 0) + batch;
            latencies.push(performance.now() - begun);
          } catch (error) {
            if (errors.length < 5) errors.push(String((error as Error).message ?? error));
            await sleep(100);
          }
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    const cpuAfter = await gateway.measure();
    const ownCpu = process.cpuUsage(ownCpuBefore);
    await sleep(2000);
    const delivered = ((await subscribers?.report())?.received ?? 0) - deliveredBefore;
    const written = writtenByStrategy.reduce((sum, count) => sum + count, 0);
    const perFilter = subscriptionsPerFilter(
      subscriberCount,
      unfiltered ? 1 : data.strategies.length,
    );
    const expected =
      subscriberCount === 0
        ? 0
        : writtenByStrategy.reduce(
            (sum, count, index) => sum + count * (perFilter[unfiltered ? 0 : index] ?? 0),
            0,
          );
    latencies.sort((a, b) => a - b);
    const at = (fraction: number) =>
      Math.round(
        latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * fraction))] ?? 0,
      );
    const gatewayCpuMicros = cpuAfter.cpuMicros - cpuBefore.cpuMicros;
    const writerCpuMicros = path === 'module' ? ownCpu.user + ownCpu.system : gatewayCpuMicros;
    return {
      path,
      subscribers: subscriberCount,
      fills: written,
      fillsPerSecond: written / elapsed,
      batchP50: at(0.5),
      batchP99: at(0.99),
      delivered,
      expected,
      messagesPerSecond: delivered / (elapsed + 2),
      gatewayCpuPercent: (gatewayCpuMicros / (elapsed * 1e6)) * 100,
      writerCpuMsPerFill: written ? writerCpuMicros / 1000 / written : 0,
      errors,
    };
  } finally {
    await close();
  }
}

async function measureOnFreshGateway(
  path: WritePath,
  count: number,
  dbUrl: string,
  auth: string,
): Promise<WriteResult> {
  const gateway = await startBenchGateway(dbUrl);
  const pool = new pg.Pool({ connectionString: dbUrl, max: 4 });
  const data = await createLiveData(dbUrl, strategyCount, 10);
  const fleet =
    count > 0
      ? await startSubscribers({
          wsUrl: gateway.wsUrl,
          apiKey: auth.replace('Bearer ', ''),
          subscriptions: count,
          perConnection,
          processes,
          filters: unfiltered ? [null] : data.strategies.map((s) => s.globalId),
        })
      : null;
  try {
    if (fleet) {
      const insert = fillInserter(pool, data);
      // One fill for every strategy per round, until every subscription has received one.
      await untilAllLive(
        () => Promise.all(data.strategies.map(() => insert())).then(() => {}),
        () => fleet.report(),
      );
    }
    return await measure(path, dbUrl, gateway, auth, data, fleet, count);
  } finally {
    await fleet?.stop();
    await gateway.stop();
    await pool.end();
  }
}

async function main() {
  const db = await openBenchDatabase();
  const results: WriteResult[] = [];
  try {
    const auth = (await benchHeaders(db.url)).authorization ?? '';
    // A fresh gateway, strategies and subscribers for each path: measured after another path,
    // a path would share the gateway with the delivery of that path's backlog.
    for (const count of subscriberCounts) {
      for (const path of paths) {
        console.log(`\n== ${path}, ${count} subscribers`);
        const result = await measureOnFreshGateway(path, count, db.url, auth);
        results.push(result);
        console.log(JSON.stringify(result));
      }
    }
  } finally {
    await db.stop();
  }
  if (process.argv.includes('--no-report')) return;
  await writeBenchSection('writes', 'Writes', [
    `Run ${new Date().toISOString()}: \`npm run bench:writes -- --subscribers ${subscriberCounts.join(',')} --paths ${paths.join(',')} --batch ${batch} --connections ${connections} --strategies ${strategyCount}${unfiltered ? ' --unfiltered' : ''} --duration ${duration} --per-connection ${perConnection} --processes ${processes}\`.`,
    '',
    machineLine(),
    '',
    `Each of ${connections} writer connections sends batches of ${batch} fills, each batch for one of ${strategyCount} strategies in turn, back to back. module: \`recordFills\` in the bench process on its own Prisma pool; mutation: the \`recordFills\` mutation over HTTP to the gateway process. Subscribers: ${unfiltered ? 'every subscriber receives every fill' : `filtered on the ${strategyCount} strategies round-robin, each fill reaching subscribers / ${strategyCount}`}. Delivered: fillCreated messages the subscribers received for these fills (within 2 s of the end), out of the expected. Writer CPU: CPU time of the process running the writer (the bench process, or the gateway, which also fans out) per fill.`,
    '',
    '| path | subscribers | fills | fills/s | batch p50 ms | batch p99 ms | messages delivered / expected | messages/s | gateway CPU % | writer CPU ms/fill |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.path} | ${r.subscribers} | ${r.fills} | ${r.fillsPerSecond.toFixed(0)} | ${r.batchP50} | ${r.batchP99} | ${r.delivered} / ${r.expected} | ${r.messagesPerSecond.toFixed(0)} | ${r.gatewayCpuPercent.toFixed(0)} | ${r.writerCpuMsPerFill.toFixed(3)} |`,
    ),
    '',
    results.some((r) => r.errors.length)
      ? `Errors: ${results.flatMap((r) => r.errors).join('; ')}`
      : 'No write errors.',
  ]);
}

await main();
