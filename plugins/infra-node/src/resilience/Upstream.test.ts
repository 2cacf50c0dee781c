import { mockServices } from '@backstage/backend-test-utils';
import { CacheManager } from '@backstage/backend-defaults/cache';
import { Upstream, type UpstreamOptions } from './Upstream';
import { UpstreamError } from './errors';

const options: UpstreamOptions = {
  timeoutMs: 200,
  retries: 2,
  backoffMs: 10,
  deadlineMs: 600,
  breaker: { failureThreshold: 3, openMs: 300 },
  staleTtlMs: 60_000,
};

function makeUpstream(overrides: Partial<UpstreamOptions> = {}) {
  const config = mockServices.rootConfig({ data: { backend: { cache: { store: 'memory' } } } });
  const cache = CacheManager.fromConfig(config).forPlugin('test');
  return new Upstream('test', 'datadog', cache, mockServices.logger.mock(), { ...options, ...overrides });
}

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

describe('Upstream', () => {
  it('serves from cache while fresh and reports hits', async () => {
    const up = makeUpstream();
    const fetch = jest.fn().mockResolvedValue({ n: 1 });
    const first = await up.get('k', 10_000, fetch);
    const second = await up.get('k', 10_000, fetch);
    expect(first.freshness.state).toBe('fresh');
    expect(second.data).toEqual({ n: 1 });
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(up.health().cache).toMatchObject({ hits: 1, misses: 1, hitRatio: 0.5 });
  });

  it('coalesces concurrent identical requests into one upstream call', async () => {
    const up = makeUpstream();
    const fetch = jest.fn(async () => {
      await sleep(50);
      return 'v';
    });
    const answers = await Promise.all(Array.from({ length: 50 }, () => up.get('same', 10_000, fetch)));
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(answers.every(a => a.data === 'v' && a.freshness.state === 'fresh')).toBe(true);
  });

  it('serves the cached copy marked stale when the upstream fails', async () => {
    const up = makeUpstream();
    await up.get('k', 0, async () => 'old');
    await sleep(5);
    const answer = await up.get('k', 0, async () => {
      throw new UpstreamError('boom', { status: 500, retryable: false });
    });
    expect(answer.data).toBe('old');
    expect(answer.freshness.state).toBe('stale');
    expect(answer.freshness.error).toBe('boom');
    expect(answer.freshness.ageSeconds).toBeGreaterThanOrEqual(0);
  });

  it('with an old copy, a page waits only waitMs for the new one; the read goes on with the limits it was given', async () => {
    const up = makeUpstream();
    await up.get('k', 10, async () => 'old');
    await sleep(20);
    let release!: () => void;
    const fetch = jest.fn(
      (signal: AbortSignal) =>
        new Promise<string>((resolve, reject) => {
          release = () => resolve('new');
          signal.addEventListener('abort', () => reject(new Error('aborted')));
        }),
    );
    const started = Date.now();
    // A read that takes longer than the page limits (200 ms timeout) but within its own.
    const page = await up.get('k', 10, fetch, { waitMs: 50, limits: { timeoutMs: 5_000, deadlineMs: 5_000 } });
    expect(Date.now() - started).toBeLessThan(180);
    expect(page).toMatchObject({ data: 'old', freshness: { state: 'stale' } });
    expect(page.freshness.error).toBeUndefined();
    // Another page joins the read in flight instead of starting one.
    expect((await up.get('k', 10, fetch, { waitMs: 10 })).data).toBe('old');
    await sleep(300);
    release();
    await sleep(10);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(await up.get('k', 10_000, fetch)).toMatchObject({ data: 'new', freshness: { state: 'fresh' } });
  });

  it('without a copy, a page waits for the read whatever waitMs says', async () => {
    const up = makeUpstream();
    const answer = await up.get(
      'cold',
      10,
      async () => {
        await sleep(100);
        return 'first';
      },
      { waitMs: 10 },
    );
    expect(answer).toMatchObject({ data: 'first', freshness: { state: 'fresh' } });
  });

  it('says unavailable when the upstream fails and nothing is cached', async () => {
    const up = makeUpstream();
    const answer = await up.get('k', 0, async () => {
      throw new UpstreamError('down', { status: 503, retryable: false });
    });
    expect(answer).toEqual({ freshness: { state: 'unavailable', error: 'down' } });
  });

  it('times out a hanging call and stays within the deadline', async () => {
    const up = makeUpstream();
    const started = Date.now();
    const answer = await up.get('k', 0, () => new Promise(() => undefined));
    const elapsed = Date.now() - started;
    expect(answer.freshness.state).toBe('unavailable');
    expect(answer.freshness.error).toMatch(/timed out/);
    expect(elapsed).toBeLessThan(options.deadlineMs + 150);
  });

  it('retries retryable failures with backoff', async () => {
    const up = makeUpstream();
    let calls = 0;
    const answer = await up.get('k', 0, async () => {
      calls += 1;
      if (calls < 3) throw new UpstreamError('flaky', { status: 502, retryable: true });
      return 'ok';
    });
    expect(calls).toBe(3);
    expect(answer.data).toBe('ok');
  });

  it('does not open the breaker on rate limits: pages keep their data while the portal slows down', async () => {
    const up = makeUpstream();
    for (let i = 0; i < 6; i++) {
      await up
        .send(
          async () => {
            throw new UpstreamError('slow down', { status: 429, retryable: true, retryAfterMs: 1 });
          },
          { retries: 0 },
        )
        .catch(() => undefined);
    }
    expect(up.health().breaker).toBe('closed');
    expect((await up.get('k', 1000, async () => 'ok')).data).toBe('ok');
  });

  it('waits as long as a 429 asks before trying again', async () => {
    const up = makeUpstream({ deadlineMs: 1000 });
    const times: number[] = [];
    const answer = await up.get('k', 0, async () => {
      times.push(Date.now());
      if (times.length === 1) throw new UpstreamError('slow down', { status: 429, retryable: true, retryAfterMs: 300 });
      return 'ok';
    });
    expect(answer.data).toBe('ok');
    expect(times[1] - times[0]).toBeGreaterThanOrEqual(290);
  });

  it('does not call again before a rate limit resets when the wait does not fit the deadline', async () => {
    const up = makeUpstream();
    const fetch = jest.fn(async () => {
      throw new UpstreamError('slow down', { status: 429, retryable: true, retryAfterMs: 5_000 });
    });
    await up.get('a', 0, fetch);
    const answer = await up.get('b', 0, fetch);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(answer.freshness.error).toMatch(/rate limited/);
  });

  it('opens the breaker after repeated failures, then lets one trial through', async () => {
    const up = makeUpstream({ retries: 0 });
    const failing = jest.fn(async () => {
      throw new UpstreamError('down', { status: 500, retryable: true });
    });
    for (let i = 0; i < 3; i++) await up.get(`k${i}`, 0, failing);
    expect(up.health().breaker).toBe('open');
    expect(up.health().status).toBe('down');
    const whileOpen = await up.get('k9', 0, failing);
    expect(failing).toHaveBeenCalledTimes(3);
    expect(whileOpen.freshness.error).toMatch(/circuit breaker/);
    await sleep(options.breaker.openMs + 20);
    expect(up.health().breaker).toBe('half-open');
    const recovered = await up.get('k10', 0, async () => 'back');
    expect(recovered.data).toBe('back');
    expect(up.health().breaker).toBe('closed');
    expect(up.health().status).toBe('healthy');
  });

  it('aborts the signal of an attempt that times out, so the client can cancel the request', async () => {
    const up = makeUpstream({ retries: 0 });
    let seen: AbortSignal | undefined;
    const answer = await up.get('slow', 0, signal => {
      seen = signal;
      return new Promise(() => undefined);
    });
    expect(answer.freshness.error).toMatch(/timed out/);
    expect(seen!.aborted).toBe(true);
  });

  it('sends writes uncached and uncoalesced, attempting each at most 1 + retries times', async () => {
    const up = makeUpstream();
    const write = jest.fn(async () => 'ok');
    await Promise.all([up.send(write, { retries: 2 }), up.send(write, { retries: 2 })]);
    expect(write).toHaveBeenCalledTimes(2);
    expect(up.health().cache).toMatchObject({ hits: 0, misses: 0 });

    const timingOut = jest.fn((_signal: AbortSignal) => new Promise<string>(() => undefined));
    await expect(up.send(timingOut, { retries: 0 })).rejects.toThrow(/timed out/);
    expect(timingOut).toHaveBeenCalledTimes(1);

    const flaky = jest
      .fn<Promise<string>, [AbortSignal]>()
      .mockRejectedValueOnce(new UpstreamError('503', { status: 503, retryable: true }))
      .mockResolvedValue('second time');
    await expect(up.send(flaky, { retries: 1 })).resolves.toBe('second time');
    expect(flaky).toHaveBeenCalledTimes(2);
  });
});
