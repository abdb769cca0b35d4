import type { GraphQLError } from 'graphql';
import { limitError } from './limit-errors.ts';

export interface RateLimiterOptions {
  /** Sustained operations per minute and principal. */
  perMinute: number;
  /** Operations a principal may spend at once after being idle. */
  burst: number;
  /** The clock, in ms (tests move it). */
  now?: () => number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** Principals tracked before full (idle) buckets are forgotten. */
const PRUNE_ABOVE = 10_000;

/**
 * A token bucket per principal: each operation takes a token; tokens come back at
 * `perMinute / 60` per second up to `burst`. It lives in this process's memory, so each
 * instance counts on its own (with N instances a principal gets up to N times the rate); no
 * shared store is needed to run one.
 */
export class RateLimiter {
  readonly #buckets = new Map<string, Bucket>();
  readonly #perMs: number;
  readonly #burst: number;
  readonly #now: () => number;

  constructor(options: RateLimiterOptions) {
    this.#perMs = options.perMinute / 60_000;
    this.#burst = options.burst;
    this.#now = options.now ?? Date.now;
  }

  /**
   * Takes a token for `principalId`; returns undefined when allowed, or a RATE_LIMITED error
   * (HTTP 429 with Retry-After) saying when the next operation will be accepted.
   */
  take(principalId: string): GraphQLError | undefined {
    const now = this.#now();
    const bucket = this.#refilled(principalId, now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return undefined;
    }
    const waitSeconds = Math.max(1, Math.ceil((1 - bucket.tokens) / this.#perMs / 1000));
    return limitError(
      'RATE_LIMITED',
      `Rate limit exceeded: at most ${this.#perMs * 60_000} operations per minute (bursts of ${this.#burst}) per API key or token. Retry in ${waitSeconds} s, and pace requests (or batch them: recordFills takes many fills at once).`,
      { status: 429, headers: { 'Retry-After': String(waitSeconds) } },
    );
  }

  #refilled(principalId: string, now: number): Bucket {
    let bucket = this.#buckets.get(principalId);
    if (!bucket) {
      if (this.#buckets.size >= PRUNE_ABOVE) this.#pruneFull(now);
      bucket = { tokens: this.#burst, updatedAt: now };
      this.#buckets.set(principalId, bucket);
      return bucket;
    }
    bucket.tokens = Math.min(this.#burst, bucket.tokens + (now - bucket.updatedAt) * this.#perMs);
    bucket.updatedAt = now;
    return bucket;
  }

  /** A full bucket is the same as no bucket: forget those. */
  #pruneFull(now: number) {
    for (const [id, bucket] of this.#buckets) {
      if (bucket.tokens + (now - bucket.updatedAt) * this.#perMs >= this.#burst) {
        this.#buckets.delete(id);
      }
    }
  }
}
