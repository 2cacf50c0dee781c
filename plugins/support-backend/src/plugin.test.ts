import {
  coreServices,
  createServiceFactory,
  type BackstageCredentials,
  type BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { AuthorizeResult, type AuthorizePermissionRequest } from '@backstage/plugin-permission-common';
// The real SLO backend, so the snapshot's SLO part is read the way production reads it.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import sloPlugin from '@internal/plugin-slo-backend';
import type { SupportRequest } from '@internal/plugin-support-common';
import { SANDBOX_CREDENTIALS, startSandbox, type Sandbox } from '@internal/sandbox';
import knexFactory, { type Knex } from 'knex';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { parseAllDocuments } from 'yaml';
import { supportPlugin } from './plugin';

/**
 * The support backend end to end: the real sandbox (Kubernetes, Datadog, PagerDuty with its
 * Events API), the real SLO backend, the example catalog, and permission decisions per user as
 * the portal's policy makes them.
 */
jest.setTimeout(90_000);

const examples = path.resolve(__dirname, '../../../examples/components.yaml');
const entities: Entity[] = parseAllDocuments(fs.readFileSync(examples, 'utf8')).map(d => d.toJS() as Entity);
const ownerOf = (ref: string) => {
  const name = ref.split('/').pop();
  const e = entities.find(x => x.metadata.name === name);
  return `group:default/${(e?.spec as any)?.owner}`;
};

const PLATFORM = 'user:default/sato.yuki';
const OWNER = 'user:default/tanaka.ren'; // team-storefront: owns recommendation-service
const STRANGER = 'user:default/ito.sota'; // team-identity
const BLOCKED = 'user:default/blocked'; // denied everything, even filing
const GROUPS: Record<string, string[]> = {
  [PLATFORM]: ['group:default/team-platform'],
  [OWNER]: ['group:default/team-storefront'],
  [STRANGER]: ['group:default/team-identity'],
};
const SERVICE = 'component:default/recommendation-service';

/**
 * The portal policy in miniature: platform may all; owners their entities (updates and urgent
 * pages); create for all.
 */
const permissionsFactory = createServiceFactory({
  service: coreServices.permissions,
  deps: {},
  factory: () =>
    ({
      async authorize(requests: AuthorizePermissionRequest[], { credentials }: { credentials: BackstageCredentials }) {
        const user = (credentials.principal as BackstageUserPrincipal).userEntityRef;
        const groups = GROUPS[user] ?? [];
        return requests.map(r => {
          if (groups.includes('group:default/team-platform')) return { result: AuthorizeResult.ALLOW };
          if (user === BLOCKED) return { result: AuthorizeResult.DENY };
          if (r.permission.name === 'support.request.create') return { result: AuthorizeResult.ALLOW };
          if (['support.request.update', 'support.urgent-page.create'].includes(r.permission.name) && r.resourceRef) {
            return { result: groups.includes(ownerOf(r.resourceRef)) ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
          }
          return { result: AuthorizeResult.DENY };
        });
      },
      // Without a resource: the platform team unconditionally; others only on entities they own.
      async authorizeConditional(
        requests: Array<{ permission: { name: string } }>,
        { credentials }: { credentials: BackstageCredentials },
      ) {
        const user = (credentials.principal as BackstageUserPrincipal).userEntityRef;
        const platform = (GROUPS[user] ?? []).includes('group:default/team-platform');
        return requests.map(r => {
          if (platform) return { result: AuthorizeResult.ALLOW };
          if (r.permission.name !== 'support.urgent-page.create') throw new Error(`not used for ${r.permission.name}`);
          return {
            result: AuthorizeResult.CONDITIONAL,
            pluginId: 'catalog',
            resourceType: 'catalog-entity',
            conditions: {
              rule: 'IS_ENTITY_OWNER',
              resourceType: 'catalog-entity',
              params: { claims: GROUPS[user] ?? [] },
            },
          };
        });
      },
    } as any),
});

const userInfoFactory = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials: BackstageCredentials) {
      const user = (credentials.principal as BackstageUserPrincipal).userEntityRef;
      return { userEntityRef: user, ownershipEntityRefs: [user, ...(GROUPS[user] ?? [])] };
    },
  }),
});

const sent: any[] = [];
const notificationsFactory = createServiceFactory({
  service: notificationService,
  deps: {},
  factory: () => ({
    async send(options: any) {
      sent.push(options);
    },
  }),
});

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({
    ports: { admin: 0, datadog: 0, pagerduty: 0, pagerdutyEvents: 0, kubernetes: [0, 0] },
  });
});
afterAll(() => sandbox.stop());
afterEach(() => sandbox.faults.clear());

