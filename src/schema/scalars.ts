import { GraphQLError, Kind, type ValueNode } from 'graphql';
import { Prisma } from '../generated/prisma/client.ts';
import { builder } from './builder.ts';

const DECIMAL_TEXT = /^-?(0|[1-9]\d*)(\.\d+)?$/;
// A UTC instant needs its offset: a time without one means a different instant on every machine.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;
// What the DateTime scalar sends: UTC, milliseconds.
const WIRE_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

builder.scalarType('Decimal', {
  description:
    'An exact decimal number, sent as a string in plain notation (e.g. "0.1", "-1250.000125"). Never a float: amounts and quantities keep every digit end to end.',
  serialize: (value) => serializeDecimal(value),
  parseValue: (value) => parseDecimal(value),
  parseLiteral: (ast) => {
    // Literals keep their source text, so 0.1 written without quotes is still exact.
    if (ast.kind === Kind.STRING || ast.kind === Kind.FLOAT || ast.kind === Kind.INT) {
      return parseDecimal(ast.value);
    }
    throw new GraphQLError(`Decimal must be a string such as "12.5", got ${describeLiteral(ast)}.`);
  },
});

builder.scalarType('DateTime', {
  description:
    'A UTC instant in ISO 8601 with millisecond precision, e.g. "2026-01-31T14:05:09.123Z". Inputs must carry an offset (Z or ±hh:mm).',
  serialize: (value) => {
    // The row reader's timestamps come as this very text (see parseTimestamptz).
    if (typeof value === 'string' && WIRE_INSTANT.test(value)) return value;
    const date = value instanceof Date ? value : new Date(String(value));
    if (Number.isNaN(date.getTime()))
      throw new GraphQLError('DateTime cannot represent an invalid date.');
    return date.toISOString();
  },
  parseValue: (value) => parseInstant(value),
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) {
      throw new GraphQLError(
        `DateTime must be an ISO 8601 string such as "2026-01-31T14:05:09.123Z", got ${describeLiteral(ast)}.`,
      );
    }
    return parseInstant(ast.value);
  },
});

builder.scalarType('JSON', {
  description: 'Open-ended JSON detail (parameters, factor breakdowns, metrics).',
  serialize: (value) => value,
  parseValue: (value) => value,
});

builder.scalarType('BigInt', {
  description:
    'A 64-bit integer, sent as a string of digits because JSON numbers lose precision above 2^53.',
  serialize: (value) => {
    if (typeof value === 'bigint' || typeof value === 'number') return value.toString();
    throw new GraphQLError('BigInt cannot represent a non-integer value.');
  },
  parseValue: (value) => parseBigInt(value),
  parseLiteral: (ast) => {
    if (ast.kind === Kind.STRING || ast.kind === Kind.INT) return parseBigInt(ast.value);
    throw new GraphQLError(`BigInt must be a string of digits, got ${describeLiteral(ast)}.`);
  },
});

function serializeDecimal(value: unknown): string {
  if (typeof value === 'string' && DECIMAL_TEXT.test(value)) return withoutTrailingZeros(value);
  if (Prisma.Decimal.isDecimal(value)) return (value as Prisma.Decimal).toFixed();
  throw new GraphQLError('Decimal cannot represent this value.');
}

/**
 * Plain decimal text (PostgreSQL's NUMERIC output, as the row reader returns it) written the way
 * `Decimal#toFixed()` writes it, without parsing it into a Decimal on every value served:
 * no trailing fractional zeros, no lone point, no negative zero.
 */
function withoutTrailingZeros(text: string): string {
  let end = text.length;
  if (text.includes('.')) {
    while (text.charCodeAt(end - 1) === 48 /* 0 */) end--;
    if (text.charCodeAt(end - 1) === 46 /* . */) end--;
  }
  const trimmed = end === text.length ? text : text.slice(0, end);
  return trimmed === '-0' ? '0' : trimmed;
}

function parseDecimal(value: unknown): string {
  if (typeof value !== 'string') {
    throw new GraphQLError(
      `Decimal must be sent as a string (e.g. "0.1"), got ${typeof value === 'number' ? `the number ${value}, which JSON has already made a float` : typeof value}.`,
    );
  }
  if (!DECIMAL_TEXT.test(value)) {
    throw new GraphQLError(
      `"${truncate(value)}" is not a decimal number; use plain notation such as "-12.50".`,
    );
  }
  return value;
}

function parseInstant(value: unknown): Date {
  if (typeof value !== 'string' || !ISO_INSTANT.test(value)) {
    throw new GraphQLError(
      `${typeof value === 'string' ? `"${truncate(value)}"` : typeof value} is not an ISO 8601 UTC instant; use e.g. "2026-01-31T14:05:09.123Z".`,
    );
  }
  const date = new Date(value);
  // Date rolls impossible dates over (February 30 becomes March 2): check the calendar too.
  if (Number.isNaN(date.getTime()) || !isCalendarDate(value)) {
    throw new GraphQLError(`"${truncate(value)}" is not a valid date.`);
  }
  return date;
}

/** Whether the date and time fields of an ISO 8601 text exist (month days, leap years, hours). */
function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(text);
  if (!match) return false;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0));
  const daysInMonth = new Date(Date.UTC(year as number, month as number, 0)).getUTCDate();
  return (
    (month as number) >= 1 &&
    (month as number) <= 12 &&
    (day as number) >= 1 &&
    (day as number) <= daysInMonth &&
    (hour as number) <= 23 &&
    (minute as number) <= 59 &&
    (second as number) <= 59
  );
}

function parseBigInt(value: unknown): bigint {
  if (typeof value === 'string' && /^-?\d{1,19}$/.test(value)) {
    const parsed = BigInt(value);
    if (parsed <= 9223372036854775807n && parsed >= -9223372036854775808n) return parsed;
  }
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  throw new GraphQLError(`BigInt must be a 64-bit integer written as a string of digits.`);
}

function describeLiteral(ast: ValueNode): string {
  return ast.kind === Kind.VARIABLE
    ? 'a variable'
    : `a ${ast.kind.toLowerCase().replace('value', '')} value`;
}

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
