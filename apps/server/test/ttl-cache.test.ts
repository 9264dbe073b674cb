import { describe, expect, it } from 'vitest';
import { TtlCache } from '../src/services/ttl-cache.ts';

/** A load that answers when told: to see what the cache does while it is under way. */
function pending<V>() {
  let resolve!: (v: V) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<V>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('TtlCache', () => {
  it('callers missing the same key together share one load; the value is then kept', async () => {
    const cache = new TtlCache<string>();
    const load = pending<string>();
    let loads = 0;
    const loader = () => {
      loads++;
      return load.promise;
    };
    const answers = Promise.all(Array.from({ length: 50 }, () => cache.get('p1', loader)));
    load.resolve('project one');
    expect(await answers).toEqual(Array.from({ length: 50 }, () => 'project one'));
    expect(loads).toBe(1);
    expect(await cache.get('p1', async () => 'not loaded again')).toBe('project one');
  });

  it('a load under way when the cache is cleared answers its callers but is not kept', async () => {
    const cache = new TtlCache<string>();
    const stale = pending<string>();
    const first = cache.get('p1', () => stale.promise);
    cache.clear(); // an edit in this process
    const fresh = cache.get('p1', async () => 'after the edit');
    stale.resolve('before the edit');
    expect(await first).toBe('before the edit');
    expect(await fresh).toBe('after the edit');
    expect(await cache.get('p1', async () => 'not loaded again')).toBe('after the edit');
  });

  it('a failed load is shared by its waiters, not kept, and the next call loads again', async () => {
    const cache = new TtlCache<string>();
    const failing = pending<string>();
    const a = cache.get('p1', () => failing.promise);
    const b = cache.get('p1', async () => 'never called');
    failing.reject(new Error('database down'));
    await expect(a).rejects.toThrow('database down');
    await expect(b).rejects.toThrow('database down');
    expect(await cache.get('p1', async () => 'loaded again')).toBe('loaded again');
  });

  it('missing values are not kept; many keys at once skip storing when cleared meanwhile', async () => {
    const cache = new TtlCache<string>();
    expect(await cache.get('none', async () => null)).toBeNull();
    expect(await cache.get('none', async () => 'now there')).toBe('now there');
    const many = pending<Map<string, string>>();
    const got = cache.getMany(['u1', 'u2'], () => many.promise);
    cache.delete('u1');
    many.resolve(
      new Map([
        ['u1', 'one'],
        ['u2', 'two'],
      ]),
    );
    expect([...(await got)]).toEqual([
      ['u1', 'one'],
      ['u2', 'two'],
    ]);
    expect(await cache.get('u2', async () => 'reloaded')).toBe('reloaded');
  });
});
