/** Writes one table's rows in batches; `write` resolves to the number of rows written. */
export interface TableWriter<Label extends string = string> {
  label: Label;
  rows: number;
  write(from: number, to: number): Promise<number>;
}

/** Rows per INSERT: big enough to keep round trips few, small enough for a smooth progress bar. */
const ROWS_PER_STATEMENT = 2_000;

/**
 * Runs the writers in order, each in batches of up to 2,000 rows per statement, and reports
 * progress in rows (done, total, table label) after every batch.
 */
export async function writeAll<Label extends string>(
  writers: TableWriter<Label>[],
  onProgress?: (done: number, total: number, label: Label) => void,
): Promise<Record<Label, number>> {
  const total = writers.reduce((sum, writer) => sum + writer.rows, 0);
  const counts = {} as Record<Label, number>;
  let done = 0;
  for (const writer of writers) {
    counts[writer.label] = 0;
    for (let from = 0; from < writer.rows; from += ROWS_PER_STATEMENT) {
      const to = Math.min(writer.rows, from + ROWS_PER_STATEMENT);
      counts[writer.label] += await writer.write(from, to);
      done += to - from;
      onProgress?.(done, total, writer.label);
    }
  }
  return counts;
}
