import { SANDBOX_CREDENTIALS, startSandbox, type Sandbox } from '@internal/sandbox';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { callPortal } from '../testing/portalApi';
import { startPortalProcess, type PortalProcess } from '../testing/portalProcess';

/**
 * Pod logs against the real backend (every plugin, the portal's permission policy, a real user
 * token, the sandbox's clusters): an owner reads the logs of pods in their own team's namespaces
 * and nothing else, whatever Kubernetes annotations they put on a component they own.
 *
 * The process signs its guest in as user:default/kato.minato, a member of team-checkout (which
 * owns the checkout namespace: its Namespace carries `platform-portal.io/owner: team-checkout`),
 * not on the platform team. The components below are team-checkout's own, registered through an
 * extra `file` location: exactly what a team member could put in a catalog-info.yaml.
 */
jest.setTimeout(300_000);

const SELECTOR = 'backstage.io/kubernetes-label-selector';
const NAMESPACE = 'backstage.io/kubernetes-namespace';
const CLUSTER = 'aws-tokyo';

const component = (name: string, annotations: Record<string, string>) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, annotations },
  spec: { type: 'service', lifecycle: 'experimental', owner: 'group:default/team-checkout' },
});

const HOSTILE = [
  // The reported attack: a selector that matches every pod, and no namespace.
  component('podlogs-negated', { [SELECTOR]: '!x' }),
  component('podlogs-negated-own-namespace', { [SELECTOR]: '!x', [NAMESPACE]: 'checkout' }),
  component('podlogs-empty', { [SELECTOR]: '', [NAMESPACE]: 'checkout' }),
  component('podlogs-notin', { [SELECTOR]: 'app notin (a)', [NAMESPACE]: 'checkout' }),
  component('podlogs-not-equal', { [SELECTOR]: 'tier!=batch', [NAMESPACE]: 'checkout' }),
  component('podlogs-no-namespace', { [SELECTOR]: 'backstage.io/kubernetes-id=checkout-service' }),
  component('podlogs-other-team', {
    [SELECTOR]: 'backstage.io/kubernetes-id=web-storefront',
    [NAMESPACE]: 'storefront',
  }),
  component('podlogs-kube-system', { [SELECTOR]: 'k8s-app=kube-proxy', [NAMESPACE]: 'kube-system' }),
];

describe('pod logs, bound to what the owner owns', () => {
  let sandbox: Sandbox;
  let portal: PortalProcess;
  let token: string;
  let dir: string;
  const pods: Record<'kubeSystem' | 'storefront' | 'checkout', string> = {
    kubeSystem: '',
    storefront: '',
    checkout: '',
  };

  /** The first pod of a namespace (optionally by label), straight from the sandbox's API server. */
  const firstPod = async (namespace: string, labelSelector?: string) => {
    const query = labelSelector ? `?labelSelector=${encodeURIComponent(labelSelector)}` : '';
    const res = await fetch(`${sandbox.urls.kubernetes[CLUSTER]}/api/v1/namespaces/${namespace}/pods${query}`, {
      headers: { Authorization: `Bearer ${SANDBOX_CREDENTIALS.kubernetesToken}` },
    });
    const body = (await res.json()) as { items: Array<{ metadata: { name: string } }> };
    return body.items[0].metadata.name;
  };

  beforeAll(async () => {
    sandbox = await startSandbox({
      ports: { admin: 0, datadog: 0, pagerduty: 0, pagerdutyEvents: 0, kubernetes: [0, 0], github: 0 },
    });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podlogs-'));
    const hostileFile = path.join(dir, 'catalog-info.yaml');
    fs.writeFileSync(hostileFile, HOSTILE.map(e => stringify(e)).join('---\n'));
    const github = sandbox.githubConfig();
    portal = await startPortalProcess({
      name: 'pod-logs',
      config: {
        backend: { database: { client: 'better-sqlite3', connection: ':memory:' }, cache: { store: 'memory' } },
        infra: sandbox.infraConfig(),
        ...github,
        catalog: { ...github.catalog, locations: [{ type: 'file', target: hostileFile }] },
        auth: { providers: { guest: { userEntityRef: 'user:default/kato.minato' } } },
        portal: { platformGroups: ['group:default/team-platform'] },
        support: { demoData: false, sla: { checkFrequencyMinutes: 1440 } },
        prr: { schedule: { frequencyMinutes: 1440, initialDelaySeconds: 86400 } },
        slo: { refresh: { frequency: { hours: 24 } } },
      },
    });
    token = await portal.guestToken();
    // The file location is read in the background: wait for every hostile component.
    const deadline = Date.now() + 120_000;
    const ingested = (name: string) =>
      callPortal(portal, token, 'GET', `/api/catalog/entities/by-name/component/default/${name}`).then(
        a => a.status === 200,
      );
    for (;;) {
      const found = await Promise.all(HOSTILE.map(e => ingested(e.metadata.name)));
      if (found.every(Boolean)) break;
      if (Date.now() > deadline) {
        throw new Error(
          `not ingested: ${HOSTILE.filter((_, i) => !found[i])
            .map(e => e.metadata.name)
            .join(', ')}`,
        );
      }
      await new Promise(r => setTimeout(r, 1000));
    }
    pods.kubeSystem = await firstPod('kube-system');
    pods.storefront = await firstPod('storefront', 'backstage.io/kubernetes-id=web-storefront');
    pods.checkout = await firstPod('checkout', 'backstage.io/kubernetes-id=checkout-service');
  });

  afterAll(async () => {
    await portal?.stop();
    await sandbox?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const logs = (entity: string, pod: string) =>
    callPortal(
      portal,
      token,
      'GET',
      `/api/infra/entities/component/default/${entity}/logs?cluster=${CLUSTER}&pod=${pod}&tailLines=20`,
    );

  it.each([
    ['podlogs-negated', 400, /no backstage\.io\/kubernetes-namespace annotation/],
    ['podlogs-negated-own-namespace', 400, /"!x" does not pin a workload/],
    ['podlogs-empty', 400, /no Kubernetes annotations/],
    ['podlogs-notin', 400, /"app notin \(a\)" does not pin a workload/],
    ['podlogs-not-equal', 400, /"tier!=batch" does not pin a workload/],
    ['podlogs-no-namespace', 400, /no backstage\.io\/kubernetes-namespace annotation/],
    ['podlogs-kube-system', 403, /Namespace kube-system in aws-tokyo is owned by no team/],
  ])("refuses the owner a kube-system pod's log through %s: %i with the reason", async (entity, status, message) => {
    const answer = await logs(entity, pods.kubeSystem);
    expect({ status: answer.status, message: answer.json?.error?.message }).toEqual({
      status,
      message: expect.stringMatching(message),
    });
    expect(answer.text).not.toContain('SyncProxyRules');
  });

  it("refuses the owner a pod in another team's namespace: 403", async () => {
    const answer = await logs('podlogs-other-team', pods.storefront);
    expect(answer.status).toBe(403);
    expect(answer.json.error.message).toBe(
      'Namespace storefront in aws-tokyo is owned by group:default/team-storefront, not by a group you belong to: you may not read its pod logs',
    );
  });

  it("serves the owner their own service's pod log: 200 with the log text", async () => {
    const answer = await logs('checkout-service', pods.checkout);
    expect(answer.status).toBe(200);
    const lines = answer.text.trimEnd().split('\n');
    expect(lines).toHaveLength(20);
    // Timestamped lines of the service's own log (requests it served).
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z /);
    expect(answer.text).toMatch(/request completed/);
  });
});
