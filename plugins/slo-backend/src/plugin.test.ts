import { createServiceFactory, type ServiceFactory } from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  formatGateReason,
  teamRollups,
  type DeployGate,
  type EntitySlo,
  type Fleet,
  type SloHistory,
  type WeeklyReview,
} from '@internal/plugin-slo-common';
import { countRequests, incidentWindows, startSandbox, type Sandbox, type StatusCounts } from '@internal/sandbox';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { parseAllDocuments } from 'yaml';
import { sloPlugin } from './plugin';

/**
 * The SLO backend against the sandbox's Datadog (through the shared infra layer and the official
 * client), with the example organisation in a mocked catalog.
 */
jest.setTimeout(60_000);

const examples = path.resolve(__dirname, '../../../examples/components.yaml');
const entities: Entity[] = parseAllDocuments(fs.readFileSync(examples, 'utf8')).map(d => d.toJS() as Entity);

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({
    ports: {
      admin: 0,
      datadog: 0,
      pagerduty: 0,
      pagerdutyEvents: 0,
      kubernetes: [0, 0],
    },
  });
});
afterAll(() => sandbox.stop());
afterEach(() => sandbox.faults.clear());

async function startSlo(options?: {
  permissions?: ServiceFactory;
  actionsRegistry?: ServiceFactory;
  extraEntities?: Entity[];
  slo?: JsonObject;
}) {
  const infra = sandbox.infraConfig();
  return startTestBackend({
    features: [
      sloPlugin,
      catalogServiceMock.factory({
        entities: [...entities, ...(options?.extraEntities ?? [])],
      }),
      mockServices.rootConfig.factory({
        data: {
          backend: { cache: { store: 'memory' } },
          ...(options?.slo ? { slo: options.slo } : {}),
          // Generous limits: a loaded CI machine computes the sandbox's 32 days of counts slowly.
          infra: {
            ...infra,
            resilience: { timeoutMs: 15_000, deadlineMs: 30_000, retries: 1 },
          },
        },
      }),
      options?.permissions ?? mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      ...(options?.actionsRegistry ? [options.actionsRegistry] : []),
      // Requests without a token are anonymous (the default test identity is a signed-in user).
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
    ],
  });
}

const asUser = mockCredentials.user.header('user:default/sato.yuki');
const asService = mockCredentials.service.header();
const get = (server: any, url: string, auth = asUser) =>
  request(server).get(`/api/slo${url}`).set('Authorization', auth);

const world = () => sandbox.world;
const serviceOf = (name: string) => world().services.find(s => s.name === name)!;

/** By hand: every request in the counts, and those with a 5xx or a 405. */
function byHand(counts: StatusCounts) {
  let total = 0;
  let bad = 0;
  for (const [status, n] of Object.entries(counts)) {
    total += n;
    if (Number(status) >= 500 || Number(status) === 405) bad += n;
  }
  return { total, bad };
}

const ERROR_RATE = 0.001; // 99.9 %

