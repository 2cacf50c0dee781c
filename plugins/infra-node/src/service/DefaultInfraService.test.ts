import { CacheManager } from '@backstage/backend-defaults/cache';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { routingKeyOf, startSandbox, type Sandbox } from '@internal/sandbox';
import { readInfraConfig } from '../config';
import { DatadogClient, type DatadogSloDefinition } from '../upstreams/datadog/DatadogClient';
import { PagerDutyClient } from '../upstreams/pagerduty/PagerDutyClient';
import { DefaultInfraService } from './DefaultInfraService';

jest.setTimeout(60_000);

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/**
 * The service against the sandbox: every vendor call goes through its typed methods (no raw
 * client leaves infra-node). Reads are cached; writes are never cached, and retried only when
 * repeating them is harmless.
 */
describe('DefaultInfraService with the sandbox', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({
      ports: { admin: 0, datadog: 0, pagerduty: 0, pagerdutyEvents: 0, kubernetes: [0, 0] },
    });
  });
  afterAll(() => sandbox.stop());
  afterEach(() => {
    sandbox.faults.clear();
    jest.restoreAllMocks();
  });

  const TIMEOUT_MS = 1000;

  function makeService() {
    const config = new ConfigReader({
      backend: { cache: { store: 'memory' } },
      infra: {
        datadog: sandbox.infraConfig().datadog,
        pagerduty: { ...sandbox.infraConfig().pagerduty, cacheTtlSeconds: 0 },
        resilience: { timeoutMs: TIMEOUT_MS, deadlineMs: 10_000, retries: 2, backoffMs: 10 },
      },
    });
    const cache = CacheManager.fromConfig(config).forPlugin('infra-test');
    return new DefaultInfraService(readInfraConfig(config), cache, mockServices.logger.mock());
  }

  /** Requests the sandbox received for a vendor since the last reset, as `METHOD /path?query`. */
  const log = (target: 'datadog' | 'pagerduty') => sandbox.faults.requestLog.get(target) ?? [];
  const count = (target: 'datadog' | 'pagerduty', prefix: string) =>
    log(target).filter(l => l.startsWith(prefix)).length;

  describe('PagerDuty', () => {
    const serviceId = () => sandbox.world.services.find(s => s.name === 'checkout-service')!.pagerdutyServiceIds[0];

    it('triggers and resolves an incident through the Events API v2 (pdjs over HTTPS)', async () => {
      const infra = makeService();
      const dedup = `portal-test-${Date.now()}`;
      const triggered = await infra.sendPagerDutyEvent({
        routing_key: routingKeyOf(serviceId()),
        event_action: 'trigger',
        dedup_key: dedup,
        payload: { summary: 'Checkout latency above 2 s', source: 'platform-portal', severity: 'error' },
      });
      expect(triggered).toMatchObject({ status: 'success', dedup_key: dedup });

      const open = await infra.openIncidents();
      const mine = open.data!.find(i => i.serviceId === serviceId() && i.title.includes('Checkout latency'));
      expect(mine).toMatchObject({ status: 'triggered' });

      const entries = await infra.incidentLogEntries(mine!.id);
      expect(entries.data!.map(e => e.type)).toContain('trigger_log_entry');

      await infra.sendPagerDutyEvent({
        routing_key: routingKeyOf(serviceId()),
        event_action: 'resolve',
        dedup_key: dedup,
      });
      const after = await infra.openIncidents();
      expect(after.data!.some(i => i.id === mine!.id)).toBe(false);
    });

    it('refuses an unknown routing key with a clear error, without retrying', async () => {
      const infra = makeService();
      sandbox.faults.resetCounts();
      await expect(
        infra.sendPagerDutyEvent({
          routing_key: 'not-a-routing-key-000000000000000',
          event_action: 'trigger',
          dedup_key: 'portal-test-unknown-key',
          payload: { summary: 'x', source: 'y', severity: 'info' },
        }),
      ).rejects.toThrow(/PagerDuty API 400/);
      expect(count('pagerduty', 'POST /v2/enqueue')).toBe(1);
    });

    it('retries a failed event with the same dedup key: one alert, one incident', async () => {
      const infra = makeService();
      const send = jest.spyOn(PagerDutyClient.prototype, 'sendEvent');
      const dedup = `portal-retry-${Date.now()}`;
      sandbox.faults.resetCounts();
      sandbox.faults.set('pagerduty', { status: 503, count: 1 });
      const reply = await infra.sendPagerDutyEvent({
        routing_key: routingKeyOf(serviceId()),
        event_action: 'trigger',
        dedup_key: dedup,
        payload: { summary: `[${dedup}] Retried page`, source: 'platform-portal', severity: 'critical' },
      });
      expect(reply).toMatchObject({ status: 'success', dedup_key: dedup });
      expect(count('pagerduty', 'POST /v2/enqueue')).toBe(2);
      expect(send).toHaveBeenCalledTimes(2);
      expect(send.mock.calls.map(([event]) => event.dedup_key)).toEqual([dedup, dedup]);
      const open = await infra.openIncidents({ maxAgeMs: 0 });
      expect(open.data!.filter(i => i.title.startsWith(`[${dedup}]`))).toHaveLength(1);
      await infra.sendPagerDutyEvent({
        routing_key: routingKeyOf(serviceId()),
        event_action: 'resolve',
        dedup_key: dedup,
      });
    });

    it('refuses an event without a dedup key (it could not be retried safely)', async () => {
      const infra = makeService();
      await expect(
        infra.sendPagerDutyEvent({ routing_key: routingKeyOf(serviceId()), event_action: 'trigger', dedup_key: '' }),
      ).rejects.toThrow(/dedup key/);
    });

    it('reads one incident, null for an unknown id, and incidents since a time', async () => {
      const infra = makeService();
      const recent = await infra.recentIncidents();
      const known = recent.data![0];
      const one = await infra.incident(known.id);
      expect(one.data).toMatchObject({ id: known.id, title: known.title });
      const none = await infra.incident('PNOSUCHINCIDENT');
      expect(none.freshness.state).toBe('fresh');
      expect(none.data).toBeNull();
      const since = new Date(Date.now() - 30 * 86400_000);
      const older = await infra.incidentsSince(since);
      expect(older.data!.length).toBeGreaterThanOrEqual(recent.data!.length);
      expect(older.data!.every(i => Date.parse(i.createdAt) >= since.getTime())).toBe(true);
    });
  });

  describe('Datadog', () => {
    let n = 0;
    const definition = (): DatadogSloDefinition => {
      n += 1;
      const entity = `component:default/infra-test-${Date.now()}-${n}`;
      return {
        name: `infra test ${Date.now()}-${n} availability`,
        description: 'made by the infra-node tests',
        tags: ['managed-by:infra-test', `backstage-entity:${entity}`],
        numerator: 'sum:trace.http.request.hits{env:prod,service:cart-service,!http.status_class:5xx}.as_count()',
        denominator: 'sum:trace.http.request.hits{env:prod,service:cart-service}.as_count()',
        timeframe: '30d',
        target: 99.5,
      };
    };
    const named = async (infra: DefaultInfraService, d: DatadogSloDefinition) =>
      (await infra.listSlos(d.tags.join(','))).data!.filter(s => s.name === d.name);

    it('creates, updates and lists SLOs; writes and SLO lists never come from the cache', async () => {
      const infra = makeService();
      const d = definition();
      sandbox.faults.resetCounts();
      const created = await infra.createSlo(d, { identifyingTags: d.tags });
      expect(created).toMatchObject({ name: d.name, target: 99.5, timeframe: '30d' });
      expect(created.id).toMatch(/^[0-9a-f]{32}$/);
      // The same update twice: both reach Datadog (neither cached nor coalesced).
      await infra.updateSlo(created.id, { ...d, target: 99.9 });
      const updated = await infra.updateSlo(created.id, { ...d, target: 99.9 });
      expect(updated.target).toBe(99.9);
      expect(count('datadog', `PUT /api/v1/slo/${created.id}`)).toBe(2);
      // Lists read Datadog each time and see the write at once.
      expect((await named(infra, d)).map(s => s.target)).toEqual([99.9]);
      expect((await named(infra, d)).map(s => s.target)).toEqual([99.9]);
      expect(count('datadog', 'GET /api/v1/slo?')).toBe(2);
      expect(count('datadog', 'POST /api/v1/slo')).toBe(1);
      expect(infra.upstreamStats().find(u => u.name === 'datadog')!.cache).toMatchObject({ hits: 0, misses: 0 });
    });

    it('does not retry a create that timed out; one that succeeded upstream is found, not duplicated', async () => {
      const infra = makeService();
      const d = definition();
      const original = DatadogClient.prototype.createSlo;
      const create = jest
        .spyOn(DatadogClient.prototype, 'createSlo')
        .mockImplementation(async function slowAnswer(this: DatadogClient, def: DatadogSloDefinition) {
          // Datadog creates it, but the answer comes after the portal stopped waiting.
          const made = await original.call(this, def);
          await sleep(TIMEOUT_MS + 500);
          return made;
        });
      sandbox.faults.resetCounts();
      const created = await infra.createSlo(d, { identifyingTags: d.tags });
      expect(create).toHaveBeenCalledTimes(1);
      expect(count('datadog', 'POST /api/v1/slo')).toBe(1);
      expect(created.name).toBe(d.name);
      expect(await named(infra, d)).toHaveLength(1);
    });

    it('does not retry a create that timed out and left nothing: it fails, saying so', async () => {
      const infra = makeService();
      const d = definition();
      sandbox.faults.resetCounts();
      sandbox.faults.set('datadog', { hang: true, count: 1 });
      await expect(infra.createSlo(d, { identifyingTags: d.tags })).rejects.toThrow(
        /timed out after \d+ ms \(not retried; not found afterwards\)/,
      );
      expect(count('datadog', 'POST /api/v1/slo')).toBe(1);
      expect(await named(infra, d)).toHaveLength(0);
    });

    it('does not retry a create answered 503; refused creates (4xx) are not looked for', async () => {
      const infra = makeService();
      const d = definition();
      sandbox.faults.resetCounts();
      sandbox.faults.set('datadog', { status: 503, count: 1 });
      await expect(infra.createSlo(d, { identifyingTags: d.tags })).rejects.toThrow(/Datadog API 503.*not retried/);
      expect(count('datadog', 'POST /api/v1/slo')).toBe(1);
      expect(count('datadog', 'GET /api/v1/slo?')).toBe(1);

      sandbox.faults.resetCounts();
      await expect(infra.createSlo({ ...d, target: 250 }, { identifyingTags: d.tags })).rejects.toThrow(
        /Datadog API 400/,
      );
      expect(count('datadog', 'POST /api/v1/slo')).toBe(1);
      expect(count('datadog', 'GET /api/v1/slo?')).toBe(0);
    });

    it('retries an update (a PUT) after a 503', async () => {
      const infra = makeService();
      const d = definition();
      const created = await infra.createSlo(d, { identifyingTags: d.tags });
      sandbox.faults.resetCounts();
      sandbox.faults.set('datadog', { status: 503, count: 1 });
      const updated = await infra.updateSlo(created.id, { ...d, target: 99 });
      expect(updated.target).toBe(99);
      expect(count('datadog', `PUT /api/v1/slo/${created.id}`)).toBe(2);
    });

    it('caches monitor and metric reads; reduces a metric answer before caching it', async () => {
      const infra = makeService();
      sandbox.faults.resetCounts();
      const first = await infra.allMonitors();
      const second = await infra.allMonitors();
      expect(first.data!.length).toBeGreaterThan(0);
      expect(first.data![0]).toEqual(
        expect.objectContaining({ query: expect.any(String), message: expect.any(String), tags: expect.any(Array) }),
      );
      expect(second.data).toEqual(first.data);
      expect(count('datadog', 'GET /api/v1/monitor')).toBe(1);

      const to = Math.floor(Date.now() / 60_000) * 60 - 3600;
      const request = {
        query:
          'sum:trace.http.request.hits{env:prod,service:(cart-service)} by {service,resource_name,http.status_code}.as_count()',
        from: to - 3600,
        to,
        interval: 3600,
      };
      const reduce = jest.fn((a: { series: unknown[] }) => ({ series: a.series.length }));
      const m1 = await infra.metricTimeseries('test:metric', 60_000, request, reduce);
      const m2 = await infra.metricTimeseries('test:metric', 60_000, request, reduce);
      expect(m1.data!.series).toBeGreaterThan(0);
      expect(m2.data).toEqual(m1.data);
      expect(reduce).toHaveBeenCalledTimes(1);
      expect(count('datadog', 'POST /api/v2/query/timeseries')).toBe(1);
    });
  });

  describe('Overviews', () => {
    it("show a rollout after the cluster's next refresh, not the workloads of the snapshot before", async () => {
      const config = new ConfigReader({
        backend: { cache: { store: 'memory' } },
        infra: { kubernetes: sandbox.infraConfig().kubernetes },
      });
      const infra = new DefaultInfraService(
        readInfraConfig(config),
        CacheManager.fromConfig(config).forPlugin('infra-overview-test'),
        mockServices.logger.mock(),
      );
      const cart = sandbox.world.services.find(s => s.name === 'cart-service')!;
      const cluster = cart.clusters[0];
      const entity = {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: 'cart-service',
          annotations: {
            'backstage.io/kubernetes-id': 'cart-service',
            'backstage.io/kubernetes-namespace': 'checkout',
          },
        },
      };
      const images = async () => {
        const o = await infra.entityOverview(entity);
        const c = o.kubernetes.data!.clusters.find(x => x.cluster === cluster)!;
        expect(c.freshness.state).toBe('fresh');
        return c.workloads.flatMap(w => w.images);
      };
      // A first view asks for the cluster's snapshots (they answer 'loading' until listed); the
      // refresh task then lists the ones read.
      await infra.entityOverview(entity);
      await infra.refreshSnapshots(`kubernetes-${cluster}`);
      const before = await images();
      expect(before.length).toBeGreaterThan(0);
      // The same snapshot: the same answer, however often it is asked.
      expect(await images()).toEqual(before);
      const rolled = await fetch(
        `${sandbox.urls.admin}/kubernetes/${cluster}/deployments/checkout/cart-service/rollout`,
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ version: '9.9.9-overview' }),
        },
      );
      expect(rolled.status).toBe(201);
      await infra.refreshSnapshots(`kubernetes-${cluster}`);
      const after = await images();
      expect(after).not.toEqual(before);
      expect(after.some(i => i.endsWith(':9.9.9-overview'))).toBe(true);
      sandbox.rollouts.clear();
    });
  });
});
