import { describe, expect, it } from 'vitest';
import { DocumentCache } from '../../src/surface/document-cache.ts';

describe('the parsed-document cache', () => {
  it('keeps the most recently used documents and drops the least recently used first', () => {
    const cache = new DocumentCache<number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // now b is the least recently used
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
  });

  it('replaces the value of a key set again without growing', () => {
    const cache = new DocumentCache<number>(2);
    cache.set('a', 1);
    cache.set('a', 2);
    cache.set('b', 3);
    expect(cache.get('a')).toBe(2);
    expect(cache.get('b')).toBe(3);
  });
});
