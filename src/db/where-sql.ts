import { columnOf, scalarFieldsOf } from './model-rows.ts';

/**
 * Translates the Prisma `where` shapes Tradegraph's list filters and strategy limits produce into
 * a parameterized SQL condition on `alias`, for the row reader. Field names are checked against
 * the model's scalar fields and every value becomes a parameter, so no request text reaches the
 * SQL. Any other shape (relation filters, `contains`, `NOT`, ...) returns null: the caller then
 * reads through Prisma instead.
 *
 * Supported: `AND` / `OR` (object or array), `field: value | null`, and on a field `equals`,
 * `in`, `notIn`, `gt`, `gte`, `lt`, `lte`, `not: null`. `undefined` values are ignored, as Prisma
 * ignores them.
 */
export function whereToSql(
  model: string,
  where: unknown,
  alias: string,
  params: unknown[],
): string | null {
  const fields = new Set(scalarFieldsOf(model));
  const translate = (node: unknown): string | null => {
    if (node == null) return 'TRUE';
    if (typeof node !== 'object' || Array.isArray(node)) return null;
    const parts: string[] = [];
    for (const [key, value] of Object.entries(node)) {
      if (value === undefined) continue;
      let part: string | null;
      if (key === 'AND' || key === 'OR') {
        const list = Array.isArray(value) ? value : [value];
        const items = list.map(translate);
        if (items.some((item) => item === null)) return null;
        const joiner = key === 'AND' ? ' AND ' : ' OR ';
        part = items.length === 0 ? (key === 'AND' ? 'TRUE' : 'FALSE') : `(${items.join(joiner)})`;
      } else if (fields.has(key)) {
        part = fieldCondition(`${alias}."${columnOf(key)}"`, value, params);
      } else {
        return null;
      }
      if (part === null) return null;
      parts.push(part);
    }
    return parts.length === 0 ? 'TRUE' : parts.join(' AND ');
  };
  return translate(where);
}

const COMPARISONS = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

function isPlainValue(value: unknown): boolean {
  const type = typeof value;
  return (
    type === 'string' ||
    type === 'number' ||
    type === 'bigint' ||
    type === 'boolean' ||
    value instanceof Date
  );
}

function fieldCondition(column: string, value: unknown, params: unknown[]): string | null {
  const param = (item: unknown) => {
    params.push(item);
    return `$${params.length}`;
  };
  if (value === null) return `${column} IS NULL`;
  if (isPlainValue(value)) return `${column} = ${param(value)}`;
  if (typeof value !== 'object' || Array.isArray(value)) return null;
  const parts: string[] = [];
  for (const [operator, operand] of Object.entries(value)) {
    if (operand === undefined) continue;
    if (operator === 'equals') {
      if (operand === null) parts.push(`${column} IS NULL`);
      else if (isPlainValue(operand)) parts.push(`${column} = ${param(operand)}`);
      else return null;
    } else if (operator === 'in' || operator === 'notIn') {
      if (!Array.isArray(operand) || !operand.every(isPlainValue)) return null;
      if (operand.length === 0) parts.push(operator === 'in' ? 'FALSE' : 'TRUE');
      else if (operator === 'in') parts.push(`${column} = ANY(${param(operand)})`);
      // Like Prisma's NOT IN, a NULL column matches neither `in` nor `notIn`.
      else parts.push(`${column} <> ALL(${param(operand)})`);
    } else if (operator in COMPARISONS) {
      if (!isPlainValue(operand)) return null;
      const sign = COMPARISONS[operator as keyof typeof COMPARISONS];
      parts.push(`${column} ${sign} ${param(operand)}`);
    } else if (operator === 'not' && operand === null) {
      parts.push(`${column} IS NOT NULL`);
    } else {
      return null;
    }
  }
  return parts.length === 0 ? 'TRUE' : parts.join(' AND ');
}
