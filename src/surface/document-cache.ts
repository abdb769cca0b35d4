/**
 * The cache of parsed documents (and of parse errors) by their text, for yoga's
 * `parserAndValidationCache`: the `max` most recently used, without yoga's default one-hour
 * expiry, whose clock reading and staleness check on every lookup were ~1 % of the gateway's
 * CPU on a `node(id)` request. What is kept per document (compiled queries, costs, selections)
 * lives in WeakMaps on the document, so it goes when the document leaves this cache.
 */
export class DocumentCache<T> {
  readonly #max: number;
  readonly #entries = new Map<string, T>();

  constructor(max = 1024) {
    this.#max = max;
  }

  get(key: string): T | undefined {
    const value = this.#entries.get(key);
    if (value !== undefined) {
      // Moved to the end: a Map iterates in insertion order, so the first key is the least
      // recently used one.
      this.#entries.delete(key);
      this.#entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: T): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    if (this.#entries.size > this.#max) {
      const oldest = this.#entries.keys().next().value as string;
      this.#entries.delete(oldest);
    }
  }
}
