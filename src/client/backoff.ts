/** How a subscription reconnects after its connection drops. */
export interface ReconnectOptions {
  /** Delay before the first retry, in ms (default 250). */
  minDelayMs: number;
  /** Longest delay between retries, in ms (default 10,000). */
  maxDelayMs: number;
  /** Consecutive failed attempts before giving up (default: never give up). */
  maxAttempts?: number;
}

/** Defaults of {@link ReconnectOptions}. */
export const DEFAULT_RECONNECT: ReconnectOptions = { minDelayMs: 250, maxDelayMs: 10_000 };

/**
 * The delay before retry number `attempt` (1-based): exponential from `minDelayMs`, capped at
 * `maxDelayMs`, with "equal jitter" (half fixed, half random) so that many bots dropped at once
 * do not reconnect in lockstep.
 */
export function backoffDelay(attempt: number, options: ReconnectOptions, random = Math.random) {
  const exponential = options.minDelayMs * 2 ** Math.max(0, attempt - 1);
  const capped = Math.min(options.maxDelayMs, exponential);
  return Math.round(capped / 2 + (random() * capped) / 2);
}
