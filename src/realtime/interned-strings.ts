/**
 * One shared instance per distinct string, for strings that many long-lived objects hold
 * equal copies of (the query text of thousands of identical subscriptions). Keeps at most
 * `capacity` strings, forgetting the least recently used, so arbitrary input cannot grow it.
 */
export class InternedStrings {
  readonly #strings = new Map<string, string>();

  constructor(private readonly capacity: number) {}

  /** The kept instance equal to `text` (which becomes the kept one if there is none). */
  intern(text: string): string {
    const kept = this.#strings.get(text);
    if (kept !== undefined) {
      // Move to the end: most recently used.
      this.#strings.delete(text);
      this.#strings.set(kept, kept);
      return kept;
    }
    this.#strings.set(text, text);
    if (this.#strings.size > this.capacity) {
      const oldest = this.#strings.keys().next().value;
      if (oldest !== undefined) this.#strings.delete(oldest);
    }
    return text;
  }
}
