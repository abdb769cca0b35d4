/**
 * Rounds a float for a JSON snapshot (indicators, features): the sources store these as
 * DOUBLE PRECISION or JSON numbers, so they stay numbers, just without float noise digits.
 */
export function snapshotNumber(value: number | undefined, decimals: number): number {
  return Number((value ?? 0).toFixed(decimals));
}