describe('slo backend', () => {
  it('requires authentication on every route', async () => {
    const { server } = await startSlo();
    const routes: Array<[string, string]> = [
      ['get', '/entities/component/default/payment-service'],
      ['get', '/entities/component/default/payment-service/history'],
      ['get', '/entities/component/default/payment-service/gate'],
      ['get', '/entities/component/default/payment-service/corrections'],
      ['post', '/entities/component/default/payment-service/corrections'],
      ['delete', '/corrections/00000000-0000-4000-8000-000000000000'],
      ['get', '/fleet'],
      ['get', '/review/weekly'],
    ];
    for (const [method, url] of routes) {
      const res = await (request(server) as any)[method](`/api/slo${url}`);
      expect({ url, status: res.status }).toEqual({ url, status: 401 });
    }
  });

  it('gives per-endpoint and service numbers equal to the sandbox traffic counted by hand', async () => {
    const { server } = await startSlo();
    const res = await get(server, '/entities/component/default/cart-service');
    expect(res.status).toBe(200);
    const slo = res.body as EntitySlo;
    const from = Date.parse(slo.windowStart) / 1000;
    const to = Date.parse(slo.windowEnd) / 1000;
    expect(slo.window).toBe('30d');
    expect(to - from).toBeGreaterThanOrEqual(30 * 86400);
    expect(to - from).toBeLessThan(30 * 86400 + 3600);
    expect(slo.freshness.state).toBe('fresh');

    const cart = serviceOf('cart-service');
    const service = { total: 0, bad: 0, total1h: 0, bad1h: 0 };
    expect(slo.endpoints.map(e => e.resource)).toEqual([
      'GET /v1/carts/{cartId}',
      'POST /v1/carts/{cartId}/items',
      'DELETE /v1/carts/{cartId}/items/{itemId}',
    ]);
    for (const e of slo.endpoints) {
      const endpoint = cart.endpoints.find(x => x.resource === e.resource)!;
      const counts = countRequests(cart, endpoint, from, to, sandbox.clock);
      const { total, bad } = byHand(counts);
      expect({
        resource: e.resource,
        total: e.total,
        bad: e.bad,
        good: e.good,
      }).toEqual({
        resource: e.resource,
        total,
        bad,
        good: total - bad,
      });
      expect(e.sli).toBeCloseTo((total - bad) / total, 12);
      expect(e.budget.allowedBad).toBeCloseTo(ERROR_RATE * total, 6);
      expect(e.budget.consumedBad).toBe(bad);
      expect(e.budget.remainingRatio).toBeCloseTo(1 - bad / (ERROR_RATE * total), 9);
      // Burn rates of the windows inside the last two hours come from per-minute counts: exact.
      for (const [name, seconds] of [
        ['5m', 300],
        ['30m', 1800],
        ['1h', 3600],
        ['2h', 7200],
      ] as const) {
        const recent = byHand(countRequests(cart, endpoint, to - seconds, to, sandbox.clock));
        expect(e.burnRates[name]).toBeCloseTo(recent.bad / recent.total / ERROR_RATE, 5);
        if (name === '1h') {
          service.total1h += recent.total;
          service.bad1h += recent.bad;
        }
      }
      service.total += total;
      service.bad += bad;
    }
    // The 405s of the misrouted DELETE endpoint count as bad; its 404s and 400s do not.
    const del = cart.endpoints.find(x => x.method === 'DELETE')!;
    const delCounts = countRequests(cart, del, from, to, sandbox.clock);
    expect(delCounts[405]).toBeGreaterThan(0);
    expect(delCounts[404]).toBeGreaterThan(0);
    const delSlo = slo.endpoints[2];
    expect(delSlo.bad).toBe(
      (delCounts[405] ?? 0) + (delCounts[500] ?? 0) + (delCounts[502] ?? 0) + (delCounts[503] ?? 0),
    );
    expect(delSlo.alertState).toBe('page');

    expect({ total: slo.total, bad: slo.bad }).toEqual({
      total: service.total,
      bad: service.bad,
    });
    expect(slo.burnRates['1h']).toBeCloseTo(service.bad1h / service.total1h / ERROR_RATE, 5);
    expect(slo.budget.remainingRatio).toBeCloseTo(1 - service.bad / (ERROR_RATE * service.total), 9);
    // Three days of a quarter of one endpoint's requests failing exhaust a 99.9 % month.
    expect(slo.policy).toBe('exhausted');
  });

  it('fires the fast-burn page alert for payment-service', async () => {
    const { server } = await startSlo();
    const slo = (await get(server, '/entities/component/default/payment-service')).body as EntitySlo;
    expect(slo.alertState).toBe('page');
    const fast = slo.alerts.find(a => a.longWindow === '1h' && a.shortWindow === '5m')!;
    expect(fast).toMatchObject({
      severity: 'page',
      factor: 14.4,
      firing: true,
    });
    expect(fast.longBurnRate).toBeGreaterThan(14.4);
    expect(slo.endpoints.every(e => e.alertState === 'page')).toBe(true);
    expect(slo.policy).not.toBe('healthy');
    expect(slo.budget.exhaustionAt).toBeDefined();
  });

  it('has no alert for a healthy service', async () => {
    const { server } = await startSlo();
    // A service without seeded trouble and without one of the occasional bursts in the last 3 days.
    const now = Math.floor(Date.now() / 1000);
    const healthy = [
      'checkout-service',
      'product-service',
      'inventory-service',
      'pricing-service',
      'events-ingest',
    ].find(name => incidentWindows(serviceOf(name), now - 4 * 86400, now, sandbox.clock).length === 0)!;
    expect(healthy).toBeDefined();
    const slo = (await get(server, `/entities/component/default/${healthy}`)).body as EntitySlo;
    expect(slo.alertState).toBe('ok');
    expect(slo.alerts.some(a => a.firing)).toBe(false);
    expect(slo.endpoints.every(e => e.alertState === 'ok')).toBe(true);
    const gate = (await get(server, `/entities/component/default/${healthy}/gate`)).body as DeployGate;
    expect(gate.allowed).toBe(true);
    // The reason also comes as a code and values (issue 15); the English sentence is made from them.
    expect(gate.reasonCode).toBe('slo.gate.allowed');
    expect(gate.reasonParams).toEqual({ remaining: (gate.budgetRemainingRatio! * 100).toFixed(1) });
    expect(gate.reason).toBe(`Allowed: ${gate.reasonParams!.remaining} % of the error budget left.`);
    expect(formatGateReason(gate.reasonCode!, gate.reasonParams!, 'ja')).toBe(
      `デプロイできます: エラーバジェットの残りは ${gate.reasonParams!.remaining} % です。`,
    );
  });

  it("refuses auth-service's deploys: its budget is exhausted", async () => {
    const { server } = await startSlo();
    // A CI pipeline asks with a service token.
    const res = await get(server, '/entities/component/default/auth-service/gate', asService);
    expect(res.status).toBe(200);
    const gate = res.body as DeployGate;
    expect(gate).toMatchObject({
      entityRef: 'component:default/auth-service',
      allowed: false,
      policy: 'exhausted',
    });
    expect(gate.reason).toMatch(/^Error budget exhausted/);
    expect(gate.reasonCode).toBe('slo.gate.exhausted');
    expect(gate.reasonParams).toEqual({
      bad: expect.any(Number),
      allowedBad: expect.any(Number),
      objective: 99.9,
      window: '30d',
      used: expect.stringMatching(/^\d+\.\d$/),
    });
    expect(gate.reason).toBe(formatGateReason('slo.gate.exhausted', gate.reasonParams!));
    expect(gate.budgetRemainingRatio).toBeLessThanOrEqual(0);
    const payment = (await get(server, '/entities/component/default/payment-service/gate')).body as DeployGate;
    expect(payment.allowed).toBe(true);
    expect(payment.reason).toMatch(/at risk/);
    expect(payment.reasonCode).toMatch(/^slo\.gate\.atRisk/);
  });

  it('answers 404 without an entity or without spec.slo, and 400 for bad input', async () => {
    const { server } = await startSlo();
    expect((await get(server, '/entities/component/default/no-such-service')).status).toBe(404);
    const noSlo = await get(server, '/entities/component/default/invoice-batch');
    expect(noSlo.status).toBe(404);
    expect(noSlo.body.error.message).toMatch(/declares no SLO \(spec\.slo\)/);
    expect((await get(server, '/entities/component/default/invoice-batch/gate')).status).toBe(404);

    const badFormat = await get(server, '/review/weekly?format=pdf');
    expect(badFormat.status).toBe(400);
    expect(badFormat.body.error.message).toMatch(/format/);
    const unknownQuery = await get(server, '/fleet?team=x');
    expect(unknownQuery.status).toBe(400);
    expect(unknownQuery.body.error.message).toMatch(/team/);
    const emptyOwner = await get(server, '/fleet?owner=');
    expect(emptyOwner.status).toBe(400);
    const badId = await request(server).delete('/api/slo/corrections/42').set('Authorization', asUser);
    expect(badId.status).toBe(400);
    expect(badId.body.error.message).toMatch(/UUID/);
  });

  it('creates, lists, applies and deletes corrections (permission allowed)', async () => {
    const { server } = await startSlo();
    const url = '/api/slo/entities/component/default/payment-service/corrections';
    const post = (body: unknown) =>
      request(server)
        .post(url)
        .set('Authorization', asUser)
        .send(body as object);
    const before = (await get(server, '/entities/component/default/payment-service')).body as EntitySlo;
    const to = Date.parse(before.windowEnd) / 1000;
    // On the hour: hourly counts are then excluded exactly (a cut hour would count pro rata).
    const from = to - (to % 3600) - 3 * 3600;

    // Invalid corrections are refused whole, with the field named; nothing is stored.
    for (const [body, message] of [
      [{ start: 'yesterday', end: new Date().toISOString(), reason: 'x' }, /start: must be an ISO 8601 date-time/],
      [
        {
          start: new Date(to * 1000).toISOString(),
          end: new Date(from * 1000).toISOString(),
          reason: 'x',
        },
        /end must be after start/,
      ],
      [
        {
          start: new Date(from * 1000).toISOString(),
          end: new Date(to * 1000).toISOString(),
          reason: ' ',
        },
        /reason: must not be empty/,
      ],
      [
        {
          start: new Date(from * 1000).toISOString(),
          end: new Date(to * 1000).toISOString(),
          reason: 'x',
          rrule: 'FREQ=HOURLY',
        },
        /rrule: FREQ=HOURLY is not supported/,
      ],
      [
        {
          start: new Date(from * 1000).toISOString(),
          end: new Date(to * 1000).toISOString(),
          reason: 'x',
          author: 'me',
        },
        /Unrecognized key.*author/,
      ],
    ] as const) {
      const res = await post(body);
      expect({ status: res.status, message: res.body.error?.message }).toEqual({
        status: 400,
        message: expect.stringMatching(message),
      });
    }
    expect((await get(server, '/entities/component/default/payment-service/corrections')).body).toEqual([]);

    // Exclude the 5xx burst (it began two hours before the sandbox started): the page alert stops.
    const created = await post({
      start: new Date(from * 1000).toISOString(),
      end: new Date((to + 3600) * 1000).toISOString(),
      reason: 'Card network outage upstream (INC-2041)',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      entityRef: 'component:default/payment-service',
      reason: 'Card network outage upstream (INC-2041)',
      author: 'user:default/sato.yuki',
    });
    const listed = (await get(server, '/entities/component/default/payment-service/corrections')).body;
    expect(listed).toEqual([created.body]);

    const after = (await get(server, '/entities/component/default/payment-service')).body as EntitySlo;
    expect(after.corrections).toEqual([created.body]);
    expect(after.alertState).not.toBe('page');
    expect(after.burnRates['1h']).toBe(0);
    // Exactly the excluded requests are gone from the window.
    const payment = serviceOf('payment-service');
    const excluded = after.endpoints.map(e =>
      byHand(
        countRequests(
          payment,
          payment.endpoints.find(x => x.resource === e.resource)!,
          from,
          Date.parse(after.windowEnd) / 1000,
          sandbox.clock,
        ),
      ),
    );
    const windowFrom = Date.parse(after.windowStart) / 1000;
    const whole = after.endpoints.map(e =>
      byHand(
        countRequests(
          payment,
          payment.endpoints.find(x => x.resource === e.resource)!,
          windowFrom,
          Date.parse(after.windowEnd) / 1000,
          sandbox.clock,
        ),
      ),
    );
    after.endpoints.forEach((e, i) => {
      expect(e.total).toBe(whole[i].total - excluded[i].total);
      expect(e.bad).toBe(whole[i].bad - excluded[i].bad);
    });
    const history = (await get(server, '/entities/component/default/payment-service/history')).body as SloHistory;
    expect(history.days[history.days.length - 1].corrected).toBe(true);

    // A weekly maintenance window.
    const weekly = await post({
      start: '2026-11-03T02:00:00+09:00',
      end: '2026-11-03T04:00:00+09:00',
      rrule: 'FREQ=WEEKLY;BYDAY=TU',
      reason: 'Weekly database maintenance',
    });
    expect(weekly.status).toBe(201);
    expect(weekly.body.rrule).toBe('FREQ=WEEKLY;BYDAY=TU');

    const del = await request(server).delete(`/api/slo/corrections/${created.body.id}`).set('Authorization', asUser);
    expect(del.status).toBe(204);
    const again = await request(server).delete(`/api/slo/corrections/${created.body.id}`).set('Authorization', asUser);
    expect(again.status).toBe(404);
    expect(
      (await get(server, '/entities/component/default/payment-service/corrections')).body.map((c: any) => c.id),
    ).toEqual([weekly.body.id]);
    expect(((await get(server, '/entities/component/default/payment-service')).body as EntitySlo).alertState).toBe(
      'page',
    );
  });

  it('refuses to change corrections without the permission (403)', async () => {
    let decision: AuthorizeResult.ALLOW | AuthorizeResult.DENY = AuthorizeResult.DENY;
    const permissions = mockServices.permissions.mock({
      authorize: async requests => requests.map(() => ({ result: decision })) as any,
    });
    const { server } = await startSlo({ permissions: permissions.factory });
    const url = '/api/slo/entities/component/default/payment-service/corrections';
    const body = {
      start: '2026-11-03T02:00:00+09:00',
      end: '2026-11-03T04:00:00+09:00',
      reason: 'Maintenance',
    };
    const denied = await request(server).post(url).set('Authorization', asUser).send(body);
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toBe('You may not manage SLO corrections of component:default/payment-service');
    expect((await get(server, '/entities/component/default/payment-service/corrections')).body).toEqual([]);
    expect(permissions.authorize).toHaveBeenCalledWith(
      [
        {
          permission: expect.objectContaining({
            name: 'slo.correction.manage',
          }),
          resourceRef: 'component:default/payment-service',
        },
      ],
      expect.anything(),
    );

    decision = AuthorizeResult.ALLOW;
    const created = await request(server).post(url).set('Authorization', asUser).send(body);
    expect(created.status).toBe(201);
    decision = AuthorizeResult.DENY;
    const del = await request(server).delete(`/api/slo/corrections/${created.body.id}`).set('Authorization', asUser);
    expect(del.status).toBe(403);
    expect((await get(server, '/entities/component/default/payment-service/corrections')).body).toHaveLength(1);
  });

  it('overrides the gate with a reason: 400 without one, 403 without slo.gate.override, allowed with the actor', async () => {
    let decision: AuthorizeResult.ALLOW | AuthorizeResult.DENY = AuthorizeResult.DENY;
    const permissions = mockServices.permissions.mock({
      authorize: async requests => requests.map(() => ({ result: decision })) as any,
    });
    const { server } = await startSlo({ permissions: permissions.factory });
    const url = '/api/slo/entities/component/default/auth-service/gate/override';
    const post = (body: unknown, auth = asUser) =>
      request(server)
        .post(url)
        .set('Authorization', auth)
        .send(body as object);

    for (const body of [{}, { reason: '   ' }, { reason: 'x', extra: 1 }]) {
      const bad = await post(body);
      expect(bad.status).toBe(400);
    }
    expect((await post({})).body.error.message).toMatch(/reason: a reason is required/);
    const denied = await post({ reason: 'P0: login outage fix' });
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toBe('You may not override the deploy gate of component:default/auth-service');
    expect(permissions.authorize).toHaveBeenCalledWith(
      [
        {
          permission: expect.objectContaining({ name: 'slo.gate.override' }),
          resourceRef: 'component:default/auth-service',
        },
      ],
      expect.anything(),
    );

    decision = AuthorizeResult.ALLOW;
    const allowed = await post({ reason: '  P0: login outage fix ' });
    expect(allowed.status).toBe(200);
    expect(allowed.body).toMatchObject({
      entityRef: 'component:default/auth-service',
      allowed: true,
      decision: 'overridden',
      reason: 'P0: login outage fix',
      actor: 'user:default/sato.yuki',
      gate: { decision: 'blocked', policy: 'exhausted', allowed: false },
    });
    // A service token (CI) overrides as its subject.
    const ci = await post({ reason: 'security fix' }, asService);
    expect(ci.status).toBe(200);
    expect(ci.body.actor).toMatch(/\S/);
    // The gate itself is unchanged: the override is for one deploy.
    expect((await get(server, '/entities/component/default/auth-service/gate')).body.allowed).toBe(false);
  });

  it("serves the SLO actions through the same service as the routes, with the caller's permission", async () => {
    const registry = actionsRegistryServiceMock();
    let decision: AuthorizeResult.ALLOW | AuthorizeResult.DENY = AuthorizeResult.ALLOW;
    const permissions = mockServices.permissions.mock({
      authorize: async requests => requests.map(() => ({ result: decision })) as any,
    });
    const { server } = await startSlo({
      permissions: permissions.factory,
      actionsRegistry: createServiceFactory({
        service: actionsRegistryServiceRef,
        deps: {},
        factory: () => registry,
      }),
    });
    const user = mockCredentials.user('user:default/sato.yuki');
    const { freshness, ...gate } = (await get(server, '/entities/component/default/auth-service/gate')).body;
    expect(
      (
        await registry.invoke({
          id: 'test:get-deploy-gate',
          input: { entityRef: 'component:default/auth-service' },
          credentials: user,
        })
      ).output,
    ).toEqual(gate);
    expect(freshness).toBeDefined();

    const status = (
      await registry.invoke({
        id: 'test:get-slo-status',
        input: { entityRef: 'payment-service' },
        credentials: user,
      })
    ).output as any;
    const rest = (await get(server, '/entities/component/default/payment-service')).body;
    expect(status).toMatchObject({ entityRef: rest.entityRef, policy: rest.policy, total: rest.total, bad: rest.bad });

    const correction = {
      entityRef: 'component:default/payment-service',
      start: '2026-11-03T02:00:00+09:00',
      end: '2026-11-03T04:00:00+09:00',
      reason: 'Maintenance',
    };
    decision = AuthorizeResult.DENY;
    await expect(
      registry.invoke({ id: 'test:add-slo-correction', input: correction, credentials: user }),
    ).rejects.toThrow('You may not manage SLO corrections of component:default/payment-service');
    // Writes are made by people: a service token is refused before anything else.
    decision = AuthorizeResult.ALLOW;
    await expect(
      registry.invoke({ id: 'test:add-slo-correction', input: correction, credentials: mockCredentials.service() }),
    ).rejects.toThrow(/does not allow 'service' credentials/);
    const created = (await registry.invoke({ id: 'test:add-slo-correction', input: correction, credentials: user }))
      .output as any;
    expect(created).toMatchObject({ entityRef: 'component:default/payment-service', reason: 'Maintenance' });
    expect(
      (await get(server, '/entities/component/default/payment-service/corrections')).body.map((c: any) => c.id),
    ).toEqual([created.id]);
  });

  it('lists the fleet by budget left and burn rate, filterable by team and system, from one batched query', async () => {
    const { server } = await startSlo();
    sandbox.faults.resetCounts();
    const res = await get(server, '/fleet');
    expect(res.status).toBe(200);
    const fleet = res.body as Fleet;
    expect(fleet.freshness.state).toBe('fresh');
    expect(fleet.rows).toHaveLength(entities.filter(e => e.spec?.slo).length);
    const remaining = fleet.rows.map(r => r.budgetRemainingRatio);
    expect(remaining).toEqual([...remaining].sort((a, b) => a - b));
    const auth = fleet.rows.find(r => r.name === 'auth-service')!;
    expect(auth).toMatchObject({
      owner: 'group:default/team-identity',
      system: 'system:default/identity',
      policy: 'exhausted',
    });
    expect(fleet.rows.find(r => r.name === 'payment-service')!.alertState).toBe('page');

    // One query per tier for the whole fleet (recent minutes, today's hours, the past 32 days).
    const calls = sandbox.faults.requestLog.get('datadog') ?? [];
    expect(calls.length).toBeLessThanOrEqual(3);
    expect(calls.every(c => c.startsWith('POST /api/v2/query/timeseries'))).toBe(true);
    // Entity pages then read the cached fleet counts: no further upstream call.
    await get(server, '/entities/component/default/checkout-service');
    await get(server, '/entities/component/default/auth-service/gate');
    expect((sandbox.faults.requestLog.get('datadog') ?? []).length).toBe(calls.length);

    const team = (await get(server, '/fleet?owner=team-checkout')).body as Fleet;
    expect(team.rows.map(r => r.name).sort()).toEqual([
      'cart-service',
      'checkout-service',
      'fraud-scoring',
      'payment-service',
    ]);
    const same = (await get(server, '/fleet?owner=group:default/team-checkout')).body as Fleet;
    expect(same.rows).toHaveLength(4);
    const system = (await get(server, '/fleet?system=identity')).body as Fleet;
    expect(system.rows.map(r => r.name).sort()).toEqual(['auth-service', 'user-profile-service']);
  });

  it('keeps a daily history with the budget burn-down', async () => {
    const { server } = await startSlo();
    const slo = (await get(server, '/entities/component/default/auth-service')).body as EntitySlo;
    const history = (await get(server, '/entities/component/default/auth-service/history')).body as SloHistory;
    expect(history.days.length).toBeGreaterThanOrEqual(30);
    expect(history.days.length).toBeLessThanOrEqual(32);
    expect(history.days.reduce((s, d) => s + d.total, 0)).toBe(slo.total);
    expect(history.days.reduce((s, d) => s + d.bad, 0)).toBe(slo.bad);
    const burnDown = history.days.map(d => d.budgetRemainingRatio);
    expect(burnDown).toEqual([...burnDown].sort((a, b) => b - a));
    expect(burnDown[burnDown.length - 1]).toBeCloseTo(slo.budget.remainingRatio, 9);
    expect(history.days[0].date).toBe(new Date(Date.parse(slo.windowStart) + 9 * 3600_000).toISOString().slice(0, 10));
  });

  /** A service whose declared endpoints Datadog has no series for (a typo, or not deployed yet). */
  const ghost: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'ghost-service' },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/team-ghost',
      slo: {
        objective: 99.9,
        endpoints: [{ method: 'GET', route: '/v1/ghosts/{ghostId}' }],
      },
    },
  };

  it('never shows an SLO without data as healthy: entity, fleet, team rollup and gate say no data', async () => {
    const { server } = await startSlo({ extraEntities: [ghost] });
    const slo = (await get(server, '/entities/component/default/ghost-service')).body as EntitySlo;
    expect(slo.freshness.state).toBe('fresh');
    expect(slo).toMatchObject({
      total: 0,
      policy: 'no-data',
      alertState: 'no-data',
      noData: { code: 'no-series' },
    });
    expect(slo.noData!.reason).toMatch(/check the resource names/);
    expect(slo.endpoints[0]).toMatchObject({
      resource: 'GET /v1/ghosts/{ghostId}',
      datadogResource: 'get_/v1/ghosts/_ghostid',
      matchedSeries: 0,
      noData: { code: 'no-series' },
    });
    // The endpoints of a service with traffic say how many series matched (one per status).
    const cart = (await get(server, '/entities/component/default/cart-service')).body as EntitySlo;
    expect(cart.noData).toBeUndefined();
    expect(cart.endpoints.every(e => (e.matchedSeries ?? 0) >= 1)).toBe(true);

    const fleet = (await get(server, '/fleet')).body as Fleet;
    const row = fleet.rows.find(r => r.name === 'ghost-service')!;
    expect(row).toMatchObject({ policy: 'no-data', alertState: 'no-data', noData: { code: 'no-series' } });
    expect(fleet.rows.filter(r => r.policy === 'no-data')).toHaveLength(1);
    expect(teamRollups(fleet.rows).find(t => t.owner === 'group:default/team-ghost')).toMatchObject({
      services: 1,
      healthy: 0,
      noData: 1,
    });

    const gate = (await get(server, '/entities/component/default/ghost-service/gate')).body as DeployGate;
    expect(gate).toMatchObject({
      decision: 'unknown',
      allowed: true,
      defaultDecision: 'allow',
      policy: 'no-data',
    });
    expect(gate.reason).toMatch(/^Unknown: no data/);
    expect(gate.reason).not.toMatch(/100/);
    expect(gate.reasonCode).toBe('slo.gate.noDataAllow');
    expect(gate.reasonParams).toMatchObject({ noData: 'no-series', setting: 'allow' });
    expect(gate.reason).toContain(String(gate.reasonParams!.noDataReason));
    // A service with data keeps its decision (and the fields CI pipelines read).
    const auth = (await get(server, '/entities/component/default/auth-service/gate')).body as DeployGate;
    expect(auth).toMatchObject({ decision: 'blocked', allowed: false, policy: 'exhausted' });

    const md = await get(server, '/review/weekly?format=markdown&owner=team-ghost');
    expect(md.text).toContain('| ghost-service | team-ghost | 99.9 % | no data |');
    expect(md.text).toMatch(/- ghost-service: None of the SLO endpoints matches a Datadog series/);
    // In Japanese (?lang=ja or Accept-Language): headings, "no data" and its cause.
    const ja = await get(server, '/review/weekly?format=markdown&owner=team-ghost&lang=ja');
    expect(ja.text).toContain('# SLO 週次レビュー');
    expect(ja.text).toContain('| サービス | オーナー | 目標 |');
    expect(ja.text).toContain('| ghost-service | team-ghost | 99.9 % | データなし |');
    expect(ja.text).toMatch(/- ghost-service: Datadog に SLO エンドポイントのシリーズがありません/);
    expect(ja.text).not.toMatch(/no data|None of the SLO endpoints/);
    const byHeader = await get(server, '/review/weekly?format=markdown&owner=team-ghost').set('Accept-Language', 'ja');
    expect(byHeader.text).toContain('# SLO 週次レビュー');
  });

  it('blocks deploys of an SLO without data when slo.gate.unknownDecision is block', async () => {
    const { server } = await startSlo({
      extraEntities: [ghost],
      slo: { gate: { unknownDecision: 'block' } },
    });
    const gate = (await get(server, '/entities/component/default/ghost-service/gate')).body as DeployGate;
    expect(gate).toMatchObject({
      decision: 'unknown',
      allowed: false,
      defaultDecision: 'block',
      reasonCode: 'slo.gate.noDataBlock',
      reasonParams: { noData: 'no-series', setting: 'block' },
    });
    expect(gate.reason).toMatch(/the gate refuses deploys until there is data\.$/);
  });

  it('exports the weekly review as JSON, Markdown and CSV', async () => {
    const { server } = await startSlo();
    const review = (await get(server, '/review/weekly')).body as WeeklyReview;
    expect(review.weeks).toHaveLength(12);
    expect(review.weeks.every(w => new Date(`${w}T00:00:00Z`).getUTCDay() === 1)).toBe(true);
    const auth = review.rows.find(r => r.name === 'auth-service')!;
    expect(auth.attainment).toHaveLength(12);
    // The last three weeks lie in its bad month (the last 30 days): below 99.9 %.
    expect(auth.attainment.slice(-3).every(a => a !== null && a < 0.999)).toBe(true);

    const md = await get(server, '/review/weekly?format=markdown&owner=team-identity');
    expect(md.status).toBe(200);
    expect(md.headers['content-type']).toMatch(/^text\/markdown/);
    expect(md.text).toContain('| Service | Owner | Objective |');
    expect(md.text).toMatch(/\| auth-service \| team-identity \| 99\.9 % \| .*\*\*99\.\d+ %\*\*/);
    expect(md.text).not.toContain('payment-service');

    const csv = await get(server, '/review/weekly?format=csv');
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="slo-weekly-review-.*\.csv"/);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe(['entityRef', 'name', 'owner', 'objective', ...review.weeks, 'noData'].join(','));
    expect(lines).toHaveLength(review.rows.length + 1);
    expect(lines.find(l => l.startsWith('component:default/auth-service,'))).toMatch(
      /^component:default\/auth-service,auth-service,group:default\/team-identity,99\.9,(\d+\.\d{4},?){12}$/,
    );
  });
});