async function startSupport() {
  const knex: Knex = knexFactory({ client: 'better-sqlite3', connection: ':memory:', useNullAsDefault: true });
  const backend = await startTestBackend({
    features: [
      supportPlugin,
      sloPlugin,
      catalogServiceMock.factory({ entities }),
      mockServices.rootConfig.factory({
        data: {
          backend: { cache: { store: 'memory' } },
          infra: { ...sandbox.infraConfig(), resilience: { timeoutMs: 15_000, deadlineMs: 30_000, retries: 1 } },
          support: { urgent: { routingKey: SANDBOX_CREDENTIALS.pagerdutyRoutingKey } },
        },
      }),
      createServiceFactory({
        service: coreServices.database,
        deps: { plugin: coreServices.pluginMetadata },
        factory: ({ plugin }) => {
          const client =
            plugin.getId() === 'support'
              ? knex
              : knexFactory({ client: 'better-sqlite3', connection: ':memory:', useNullAsDefault: true });
          return { getClient: async () => client };
        },
      }),
      permissionsFactory,
      userInfoFactory,
      notificationsFactory,
      mockServices.httpAuth.factory({ defaultCredentials: mockCredentials.none() }),
    ],
  });
  const rows = async () => ({
    requests: Number((await knex('support_requests').count({ n: '*' }))[0].n),
    history: Number((await knex('support_history').count({ n: '*' }))[0].n),
    comments: Number((await knex('support_comments').count({ n: '*' }))[0].n),
  });
  return { server: backend.server, knex, rows, stop: () => backend.stop() };
}

const as = (user: string) => mockCredentials.user.header(user);
const api = (server: any, method: 'get' | 'post' | 'patch', url: string, user?: string) => {
  const r = (request(server) as any)[method](`/api/support${url}`);
  return user ? r.set('Authorization', as(user)) : r;
};

const manifestChange = {
  type: 'kubernetes-manifest-change',
  title: 'recommendation-service keeps restarting',
  entityRef: SERVICE,
  fields: { cluster: 'aws-tokyo', namespace: 'catalog', change: 'Raise the memory limit' },
};

async function adminLog(): Promise<string[]> {
  const res = await fetch(`${sandbox.urls.admin}/requests`);
  const body = (await res.json()) as { log: Record<string, string[]> };
  return body.log.pagerduty ?? [];
}

