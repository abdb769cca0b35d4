import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { HISTOGRAM_MS, type SubscriberReport, type SubscriberSpec } from './subscriber-spec.ts';

/** Subscriber processes, driven together. */
export interface SubscriberFleet {
  /** Sums the processes' reports (histograms added bucket by bucket). */
  report(): Promise<SubscriberReport>;
  reset(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts `processes` subscriber processes (bench/subscriber-process.ts) sharing `subscriptions`
 * between them, `perConnection` per graphql-ws connection; resolves once all are connected.
 */
export async function startSubscribers(options: {
  wsUrl: string;
  apiKey: string;
  subscriptions: number;
  perConnection: number;
  processes: number;
  filters: (string | null)[];
}): Promise<SubscriberFleet> {
  const connections = Math.ceil(options.subscriptions / options.perConnection);
  const processes = Math.max(1, Math.min(options.processes, connections));
  const children: ChildProcess[] = [];
  let opened = 0;
  for (let index = 0; index < processes; index++) {
    const share = Math.floor(connections / processes) + (index < connections % processes ? 1 : 0);
    // One round-robin over all processes: each continues where the one before stopped, so
    // every filter is followed even when there are more filters than one process's share.
    const offset = (opened * options.perConnection) % Math.max(1, options.filters.length);
    opened += share;
    const spec: SubscriberSpec = {
      wsUrl: options.wsUrl,
      apiKey: options.apiKey,
      connections: share,
      perConnection: options.perConnection,
      filters: [...options.filters.slice(offset), ...options.filters.slice(0, offset)],
    };
    children.push(
      spawn('node', ['--import', 'tsx', 'bench/subscriber-process.ts', JSON.stringify(spec)], {
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      }),
    );
  }
  const ask = <T>(child: ChildProcess, message: string) => {
    const answer = once(child, 'message');
    child.send(message);
    return answer.then(([value]) => value as T);
  };
  await Promise.all(
    children.map(async (child) => {
      const [message] = (await Promise.race([once(child, 'message'), once(child, 'exit')])) as [
        unknown,
      ];
      if (message !== 'connected') throw new Error('a subscriber process failed to connect');
    }),
  );
  return {
    async report() {
      const reports = await Promise.all(
        children.map((child) => ask<SubscriberReport>(child, 'report')),
      );
      const total: SubscriberReport = {
        subscriptions: 0,
        live: 0,
        received: 0,
        histogram: new Array<number>(HISTOGRAM_MS + 1).fill(0),
        errors: [],
        cpuMicros: 0,
      };
      for (const report of reports) {
        total.subscriptions += report.subscriptions;
        total.live += report.live;
        total.received += report.received;
        report.histogram.forEach((count, ms) => {
          total.histogram[ms] = (total.histogram[ms] ?? 0) + count;
        });
        total.errors.push(...report.errors);
        total.cpuMicros += report.cpuMicros;
      }
      return total;
    },
    async reset() {
      await Promise.all(children.map((child) => ask(child, 'reset')));
    },
    async stop() {
      await Promise.all(
        children.map(async (child) => {
          if (child.exitCode !== null) return;
          const exited = once(child, 'exit');
          child.send('stop');
          const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
          await exited;
          clearTimeout(timer);
        }),
      );
    },
  };
}

/** The value below which `fraction` of the histogram's samples lie, in ms. */
export function percentile(histogram: number[], fraction: number): number | null {
  const total = histogram.reduce((sum, count) => sum + count, 0);
  if (total === 0) return null;
  let seen = 0;
  for (const [ms, count] of histogram.entries()) {
    seen += count;
    if (seen >= total * fraction) return ms;
  }
  return histogram.length - 1;
}
