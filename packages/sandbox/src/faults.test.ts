import { loadContract } from './contracts/loadContract';
import { startSandbox, type Sandbox } from './server';

jest.setTimeout(60_000);

/**
 * The `endlessPages` fault breaks only the paging: every answer still validates against the
 * vendor's contract, while it asks for another page forever (a repeated Kubernetes `continue`
 * token, PagerDuty's `more: true`, Datadog's full pages of the same records).
 */
describe('endlessPages fault', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({
      ports: { admin: 0, datadog: 0, pagerduty: 0, pagerdutyEvents: 0, kubernetes: [0] },
    });
  });
  afterAll(() => sandbox.stop());
  afterEach(() => sandbox.faults.clear());

  const get = async (url: string, headers: Record<string, string>) => {
    const res = await fetch(url, { headers });
    return { status: res.status, body: (await res.json()) as any };
  };
  const valid = (name: Parameters<typeof loadContract>[0], p: string, res: { status: number; body: unknown }) => {
    const contract = loadContract(name);
    // Without ../shared/contracts the paging is still checked, the schemas are not.
    return contract ? contract.validateResponse('GET', p.split('?')[0], res.status, res.body) : [];
  };

  it('Kubernetes: every page hands back the continue token it was sent', async () => {
    const cluster = sandbox.infraConfig().kubernetes.clusters[0];
    sandbox.faults.set(`kubernetes/${cluster.name}`, { endlessPages: true });
    const headers = { Authorization: `Bearer ${cluster.serviceAccountToken}` };
    const first = await get(`${cluster.url}/api/v1/pods?limit=500`, headers);
    expect(first.status).toBe(200);
    const token = first.body.metadata.continue;
    expect(token).toEqual(expect.any(String));
    const p = `/api/v1/pods?limit=500&continue=${encodeURIComponent(token)}`;
    const second = await get(`${cluster.url}${p}`, headers);
    expect(second.body.metadata.continue).toBe(token);
    expect(second.body.items.length).toBe(first.body.items.length);
    expect(valid('kubernetes', p, second)).toEqual([]);

    sandbox.faults.clear();
    const normal = await get(`${cluster.url}/api/v1/pods?limit=500`, headers);
    expect(normal.body.metadata.continue).toBeUndefined();
  });

  it('PagerDuty: every page says more: true, even past the end', async () => {
    const pd = sandbox.infraConfig().pagerduty;
    sandbox.faults.set('pagerduty', { endlessPages: true });
    const p = '/services?limit=100&offset=5000';
    const res = await get(`${pd.apiBaseUrl}${p}`, {
      Authorization: `Token token=${pd.token}`,
      Accept: 'application/vnd.pagerduty+json;version=2',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ services: [], offset: 5000, more: true });
    expect(valid('pagerduty-rest', p, res)).toEqual([]);
  });

  it('PagerDuty: the fault can be limited to some paths', async () => {
    const pd = sandbox.infraConfig().pagerduty;
    sandbox.faults.set('pagerduty', { endlessPages: true, path: '^/oncalls' });
    const headers = { Authorization: `Token token=${pd.token}`, Accept: 'application/vnd.pagerduty+json;version=2' };
    expect((await get(`${pd.apiBaseUrl}/services?limit=100&offset=5000`, headers)).body.more).toBe(false);
    expect((await get(`${pd.apiBaseUrl}/oncalls?limit=100&offset=5000`, headers)).body.more).toBe(true);
  });

  it('Datadog: every page of monitors and events is a full page of the first records', async () => {
    const dd = sandbox.infraConfig().datadog;
    sandbox.faults.set('datadog', { endlessPages: true });
    const headers = { 'DD-API-KEY': dd.apiKey, 'DD-APPLICATION-KEY': dd.appKey };
    const p = '/api/v1/monitor?page=7&page_size=50';
    const monitors = await get(`${dd.baseUrl}${p}`, headers);
    expect(monitors.status).toBe(200);
    expect(monitors.body).toHaveLength(50);
    expect(valid('datadog-v1', p, monitors)).toEqual([]);

    const end = Math.floor(Date.now() / 1000);
    const e = `/api/v1/events?start=${end - 7 * 86400}&end=${end}&page=4`;
    const events = await get(`${dd.baseUrl}${e}`, headers);
    expect(events.status).toBe(200);
    expect(events.body.events).toHaveLength(1000);
    expect(valid('datadog-v1', e, events)).toEqual([]);
  });
});
