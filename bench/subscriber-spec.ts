// What the subscriber processes are told and what they answer (bench/subscriber-process.ts).

export interface SubscriberSpec {
  wsUrl: string;
  apiKey: string;
  connections: number;
  perConnection: number;
  /** Strategy global ids the subscriptions filter on, round-robin; null: no filter. */
  filters: (string | null)[];
}

export interface SubscriberReport {
  subscriptions: number;
  /** Subscriptions that have received at least one message since start. */
  live: number;
  received: number;
  /** Messages by commit-to-receive milliseconds; the last bucket holds everything above. */
  histogram: number[];
  errors: string[];
  /** The process's CPU time (user + system, µs) since it started or was last reset. */
  cpuMicros: number;
}

export const HISTOGRAM_MS = 10_000;
