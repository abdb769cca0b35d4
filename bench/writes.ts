/**
 * `npm run bench:writes`: fills per second (issue 6, item 3) through the writer module
 * (`recordFills` in this process, on its own Prisma pool) and through the `recordFills`
 * mutation over HTTP to a gateway process, each with 0 and with 1,000 graphql-ws subscribers to
 * fillCreated attached to the gateway (in separate processes). Every writer connection sends
 * batches of `--batch` fills for orders of its own strategy, back to back, for `--duration`
 * seconds. Writes the writes section of BENCHMARKS.md.
 *
 *   npm run bench:writes -- [--subscribers 0,1000] [--paths module,mutation] [--batch 100]
 *     [--connections 4] [--duration 10] [--per-connection 1] [--processes 4] [--no-report]
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
  gatewayCpuPercent: number;
  errors: string[];
}

const subscriberCounts = numbers('subscribers', '0,1000');
const paths = option('paths', 'module,mutation').split(',') as WritePath[];
const batch = Number(option('batch', '100'));
const connections = Number(option('connections', '4'));
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
  let written = 0;
  try {
    const deliveredBefore = (await subscribers?.report())?.received ?? 0;
    const cpuBefore = await gateway.measure();
    const started = performance.now();
    const until = started + duration * 1000;
    await Promise.all(
      data.strategies.slice(0, connections).map(async (strategy) => {
        while (performance.now() < until) {
          const begun = performance.now();
          try {
            await write(strategy.orderIds);
            written += batch;
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
    await sleep(2000);
    const delivered = ((await subscribers?.report())?.received ?? 0) - deliveredBefore;
    latencies.sort((a, b) => a - b);
    const at = (fraction: number) =>
      Math.round(
        latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * fraction))] ?? 0,
      );
    return {
      path,
      subscribers: subscriberCount,
      fills: written,
      fillsPerSecond: written / elapsed,
      batchP50: at(0.5),
      batchP99: at(0.99),
      delivered,
      gatewayCpuPercent: ((cpuAfter.cpuMicros - cpuBefore.cpuMicros) / (elapsed * 1e6)) * 100,
      errors,
    };
  } finally {
    await close();
  }
}

async function main() {
  const db = await openBenchDatabase();
  const results: WriteResult[] = [];
  try {
    const auth = (await benchHeaders(db.url)).authorization ?? '';
    for (const count of subscriberCounts) {
      const gateway = await startBenchGateway(db.url);
      const pool = new pg.Pool({ connectionString: db.url, max: 4 });
      const fleet =
        count > 0
          ? await startSubscribers({
              wsUrl: gateway.wsUrl,
              apiKey: auth.replace('Bearer ', ''),
              subscriptions: count,
              perConnection,
              processes,
              filters: [null],
            })
          : null;
      try {
        if (fleet) {
          const warm = await createLiveData(db.url, 1, 1);
          await untilAllLive(fillInserter(pool, warm), () => fleet.report());
        }
        for (const path of paths) {
          console.log(`\n== ${path}, ${count} subscribers`);
          // Fresh orders each run: every connection writes its own strategy's 10 orders.
          const data = await createLiveData(db.url, connections, 10);
          const result = await measure(path, db.url, gateway, auth, data, fleet, count);
          results.push(result);
          console.log(JSON.stringify(result));
        }
      } finally {
        await fleet?.stop();
        await gateway.stop();
        await pool.end();
      }
    }
  } finally {
    await db.stop();
  }
  if (process.argv.includes('--no-report')) return;
  await writeBenchSection('writes', 'Writes', [
    `Run ${new Date().toISOString()}: \`npm run bench:writes -- --subscribers ${subscriberCounts.join(',')} --paths ${paths.join(',')} --batch ${batch} --connections ${connections} --duration ${duration} --per-connection ${perConnection} --processes ${processes}\`.`,
    '',
    machineLine(),
    '',
    `Each of ${connections} writer connections sends batches of ${batch} fills of its own strategy, back to back. module: \`recordFills\` in the bench process on its own Prisma pool; mutation: the \`recordFills\` mutation over HTTP to the gateway process. Delivered: fillCreated messages the subscribers received for these fills (within 2 s of the end).`,
    '',
    '| path | subscribers | fills | fills/s | batch p50 ms | batch p99 ms | messages delivered | gateway CPU % |',
    '|---|---|---|---|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.path} | ${r.subscribers} | ${r.fills} | ${r.fillsPerSecond.toFixed(0)} | ${r.batchP50} | ${r.batchP99} | ${r.delivered} | ${r.gatewayCpuPercent.toFixed(0)} |`,
    ),
    '',
    results.some((r) => r.errors.length)
      ? `Errors: ${results.flatMap((r) => r.errors).join('; ')}`
      : 'No write errors.',
  ]);
}

await main();
