/**
 * One subscriber process of the live benches: opens `connections` graphql-ws connections with
 * `perConnection` fillCreated subscriptions each, and records for every message the time from
 * the fill's commit (`metadata.sentAt`, stamped by the writer just before its autocommit
 * INSERT) to its arrival, in a 1 ms histogram. The parent drives it over IPC:
 * `reset` (zero the counters), `report` (answer a SubscriberReport), `stop`.
 *
 * The connections are LeanSubscriberConnections (see there and bench/README.md): every message
 * is received, counted and timed, but an error-free `next` frame is not parsed in full.
 *
 *   node --import tsx bench/subscriber-process.ts '<SubscriberSpec JSON>'
 */
import { LeanSubscriberConnection, type SubscriberSink } from './lean-subscriber-connection.ts';
import { HISTOGRAM_MS, type SubscriberReport, type SubscriberSpec } from './subscriber-spec.ts';

const QUERY = `subscription Fills($filter: FillFilter) {
  fillCreated(filter: $filter) {
    cursor operation
    fill { id exchangeFillId side price quantity fee executedAt metadata order { clientOrderId } }
  }
}`;

const spec = JSON.parse(process.argv[2] ?? '{}') as SubscriberSpec;
const histogram = new Array<number>(HISTOGRAM_MS + 1).fill(0);
let received = 0;
let live = 0;
let cpuAtReset = process.cpuUsage();
const errors: string[] = [];
const connections: LeanSubscriberConnection[] = [];

const sink: SubscriberSink = {
  onMessage(connection, index, sentAt) {
    received += 1;
    if (connection.received[index] === 0) {
      connection.received[index] = 1;
      live += 1;
    }
    // Fills written without a stamp (bench:writes) are counted, not timed.
    if (Number.isNaN(sentAt)) return;
    const ms = Math.max(0, Date.now() - sentAt);
    const bucket = Math.min(HISTOGRAM_MS, Math.floor(ms));
    histogram[bucket] = (histogram[bucket] ?? 0) + 1;
  },
  onError(message) {
    if (errors.length < 10) errors.push(message);
  },
};

async function open(index: number): Promise<void> {
  const connection = new LeanSubscriberConnection(
    spec.wsUrl,
    `Bearer ${spec.apiKey}`,
    spec.perConnection,
    sink,
  );
  connections.push(connection);
  await connection.connect();
  for (let n = 0; n < spec.perConnection; n++) {
    const filter = spec.filters[(index * spec.perConnection + n) % spec.filters.length] ?? null;
    connection.subscribe(n, QUERY, filter ? { filter: { strategyIds: [filter] } } : {});
  }
}

// Connect in waves, so that thousands of handshakes do not all time out together.
for (let start = 0; start < spec.connections; start += 50) {
  const wave = [];
  for (let index = start; index < Math.min(spec.connections, start + 50); index++) {
    wave.push(open(index));
  }
  await Promise.all(wave);
}

process.on('message', async (message) => {
  if (message === 'reset') {
    histogram.fill(0);
    received = 0;
    cpuAtReset = process.cpuUsage();
    process.send?.('reset');
  } else if (message === 'report') {
    const cpu = process.cpuUsage(cpuAtReset);
    const report: SubscriberReport = {
      subscriptions: spec.connections * spec.perConnection,
      live,
      received,
      histogram,
      errors,
      cpuMicros: cpu.user + cpu.system,
    };
    process.send?.(report);
  } else if (message === 'stop') {
    await Promise.all(connections.map((connection) => connection.close()));
    process.exit(0);
  }
});
process.send?.('connected');
