/**
 * `npm run bench:fanout`: subscription fan-out (issue 6, item 2). For each subscriber count, a
 * fresh gateway process (bench/gateway-process.ts), subscriber processes holding graphql-ws
 * subscriptions to fillCreated (bench/subscriber-process.ts), and a writer committing fills at
 * a fixed rate through plain SQL. Reports commit-to-receive p50/p99, messages delivered per
 * second, gateway CPU, and gateway memory per idle subscription (heap and RSS after GC, before
 * and after attaching them); writes the fan-out section of BENCHMARKS.md.
 *
 *   npm run bench:fanout -- [--subscribers 100,1000,10000] [--strategies 1] [--rate 100]
 *     [--duration 20] [--warmup 5] [--per-connection 1] [--processes 4] [--no-report]
 *     [--heap-snapshots DIR] [--port 4110]
 *
 * `--strategies K` spreads fills and subscribers over K strategies, each subscriber filtering on
 * one: K different subscriptions, each fill delivered to subscribers / K of them.
 */
import pg from 'pg';
import { benchHeaders } from './api-key.ts';
import { openBenchDatabase } from './db.ts';
import { startBenchGateway } from './gateway.ts';
import { atFixedRate, createLiveData, fillInserter, untilAllLive } from './live-data.ts';
import { numbers, option, sleep } from './options.ts';
import { machineLine, writeBenchSection } from './report-section.ts';
import { percentile, startSubscribers } from './subscribers.ts';

interface FanoutResult {
  subscribers: number;
  fills: number;
  late: number;
  received: number;
  expected: number;
  p50: number | null;
  p99: number | null;
  messagesPerSecond: number;
  gatewayCpuPercent: number;
  /** Gateway CPU time per delivered message (µs), and its system (kernel) part. */
  gatewayCpuMicrosPerMessage: number;
  gatewaySystemMicrosPerMessage: number;
  /** The subscriber processes' CPU time (user + system) per received message (µs), summed. */
  clientCpuMicrosPerMessage: number;
  heapPerSubscriberKb: number;
  rssPerSubscriberKb: number;
  errors: string[];
}

const counts = numbers('subscribers', '100,1000,10000');
const strategies = Number(option('strategies', '1'));
const rate = Number(option('rate', '100'));
const duration = Number(option('duration', '20'));
const warmup = Number(option('warmup', '5'));
const perConnection = Number(option('per-connection', '1'));
const processes = Number(option('processes', '4'));
/** The gateway's port, to keep off another bench's. */
const port = Number(option('port', '4110'));
/** Where to write the gateway's heap before and after attaching subscribers (to compare). */
const snapshots = option('heap-snapshots', '');

