import { SANDBOX_CREDENTIALS } from './context';
import { loadContract } from './contracts/loadContract';
import { routingKeyOf } from './pagerduty';
import { startSandbox, type Sandbox } from './server';

jest.setTimeout(60_000);

/**
 * The sandbox's Kubernetes control (rolling a Deployment out through the admin API) and the
 * change events its PagerDuty accepts and lists.
 */
describe('rollouts and change events', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({
      ports: { admin: 0, datadog: 0, pagerduty: 0, pagerdutyEvents: 0, kubernetes: [0, 0] },
    });
  });
  afterAll(() => sandbox.stop());

  const cart = () => sandbox.world.services.find(s => s.name === 'cart-service')!;
  const kube = async (path: string) => {
    const cluster = cart().clusters[0];
    const r = await fetch(`${sandbox.urls.kubernetes[cluster]}${path}`, {
      headers: { Authorization: `Bearer ${SANDBOX_CREDENTIALS.kubernetesToken}` },
    });
    expect(r.status).toBe(200);
    return r.json();
  };
  const admin = (path: string, init?: RequestInit) =>
    fetch(`${sandbox.urls.admin}${path}`, {
      ...init,
      headers: { 'Content-Type': 'application/json', ...(init?.headers ?? {}) },
    });
  const changeEvent = (body: unknown) =>
    fetch(`${sandbox.urls.pagerduty}/v2/change/enqueue`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    }).then(async r => ({ status: r.status, body: await r.json() }));

  it('rolls a Deployment out: a new revision, ReplicaSet and pods with the new image', async () => {
    const cluster = cart().clusters[0];
    const path = `/apis/apps/v1/namespaces/checkout/deployments/cart-service`;
    const before = await kube(path);
    const revision = Number(before.metadata.annotations['deployment.kubernetes.io/revision']);

    const r = await admin(`/kubernetes/${cluster}/deployments/checkout/cart-service/rollout`, {
      method: 'POST',
      body: JSON.stringify({ version: 'v1.99.0' }),
    });
    expect(r.status).toBe(201);
    expect(await r.json()).toMatchObject({
      cluster,
      namespace: 'checkout',
      name: 'cart-service',
      version: 'v1.99.0',
      revision: revision + 1,
    });

    const after = await kube(path);
    expect(after.metadata.annotations['deployment.kubernetes.io/revision']).toBe(String(revision + 1));
    expect(after.spec.template.spec.containers[0].image).toBe('registry.example.com/checkout/cart-service:v1.99.0');
    expect(Number(after.metadata.generation)).toBeGreaterThan(Number(before.metadata.generation));

    const sets = (await kube('/apis/apps/v1/namespaces/checkout/replicasets')).items.filter(
      (s: any) => s.metadata.ownerReferences?.[0]?.name === 'cart-service',
    );
    const newest = sets.find(
      (s: any) => s.metadata.annotations['deployment.kubernetes.io/revision'] === String(revision + 1),
    );
    expect(newest.spec.replicas).toBe(cart().replicas);
    expect(sets.filter((s: any) => s !== newest).every((s: any) => s.spec.replicas === 0)).toBe(true);
    const pods = (await kube('/api/v1/namespaces/checkout/pods?labelSelector=app.kubernetes.io%2Fname%3Dcart-service'))
      .items;
    expect(pods).toHaveLength(cart().replicas);
    expect(pods.every((p: any) => p.spec.containers[0].image.endsWith(':v1.99.0'))).toBe(true);

    // An image instead of a version; the rollouts are listed and can be undone.
    const byImage = await admin(`/kubernetes/${cluster}/deployments/checkout/cart-service/rollout`, {
      method: 'POST',
      body: JSON.stringify({ image: 'registry.example.com/checkout/cart-service:v2.0.0' }),
    });
    expect(await byImage.json()).toMatchObject({ version: 'v2.0.0', revision: revision + 2 });
    expect((await (await admin('/kubernetes/rollouts')).json()).rollouts).toHaveLength(2);
    expect((await admin('/kubernetes/rollouts', { method: 'DELETE' })).status).toBe(204);
    expect((await kube(path)).metadata.annotations['deployment.kubernetes.io/revision']).toBe(String(revision));
  });

  it('refuses rollouts of unknown Deployments and without a version', async () => {
    const cluster = cart().clusters[0];
    const unknown = await admin(`/kubernetes/${cluster}/deployments/checkout/nope/rollout`, {
      method: 'POST',
      body: '{"version":"v1"}',
    });
    expect(unknown.status).toBe(404);
    const empty = await admin(`/kubernetes/${cluster}/deployments/checkout/cart-service/rollout`, {
      method: 'POST',
      body: '{}',
    });
    expect(empty.status).toBe(400);
  });

  it('accepts change events as pagerduty-events.json describes them and lists them per service', async () => {
    const serviceId = cart().pagerdutyServiceIds[0];
    const body = {
      routing_key: routingKeyOf(serviceId),
      payload: {
        summary: 'Deployed cart-service v1.99.0',
        timestamp: '2026-12-06T03:00:00.000Z',
        source: 'platform-portal',
        custom_details: { revision: '5' },
      },
      links: [{ href: 'https://portal.example.com/catalog/default/component/cart-service', text: 'Portal' }],
    };
    const contract = loadContract('pagerduty-events');
    // Without ../shared/contracts there is nothing to check against.
    expect(contract?.validateRequestBody('POST', '/change/enqueue', body) ?? []).toEqual([]);
    const ok = await changeEvent(body);
    expect(ok).toEqual({ status: 202, body: { status: 'success', message: 'Change event processed' } });
    expect(contract?.validateResponse('POST', '/change/enqueue', ok.status, ok.body) ?? []).toEqual([]);

    const invalid = [
      { routing_key: routingKeyOf(serviceId) },
      { routing_key: routingKeyOf(serviceId), payload: { summary: ' ' } },
      { routing_key: routingKeyOf(serviceId), payload: { summary: 's', timestamp: 'yesterday' } },
      { routing_key: routingKeyOf(serviceId), payload: { summary: 's' }, links: [{ text: 'no href' }] },
      { routing_key: 'f'.repeat(32), payload: { summary: 's' } },
    ];
    for (const b of invalid) {
      const r = await changeEvent(b);
      expect(r.status).toBe(400);
      expect(contract?.validateResponse('POST', '/change/enqueue', r.status, r.body) ?? []).toEqual([]);
    }

    const listed = await (await admin(`/pagerduty/change-events?service_id=${serviceId}`)).json();
    expect(listed.change_events).toHaveLength(1);
    expect(listed.change_events[0]).toMatchObject({
      serviceId,
      summary: 'Deployed cart-service v1.99.0',
      source: 'platform-portal',
      customDetails: { revision: '5' },
      links: [{ href: 'https://portal.example.com/catalog/default/component/cart-service', text: 'Portal' }],
    });
    // Change events open no incident.
    expect(sandbox.pagerDutyChanges.items).toHaveLength(1);
  });
});
