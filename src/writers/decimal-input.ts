import { Prisma } from '../generated/prisma/client.ts';
import { invalid } from './errors.ts';

/** An exact decimal as writers accept it: a string in plain notation, or a `Prisma.Decimal`. */
export type DecimalInput = string | Prisma.Decimal;

/** The decimal type of every returned price, quantity and amount. */
export type Decimal = Prisma.Decimal;

/** Which values a decimal field accepts. */
export type DecimalRule = 'any' | 'positive' | 'not negative';

/**
 * Prisma's Decimal rounds every operation to 20 significant digits, fewer than a NUMERIC(38,18)
 * holds (38), so writers compute with a clone that keeps 100: price × quantity of two full-width
 * values fits exactly, and only the final value is rounded to the column's scale.
 */
const Exact = Prisma.Decimal.clone({ precision: 100, rounding: Prisma.Decimal.ROUND_HALF_UP });

/** Fractional digits of a NUMERIC(38,18) column. */
export const SCALE = 18;
/** Integer digits of a NUMERIC(38,18) column. */
export const INTEGER_DIGITS = 20;

const PLAIN_DECIMAL = /^[+-]?\d+(\.\d+)?$/;

/**
 * An exact decimal from a literal the code itself writes (never from input), or a copy of a
 * stored one (the constructor copies a Decimal's digits as they are: no rounding, no string).
 */
export function exact(value: string | number | Prisma.Decimal): Decimal {
  return new Exact(value);
}

/** Exact zero. */
export const ZERO = exact(0);

/**
 * Parses a required decimal input. Accepts a plain-notation string (`"0.1"`, `"-12.50"`) or a
 * finite `Prisma.Decimal`; refuses JS numbers (already rounded to a float), other notations,
 * values that do not fit NUMERIC(38,18) (more than 18 fractional or 20 integer digits: nothing is
 * silently rounded), and values the `rule` excludes. Throws `WriterError` `INVALID` naming `field`.
 */
export function parseDecimal(field: string, value: unknown, rule: DecimalRule = 'any'): Decimal {
  const decimal = toDecimal(field, value);
  checkFits(field, decimal, 'has');
  if (rule === 'positive' && !decimal.gt(0)) {
    throw invalid(field, `${field} must be greater than 0, got ${decimal.toFixed()}.`);
  }
  if (rule === 'not negative' && decimal.lt(0)) {
    throw invalid(field, `${field} must not be negative, got ${decimal.toFixed()}.`);
  }
  return decimal;
}

/**
 * {@link parseDecimal} for an optional field: `undefined` stays `undefined` (leave unchanged or
 * use the default) and `null` stays `null` (clear the column).
 */
export function parseOptionalDecimal(
  field: string,
  value: unknown,
  rule: DecimalRule = 'any',
): Decimal | null | undefined {
  if (value === undefined || value === null) return value;
  return parseDecimal(field, value, rule);
}

/** Parses a list of decimals (e.g. take-profit levels), naming the element at fault. */
export function parseDecimalList(
  field: string,
  values: unknown,
  rule: DecimalRule = 'any',
): Decimal[] {
  if (!Array.isArray(values)) throw invalid(field, `${field} must be a list of decimal strings.`);
  return values.map((value, index) => parseDecimal(`${field}.${index}`, value, rule));
}

/**
 * Rounds a computed value (an average, a P&L) to the column's 18 fractional digits, half away
 * from zero as PostgreSQL does, and refuses one whose integer part cannot be stored.
 */
export function toColumn(field: string, value: Decimal): Decimal {
  const rounded = value.toDecimalPlaces(SCALE, Prisma.Decimal.ROUND_HALF_UP);
  checkFits(field, rounded, 'would have');
  return rounded;
}

function toDecimal(field: string, value: unknown): Decimal {
  if (typeof value === 'number') {
    throw invalid(
      field,
      `${field} must be sent as a string (e.g. "${Number.isFinite(value) ? value : '0.1'}"), not as a JS number, which is a binary float and may already be rounded.`,
    );
  }
  if (typeof value === 'string') {
    if (!PLAIN_DECIMAL.test(value.trim())) {
      throw invalid(
        field,
        `${field} must be a decimal number in plain notation such as "-12.50", got "${value.length > 40 ? `${value.slice(0, 40)}…` : value}".`,
      );
    }
    return new Exact(value.trim());
  }
  if (Prisma.Decimal.isDecimal(value)) {
    const decimal = value as Prisma.Decimal;
    if (!decimal.isFinite())
      throw invalid(field, `${field} must be a finite decimal, got ${decimal}.`);
    return new Exact(decimal);
  }
  throw invalid(field, `${field} must be a decimal string such as "0.1", got ${typeof value}.`);
}

function checkFits(field: string, decimal: Decimal, verb: string): void {
  if (decimal.decimalPlaces() > SCALE) {
    throw invalid(
      field,
      `${field} ${verb} ${decimal.decimalPlaces()} fractional digits; the column is NUMERIC(38,18), which keeps at most ${SCALE}.`,
    );
  }
  // `e` is the exponent of the leading digit: 0 for 1-9, -1 for 0.1-0.9, 0 for zero.
  const integerDigits = decimal.isZero() || decimal.e < 0 ? 0 : decimal.e + 1;
  if (integerDigits > INTEGER_DIGITS) {
    throw invalid(
      field,
      `${field} ${verb} ${integerDigits} integer digits; the column is NUMERIC(38,18), which keeps at most ${INTEGER_DIGITS}.`,
    );
  }
}
