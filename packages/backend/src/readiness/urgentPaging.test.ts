import { SANDBOX_CREDENTIALS, startSandbox, type Sandbox } from '@internal/sandbox';
import { callPortal } from '../testing/portalApi';
import { startPortalProcess, type PortalProcess } from '../testing/portalProcess';

/**
 * Urgent paging against the real backend (every plugin, the portal's permission policy, a real
 * user token): an urgent incident-assistance request pages the platform on-call through the
 * sandbox's PagerDuty Events API only when the requester may page for the service
 * (`support.urgent-page.create`: its owners and the platform team).
 *
 * The process signs its guest in as user:default/kato.minato, a member of team-checkout, which
 * owns checkout-service and not search-service, and is not on the platform team.
 */
jest.setTimeout(300_000);

const OWN = 'component:default/checkout-service';
const OTHER = 'component:default/search-service';

describe('urgent paging, by permission', () => {
  let sandbox: Sandbox;
  let portal: PortalProcess;
  let token: string;

  beforeAll(async () => {
    sandbox = await startSandbox({
      ports: { admin: 0, datadog: 0, pagerduty: 0, pagerdutyEvents: 0, kubernetes: [0, 0], github: 0 },
    });
    portal = await startPortalProcess({
      name: 'urgent-paging',
      config: {
        backend: { database: { client: 'better-sqlite3', connection: ':memory:' }, cache: { store: 'memory' } },
        infra: sandbox.infraConfig(),
        // The catalog (and who owns what) from the sandbox's GitHub, as in production.
        ...sandbox.githubConfig(),
        auth: { providers: { guest: { userEntityRef: 'user:default/kato.minato' } } },
        portal: { platformGroups: ['group:default/team-platform'] },
        // No demo requests: an earlier page of the same service would be joined instead of sent.
        support: {
          urgent: { routingKey: SANDBOX_CREDENTIALS.pagerdutyRoutingKey },
          demoData: false,
          sla: { checkFrequencyMinutes: 1440 },
        },
        prr: { schedule: { frequencyMinutes: 1440, initialDelaySeconds: 86400 } },
        slo: { refresh: { frequency: { hours: 24 } } },
      },
    });
    token = await portal.guestToken();
  });

  afterAll(async () => {
    await portal?.stop();
    await sandbox?.stop();
  });

  /** Events API calls the sandbox's PagerDuty received since the log was last cleared. */
  const enqueued = async () => {
    const res = await fetch(`${sandbox.urls.admin}/requests`);
    const body = (await res.json()) as { log: Record<string, string[]> };
    return (body.log.pagerduty ?? []).filter(line => line.startsWith('POST /v2/enqueue'));
  };

  const urgent = (entityRef: string) => ({
    type: 'incident-assistance',
    title: `Checkout errors, need the platform on-call (${entityRef})`,
    entityRef,
    fields: { urgency: 'high', impact: 'Orders fail for some customers' },
  });

  const file = (body: unknown, idempotencyKey?: string) =>
    fetch(`${portal.url}/api/support/requests`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
        ...(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}),
      },
      body: JSON.stringify(body),
    }).then(async res => ({ status: res.status, json: (await res.json()) as any }));

  it('refuses an urgent page for a service the user does not own: 403, nothing filed, no Events API call', async () => {
    await fetch(`${sandbox.urls.admin}/requests`, { method: 'DELETE' });
    const denied = await file(urgent(OTHER), 'urgent-other-1');
    expect(denied.status).toBe(403);
    expect(denied.json.error.message).toMatch(
      /may not page the platform on-call for component:default\/search-service/,
    );
    expect(await enqueued()).toEqual([]);
    const mine = await callPortal(portal, token, 'GET', '/api/support/requests?mine=true');
    expect(mine.status).toBe(200);
    expect(mine.json.total).toBe(0);
  });

  it("pages once for an urgent request for the user's own service, also when the client retries", async () => {
    await fetch(`${sandbox.urls.admin}/requests`, { method: 'DELETE' });
    const first = await file(urgent(OWN), 'urgent-own-1');
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ priority: 'P1', entityRef: OWN, requester: 'user:default/kato.minato' });
    expect(first.json.page).toMatchObject({ status: 'sent', dedupKey: `support-${first.json.id}` });
    expect(await enqueued()).toHaveLength(1);
    // The same Idempotency-Key again: the same request, no second page.
    const retry = await file(urgent(OWN), 'urgent-own-1');
    expect(retry.status).toBe(200);
    expect(retry.json.id).toBe(first.json.id);
    expect(await enqueued()).toHaveLength(1);
  });
});
