/**
 * The gateway as the live benches run it: `src/main.ts` in this process, plus a bench-only IPC
 * channel on which the parent asks for measurements. Run with `node --expose-gc` so that a
 * measurement can collect garbage first (memory per idle subscriber is a difference of two
 * heaps after GC). Nothing here is part of the product.
 */

/** What the gateway process answers to a `measure` message. */
export interface GatewayMeasurement {
  rss: number;
  heapUsed: number;
  external: number;
  /** process.cpuUsage(): user and system CPU time in microseconds since start. */
  cpuMicros: number;
  /** The system (kernel) part of `cpuMicros`: socket writes to subscribers show up here. */
  cpuSystemMicros: number;
}

import { writeHeapSnapshot } from 'node:v8';

const collect = (globalThis as { gc?: () => void }).gc;

process.on('message', (message) => {
  if (typeof message === 'string' && message.startsWith('snapshot:')) {
    // Bench-only: a heap snapshot, to see what a subscription holds.
    collect?.();
    process.send?.(writeHeapSnapshot(message.slice('snapshot:'.length)));
    return;
  }
  if (message !== 'measure') return;
  // Twice: the first pass may only queue finalizers (WeakMap entries, closed sockets).
  collect?.();
  collect?.();
  const memory = process.memoryUsage();
  const cpu = process.cpuUsage();
  const measurement: GatewayMeasurement = {
    rss: memory.rss,
    heapUsed: memory.heapUsed,
    external: memory.external,
    cpuMicros: cpu.user + cpu.system,
    cpuSystemMicros: cpu.system,
  };
  process.send?.(measurement);
});

await import('../src/main.ts');
