import type { Database } from '../db/prisma.ts';
import { AuthenticationError } from './authentication-error.ts';
import type { Principal } from './principal.ts';

/** Options of {@link CredentialWatch}. */
export interface CredentialWatchOptions {
  prisma: Database;
  /**
   * How often the keys of open subscriptions are checked for revocation (default 2,000 ms). One
   * query per interval for the whole instance, only while subscriptions of API keys are open.
   */
  intervalMs?: number;
  onError?: (error: unknown) => void;
}

interface Watched {
  principal: Principal;
  end: (error: AuthenticationError) => void;
  expiryTimer?: NodeJS.Timeout;
}

const MAX_TIMER_MS = 2_147_483_647;

/**
 * Ends long-lived work (subscriptions, WebSocket connections) whose credentials stop being
 * valid: at the expiry instant, and within one interval of a revocation made anywhere (the keys
 * CLI, another instance). Requests are short and are checked when they start.
 */
export class CredentialWatch {
  readonly #prisma: Database;
  readonly #intervalMs: number;
  readonly #onError: (error: unknown) => void;
  readonly #watched = new Set<Watched>();
  #timer: NodeJS.Timeout | undefined;
  #checking = false;

  constructor(options: CredentialWatchOptions) {
    this.#prisma = options.prisma;
    this.#intervalMs = options.intervalMs ?? 2_000;
    this.#onError = options.onError ?? ((error) => console.error('credential watch:', error));
  }

  /**
   * Calls `end` once, with the reason, when the principal's credentials stop being valid.
   * Returns the function that stops watching (call it when the work ends by itself).
   */
  watch(principal: Principal, end: (error: AuthenticationError) => void): () => void {
    const entry: Watched = { principal, end };
    this.#watched.add(entry);
    if (principal.expiresAt) this.#armExpiry(entry, principal.expiresAt);
    if (principal.apiKeyId !== null && !this.#timer) {
      this.#timer = setInterval(() => void this.#checkRevocations(), this.#intervalMs);
      this.#timer.unref();
    }
    return () => this.#forget(entry);
  }

  /** Stops all timers; watched work is left to its owners. */
  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    for (const entry of this.#watched) clearTimeout(entry.expiryTimer);
    this.#watched.clear();
  }

  #armExpiry(entry: Watched, expiresAt: Date) {
    const delay = expiresAt.getTime() - Date.now();
    entry.expiryTimer = setTimeout(
      () => {
        if (expiresAt.getTime() > Date.now()) return this.#armExpiry(entry, expiresAt);
        this.#end(entry, 'The credentials have expired: authenticate again with valid ones.');
      },
      Math.min(Math.max(delay, 0), MAX_TIMER_MS),
    );
    entry.expiryTimer.unref();
  }

  async #checkRevocations() {
    if (this.#checking) return;
    const byKey = new Map<bigint, Watched[]>();
    for (const entry of this.#watched) {
      const id = entry.principal.apiKeyId;
      if (id === null) continue;
      // Pushed, not copied: thousands of connections of one key made this quadratic.
      const entries = byKey.get(id);
      if (entries) entries.push(entry);
      else byKey.set(id, [entry]);
    }
    if (byKey.size === 0) {
      clearInterval(this.#timer);
      this.#timer = undefined;
      return;
    }
    this.#checking = true;
    try {
      const revoked = await this.#prisma.apiKey.findMany({
        where: { id: { in: [...byKey.keys()] }, revokedAt: { not: null } },
        select: { id: true },
      });
      for (const { id } of revoked) {
        for (const entry of byKey.get(id) ?? []) {
          this.#end(entry, 'The API key has been revoked: ask an administrator for a new one.');
        }
      }
    } catch (error) {
      this.#onError(error);
    } finally {
      this.#checking = false;
    }
  }

  #end(entry: Watched, message: string) {
    if (!this.#watched.has(entry)) return;
    this.#forget(entry);
    entry.end(new AuthenticationError(message));
  }

  #forget(entry: Watched) {
    clearTimeout(entry.expiryTimer);
    this.#watched.delete(entry);
  }
}
