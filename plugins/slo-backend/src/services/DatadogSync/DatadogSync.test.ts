import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { startSandbox, type Sandbox } from '@internal/sandbox';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { parseAllDocuments } from 'yaml';
import { sloPlugin } from '../../plugin';
import { datadogTagValue } from './plan';

/** The Datadog SLO sync against the sandbox's Datadog, through the official client. */
const examples = path.resolve(__dirname, '../../../../../examples/components.yaml');
const entities = parseAllDocuments(fs.readFileSync(examples, 'utf8')).map(d => d.toJS() as Entity);

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({
    ports: { admin: 0, datadog: 0, pagerduty: 0, pagerdutyEvents: 0, kubernetes: [0, 0] },
  });
});
afterAll(() => sandbox.stop());

async function start(catalog: Entity[], result: AuthorizeResult.ALLOW | AuthorizeResult.DENY) {
  return startTestBackend({
    features: [
      sloPlugin,
      catalogServiceMock.factory({ entities: catalog }),
      mockServices.rootConfig.factory({
        data: {
          backend: { cache: { store: 'memory' } },
          infra: { ...sandbox.infraConfig(), resilience: { timeoutMs: 15_000, deadlineMs: 30_000, retries: 1 } },
        },
      }),
      mockServices.permissions.factory({ result }),
      mockServices.httpAuth.factory({ defaultCredentials: mockCredentials.none() }),
    ],
  });
}

const auth = mockCredentials.user.header('user:default/sato.yuki');

describe('Datadog SLO sync', () => {
  it('normalises resource names the way Datadog stores tag values', () => {
    expect(datadogTagValue('POST /v1/carts/{cartId}/items')).toBe('post_/v1/carts/_cartid_/items');
  });

  it('plans, applies, then finds nothing to do; a changed objective becomes an update', async () => {
    const { server } = await start(entities, AuthorizeResult.ALLOW);
    const withSlo = entities.filter(e => (e.spec as any)?.slo).length;

    const plan = await request(server).get('/api/slo/datadog-sync').set('Authorization', auth);
    expect(plan.status).toBe(200);
    expect(plan.body.dryRun).toBe(true);
    const creates = plan.body.changes.filter((c: any) => c.action === 'create');
    expect(creates.length + plan.body.changes.filter((c: any) => c.action === 'skip').length).toBe(withSlo);
    const checkout = creates.find((c: any) => c.entityRef === 'component:default/checkout-service');
    expect(checkout.desired.numerator).toContain('!http.status_class:5xx');
    expect(checkout.desired.numerator).toContain('!http.status_code:405');
    expect(checkout.desired.denominator).not.toContain('!http.status');
    expect(checkout.desired.tags).toContain('managed-by:platform-portal');

    sandbox.faults.resetCounts();
    const applied = await request(server).post('/api/slo/datadog-sync').set('Authorization', auth);
    expect(applied.status).toBe(200);
    const written = applied.body.changes.filter((c: any) => c.action === 'create');
    expect(written.every((c: any) => c.applied === true && c.sloId)).toBe(true);
    // One POST per created SLO, and the plan's list read Datadog (not a cached list).
    const datadogLog = sandbox.faults.requestLog.get('datadog') ?? [];
    expect(datadogLog.filter(l => l.startsWith('POST /api/v1/slo'))).toHaveLength(written.length);
    expect(datadogLog.filter(l => l.startsWith('GET /api/v1/slo?'))).toHaveLength(1);

    const again = await request(server).get('/api/slo/datadog-sync').set('Authorization', auth);
    expect(again.body.changes.filter((c: any) => c.action === 'create' || c.action === 'update')).toEqual([]);
    expect(again.body.changes.filter((c: any) => c.action === 'unchanged')).toHaveLength(creates.length);

    // The catalog changes: an objective moves, and one service drops its SLO.
    const changed = entities
      .filter(e => e.metadata.name !== 'pricing-service')
      .map(e =>
        e.metadata.name === 'checkout-service'
          ? { ...e, spec: { ...e.spec, slo: { ...(e.spec as any).slo, objective: 99.95 } } }
          : e,
      );
    const second = await start(changed, AuthorizeResult.ALLOW);
    const drift = await request(second.server).get('/api/slo/datadog-sync').set('Authorization', auth);
    const byRef = (ref: string) => drift.body.changes.find((c: any) => c.entityRef === ref);
    expect(byRef('component:default/checkout-service')).toMatchObject({ action: 'update', reason: 'changed: target' });
    expect(byRef('component:default/pricing-service')).toMatchObject({ action: 'orphan' });
  });

  it('refuses to apply without the permission and changes nothing', async () => {
    const { server } = await start(entities, AuthorizeResult.DENY);
    sandbox.faults.resetCounts();
    const res = await request(server).post('/api/slo/datadog-sync').set('Authorization', auth);
    expect(res.status).toBe(403);
    const writes = (sandbox.faults.requestLog.get('datadog') ?? []).filter(l => /^(POST|PUT) \/api\/v1\/slo/.test(l));
    expect(writes).toEqual([]);
    expect((await request(server).get('/api/slo/datadog-sync')).status).toBe(401);
  });
});
