import { mockCredentials } from '@backstage/backend-test-utils';
import { CallerCatalogCache } from './CallerCatalogCache';

describe('CallerCatalogCache', () => {
  const alice = mockCredentials.user('user:default/alice');
  const bob = mockCredentials.user('user:default/bob');

  it("never answers one caller with another caller's read", async () => {
    const cache = new CallerCatalogCache();
    const a = await cache.get(alice, 'q', async () => ['alice-visible']);
    const b = await cache.get(bob, 'q', async () => ['bob-visible']);
    expect(a).toEqual(['alice-visible']);
    expect(b).toEqual(['bob-visible']);
  });

  it('reuses a read for its ttl, then reads again', async () => {
    let now = 0;
    const cache = new CallerCatalogCache({ ttlMs: 15_000, now: () => now });
    const read = jest.fn(async () => now);
    expect(await cache.get(alice, 'q', read)).toBe(0);
    now = 14_999;
    expect(await cache.get(alice, 'q', read)).toBe(0);
    now = 15_000;
    expect(await cache.get(alice, 'q', read)).toBe(15_000);
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('shares one read between concurrent identical questions, not between questions', async () => {
    const cache = new CallerCatalogCache();
    const read = jest.fn(async () => new Promise(r => setTimeout(() => r('x'), 10)));
    await Promise.all([cache.get(alice, 'q', read), cache.get(alice, 'q', read), cache.get(alice, 'q', read)]);
    await cache.get(alice, 'other', read);
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('does not keep a failed read', async () => {
    const cache = new CallerCatalogCache();
    await expect(cache.get(alice, 'q', async () => Promise.reject(new Error('catalog down')))).rejects.toThrow(
      'catalog down',
    );
    expect(await cache.get(alice, 'q', async () => 'ok')).toBe('ok');
  });

  it('keeps at most maxEntries answers and does not cache callers it cannot name', async () => {
    const cache = new CallerCatalogCache({ maxEntries: 2 });
    const read = jest.fn(async () => 'v');
    await cache.get(alice, 'q1', read);
    await cache.get(alice, 'q2', read);
    await cache.get(alice, 'q3', read); // drops q1
    await cache.get(alice, 'q1', read);
    expect(read).toHaveBeenCalledTimes(4);
    const none = mockCredentials.none();
    await cache.get(none, 'q', read);
    await cache.get(none, 'q', read);
    expect(read).toHaveBeenCalledTimes(6);
  });
});
