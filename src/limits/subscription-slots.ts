import type { GraphQLError } from 'graphql';
import { limitError } from './limit-errors.ts';

/**
 * Counts open subscriptions per connection (a WebSocket, or one SSE request) and per principal
 * on this instance. `reserve` either takes a slot and returns its release function (call it
 * once, when the subscription ends for any reason), or returns the TOO_MANY_SUBSCRIPTIONS error.
 */
export class SubscriptionSlots {
  readonly #perConnection = new WeakMap<object, number>();
  readonly #perPrincipal = new Map<string, number>();
  readonly #maxPerConnection: number;
  readonly #maxPerPrincipal: number;

  constructor(limits: { maxPerConnection: number; maxPerPrincipal: number }) {
    this.#maxPerConnection = limits.maxPerConnection;
    this.#maxPerPrincipal = limits.maxPerPrincipal;
  }

  reserve(connection: object, principalId: string): (() => void) | GraphQLError {
    const onConnection = this.#perConnection.get(connection) ?? 0;
    if (onConnection >= this.#maxPerConnection) {
      return limitError(
        'TOO_MANY_SUBSCRIPTIONS',
        `This connection already has ${onConnection} open subscriptions, the limit per connection (MAX_SUBSCRIPTIONS_PER_CONNECTION): complete one first, or open another connection.`,
      );
    }
    const ofPrincipal = this.#perPrincipal.get(principalId) ?? 0;
    if (ofPrincipal >= this.#maxPerPrincipal) {
      return limitError(
        'TOO_MANY_SUBSCRIPTIONS',
        `This API key or token already has ${ofPrincipal} open subscriptions on this server, the limit per key (MAX_SUBSCRIPTIONS_PER_KEY): complete some first (one subscription with a broader filter can replace several).`,
      );
    }
    this.#perConnection.set(connection, onConnection + 1);
    this.#perPrincipal.set(principalId, ofPrincipal + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.#perConnection.get(connection) ?? 1) - 1;
      this.#perConnection.set(connection, left);
      const leftOfPrincipal = (this.#perPrincipal.get(principalId) ?? 1) - 1;
      if (leftOfPrincipal > 0) this.#perPrincipal.set(principalId, leftOfPrincipal);
      else this.#perPrincipal.delete(principalId);
    };
  }

  /** Open subscriptions of a principal (for tests and diagnostics). */
  openOf(principalId: string): number {
    return this.#perPrincipal.get(principalId) ?? 0;
  }
}
