import type { Prisma } from '../../generated/prisma/client.ts';
import { parseGlobalId } from '../global-ids.ts';

// GraphQL lets a client send null for any optional input field; writers distinguish "absent"
// (use the default, leave unchanged) from null (clear), so these helpers decide per field.

/** A required reference: the database id of a global ID of `typename` (BAD_USER_INPUT else). */
export function idOf(id: string | number, typename: string, field: string): bigint {
  return parseGlobalId(String(id), typename, `input.${field}`);
}

/** An optional reference; null and absent both mean "none". */
export function optionalIdOf(
  id: string | number | null | undefined,
  typename: string,
  field: string,
): bigint | undefined {
  return id == null ? undefined : idOf(id, typename, field);
}

/** A field whose null means the same as absent (take the writer's default). */
export function orDefault<T>(value: T | null | undefined): T | undefined {
  return value ?? undefined;
}

/** JSON detail; null means none (JSON columns default to `{}`). */
export function json(value: unknown): Prisma.InputJsonValue | undefined {
  return value == null ? undefined : (value as Prisma.InputJsonValue);
}
