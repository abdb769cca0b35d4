import pg from 'pg';
import { StatementNames } from './statement-names.ts';

/**
 * Plain SQL reads on the pool Prisma's adapter uses, for hot read paths where Prisma's query
 * compilation and result mapping cost more than the query itself (see relation-pages.ts). Rows
 * come back as plain objects with JavaScript values matching what Prisma returns for the same
 * columns, except NUMERIC, kept as its exact text, and timestamptz in UTC, kept as the ISO 8601
 * text the DateTime scalar sends (the scalars serialize both forms): int8 -> bigint, numeric and
 * numeric[] -> string(s), timestamptz -> `2026-01-31T14:05:09.123Z` (or a Date when PostgreSQL
 * writes it with another offset), jsonb -> parsed JSON.
 */
export interface RowReader {
  /** Runs one parameterized statement (`$1`, `$2`, ...) and returns its rows. */
  query<Row>(text: string, values: readonly unknown[]): Promise<Row[]>;
}

const INT8 = 20;
const TIMESTAMPTZ = 1184;
const INT8_ARRAY = 1016;
const NUMERIC_ARRAY = 1231;
const TEXT_ARRAY = 1009;

const parseText = (value: string) => value;
const parseTextArray = (pg.types.getTypeParser as (oid: number, format: string) => unknown)(
  TEXT_ARRAY,
  'text',
) as (value: string) => string[];
const parseBigInt = (value: string) => BigInt(value);
const parseTimestamptzSlowly = pg.types.getTypeParser(TIMESTAMPTZ as never, 'text') as (
  value: string,
) => Date;

/**
 * timestamptz as PostgreSQL writes it in UTC with DateStyle ISO, `2026-01-31 14:05:09.123456+00`,
 * rewritten as the DateTime scalar's wire text, `2026-01-31T14:05:09.123Z`: the fraction cut to
 * milliseconds as Date cuts it, without a Date made and formatted again for every value served.
 * Any other form (another session time zone, BC dates, infinity) is parsed into a Date.
 */
export function parseTimestamptz(text: string): string | Date {
  const length = text.length;
  if (
    length >= 22 &&
    text.charCodeAt(4) === 45 /* - */ &&
    text.charCodeAt(10) === 32 /* space */ &&
    text.charCodeAt(length - 3) === 43 /* + */ &&
    text.charCodeAt(length - 2) === 48 /* 0 */ &&
    text.charCodeAt(length - 1) === 48 &&
    (length === 22 || text.charCodeAt(19) === 46) /* . */
  ) {
    // Three or more fraction digits (what PostgreSQL writes for most stored times): the time and
    // its milliseconds are one slice, one string fewer per value than assembling them.
    if (length >= 26) return `${text.slice(0, 10)}T${text.slice(11, 23)}Z`;
    const fraction = length === 22 ? '000' : `${text.slice(20, length - 3)}00`.slice(0, 3);
    return `${text.slice(0, 10)}T${text.slice(11, 19)}.${fraction}Z`;
  }
  return parseTimestamptzAsDate(text);
}

/**
 * timestamptz with any offset (`+hh`, `+hh:mm`) rewritten as ISO 8601 for the engine's own fast
 * parser; anything else (BC dates, infinity, offsets with seconds, other DateStyles) goes to
 * pg's general parser.
 */
function parseTimestamptzAsDate(text: string): Date {
  const length = text.length;
  if (length >= 22 && text.charCodeAt(10) === 32 /* space */ && text.charCodeAt(4) === 45) {
    const sign = Math.max(text.lastIndexOf('+'), text.lastIndexOf('-'));
    const offset = text.slice(sign);
    if (sign >= 19 && (offset.length === 3 || offset.length === 6)) {
      const iso = `${text.slice(0, 10)}T${text.slice(11, sign)}${offset.length === 3 ? `${offset}:00` : offset}`;
      const time = Date.parse(iso);
      if (!Number.isNaN(time)) return new Date(time);
    }
  }
  return parseTimestamptzSlowly(text);
}
const parseBigIntArray = (value: string) => parseTextArray(value).map((item) => BigInt(item));

/** pg's defaults except where they would lose exactness: int8 and numeric arrays. */
const types = {
  getTypeParser: (oid: number, format?: string) => {
    if (format === 'binary') return pg.types.getTypeParser(oid as never, 'binary');
    switch (oid) {
      case INT8:
        return parseBigInt;
      case TIMESTAMPTZ:
        return parseTimestamptz;
      case INT8_ARRAY:
        return parseBigIntArray;
      // pg parses numeric[] as floats by default.
      case NUMERIC_ARRAY:
        return parseTextArray;
      default:
        return pg.types.getTypeParser(oid as never, 'text') ?? parseText;
    }
  },
} as pg.CustomTypesConfig;

/** How the reader parses a column of type `oid` sent as text. */
export function textParserOf(oid: number): (text: string) => unknown {
  return types.getTypeParser(oid, 'text') as (text: string) => unknown;
}

export interface RowReaderOptions {
  /** Sees each statement, as Prisma's query log does. */
  onQuery?: (sql: string) => void;
  /** Prepare statements once per connection (see StatementNames); default true. */
  prepared?: boolean;
}

/** A reader on `pool`. */
export function createRowReader(pool: pg.Pool, options: RowReaderOptions = {}): RowReader {
  const { onQuery, prepared = true } = options;
  const names = prepared ? new StatementNames() : undefined;
  return {
    async query<Row>(text: string, values: readonly unknown[]) {
      onQuery?.(text);
      const name = names?.nameOf(text);
      const result = await pool.query({ name, text, values: [...values], types });
      return result.rows as Row[];
    },
  };
}

const readers = new WeakMap<object, RowReader>();

/** Ties a reader to the Prisma client whose pool it shares (see createPrismaClient). */
export function attachRowReader(client: object, reader: RowReader): void {
  readers.set(client, reader);
}

/** The reader sharing `client`'s pool, or undefined for a client built elsewhere. */
export function rowReaderOf(client: object): RowReader | undefined {
  return readers.get(client);
}
