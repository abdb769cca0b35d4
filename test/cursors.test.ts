import { formatPrismaCursor } from '@pothos/plugin-prisma';
import { describe, expect, it } from 'vitest';
import {
  formatIdCursor,
  IdCursorEdge,
  IdCursorPageInfo,
  parseIdCursor,
} from '../src/schema/cursors.ts';

// Clients store cursors: ours must stay byte for byte what plugin-prisma's connections issue.
const ids = [0n, 1n, 42n, 1_000_000n, 9_223_372_036_854_775_807n];

describe('id cursors', () => {
  it.each(ids)('formats id %s as plugin-prisma does, and reads it back', (id) => {
    expect(formatIdCursor(id)).toBe(formatPrismaCursor({ id }, 'id'));
    expect(parseIdCursor(formatIdCursor(id))).toBe(id);
  });

  it('gives an edge the cursor of its node when the cursor is read', () => {
    const node = { id: 7n, symbol: 'BTCUSDT' };
    const edge = new IdCursorEdge(node);
    expect(edge.node).toBe(node);
    expect(edge.cursor).toBe(formatPrismaCursor({ id: 7n }, 'id'));
  });

  it("gives a page's info the cursors of its first and last edges, null without edges", () => {
    const edges = [3n, 2n, 1n].map((id) => new IdCursorEdge({ id }));
    const info = new IdCursorPageInfo(edges, true, false);
    expect(info).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(info.startCursor).toBe(formatIdCursor(3n));
    expect(info.endCursor).toBe(formatIdCursor(1n));
    const empty = new IdCursorPageInfo([], false, true);
    expect([empty.startCursor, empty.endCursor]).toEqual([null, null]);
  });
});
