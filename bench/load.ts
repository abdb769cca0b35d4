/**
 * One autocannon run in its own process, so the load generator does not share an event loop
 * with the orchestrator. Input: a JSON spec as argv[2]; output: one JSON line of results.
 *
 *   node_modules/.bin/tsx bench/load.ts '{"url":"...","bodies":["..."],"warmup":3,"duration":10,"connections":10}'
 */
import autocannon from 'autocannon';

interface Spec {
  url: string;
  bodies: string[];
  warmup: number;
  duration: number;
  connections: number;
  headers: Record<string, string>;
}

const spec = JSON.parse(process.argv[2] ?? '{}') as Spec;

function run(duration: number): Promise<autocannon.Result> {
  return autocannon({
    url: spec.url,
    method: 'POST',
    headers: spec.headers,
    connections: spec.connections,
    duration,
    requests: [
      {
        setupRequest: (request) => ({
          ...request,
          body: spec.bodies[Math.floor(Math.random() * spec.bodies.length)],
        }),
      },
    ],
  });
}

if (spec.warmup > 0) await run(spec.warmup);
const result = await run(spec.duration);
console.log(
  JSON.stringify({
    rps: result.requests.average,
    requests: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    bytesPerRequest:
      result.requests.total > 0 ? result.throughput.total / result.requests.total : 0,
  }),
);
