/**
 * Names for the row reader's statements, so that PostgreSQL parses and plans each one once per
 * connection instead of on every request: the reader's statements nest relation pages as
 * subqueries, and planning them cost about as much as running them (1-5 ms at bench scale).
 *
 * A statement's text depends only on the shape of a request (the fields it selects, the
 * relations it nests, whether a cursor or a strategy limit applies), never on its values, so the
 * texts a gateway sees are few. Still, each named statement holds a plan in every pool
 * connection that ran it, so only the first `limit` texts get a name; later ones run unnamed.
 */
export class StatementNames {
  private readonly names = new Map<string, string>();

  /** @param limit how many distinct statement texts are named (default 200). */
  constructor(private readonly limit = 200) {}

  /** The name of `text` (`tg_r1`, `tg_r2`, ...), or undefined once the limit is reached. */
  nameOf(text: string): string | undefined {
    let name = this.names.get(text);
    if (name === undefined && this.names.size < this.limit) {
      name = `tg_r${this.names.size + 1}`;
      this.names.set(text, name);
    }
    return name;
  }
}
