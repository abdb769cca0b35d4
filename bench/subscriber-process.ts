/**
 * One subscriber process of the live benches: opens `connections` graphql-ws connections with
 * `perConnection` fillCreated subscriptions each, and records for every message the time from
 * the fill's commit (`metadata.sentAt`, stamped by the writer just before its autocommit
 * INSERT) to its arrival, in a 1 ms histogram. The parent drives it over IPC:
 * `reset` (zero the counters), `report` (answer a SubscriberReport), `stop`.
 *
 *   node --import tsx bench/subscriber-process.ts '<SubscriberSpec JSON>'
 */
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
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
const errors: string[] = [];
const clients: Client[] = [];

function record(sentAt: unknown) {
  received += 1;
  // Fills written without a stamp (bench:writes) are counted, not timed.
  if (typeof sentAt !== 'number') return;
  const ms = Math.max(0, Date.now() - Number(sentAt));
  const bucket = Math.min(HISTOGRAM_MS, Math.floor(ms));
  histogram[bucket] = (histogram[bucket] ?? 0) + 1;
}

async function open(index: number): Promise<void> {
  const client = createClient({
    url: spec.wsUrl,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: false,
    connectionParams: { authorization: `Bearer ${spec.apiKey}` },
  });
  clients.push(client);
  await new Promise<void>((resolve, reject) => {
    client.on('connected', () => resolve());
    client.on('closed', (event) => reject(new Error(`closed: ${JSON.stringify(event)}`)));
  });
  for (let n = 0; n < spec.perConnection; n++) {
    const filter = spec.filters[(index * spec.perConnection + n) % spec.filters.length] ?? null;
    let first = true;
    client.subscribe<{ fillCreated: { fill: { metadata: { sentAt?: number } } } }>(
      { query: QUERY, variables: filter ? { filter: { strategyIds: [filter] } } : {} },
      {
        next: (result) => {
          if (result.errors && errors.length < 10) errors.push(JSON.stringify(result.errors));
          if (first) {
            first = false;
            live += 1;
          }
          record(result.data?.fillCreated.fill.metadata.sentAt);
        },
        error: (error) => {
          if (errors.length < 10) errors.push(String((error as Error)?.message ?? error));
        },
        complete: () => {},
      },
    );
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
    process.send?.('reset');
  } else if (message === 'report') {
    const report: SubscriberReport = {
      subscriptions: spec.connections * spec.perConnection,
      live,
      received,
      histogram,
      errors,
    };
    process.send?.(report);
  } else if (message === 'stop') {
    await Promise.all(clients.map((client) => client.dispose()));
    process.exit(0);
  }
});
process.send?.('connected');
