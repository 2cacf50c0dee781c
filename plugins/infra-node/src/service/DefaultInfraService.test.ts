import { CacheManager } from '@backstage/backend-defaults/cache';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { routingKeyOf, startSandbox, type Sandbox } from '@internal/sandbox';
import { readInfraConfig } from '../config';
import { DefaultInfraService } from './DefaultInfraService';

/** The service against the sandbox: PagerDuty's Events API (pdjs over HTTPS) and incident history. */
describe('DefaultInfraService with the sandbox', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({
      ports: { admin: 0, datadog: 0, pagerduty: 0, pagerdutyEvents: 0, kubernetes: [0, 0] },
    });
  });
  afterAll(() => sandbox.stop());

  function makeService() {
    const config = new ConfigReader({
      backend: { cache: { store: 'memory' } },
      infra: {
        pagerduty: { ...sandbox.infraConfig().pagerduty, cacheTtlSeconds: 0 },
      },
    });
    const cache = CacheManager.fromConfig(config).forPlugin('infra-test');
    return new DefaultInfraService(readInfraConfig(config), cache, mockServices.logger.mock());
  }

  it('triggers and resolves an incident through the Events API v2 (pdjs over HTTPS)', async () => {
    const infra = makeService();
    const serviceId = sandbox.world.services.find(s => s.name === 'checkout-service')!.pagerdutyServiceIds[0];
    const client = infra.pagerDutyClient()!;
    const dedup = `portal-test-${Date.now()}`;
    const triggered = await client.sendEvent({
      routing_key: routingKeyOf(serviceId),
      event_action: 'trigger',
      dedup_key: dedup,
      payload: { summary: 'Checkout latency above 2 s', source: 'platform-portal', severity: 'error' },
    });
    expect(triggered).toMatchObject({ status: 'success', dedup_key: dedup });

    const open = await infra.openIncidents();
    const mine = open.data!.find(i => i.serviceId === serviceId && i.title.includes('Checkout latency'));
    expect(mine).toMatchObject({ status: 'triggered' });

    const log = await infra.incidentLogEntries(mine!.id);
    expect(log.data!.map(e => e.type)).toContain('trigger_log_entry');

    await client.sendEvent({ routing_key: routingKeyOf(serviceId), event_action: 'resolve', dedup_key: dedup });
    const after = await infra.openIncidents();
    expect(after.data!.some(i => i.id === mine!.id)).toBe(false);
  });

  it('refuses an unknown routing key with a clear error', async () => {
    const client = makeService().pagerDutyClient()!;
    await expect(
      client.sendEvent({
        routing_key: 'not-a-routing-key-000000000000000',
        event_action: 'trigger',
        payload: { summary: 'x', source: 'y', severity: 'info' },
      }),
    ).rejects.toThrow(/PagerDuty API 400/);
  });
});
