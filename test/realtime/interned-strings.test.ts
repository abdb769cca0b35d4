import { describe, expect, it } from 'vitest';
import { InternedStrings } from '../../src/realtime/interned-strings.ts';

describe('InternedStrings', () => {
  it('returns the first instance of equal strings and forgets the least recently used', () => {
    const strings = new InternedStrings(2);
    const first = ['sub', 'scription'].join('');
    const same = ['subscr', 'iption'].join('');
    expect(strings.intern(first)).toBe(first);
    expect(strings.intern(same)).toBe(first);
    strings.intern('b');
    strings.intern(first); // now most recent: 'b' goes first
    strings.intern('c');
    const b2 = ['', 'b'].join('');
    expect(strings.intern(b2)).toBe(b2);
    expect(strings.intern(same)).toBe(first);
  });
});
