import { Prisma } from '../generated/prisma/client.ts';
import { type Decimal, ZERO } from './decimal.ts';
import type { Random } from './random.ts';

/**
 * Splits `quantity` into at most `parts` positive multiples of `lot` that add up to it exactly
 * (the last part takes the remainder), as an exchange splits an order into fills.
 */
export function splitQuantity(
  random: Random,
  quantity: Decimal,
  lot: Decimal,
  parts: number,
): Decimal[] {
  const lots = quantity.div(lot).floor().toNumber();
  const count = Math.max(1, Math.min(parts, lots));
  if (count === 1) return [quantity];
  const weights = Array.from({ length: count }, () => random.float(0.3, 1));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const out: Decimal[] = [];
  let used = ZERO;
  let lotsLeft = lots;
  for (let i = 0; i < count - 1; i++) {
    const share = Math.floor(((weights[i] ?? 0) / total) * lots);
    // Keep at least one lot for each later part.
    const take = Math.max(1, Math.min(share, lotsLeft - (count - 1 - i)));
    lotsLeft -= take;
    const part = lot.times(take);
    out.push(part);
    used = used.plus(part);
  }
  out.push(quantity.minus(used));
  return out;
}

/** Rounds a quantity down to the lot size (never up: a venue rejects what the balance lacks). */
export function toLot(quantity: Decimal, lot: Decimal): Decimal {
  return quantity.toNearest(lot, Prisma.Decimal.ROUND_DOWN);
}
