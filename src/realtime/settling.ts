/** What waits on a {@link Settling}: `settled()` is called once, when it has settled. */
export interface SettlingWaiter {
  settled(): void;
}

/**
 * The outcome of a promise that many subscriptions wait on (a batch's rows, an event's shared
 * execution), readable synchronously once settled. When it settles, its waiters are called in
 * one loop: one promise reaction for all of them, instead of a reaction (and, with the request
 * ids' AsyncLocalStorage, async hooks) per subscriber per event. A waiter must not throw; if one
 * does, the others are still called and the error is rethrown in a microtask, as an unhandled
 * rejection would surface.
 */
export class Settling<T> {
  #state: 'pending' | 'fulfilled' | 'rejected' = 'pending';
  #value: T | undefined;
  #error: unknown;
  #waiting: SettlingWaiter[] | undefined;

  constructor(promise: Promise<T>) {
    promise.then(
      (value) => {
        this.#value = value;
        this.#settle('fulfilled');
      },
      (error: unknown) => {
        this.#error = error;
        this.#settle('rejected');
      },
    );
  }

  get isSettled(): boolean {
    return this.#state !== 'pending';
  }

  /** The value, once settled; throws the rejection's error. */
  get value(): T {
    if (this.#state === 'rejected') throw this.#error;
    if (this.#state === 'pending') throw new Error('Settling.value read before it settled.');
    return this.#value as T;
  }

  /** Calls `waiter.settled()` once this has settled (later, never synchronously). */
  wait(waiter: SettlingWaiter): void {
    if (this.#state !== 'pending') {
      queueMicrotask(() => waiter.settled());
      return;
    }
    if (this.#waiting) this.#waiting.push(waiter);
    else this.#waiting = [waiter];
  }

  #settle(state: 'fulfilled' | 'rejected') {
    this.#state = state;
    const waiting = this.#waiting;
    this.#waiting = undefined;
    if (!waiting) return;
    for (const waiter of waiting) {
      try {
        waiter.settled();
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }
}