describe('support backend', () => {
  it('requires a signed-in user on every route (401)', async () => {
    const { server, stop } = await startSupport();
    for (const [method, url] of [
      ['get', '/types'],
      ['get', '/requests'],
      ['post', '/requests'],
      ['get', '/requests/1'],
      ['patch', '/requests/1'],
      ['post', '/requests/1/comments'],
      ['get', '/analytics'],
    ] as const) {
      const res = await api(server, method, url);
      expect({ url, method, status: res.status }).toEqual({ url, method, status: 401 });
    }
    await stop();
  });

  it('serves the request types with English and Japanese', async () => {
    const { server, stop } = await startSupport();
    const res = await api(server, 'get', '/types', OWNER);
    expect(res.status).toBe(200);
    const ids = res.body.items.map((t: any) => t.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'kubernetes-manifest-change',
        'new-infrastructure',
        'access',
        'secrets',
        'ci-cd',
        'monitoring-alerts',
        'oncall-setup',
        'incident-assistance',
        'cost',
        'question',
        'other',
      ]),
    );
    const ia = res.body.items.find((t: any) => t.id === 'incident-assistance');
    expect(ia.title.ja).toBe('インシデント支援');
    expect(ia.sla.P1).toEqual({ firstResponseMinutes: 15, resolutionMinutes: 240 });
    await stop();
  });

  it("stores the context snapshot of a seeded service's request: owner, on-call, SLO, Kubernetes problems", async () => {
    const { server, stop } = await startSupport();
    const res = await api(server, 'post', '/requests', OWNER).send(manifestChange);
    expect(res.status).toBe(201);
    const r = res.body as SupportRequest;
    expect(r).toMatchObject({
      status: 'new',
      priority: 'P3',
      requester: OWNER,
      ownerRef: 'group:default/team-storefront',
      entityRef: SERVICE,
    });
    const ctx = r.context;
    expect(Date.parse(ctx.takenAt)).toBeGreaterThan(Date.now() - 120_000);
    expect(ctx.owner.data).toEqual({ ownerRef: 'group:default/team-storefront' });
    expect(ctx.oncall.state).toBe('fresh');
    expect(ctx.oncall.data!.length).toBeGreaterThan(0);
    expect(ctx.oncall.data![0]).toEqual(
      expect.objectContaining({
        level: 1,
        name: expect.any(String),
        policy: expect.stringContaining('Escalation Policy'),
      }),
    );
    expect(ctx.slo.state).toBe('fresh');
    expect(ctx.slo.data).toEqual(
      expect.objectContaining({
        objective: expect.any(Number),
        sli: expect.any(Number),
        policy: expect.stringMatching(/healthy|at-risk|exhausted/),
      }),
    );
    expect(ctx.kubernetes.state).toBe('fresh');
    expect(ctx.kubernetes.data!.map(p => p.code)).toContain('CrashLoopBackOff');
    expect(ctx.kubernetes.data!.find(p => p.code === 'CrashLoopBackOff')).toMatchObject({
      workload: 'recommendation-service',
      cluster: 'aws-tokyo',
    });
    expect(['fresh', 'stale']).toContain(ctx.deploys.state);
    expect(ctx.incidents.state).toBe('fresh');
    // Stored: the same snapshot comes back from the database.
    const again = await api(server, 'get', `/requests/${r.id}`, OWNER);
    expect(again.body.context).toEqual(ctx);
    await stop();
  });

  it('files even when every upstream is down, recording the parts as unavailable', async () => {
    const { server, stop } = await startSupport();
    sandbox.faults.set('pagerduty', { status: 503 } as any);
    sandbox.faults.set('datadog', { status: 503 } as any);
    sandbox.faults.set('kubernetes/aws-tokyo', { status: 503 } as any);
    sandbox.faults.set('kubernetes/gcp-osaka', { status: 503 } as any);
    const res = await api(server, 'post', '/requests', OWNER).send({
      ...manifestChange,
      entityRef: 'component:default/search-service',
    });
    expect(res.status).toBe(201);
    expect(res.body.context.owner.state).toBe('fresh');
    expect(res.body.context.oncall.state).toBe('unavailable');
    expect(res.body.context.kubernetes.state).toBe('unavailable');
    expect(res.body.context.slo.state).not.toBe('fresh');
    // Why, as a code with parameters for the reader's language, next to the English text.
    expect(res.body.context.oncall).toMatchObject({
      error: expect.any(String),
      errorCode: expect.stringMatching(/^context(Failed|Timeout)$/),
    });
    expect(res.body.context.oncall.errorParams).toEqual(
      res.body.context.oncall.errorCode === 'contextFailed'
        ? { message: res.body.context.oncall.error }
        : { seconds: 15 },
    );
    await stop();
  });

  it('rejects bad requests with 400/413 naming the problem, and stores nothing', async () => {
    const { server, rows, stop } = await startSupport();
    const before = await rows();
    const cases: Array<[any, number, RegExp]> = [
      [{ ...manifestChange, fields: { cluster: 'aws-tokyo' } }, 400, /fields\.namespace, fields\.change/],
      [
        { ...manifestChange, fields: { ...manifestChange.fields, change: undefined } },
        400,
        /missing required field: fields\.change/,
      ],
      [{ ...manifestChange, type: 'teleportation' }, 400, /unknown request type "teleportation"/],
      [
        { ...manifestChange, fields: { ...manifestChange.fields, cluster: 'moon-1' } },
        400,
        /fields\.cluster: "moon-1" is not one of/,
      ],
      [
        { ...manifestChange, fields: { ...manifestChange.fields, namespace: 42 } },
        400,
        /fields\.namespace: must be a string/,
      ],
      [{ ...manifestChange, title: '' }, 400, /title/],
      [{ ...manifestChange, priority: 'P0' }, 400, /priority/],
      [{ ...manifestChange, entityRef: 'component:default/no-such-service' }, 400, /entityRef: no entity/],
      [{ ...manifestChange, extra: 1 }, 400, /extra/],
      [
        { ...manifestChange, fields: { ...manifestChange.fields, change: 'x'.repeat(5001) } },
        400,
        /fields\.change: must be at most 5000/,
      ],
    ];
    for (const [body, status, message] of cases) {
      const res = await api(server, 'post', '/requests', OWNER).send(body);
      expect({ status: res.status, message: res.body.error?.message }).toEqual({
        status,
        message: expect.stringMatching(message),
      });
    }
    const huge = await api(server, 'post', '/requests', OWNER)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ ...manifestChange, description: 'x'.repeat(70_000) }));
    expect(huge.status).toBe(413);
    const malformed = await api(server, 'post', '/requests', OWNER)
      .set('Content-Type', 'application/json')
      .send('{"type": ');
    expect(malformed.status).toBe(400);
    let deep: any = {};
    for (let i = 0; i < 500; i++) deep = { a: deep };
    const nested = await api(server, 'post', '/requests', OWNER).send({
      ...manifestChange,
      fields: { ...manifestChange.fields, namespace: deep },
    });
    expect(nested.status).toBe(400);
    expect(await rows()).toEqual(before);
    // The same problems as codes with parameters, for the frontend to say in the reader's language.
    const coded: Array<[any, object]> = [
      [
        { ...manifestChange, fields: { cluster: 'aws-tokyo' } },
        {
          code: 'invalidRequest',
          issues: [{ code: 'fieldsMissing', params: { fields: 'fields.namespace, fields.change' } }],
        },
      ],
      [
        { ...manifestChange, fields: { ...manifestChange.fields, cluster: 'moon-1' } },
        {
          code: 'invalidRequest',
          issues: [
            {
              code: 'fieldNotOption',
              params: { field: 'fields.cluster', value: 'moon-1', options: expect.stringContaining('aws-tokyo') },
            },
          ],
        },
      ],
      [
        { ...manifestChange, fields: { ...manifestChange.fields, change: 'x'.repeat(5001) } },
        { code: 'invalidRequest', issues: [{ code: 'fieldTooLong', params: { field: 'fields.change', max: 5000 } }] },
      ],
      [
        { ...manifestChange, type: 'teleportation' },
        { code: 'unknownType', params: { type: 'teleportation', known: expect.any(String) } },
      ],
      [
        { ...manifestChange, entityRef: 'component:default/no-such-service' },
        { code: 'entityNotFound', params: { ref: 'component:default/no-such-service' } },
      ],
    ];
    for (const [body, error] of coded) {
      const res = await api(server, 'post', '/requests', OWNER).send(body);
      expect(res.body.error).toMatchObject({ name: 'InputError', message: expect.any(String), ...error });
    }
    // A user the policy does not let file requests: 403, nothing stored.
    const denied = await api(server, 'post', '/requests', BLOCKED).send(manifestChange);
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('mayNotFile');
    expect(await rows()).toEqual(before);
    await stop();
  });

  it('pages the platform on-call once for urgent incident assistance, even when filed twice', async () => {
    const { server, rows, stop } = await startSupport();
    await fetch(`${sandbox.urls.admin}/requests`, { method: 'DELETE' });
    const urgent = {
      type: 'incident-assistance',
      title: 'Recommendations down, checkout degraded',
      entityRef: SERVICE,
      fields: { urgency: 'high', impact: 'Product pages load without recommendations' },
    };
    const first = await api(server, 'post', '/requests', OWNER).set('Idempotency-Key', 'abc-123').send(urgent);
    expect(first.status).toBe(201);
    expect(first.body.priority).toBe('P1');
    expect(first.body.page).toMatchObject({ status: 'sent', dedupKey: `support-${first.body.id}` });
    expect(first.body.page.incident).toEqual(
      expect.objectContaining({ id: expect.any(String), title: expect.stringContaining(`[support-${first.body.id}]`) }),
    );
    // A client retry with the same Idempotency-Key: the same request, no new page.
    const retry = await api(server, 'post', '/requests', OWNER).set('Idempotency-Key', 'abc-123').send(urgent);
    expect(retry.status).toBe(200);
    expect(retry.body.id).toBe(first.body.id);
    // Filed again without the key (someone else on the team): joins the open page.
    const second = await api(server, 'post', '/requests', PLATFORM).send(urgent);
    expect(second.status).toBe(201);
    expect(second.body.page).toMatchObject({
      status: 'deduplicated',
      dedupKey: `support-${first.body.id}`,
      joinedRequestId: first.body.id,
    });
    expect(second.body.page).toMatchObject({ messageCode: 'pageJoined', messageParams: { id: first.body.id } });
    const events = (await adminLog()).filter(l => l.startsWith('POST /v2/enqueue'));
    expect(events).toHaveLength(1);
    expect((await rows()).requests).toBe(2);
    // A low-urgency request does not page.
    const low = await api(server, 'post', '/requests', OWNER).send({
      ...urgent,
      entityRef: 'component:default/cart-service',
      fields: { ...urgent.fields, urgency: 'low' },
    });
    expect(low.body.page).toBeUndefined();
    expect((await adminLog()).filter(l => l.startsWith('POST /v2/enqueue'))).toHaveLength(1);
    await stop();
  });

  it('refuses an urgent page (403, nothing filed or sent) to a user who neither owns the service nor is platform', async () => {
    const { server, rows, stop } = await startSupport();
    await fetch(`${sandbox.urls.admin}/requests`, { method: 'DELETE' });
    const before = await rows();
    const urgent = {
      type: 'incident-assistance',
      title: 'Recommendations look wrong',
      entityRef: SERVICE,
      fields: { urgency: 'high', impact: 'Odd recommendations on the product page' },
    };
    // A stranger to recommendation-service: refused, with the way out named.
    const denied = await api(server, 'post', '/requests', STRANGER).set('Idempotency-Key', 'stranger-1').send(urgent);
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toMatch(
      /may not page the platform on-call for component:default\/recommendation-service.*urgency "low"/,
    );
    expect(denied.body.error).toMatchObject({
      code: 'mayNotPage',
      params: { entityRef: 'component:default/recommendation-service', field: 'fields.urgency' },
    });
    // Without naming a service, only the platform team may page.
    const { entityRef: _omit, ...noEntity } = urgent;
    const deniedNoEntity = await api(server, 'post', '/requests', OWNER).send(noEntity);
    expect(deniedNoEntity.status).toBe(403);
    expect(await rows()).toEqual(before);
    expect((await adminLog()).filter(l => l.startsWith('POST /v2/enqueue'))).toHaveLength(0);
    // The same request at low urgency is filed (and pages nobody).
    const low = await api(server, 'post', '/requests', STRANGER).send({
      ...urgent,
      fields: { ...urgent.fields, urgency: 'low' },
    });
    expect(low.status).toBe(201);
    expect(low.body.page).toBeUndefined();
    // The platform team may page without naming a service.
    const platform = await api(server, 'post', '/requests', PLATFORM).send(noEntity);
    expect(platform.status).toBe(201);
    expect(platform.body.page).toMatchObject({ status: 'sent', dedupKey: `support-${platform.body.id}` });
    expect((await adminLog()).filter(l => l.startsWith('POST /v2/enqueue'))).toHaveLength(1);
    await stop();
  });

  it('lets requesters and owners see and update their requests, and nobody else (403, nothing changed)', async () => {
    const { server, rows, stop } = await startSupport();
    const { body: r } = await api(server, 'post', '/requests', PLATFORM).send(manifestChange);
    // The owner team of the entity sees it; a stranger does not.
    expect((await api(server, 'get', `/requests/${r.id}`, OWNER)).status).toBe(200);
    expect((await api(server, 'get', `/requests/${r.id}`, STRANGER)).status).toBe(403);
    expect((await api(server, 'get', '/requests', STRANGER)).body.total).toBe(0);
    expect((await api(server, 'get', '/requests', OWNER)).body.total).toBe(1);
    const before = await rows();
    expect((await api(server, 'patch', `/requests/${r.id}`, STRANGER).send({ status: 'closed' })).status).toBe(403);
    expect((await api(server, 'post', `/requests/${r.id}/comments`, STRANGER).send({ body: 'hi' })).status).toBe(403);
    // Owners may not triage.
    expect((await api(server, 'patch', `/requests/${r.id}`, OWNER).send({ assignee: OWNER })).status).toBe(403);
    expect((await api(server, 'patch', `/requests/${r.id}`, OWNER).send({ status: 'in_progress' })).status).toBe(400);
    expect(await rows()).toEqual(before);
    expect((await api(server, 'get', `/requests/${r.id}`, PLATFORM)).body.status).toBe('new');
    expect((await api(server, 'get', '/analytics', OWNER)).status).toBe(403);
    await stop();
  });

  it('triages: assignment, enforced transitions, comments, internal notes hidden from requesters, history, notifications', async () => {
    const { server, stop } = await startSupport();
    sent.length = 0;
    const { body: r } = await api(server, 'post', '/requests', OWNER).send(manifestChange);
    const queue = await api(
      server,
      'get',
      '/requests?status=new&type=kubernetes-manifest-change&assignee=none',
      PLATFORM,
    );
    expect(queue.body.items.map((i: any) => i.id)).toContain(r.id);

    let res = await api(server, 'patch', `/requests/${r.id}`, PLATFORM).send({
      status: 'triaged',
      assignee: PLATFORM,
      priority: 'P2',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'triaged', assignee: PLATFORM, priority: 'P2' });
    expect(res.body.firstResponseAt).toBeDefined();
    expect(res.body.sla.firstResponse.state).toBe('met');
    expect(sent.some(s => s.recipients.entityRef.includes(OWNER) && /updated/.test(s.payload.title))).toBe(true);

    const invalid = await api(server, 'patch', `/requests/${r.id}`, PLATFORM).send({ status: 'new' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.message).toMatch(/cannot go from triaged to new/);
    expect(invalid.body.error).toMatchObject({ code: 'transitionNotAllowed', params: { from: 'triaged', to: 'new' } });
    expect((await api(server, 'patch', `/requests/${r.id}`, PLATFORM).send({ status: 'flying' })).status).toBe(400);

    expect(
      (
        await api(server, 'post', `/requests/${r.id}/comments`, PLATFORM).send({
          body: 'Need the PR link',
          internal: false,
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await api(server, 'post', `/requests/${r.id}/comments`, PLATFORM).send({
          body: 'SECRET: reco team again',
          internal: true,
        })
      ).status,
    ).toBe(201);
    expect(
      (await api(server, 'post', `/requests/${r.id}/comments`, OWNER).send({ body: 'sneaky', internal: true })).status,
    ).toBe(403);

    res = await api(server, 'patch', `/requests/${r.id}`, PLATFORM).send({ status: 'waiting_on_requester' });
    expect(res.body.sla.resolution.paused).toBe(true);
    // The requester answers: back in progress.
    res = await api(server, 'post', `/requests/${r.id}/comments`, OWNER).send({
      body: 'Here: https://example.com/pr/1',
    });
    expect(res.body.status).toBe('in_progress');
    expect(res.body.comments.map((c: any) => c.body)).toEqual(['Need the PR link', 'Here: https://example.com/pr/1']);
    expect(JSON.stringify(res.body)).not.toContain('SECRET');

    const platformView = await api(server, 'get', `/requests/${r.id}`, PLATFORM);
    expect(platformView.body.comments.find((c: any) => c.internal).body).toBe('SECRET: reco team again');
    expect(platformView.body.history.map((h: any) => h.action)).toEqual(
      expect.arrayContaining(['created', 'status', 'assignee', 'priority', 'comment', 'internal_note']),
    );
    expect((await api(server, 'get', `/requests/${r.id}`, OWNER)).body.comments.some((c: any) => c.internal)).toBe(
      false,
    );

    res = await api(server, 'patch', `/requests/${r.id}`, PLATFORM).send({ status: 'resolved' });
    expect(res.body.resolvedAt).toBeDefined();
    // The requester reopens, then closes.
    res = await api(server, 'patch', `/requests/${r.id}`, OWNER).send({ status: 'in_progress' });
    expect(res.status).toBe(200);
    expect(res.body.resolvedAt).toBeUndefined();
    res = await api(server, 'patch', `/requests/${r.id}`, OWNER).send({ status: 'closed' });
    expect(res.body.status).toBe('closed');
    expect((await api(server, 'patch', `/requests/${r.id}`, OWNER).send({ status: 'in_progress' })).status).toBe(400);

    const analytics = await api(server, 'get', '/analytics', PLATFORM);
    expect(analytics.status).toBe(200);
    expect(analytics.body.byType).toEqual([{ type: 'kubernetes-manifest-change', count: 1 }]);
    expect(analytics.body.byTeam).toEqual([{ team: 'group:default/team-storefront', count: 1 }]);
    expect(analytics.body.medianResolutionMinutes).toEqual(expect.any(Number));
    expect((await api(server, 'get', '/analytics?from=2026-13-01', PLATFORM)).status).toBe(400);
    expect((await api(server, 'get', '/requests?breached=true', PLATFORM)).body.total).toBe(0);
    expect((await api(server, 'get', '/requests?team=team-storefront', PLATFORM)).body.total).toBe(1);
    expect((await api(server, 'get', '/requests?team=group:default/team-checkout', PLATFORM)).body.total).toBe(0);
    expect((await api(server, 'get', '/requests?status=bogus', PLATFORM)).status).toBe(400);
    expect((await api(server, 'get', '/requests?limit=abc', PLATFORM)).status).toBe(400);
    await stop();
  });
});
