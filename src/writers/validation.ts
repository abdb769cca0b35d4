import { invalid } from './errors.ts';

/**
 * How far in the future an event time may lie: venue and collector clocks drift, but a time
 * further ahead than this is a unit or time-zone mistake (milliseconds read as seconds, a local
 * time taken for UTC), which would put the row at the top of every newest-first list.
 */
export const MAX_FUTURE_MS = 5 * 60_000;

/** A row id as writers accept it: a bigint, or its decimal digits as a string. */
export type IdInput = bigint | string;

/**
 * Parses a required event time: a valid `Date`, at most {@link MAX_FUTURE_MS} after `now`
 * unless `allowFuture` (for deadlines such as `expiresAt`).
 */
export function parseTime(
  field: string,
  value: unknown,
  options: { allowFuture?: boolean; now?: Date } = {},
): Date {
  if (!(value instanceof Date)) {
    throw invalid(field, `${field} must be a Date, got ${value === null ? 'null' : typeof value}.`);
  }
  if (Number.isNaN(value.getTime())) throw invalid(field, `${field} is not a valid Date.`);
  const now = options.now ?? new Date();
  if (!options.allowFuture && value.getTime() - now.getTime() > MAX_FUTURE_MS) {
    throw invalid(
      field,
      `${field} ${value.toISOString()} is more than 5 minutes in the future (now ${now.toISOString()}); send UTC instants, and milliseconds where milliseconds are expected.`,
    );
  }
  return value;
}

/** {@link parseTime} for an optional field: `undefined` and `null` pass through. */
export function parseOptionalTime(
  field: string,
  value: unknown,
  options: { allowFuture?: boolean; now?: Date } = {},
): Date | null | undefined {
  if (value === undefined || value === null) return value;
  return parseTime(field, value, options);
}

/** A required, non-blank string (names, symbols, ids from the source). */
export function requireText(field: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw invalid(field, `${field} must be a non-empty string.`);
  }
  return value;
}

/** An optional string: `undefined`/`null` pass through, a blank string is refused. */
export function optionalText(field: string, value: unknown): string | null | undefined {
  if (value === undefined || value === null) return value;
  return requireText(field, value);
}

/** A value from a closed set (an enum), checked at run time for callers without types. */
export function requireOneOf<T extends string>(
  field: string,
  value: unknown,
  allowed: readonly T[],
): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw invalid(field, `${field} must be one of ${allowed.join(', ')}, got ${String(value)}.`);
  }
  return value as T;
}

/** Parses a row id: a bigint, or a string of digits (ids are 64-bit, beyond JS numbers). */
export function parseId(field: string, value: unknown): bigint {
  if (typeof value === 'bigint' && value > 0n) return value;
  if (typeof value === 'string' && /^[1-9]\d{0,18}$/.test(value)) return BigInt(value);
  throw invalid(field, `${field} must be a positive 64-bit id, as a bigint or a string of digits.`);
}

/** {@link parseId} for an optional reference: `undefined` and `null` pass through. */
export function parseOptionalId(field: string, value: unknown): bigint | null | undefined {
  if (value === undefined || value === null) return value;
  return parseId(field, value);
}

/** A non-negative integer (counts, latencies in ms). */
export function parseOptionalCount(field: string, value: unknown): number | null | undefined {
  if (value === undefined || value === null) return value;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 2 ** 31 - 1) {
    throw invalid(field, `${field} must be a non-negative 32-bit integer, got ${String(value)}.`);
  }
  return value;
}

/**
 * The database requires `backtestRunId` exactly when `mode` is `BACKTEST`; checked here so the
 * caller gets a message about its input rather than a constraint name.
 */
export function checkBacktestLink(mode: string, backtestRunId: bigint | null | undefined): void {
  if (mode === 'BACKTEST' && backtestRunId == null) {
    throw invalid('backtestRunId', 'backtestRunId is required when mode is BACKTEST.');
  }
  if (mode !== 'BACKTEST' && backtestRunId != null) {
    throw invalid('backtestRunId', `backtestRunId must be omitted when mode is ${mode}.`);
  }
}

/**
 * A JSON object field (metadata, factors, metrics): `undefined` and `null` mean "not given" (the
 * column's `{}` default). Anything but a plain object is refused: a JSON string holding an object
 * is the usual double-encoding mistake, and arrays or scalars have no keys to look up.
 */
export function jsonObject<T>(field: string, value: T): T | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    const got = Array.isArray(value) ? 'an array' : `a ${typeof value}`;
    throw invalid(field, `${field} must be a JSON object, got ${got}.`);
  }
  return value;
}
