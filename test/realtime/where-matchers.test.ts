import { describe, expect, it } from 'vitest';
import { matchesWhere, sharedMatcher } from '../../src/realtime/where-matcher.ts';

describe('sharedMatcher', () => {
  it('gives equal conditions one matcher and tells apart what matchesWhere tells apart', () => {
    const a = sharedMatcher({ strategyId: 7n, AND: [{ executedAt: { gte: new Date(1_000) } }] });
    const b = sharedMatcher({ strategyId: 7n, AND: [{ executedAt: { gte: new Date(1_000) } }] });
    expect(b).toBe(a);
    // Each of these differs from the others for matchesWhere, so each has its own matcher.
    const distinct = [
      sharedMatcher({ strategyId: 7n }),
      sharedMatcher({ strategyId: '7' }),
      sharedMatcher({ strategyId: '7n' }),
      sharedMatcher({ side: new Date(5) }),
      sharedMatcher({ side: new Date(5).toISOString() }),
      sharedMatcher({ side: { in: [null] } }),
      sharedMatcher({ side: { in: [undefined] } }),
      sharedMatcher(undefined),
    ];
    expect(new Set(distinct).size).toBe(distinct.length);
  });

  it('answers as matchesWhere for every row, however rows are interleaved', () => {
    const where = { strategyId: { in: [1n, 3n] }, price: { gte: '10' } };
    const matcher = sharedMatcher(where);
    const rows = [
      { strategyId: 1n, price: '12' },
      { strategyId: 2n, price: '12' },
      { strategyId: 3n, price: '09' },
      { strategyId: 3n, price: '11' },
    ];
    for (const order of [
      [0, 1, 2, 3],
      [3, 2, 1, 0],
      [0, 0, 1, 0, 3, 2, 2, 1],
    ]) {
      for (const index of order) {
        const row = rows[index] as Record<string, unknown>;
        expect(matcher.matches(row)).toBe(matchesWhere(row, where));
      }
    }
  });
});
