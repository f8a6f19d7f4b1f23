import { BoundedCache } from './bounded-cache';

describe('BoundedCache', () => {
  it('forgets the least recently used entry beyond its size', () => {
    const cache = new BoundedCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // `a` is now more recent than `b`
    cache.set('c', 3);
    expect(cache.size).toBe(2);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
  });

  it('creates a missing entry once', () => {
    const cache = new BoundedCache<string, string>(10);
    const create = jest.fn((key: string) => key.toUpperCase());
    expect(cache.getOrCreate('x', create)).toBe('X');
    expect(cache.getOrCreate('x', create)).toBe('X');
    expect(create).toHaveBeenCalledTimes(1);
  });

  it.each([0, -1, 1.5])('rejects the size %p', (size) => {
    expect(() => new BoundedCache(size)).toThrow(RangeError);
  });
});
