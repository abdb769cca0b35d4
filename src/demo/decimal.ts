import { Prisma } from '../generated/prisma/client.ts';

/** The decimal type every stored price, quantity and amount of the demo data set uses. */
export type Decimal = Prisma.Decimal;

/** What `new Decimal(...)` accepts: a string, a number or a Decimal. */
export type DecimalValue = ConstructorParameters<typeof Prisma.Decimal>[0];

type Rounding = Parameters<Decimal['toNearest']>[1];

/** Decimal zero (Decimals are immutable, so one instance serves everywhere). */
export const ZERO = new Prisma.Decimal(0);

/** Makes a Decimal from a string or an exact number (an integer or a short literal). */
export function dec(value: DecimalValue): Decimal {
  return new Prisma.Decimal(value);
}

/**
 * Rounds a float (for example a point of the random walk) or a Decimal to a multiple of `step`,
 * half up by default. This is the one place floats become stored values.
 */
export function toStep(
  value: number | Decimal,
  step: Decimal,
  rounding: Rounding = Prisma.Decimal.ROUND_HALF_UP,
): Decimal {
  const exact = typeof value === 'number' ? new Prisma.Decimal(value.toPrecision(15)) : value;
  return exact.toNearest(step, rounding);
}

/** Rounds a money amount (fees, P&L) to 8 decimals, the precision exchanges report. */
export function money(value: Decimal): Decimal {
  return value.toDecimalPlaces(8, Prisma.Decimal.ROUND_HALF_EVEN);
}

/** Rounds a ratio, percentage or score to 6 decimals. */
export function ratio(value: Decimal | number): Decimal {
  const exact = typeof value === 'number' ? new Prisma.Decimal(value.toPrecision(12)) : value;
  return exact.toDecimalPlaces(6, Prisma.Decimal.ROUND_HALF_EVEN);
}

/** Sum of Decimals (0 for none). */
export function sum(values: Iterable<Decimal>): Decimal {
  let total = ZERO;
  for (const value of values) total = total.plus(value);
  return total;
}

/**
 * Quantity-weighted average price, kept to 12 decimals: more than any venue's tick, so
 * `average * quantity` matches the sum of notionals to far below a cent.
 */
export function weightedAverage(parts: ReadonlyArray<{ price: Decimal; quantity: Decimal }>) {
  const quantity = sum(parts.map((part) => part.quantity));
  if (quantity.isZero()) return undefined;
  const notional = sum(parts.map((part) => part.price.times(part.quantity)));
  return notional.div(quantity).toDecimalPlaces(12, Prisma.Decimal.ROUND_HALF_EVEN);
}
