import { mockApis } from '@backstage/frontend-test-utils';
import { ResponseError } from '@backstage/errors';
import { InfraClient } from './InfraClient';

const cart = { kind: 'Component', namespace: 'default', name: 'cart' };
const search = { kind: 'Component', namespace: 'default', name: 'search' };

function jsonResponse(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

function setup(options: { overviewTtlMs?: number } = {}) {
  let resolvers: Array<() => void> = [];
  const fetch = jest.fn(async (input: RequestInfo | URL) => {
    const url = String(input);
    // Hold every answer until the test releases it, so calls are truly concurrent.
    await new Promise<void>(resolve => resolvers.push(resolve));
    if (url.includes('/broken/')) {
      return jsonResponse({ error: { name: 'Error', message: 'boom' } }, 500);
    }
    return jsonResponse({ entityRef: url });
  });
  const client = new InfraClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage:7007' }),
    fetchApi: { fetch: fetch as unknown as typeof globalThis.fetch },
    ...options,
  });
  const release = async () => {
    // Let pending discovery lookups reach fetch, then answer them all.
    for (let i = 0; i < 5; i++) await Promise.resolve();
    await new Promise(r => setTimeout(r, 0));
    const pending = resolvers;
    resolvers = [];
    pending.forEach(r => r());
  };
  return { client, fetch, release };
}

describe('InfraClient', () => {
  it('makes one HTTP request for several concurrent getEntityOverview calls of one entity', async () => {
    const { client, fetch, release } = setup();
    const calls = [
      client.getEntityOverview(cart),
      client.getEntityOverview(cart),
      client.getEntityOverview({ ...cart, kind: 'component' }),
      client.getEntityOverview(cart),
    ];
    await release();
    const answers = await Promise.all(calls);

    expect(fetch).toHaveBeenCalledTimes(1);
    expect(String(fetch.mock.calls[0][0])).toBe(
      'http://backstage:7007/api/infra/entities/Component/default/cart/overview',
    );
    expect(new Set(answers.map(a => a.entityRef)).size).toBe(1);
  });

  it('reuses a settled overview within the TTL and asks again after it', async () => {
    const now = jest.spyOn(Date, 'now');
    try {
      now.mockReturnValue(1_000_000);
      const { client, fetch, release } = setup({ overviewTtlMs: 5_000 });
      const first = client.getEntityOverview(cart);
      await release();
      await first;

      now.mockReturnValue(1_003_000);
      await client.getEntityOverview(cart);
      expect(fetch).toHaveBeenCalledTimes(1);

      now.mockReturnValue(1_006_000);
      const later = client.getEntityOverview(cart);
      await release();
      await later;
      expect(fetch).toHaveBeenCalledTimes(2);
    } finally {
      now.mockRestore();
    }
  });

  it('asks separately for different entities', async () => {
    const { client, fetch, release } = setup();
    const calls = [client.getEntityOverview(cart), client.getEntityOverview(search)];
    await release();
    await Promise.all(calls);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('does not keep a failure: the next call asks again', async () => {
    const { client, fetch, release } = setup();
    const broken = { kind: 'Component', namespace: 'default', name: 'broken' };
    const url = 'http://backstage:7007/api/infra/entities/Component/broken/broken/overview';
    const first = client.getEntityOverview({ ...broken, namespace: 'broken' });
    const second = client.getEntityOverview({ ...broken, namespace: 'broken' });
    await release();
    await expect(first).rejects.toBeInstanceOf(ResponseError);
    await expect(second).rejects.toThrow(/500/);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(String(fetch.mock.calls[0][0])).toBe(url);

    const retry = client.getEntityOverview({ ...broken, namespace: 'broken' });
    await release();
    await expect(retry).rejects.toThrow();
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('encodes path segments and reads the Kubernetes, team and log routes', async () => {
    const { client, fetch, release } = setup();
    const calls = [
      client.getEntityKubernetes({
        kind: 'Component',
        namespace: 'default',
        name: 'a/b c',
      }),
      client.getTeamSummary({
        kind: 'Group',
        namespace: 'default',
        name: 'team-checkout',
      }),
      client.getPodLog(cart, {
        cluster: 'aws-tokyo',
        pod: 'cart-1',
        container: 'app',
        previous: true,
      }),
      client.getEntityDeploys(cart, {
        from: '2026-11-01T00:00:00.000Z',
        to: '2026-12-01T00:00:00.000Z',
      }),
    ];
    await release();
    await Promise.all(calls);
    expect(fetch.mock.calls.map(c => String(c[0]))).toEqual([
      'http://backstage:7007/api/infra/entities/Component/default/a%2Fb%20c/kubernetes',
      'http://backstage:7007/api/infra/entities/Group/default/team-checkout/team',
      'http://backstage:7007/api/infra/entities/Component/default/cart/logs?cluster=aws-tokyo&pod=cart-1&container=app&previous=true',
      'http://backstage:7007/api/infra/deploys?entity=component%3Adefault%2Fcart&from=2026-11-01T00%3A00%3A00.000Z&to=2026-12-01T00%3A00%3A00.000Z',
    ]);
  });
});