async function measureOne(
  databaseUrl: string,
  apiKey: string,
  subscribers: number,
): Promise<FanoutResult> {
  const data = await createLiveData(databaseUrl, strategies, 4);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 8 });
  const insert = fillInserter(pool, data);
  const gateway = await startBenchGateway(databaseUrl, port);
  try {
    // One warm-up subscriber first, so the baseline holds the gateway's warm caches.
    const probe = await startSubscribers({
      wsUrl: gateway.wsUrl,
      apiKey,
      subscriptions: 1,
      perConnection: 1,
      processes: 1,
      filters: data.strategies.map((s) => s.globalId),
    });
    await untilAllLive(insert, () => probe.report());
    await probe.stop();
    await sleep(500);
    const before = await gateway.measure();
    if (snapshots)
      await gateway.heapSnapshot(`${snapshots}/gateway-${subscribers}-before.heapsnapshot`);
    const fleet = await startSubscribers({
      wsUrl: gateway.wsUrl,
      apiKey,
      subscriptions: subscribers,
      perConnection,
      processes,
      filters: strategies > 1 ? data.strategies.map((s) => s.globalId) : [null],
    });
    try {
      // Every strategy gets fills until every subscription has received one.
      await untilAllLive(
        () => Promise.all(data.strategies.map(() => insert())).then(() => {}),
        () => fleet.report(),
      );
      await sleep(1000);
      const idle = await gateway.measure();
      if (snapshots) {
        await gateway.heapSnapshot(`${snapshots}/gateway-${subscribers}-idle.heapsnapshot`);
      }
      const writer = atFixedRate(rate, insert);
      await sleep(warmup * 1000);
      await fleet.reset();
      const start = await gateway.measure();
      const startedAt = performance.now();
      const committedBefore = writer.committed;
      await sleep(duration * 1000);
      const { committed, late } = await writer.stop();
      const fills = committed - committedBefore;
      await sleep(2000); // let the last fills arrive
      const end = await gateway.measure();
      const elapsedMs = performance.now() - startedAt;
      const report = await fleet.report();
      // Under overload the subscribers answer late and keep counting meanwhile: divide by the
      // time until they answered, not by the nominal window.
      const countedSeconds = (performance.now() - startedAt) / 1000;
      return {
        subscribers,
        fills,
        late,
        received: report.received,
        expected: Math.round((fills * subscribers) / strategies),
        p50: percentile(report.histogram, 0.5),
        p99: percentile(report.histogram, 0.99),
        messagesPerSecond: report.received / countedSeconds,
        gatewayCpuPercent: ((end.cpuMicros - start.cpuMicros) / (elapsedMs * 1000)) * 100,
        gatewayCpuMicrosPerMessage: (end.cpuMicros - start.cpuMicros) / report.received,
        gatewaySystemMicrosPerMessage:
          (end.cpuSystemMicros - start.cpuSystemMicros) / report.received,
        clientCpuMicrosPerMessage: report.cpuMicros / report.received,
        heapPerSubscriberKb: (idle.heapUsed - before.heapUsed) / subscribers / 1024,
        rssPerSubscriberKb: (idle.rss - before.rss) / subscribers / 1024,
        errors: report.errors,
      };
    } finally {
      await fleet.stop();
    }
  } finally {
    await gateway.stop();
    await pool.end();
  }
}

async function main() {
  const db = await openBenchDatabase();
  const results: FanoutResult[] = [];
  try {
    const apiKey = (await benchHeaders(db.url)).authorization?.replace('Bearer ', '') ?? '';
    for (const subscribers of counts) {
      console.log(`\n== ${subscribers} subscribers`);
      const result = await measureOne(db.url, apiKey, subscribers);
      results.push(result);
      console.log(JSON.stringify(result));
    }
  } finally {
    await db.stop();
  }
  if (process.argv.includes('--no-report')) return;
  await writeBenchSection('fanout', 'Subscription fan-out', [
    `Run ${new Date().toISOString()}: \`npm run bench:fanout -- --subscribers ${counts.join(',')} --strategies ${strategies} --rate ${rate} --duration ${duration} --warmup ${warmup} --per-connection ${perConnection} --processes ${processes}\`.`,
    '',
    machineLine(),
    '',
    "Commit-to-receive: from just before the writer's autocommit INSERT (`metadata.sentAt`) to the subscriber's receipt. Messages/s: received from the start of the window until the subscribers reported (the window, 2 s drain and however long they took to answer), divided by that time. Gateway CPU: process CPU time over the window, in % of one core. Memory: gateway heap and RSS after GC with the idle subscriptions attached, minus before, per subscription.",
    '',
    '| subscribers | fills committed | late ticks | messages received / expected | p50 ms | p99 ms | messages/s | gateway CPU % | heap KB/sub | RSS KB/sub |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.subscribers} | ${r.fills} | ${r.late} | ${r.received} / ${r.expected} | ${r.p50 ?? '—'} | ${r.p99 ?? '—'} | ${r.messagesPerSecond.toFixed(0)} | ${r.gatewayCpuPercent.toFixed(0)} | ${r.heapPerSubscriberKb.toFixed(1)} | ${r.rssPerSubscriberKb.toFixed(1)} |`,
    ),
    '',
    results.some((r) => r.errors.length)
      ? `Errors: ${results.flatMap((r) => r.errors).join('; ')}`
      : 'No subscription errors.',
  ]);
}

await main();
