/**
 * Evaluates, on a row in memory, the Prisma `where` objects that the connection filters build
 * (src/schema/*Where). Live subscriptions filter each event's row with the very condition the
 * matching connection sends to SQL, so a filter means the same on both and is written once.
 *
 * Supports what those builders produce: `AND` lists, equality with a value or null, and the
 * operators in, notIn, not (null only), gte, gt, lte, lt. Anything else throws, so a new
 * operator in a builder fails loudly in tests instead of matching everything.
 */
export function matchesWhere(row: Record<string, unknown>, where: object | undefined): boolean {
  if (!where) return true;
  for (const [key, condition] of Object.entries(where)) {
    if (condition === undefined) continue;
    if (key === 'AND') {
      const parts = Array.isArray(condition) ? condition : [condition];
      if (!parts.every((part: object) => matchesWhere(row, part))) return false;
      continue;
    }
    if (!matchesCondition(row[key], condition)) return false;
  }
  return true;
}

const OPERATORS = new Set(['in', 'notIn', 'not', 'gte', 'gt', 'lte', 'lt']);

function matchesCondition(value: unknown, condition: unknown): boolean {
  if (!isOperatorObject(condition)) return same(value, condition);
  for (const [operator, operand] of Object.entries(condition)) {
    if (operand === undefined) continue;
    switch (operator) {
      case 'in':
        if (!(operand as unknown[]).some((candidate) => same(value, candidate))) return false;
        break;
      case 'notIn':
        if ((operand as unknown[]).some((candidate) => same(value, candidate))) return false;
        break;
      case 'not':
        if (operand !== null) throw new Error('matchesWhere: only `not: null` is supported');
        if (value === null || value === undefined) return false;
        break;
      default:
        if (!compare(value, operator, operand)) return false;
    }
  }
  return true;
}

function isOperatorObject(condition: unknown): condition is Record<string, unknown> {
  if (condition === null || typeof condition !== 'object' || condition instanceof Date)
    return false;
  const keys = Object.keys(condition);
  if (keys.length === 0 || !keys.every((key) => OPERATORS.has(key))) {
    throw new Error(`matchesWhere: unsupported condition ${keys.join(', ')}`);
  }
  return true;
}

function same(value: unknown, expected: unknown): boolean {
  if (value === null || value === undefined || expected === null) {
    return (value ?? null) === expected;
  }
  return normalize(value) === normalize(expected);
}

function compare(value: unknown, operator: string, operand: unknown): boolean {
  if (value === null || value === undefined) return false;
  // A time condition holds a Date; the row reader keeps a timestamp as the DateTime scalar's
  // wire text (`2026-01-31T14:05:09.123Z`), so it is compared as the instant it names.
  const times = value instanceof Date || operand instanceof Date;
  const left = times ? instantOf(value) : comparable(value);
  const right = times ? instantOf(operand) : comparable(operand);
  switch (operator) {
    case 'gte':
      return left >= right;
    case 'gt':
      return left > right;
    case 'lte':
      return left <= right;
    case 'lt':
      return left < right;
    default:
      throw new Error(`matchesWhere: unsupported operator ${operator}`);
  }
}

// Ids are bigints in rows and may be bigints or strings in conditions.
function normalize(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.getTime();
  return value;
}

function instantOf(value: unknown): number {
  const time = value instanceof Date ? value.getTime() : Date.parse(String(value));
  if (Number.isNaN(time)) throw new Error(`matchesWhere: not a time: ${String(value)}`);
  return time;
}

function comparable(value: unknown): number | string {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number' || typeof value === 'string') return value;
  throw new Error(`matchesWhere: cannot compare ${typeof value}`);
}

/**
 * The strategy ids (decimal) that every row matching `where` must have, from its `strategyId`
 * equalities and `in` lists (also inside `AND`), or undefined when it does not limit strategies.
 * Lets a live subscription skip other strategies' events before loading their rows.
 */
export function strategiesRequiredBy(where: object | undefined): Set<string> | undefined {
  if (!where) return undefined;
  let required: Set<string> | undefined;
  const narrow = (ids: Set<string> | undefined) => {
    if (!ids) return;
    required = required ? new Set([...required].filter((id) => ids.has(id))) : ids;
  };
  for (const [key, condition] of Object.entries(where)) {
    if (key === 'AND') {
      for (const part of Array.isArray(condition) ? condition : [condition]) {
        narrow(strategiesRequiredBy(part as object));
      }
    } else if (key === 'strategyId') {
      narrow(strategyIdsOf(condition));
    }
  }
  return required;
}

function strategyIdsOf(condition: unknown): Set<string> | undefined {
  if (isId(condition)) return new Set([String(condition)]);
  if (condition === null || typeof condition !== 'object') return undefined;
  const { in: list } = condition as { in?: unknown };
  return Array.isArray(list) && list.every(isId) ? new Set(list.map(String)) : undefined;
}

function isId(value: unknown): value is bigint | number | string {
  return typeof value === 'bigint' || typeof value === 'number' || typeof value === 'string';
}

/**
 * {@link matchesWhere} for one condition, remembering its verdict per row: subscribers with
 * equal conditions share one (see {@link sharedMatcher}), so a condition is evaluated once per
 * row, not once per subscriber. Rows are the feed's shared ones; verdicts go with them.
 */
export class WhereMatcher {
  readonly #verdicts = new WeakMap<object, boolean>();
  // The last row asked about: subscribers are offered a batch's rows one after another.
  #lastRow: object | undefined;
  #lastVerdict = false;

  constructor(private readonly where: object | undefined) {}

  matches(row: Record<string, unknown>): boolean {
    if (row === this.#lastRow) return this.#lastVerdict;
    let verdict = this.#verdicts.get(row);
    if (verdict === undefined) {
      verdict = matchesWhere(row, this.where);
      this.#verdicts.set(row, verdict);
    }
    this.#lastRow = row;
    this.#lastVerdict = verdict;
    return verdict;
  }
}

const everything = new WhereMatcher(undefined);
const matchers = new Map<string, WhereMatcher>();
/** Distinct conditions kept; past it the map starts over (matchers only save work). */
const MATCHERS_LIMIT = 10_000;

/** The matcher of conditions equal to `where` (same keys, order and values). */
export function sharedMatcher(where: object | undefined): WhereMatcher {
  if (!where) return everything;
  const key = JSON.stringify(where, keyPart);
  let matcher = matchers.get(key);
  if (!matcher) {
    if (matchers.size >= MATCHERS_LIMIT) matchers.clear();
    matcher = new WhereMatcher(where);
    matchers.set(key, matcher);
  }
  return matcher;
}

/**
 * Makes JSON tell apart what matchesWhere tells apart: a bigint from its digits as a string, a
 * Date from its ISO text (JSON sees `toJSON`'s string; `this[key]` is the Date), undefined in a
 * list from null. No condition holds such objects: their keys are not operators.
 */
function keyPart(this: Record<string, unknown>, key: string, value: unknown): unknown {
  const original = this[key];
  if (original instanceof Date) return { $date: original.getTime() };
  if (typeof value === 'bigint') return { $bigint: String(value) };
  if (value === undefined && Array.isArray(this)) return { $undefined: true };
  return value;
}
