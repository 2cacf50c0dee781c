import { ConfigReader } from '@backstage/config';
import { startSandbox, type Sandbox } from '@internal/sandbox';
import { readInfraConfig } from '../config';
import { PagingError } from '../resilience/paging';
import { DatadogClient } from './datadog/DatadogClient';
import { KubernetesCluster } from './kubernetes/KubernetesCluster';
import { PagerDutyClient } from './pagerduty/PagerDutyClient';

jest.setTimeout(60_000);

/**
 * Every paged listing is bounded: against a sandbox whose servers never stop paging (a Kubernetes
 * API server that repeats its `continue` token, PagerDuty answering `more: true` forever, Datadog
 * answering full pages of the same monitors and events), the real clients stop and fail with an
 * error that names the upstream and the operation, after a bounded number of requests.
 */
describe('paged listings are bounded', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({
      ports: { admin: 0, datadog: 0, pagerduty: 0, pagerdutyEvents: 0, kubernetes: [0] },
    });
  });
  afterAll(() => sandbox.stop());
  afterEach(() => sandbox.faults.clear());

  const MAX_PAGES = 7;
  function config(maxPages?: Record<string, number>) {
    return readInfraConfig(
      new ConfigReader({
        infra: {
          ...sandbox.infraConfig(),
          ...(maxPages ? { resilience: { maxPages } } : {}),
        },
      }),
    );
  }
  const requests = (target: string, prefix: string) =>
    (sandbox.faults.requestLog.get(target) ?? []).filter(l => l.startsWith(prefix));

  describe('Kubernetes', () => {
    const cluster = () => config({ kubernetes: MAX_PAGES }).kubernetes.clusters[0];
    const target = () => `kubernetes/${cluster().name}`;

    it('lists pods in one page when the server ends the list', async () => {
      const pods = await new KubernetesCluster(cluster()).list('pods');
      expect(pods.length).toBeGreaterThan(0);
    });

    it('fails, naming the cluster and the listing, when the server repeats its continue token', async () => {
      sandbox.faults.resetCounts();
      sandbox.faults.set(target(), { endlessPages: true });
      const error = await new KubernetesCluster(cluster()).list('pods').catch(e => e);
      expect(error).toBeInstanceOf(PagingError);
      expect(error.message).toMatch(new RegExp(`^Kubernetes cluster ${cluster().name} list pods: .*already returned`));
      expect(error.retryable).toBe(false);
      // The first page hands out a token, the second repeats it: two requests, not thousands.
      expect(requests(target(), 'GET /api/v1/pods')).toHaveLength(2);
    });

    it('fails after the page cap when each token is new but the list never ends', async () => {
      // A server that hands out ever new tokens (each a valid one that restarts the list).
      sandbox.faults.resetCounts();
      const client = new KubernetesCluster(cluster());
      const original = (client as any).core.listPodForAllNamespaces.bind((client as any).core);
      let n = 0;
      (client as any).core.listPodForAllNamespaces = async (p: any, o: any) => {
        const page = await original({ limit: p.limit }, o);
        n += 1;
        return { ...page, metadata: { ...page.metadata, _continue: `token-${n}` } };
      };
      const error = await client.list('pods').catch(e => e);
      expect(error).toBeInstanceOf(PagingError);
      expect(error.message).toBe(
        `Kubernetes cluster ${
          cluster().name
        } list pods: more than ${MAX_PAGES} pages (the cap of infra.resilience.maxPages); paging stopped`,
      );
      expect(n).toBe(MAX_PAGES);
    });

    it('stops paging when the attempt is aborted (a timeout cancels the listing)', async () => {
      sandbox.faults.resetCounts();
      sandbox.faults.set(target(), { endlessPages: true, latencyMs: 1500 });
      const controller = new AbortController();
      setTimeout(() => controller.abort(new Error('timed out after 100 ms')), 100);
      const started = Date.now();
      await expect(new KubernetesCluster(cluster()).list('pods', controller.signal)).rejects.toThrow(
        'timed out after 100 ms',
      );
      // The page in flight is cancelled: no waiting for the slow answer, no further page.
      expect(Date.now() - started).toBeLessThan(1000);
      expect(requests(target(), 'GET /api/v1/pods')).toHaveLength(1);
    });
  });

  describe('PagerDuty', () => {
    it('fails after the page cap when PagerDuty answers more: true forever', async () => {
      sandbox.faults.resetCounts();
      sandbox.faults.set('pagerduty', { endlessPages: true });
      const client = new PagerDutyClient(config({ pagerduty: MAX_PAGES }).pagerduty!);
      const error = await client.listIncidents({ since: new Date(Date.now() - 30 * 86400_000) }).catch(e => e);
      expect(error).toBeInstanceOf(PagingError);
      expect(error.message).toMatch(/^PagerDuty GET \/incidents: /);
      // Past the last incident the pages are empty yet say `more`: stopped at the repeat or the cap.
      expect(requests('pagerduty', 'GET /incidents').length).toBeLessThanOrEqual(MAX_PAGES);
    });

    it('fails after exactly the page cap when each page is new but more: true never ends', async () => {
      sandbox.faults.resetCounts();
      sandbox.faults.set('pagerduty', { endlessPages: true });
      const client = new PagerDutyClient(config({ pagerduty: MAX_PAGES }).pagerduty!);
      // Services are few: pages past the end are empty; make each one look new.
      const get = (client as any).get.bind(client);
      let n = 0;
      (client as any).get = async (...args: any[]) => {
        const page = await get(...args);
        n += 1;
        return { ...page, services: [{ id: `PSVC${n}`, name: `service ${n}`, status: 'active' }] };
      };
      const error = await client.listServices().catch(e => e);
      expect(error).toBeInstanceOf(PagingError);
      expect(error.message).toBe(
        `PagerDuty GET /services: more than ${MAX_PAGES} pages (the cap of infra.resilience.maxPages); paging stopped`,
      );
      expect(requests('pagerduty', 'GET /services')).toHaveLength(MAX_PAGES);
    });

    it('names the listing of an incident log, not its id', async () => {
      const client = new PagerDutyClient(config({ pagerduty: MAX_PAGES }).pagerduty!);
      const [incident] = await client.listIncidents({ since: new Date(Date.now() - 30 * 86400_000) });
      sandbox.faults.set('pagerduty', { endlessPages: true });
      await expect(client.listLogEntries(incident.id)).rejects.toThrow(
        /^PagerDuty GET \/incidents\/\{id\}\/log_entries: /,
      );
    });
  });

  describe('Datadog', () => {
    const client = () => new DatadogClient(config({ datadog: MAX_PAGES, datadogEvents: 3 }).datadog!);

    it('fails when every page of monitors is the same full page', async () => {
      sandbox.faults.resetCounts();
      sandbox.faults.set('datadog', { endlessPages: true });
      const error = await client()
        .listMonitors()
        .catch(e => e);
      expect(error).toBeInstanceOf(PagingError);
      expect(error.message).toMatch(/^Datadog GET \/api\/v1\/monitor: page 1 repeats the previous page/);
      expect(requests('datadog', 'GET /api/v1/monitor')).toHaveLength(2);
    });

    it('reads more than 1,000 events through pages, and fails past the events cap instead of truncating', async () => {
      // The sandbox's week of events fits one page; the fault fills each page with 1,000.
      const dd = client();
      const week = await dd.listEvents(7);
      expect(week.length).toBeGreaterThan(0);
      expect(week.length).toBeLessThan(1000);

      sandbox.faults.resetCounts();
      sandbox.faults.set('datadog', { endlessPages: true });
      const error = await dd.listEvents(7).catch(e => e);
      expect(error).toBeInstanceOf(PagingError);
      expect(error.message).toMatch(/^Datadog GET \/api\/v1\/events: /);
      expect(requests('datadog', 'GET /api/v1/events').length).toBeLessThanOrEqual(3);
    });

    it('reads events past the first 1,000 (page by page) instead of stopping silently', async () => {
      const dd = client();
      const listEvents = (dd as any).eventsApi.listEvents.bind((dd as any).eventsApi);
      // 2,500 distinct events: two full pages and a last partial one.
      (dd as any).eventsApi.listEvents = async (p: any) => {
        const first = await listEvents({ ...p, page: 0 });
        const template = first.events[0];
        const count = p.page < 2 ? 1000 : 500;
        return {
          ...first,
          events: Array.from({ length: count }, (_, i) => ({
            ...template,
            id: p.page * 1000 + i,
            idStr: String(p.page * 1000 + i),
          })),
        };
      };
      const events = await dd.listEvents(7);
      expect(events).toHaveLength(2500);
      expect(new Set(events.map(e => e.id)).size).toBe(2500);
    });
  });

  it('refuses a page cap that is not a positive whole number', () => {
    expect(() => config({ kubernetes: 0 })).toThrow(/infra.resilience.maxPages.kubernetes/);
    expect(config().kubernetes.clusters[0].maxPages).toBe(100);
    expect(config().pagerduty!.maxPages).toBe(100);
    expect(config().datadog!.maxEventPages).toBe(10);
  });
});
