import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { SloImpactReport } from '@internal/plugin-slo-common';
import { countRequests, incidentWindows, startSandbox, type Sandbox } from '@internal/sandbox';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { parseAllDocuments } from 'yaml';
import { sloPlugin } from './plugin';

/** `GET /entities/{kind}/{ns}/{name}/impact`: an incident window's cost, against the sandbox. */
jest.setTimeout(60_000);

const entities: Entity[] = parseAllDocuments(
  fs.readFileSync(path.resolve(__dirname, '../../../examples/components.yaml'), 'utf8'),
).map(d => d.toJS() as Entity);

let sandbox: Sandbox;
let server: any;
let stopBackend: () => Promise<void>;
beforeAll(async () => {
  sandbox = await startSandbox({
    ports: { admin: 0, datadog: 0, pagerduty: 0, pagerdutyEvents: 0, kubernetes: [0, 0] },
  });
  const backend = await startTestBackend({
    features: [
      sloPlugin,
      catalogServiceMock.factory({ entities }),
      mockServices.rootConfig.factory({
        data: {
          backend: { cache: { store: 'memory' } },
          infra: {
            ...sandbox.infraConfig(),
            resilience: { timeoutMs: 15_000, deadlineMs: 30_000, retries: 1 },
          },
        },
      }),
      mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      mockServices.httpAuth.factory({ defaultCredentials: mockCredentials.none() }),
    ],
  });
  server = backend.server;
  stopBackend = () => backend.stop();
});
afterAll(async () => {
  await stopBackend?.();
  await sandbox?.stop();
});

const asUser = mockCredentials.user.header('user:default/sato.yuki');
const asService = mockCredentials.service.header();
const impactUrl = (name: string, from: number, to: number) =>
  `/api/slo/entities/component/default/${name}/impact?from=${new Date(from * 1000).toISOString()}&to=${new Date(
    to * 1000,
  ).toISOString()}`;

function byHand(name: string, from: number, to: number) {
  const service = sandbox.world.services.find(s => s.name === name)!;
  const entity = entities.find(e => e.metadata.name === name)!;
  const resources = ((entity.spec as any).slo.endpoints as any[]).map(e => e.resource ?? `${e.method} ${e.route}`);
  const perEndpoint = resources.map(resource => {
    const endpoint = service.endpoints.find(e => e.resource === resource)!;
    const counts = countRequests(service, endpoint, from, to, sandbox.clock);
    let total = 0;
    let bad = 0;
    for (const [status, n] of Object.entries(counts)) {
      total += n;
      if (Number(status) >= 500 || Number(status) === 405) bad += n;
    }
    return { resource, total, bad };
  });
  return perEndpoint;
}

describe('slo impact of an incident window', () => {
  it('counts the bad requests of the seeded burning incident by hand and finds the peak burn', async () => {
    const window = incidentWindows(
      sandbox.world.services.find(s => s.name === 'payment-service')!,
      sandbox.clock.now() - 86400,
      sandbox.clock.now(),
      sandbox.clock,
    ).find(w => w.cause === 'burning')!;
    const from = window.start;
    const now = sandbox.clock.now();
    const to = now - (now % 60);
    const res = await request(server).get(impactUrl('payment-service', from, to)).set('Authorization', asUser);
    expect(res.status).toBe(200);
    const report = res.body as SloImpactReport;
    expect(report.entityRef).toBe('component:default/payment-service');
    expect(report.slos).toHaveLength(1);
    const slo = report.slos[0];
    const hand = byHand('payment-service', from, to);
    const bad = hand.reduce((a, e) => a + e.bad, 0);
    const total = hand.reduce((a, e) => a + e.total, 0);
    expect({ bad: slo.bad, total: slo.total }).toEqual({ bad, total });
    expect(bad).toBeGreaterThan(0);
    // ~3 % failing against a 0.1 % budget rate: a burn rate of about 30 at its peak.
    expect(slo.peakBurnRate).toBeGreaterThan(14.4);
    expect(slo.bucketSeconds).toBe(300);
    expect(Date.parse(slo.peakBurnAt!)).toBeGreaterThanOrEqual(from * 1000);
    expect(slo.budgetConsumedRatio).toBeCloseTo(slo.bad / slo.allowedBad, 5);
    expect(slo.allowedBad).toBeGreaterThan(0);
    expect(slo.endpoints.map(e => e.resource).sort()).toEqual(hand.map(e => e.resource).sort());
    for (const e of hand) {
      expect(slo.endpoints.find(x => x.resource === e.resource)).toEqual(e);
    }
    // Most bad first.
    expect(slo.endpoints.map(e => e.bad)).toEqual([...slo.endpoints.map(e => e.bad)].sort((a, b) => b - a));
  });

  it('answers service callers (the postmortem backend) too, for a window in the past', async () => {
    const to = sandbox.clock.anchor - 86400;
    const from = to - 3 * 3600;
    const res = await request(server).get(impactUrl('cart-service', from, to)).set('Authorization', asService);
    expect(res.status).toBe(200);
    const hand = byHand('cart-service', from, to);
    expect(res.body.slos[0].bad).toBe(hand.reduce((a, e) => a + e.bad, 0));
    expect(res.body.slos[0].total).toBe(hand.reduce((a, e) => a + e.total, 0));
  });

  it('rejects bad windows with 400, unknown or SLO-less entities with 404, anonymous with 401', async () => {
    const now = sandbox.clock.now();
    const bad = [
      '/api/slo/entities/component/default/cart-service/impact',
      '/api/slo/entities/component/default/cart-service/impact?from=yesterday&to=today',
      impactUrl('cart-service', now - 60, now - 3600),
      impactUrl('cart-service', now - 40 * 86400, now),
      `${impactUrl('cart-service', now - 3600, now)}&extra=1`,
    ];
    for (const url of bad) {
      const res = await request(server).get(url).set('Authorization', asUser);
      expect({ url, status: res.status }).toEqual({ url, status: 400 });
    }
    const noSlo = await request(server)
      .get(impactUrl('deploy-bot', now - 3600, now))
      .set('Authorization', asUser);
    expect(noSlo.status).toBe(404);
    const anon = await request(server).get(impactUrl('cart-service', now - 3600, now));
    expect(anon.status).toBe(401);
  });
});
