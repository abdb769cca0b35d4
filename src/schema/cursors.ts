import { parsePrismaCursor } from '@pothos/plugin-prisma';
import { badUserInput } from './errors.ts';

/**
 * Decodes a connection cursor into the id it points at. Every Tradegraph connection pages on the
 * bigint primary key, in plugin-prisma's cursor format; anything else was not issued by this API.
 */
export function parseIdCursor(
  cursor: string | null | undefined,
  argument = 'cursor',
): bigint | null {
  if (cursor == null) return null;
  const invalid = () =>
    badUserInput(
      `Argument "${argument}" is not a valid cursor: "${shorten(cursor)}". Use a cursor returned by this API.`,
    );
  let value: unknown;
  try {
    value = parsePrismaCursor(cursor);
  } catch {
    throw invalid();
  }
  if (typeof value === 'bigint' && value >= 0n) return value;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
  if (typeof value === 'string' && /^\d{1,19}$/.test(value)) return BigInt(value);
  throw invalid();
}

/**
 * The cursor of the row with this id, as plugin-prisma's connections format it (its
 * `formatPrismaCursor({ id }, 'id')`: base64 of `GPC:` and the tagged bigint `I:<id>`), without
 * the formatter closure and global lookups it makes per call.
 */
export function formatIdCursor(id: bigint): string {
  return Buffer.from(`GPC:I:${id}`, 'latin1').toString('base64');
}

/**
 * An edge of a page whose cursor is encoded only when read: most pages select their nodes and
 * no cursor (a page of 50 signals with 5 orders each and 5 fills per order encoded 1,550).
 */
export class IdCursorEdge<T extends { id: bigint }> {
  constructor(readonly node: T) {}

  get cursor(): string {
    return formatIdCursor(this.node.id);
  }
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/** The page info of a page of IdCursorEdges: its first and last cursors are encoded when read. */
export class IdCursorPageInfo<T extends { id: bigint }> {
  constructor(
    private readonly edges: readonly IdCursorEdge<T>[],
    readonly hasNextPage: boolean,
    readonly hasPreviousPage: boolean,
  ) {}

  get startCursor(): string | null {
    return this.edges[0]?.cursor ?? null;
  }

  get endCursor(): string | null {
    return this.edges[this.edges.length - 1]?.cursor ?? null;
  }
}
