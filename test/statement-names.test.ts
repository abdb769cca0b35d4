import { describe, expect, it } from 'vitest';
import { StatementNames } from '../src/db/statement-names.ts';

describe('statement names', () => {
  it('names each statement text once, the same name every time, up to the limit', () => {
    const names = new StatementNames(2);
    const first = names.nameOf('SELECT 1');
    expect(first).toBeDefined();
    expect(names.nameOf('SELECT 1')).toBe(first);
    const second = names.nameOf('SELECT 2');
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    // Past the limit a new text runs unnamed; the named ones keep their names.
    expect(names.nameOf('SELECT 3')).toBeUndefined();
    expect(names.nameOf('SELECT 2')).toBe(second);
  });
});
