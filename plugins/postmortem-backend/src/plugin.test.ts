import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  coreServices,
  createServiceFactory,
  type SchedulerService,
  type ServiceFactory,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { AuthorizeResult, isResourcePermission } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { Postmortem } from '@internal/plugin-postmortem-common';
import { startSandbox, type Sandbox } from '@internal/sandbox';
// The SLO backend answers the impact calls, as in the portal.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import sloPlugin from '@internal/plugin-slo-backend';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { parseAllDocuments } from 'yaml';
import { notificationService } from '@backstage/plugin-notifications-node';
import { postmortemPlugin } from './plugin';
import { INCIDENT_HISTORY_TASK_ID } from './services/Incidents/IncidentHistory';

const sent: any[] = [];
const notifications = createServiceFactory({
  service: notificationService,
  deps: {},
  factory: () => ({
    async send(options: any) {
      sent.push(options);
    },
  }),
});

/**
 * The postmortem backend with the SLO backend, against the sandbox's PagerDuty and Datadog, with
 * the example organisation in a mocked catalog and a permission policy keyed by user:
 * `owner` is in team-checkout (owner of cart/checkout/payment), `platform` in team-platform,
 * `outsider` in team-storefront.
 */
jest.setTimeout(90_000);

const entities: Entity[] = ['components.yaml', 'org.yaml'].flatMap(f =>
  parseAllDocuments(fs.readFileSync(path.resolve(__dirname, `../../../examples/${f}`), 'utf8')).map(
    d => d.toJS() as Entity,
  ),
);

const GROUPS: Record<string, string[]> = {
  'user:default/owner': ['group:default/team-checkout'],
  'user:default/platform': ['group:default/team-platform'],
  'user:default/outsider': ['group:default/team-storefront'],
  'user:default/reviewer': ['group:default/team-storefront'],
};
const ownerOfEntity = (ref: string) => {
  const e = entities.find(x => `component:default/${x.metadata.name}` === ref);
  return e ? `group:default/${(e.spec as any).owner}` : undefined;
};

/** Like the portal policy: platform may do all; owners change their entities; the rest reads. */
const permissions = createServiceFactory({
  service: coreServices.permissions,
  deps: {},
  factory: () =>
    ({
      async authorize(requests: any[], { credentials }: any) {
        const user = credentials.principal?.userEntityRef as string | undefined;
        const groups = (user && GROUPS[user]) ?? [];
        return requests.map(r => {
          if (groups.includes('group:default/team-platform')) return { result: AuthorizeResult.ALLOW };
          if (r.permission.name === 'postmortem.review') return { result: AuthorizeResult.ALLOW };
          if (isResourcePermission(r.permission) && r.resourceRef)
            return {
              result: groups.includes(ownerOfEntity(r.resourceRef)!) ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
            };
          return { result: AuthorizeResult.DENY };
        });
      },
      async authorizeConditional(requests: any[]) {
        return requests.map(() => ({ result: AuthorizeResult.DENY }));
      },
    } as any),
});

const userInfo = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials: any) {
      const user = credentials.principal.userEntityRef;
      return { userEntityRef: user, ownershipEntityRefs: [user, ...(GROUPS[user] ?? [])] };
    },
  }),
});

// The MTTA/MTTR incident history's refresh is a scheduled task: run by hand where a test needs it.
// The mock scheduler instance (its class is not exported): tasks run only when triggered.
const scheduler = mockServices.scheduler() as SchedulerService & {
  factory(options?: { skipTaskRunOnStartup?: boolean }): ServiceFactory;
};
let sandbox: Sandbox;
let server: any;
let stop: () => Promise<void>;
beforeAll(async () => {
  sandbox = await startSandbox({
    ports: { admin: 0, datadog: 0, pagerduty: 0, pagerdutyEvents: 0, kubernetes: [0, 0] },
  });
  const backend = await startTestBackend({
    features: [
      postmortemPlugin,
      sloPlugin,
      scheduler.factory(),
      catalogServiceMock.factory({ entities }),
      mockServices.rootConfig.factory({
        data: {
          backend: { cache: { store: 'memory' } },
          infra: { ...sandbox.infraConfig(), resilience: { timeoutMs: 15_000, deadlineMs: 30_000, retries: 1 } },
        },
      }),
      permissions,
      userInfo,
      notifications,
      mockServices.httpAuth.factory({ defaultCredentials: mockCredentials.none() }),
    ],
  });
  server = backend.server;
  stop = () => backend.stop();
});
afterAll(async () => {
  await stop?.();
  await sandbox?.stop();
});

const as = (user: string) => mockCredentials.user.header(`user:default/${user}`);
const api = (p: string) => `/api/postmortem${p}`;

async function createFromIncident(entity: string) {
  const candidates = await request(server)
    .get(api(`/incidents?entity=component:default/${entity}`))
    .set('Authorization', as('owner'));
  expect(candidates.status).toBe(200);
  const incident = candidates.body[0];
  expect(incident).toBeDefined();
  const res = await request(server)
    .post(api('/postmortems'))
    .set('Authorization', as('owner'))
    .send({ entityRef: `component:default/${entity}`, incidentId: incident.id });
  expect(res.status).toBe(201);
  return { pm: res.body as Postmortem, incident };
}

async function blank(user = 'owner') {
  const res = await request(server)
    .post(api('/postmortems'))
    .set('Authorization', as(user))
    .send({ entityRef: 'component:default/cart-service', title: 'Blank one' });
  expect(res.status).toBe(201);
  return res.body as Postmortem;
}

describe('postmortem backend', () => {
  it('creates a postmortem from a seeded incident: timeline from its log entries, SLO impact with figures', async () => {
    const { pm, incident } = await createFromIncident('payment-service');
    // The incident's log entries, straight from the sandbox's PagerDuty REST API.
    const logRes = await fetch(`${sandbox.urls.pagerduty}/incidents/${incident.id}/log_entries?limit=100`, {
      headers: {
        Authorization: `Token token=${sandbox.infraConfig().pagerduty.token}`,
        Accept: 'application/vnd.pagerduty+json;version=2',
      },
    });
    const log = (await logRes.json()).log_entries as any[];
    expect(log.length).toBeGreaterThan(2);
    expect(pm.timeline).toHaveLength(log.length);
    expect(pm.timeline.map(t => t.text).sort()).toEqual(log.map(e => e.summary).sort());
    expect(pm.timeline.every(t => t.source === 'pagerduty')).toBe(true);
    expect(pm.timeline.filter(t => t.keyMoment).map(t => t.kind)).toEqual(
      expect.arrayContaining(['trigger', 'acknowledge']),
    );
    expect(pm.timeline.some(t => t.kind === 'note' && /Note added by .+: /.test(t.text))).toBe(true);
    // Imported incident facts.
    expect(pm).toMatchObject({
      title: incident.title,
      incidentIds: [incident.id],
      status: 'draft',
      revision: 1,
      ownerRef: 'group:default/team-checkout',
    });
    expect(pm.incident).toMatchObject({
      incidentId: incident.id,
      urgency: incident.urgency,
      triggeredAt: expect.any(String),
    });
    expect(pm.incident!.acknowledgedAt).toBeDefined();
    expect(pm.incident!.responders.length).toBeGreaterThan(0);
    expect(pm.incident!.services.length).toBe(1);
    expect(pm.startedAt).toBe(pm.incident!.triggeredAt);
    // SLO impact from the SLO engine, for the incident window.
    expect(pm.impact?.error).toBeUndefined();
    expect(pm.impact!.slos).toHaveLength(1);
    const slo = pm.impact!.slos[0];
    expect(slo.bad).toBeGreaterThan(0);
    expect(slo.total).toBeGreaterThan(slo.bad);
    expect(slo.budgetConsumedRatio).toBeGreaterThan(0);
    expect(slo.peakBurnRate).toBeGreaterThan(1);
    expect(slo.endpoints.some(e => e.bad > 0)).toBe(true);
    // The document's template sections and the exported Markdown show them.
    expect(pm.document).toContain('## Root cause and contributing factors');
    expect(pm.document).toContain('{{sloImpact}}');
    const md = await request(server)
      .get(api(`/postmortems/${pm.id}/export.md`))
      .set('Authorization', as('outsider'));
    expect(md.status).toBe(200);
    expect(md.headers['content-type']).toMatch(/text\/markdown/);
    expect(md.text.startsWith('# ')).toBe(true);
    expect(md.text).toContain(`| ${slo.bad} | ${slo.total} |`);
    const worst = [...slo.endpoints].sort((a, b) => b.bad - a.bad)[0];
    expect(md.text).toContain(`| ${worst.resource} | ${worst.bad} | ${worst.total} |`);
    expect(md.text).toContain('| Time (UTC) | Event | Source |');
    expect(md.text).not.toContain('{{timeline}}');
    // PagerDuty's sentences come with a code and parameters, for the reader's language.
    const ack = pm.timeline.find(t => t.kind === 'acknowledge' && /^Acknowledged by /.test(t.text))!;
    expect(ack).toMatchObject({
      code: 'acknowledged',
      params: { actor: ack.text.replace(/^Acknowledged by (.+)\.$/, '$1') },
    });
    expect(pm.timeline.find(t => t.kind === 'note')).toMatchObject({
      code: 'noteAdded',
      params: { user: expect.any(String), note: expect.any(String) },
    });
    // The export in Japanese (?lang=ja): labels, the template's headings and PagerDuty's sentences.
    const ja = await request(server)
      .get(api(`/postmortems/${pm.id}/export.md?lang=ja`))
      .set('Authorization', as('outsider'));
    expect(ja.status).toBe(200);
    expect(ja.text).toContain('| 時刻 (UTC) | 出来事 | ソース |');
    expect(ja.text).toContain('- 状態: 下書き');
    expect(ja.text).toContain('## 根本原因と寄与要因');
    expect(ja.text).not.toContain('## Root cause and contributing factors');
    expect(ja.text).toContain(`${ack.params!.actor} が確認しました。`);
    expect(ja.text).not.toMatch(/Acknowledged by|Time \(UTC\)/);
    expect(ja.text).toContain(`| ${slo.bad} | ${slo.total} |`);
    // Without ?lang: Accept-Language, else English; an unknown language is a 400.
    const byHeader = await request(server)
      .get(api(`/postmortems/${pm.id}/export.md`))
      .set('Authorization', as('outsider'))
      .set('Accept-Language', 'ja');
    expect(byHeader.text).toContain('| 時刻 (UTC) | 出来事 | ソース |');
    const en = await request(server)
      .get(api(`/postmortems/${pm.id}/export.md?lang=en`))
      .set('Authorization', as('outsider'))
      .set('Accept-Language', 'ja');
    expect(en.text).toContain('| Time (UTC) | Event | Source |');
    expect(
      (
        await request(server)
          .get(api(`/postmortems/${pm.id}/export.md?lang=fr`))
          .set('Authorization', as('outsider'))
      ).status,
    ).toBe(400);
    // Recompute keeps a fresh snapshot.
    const re = await request(server)
      .post(api(`/postmortems/${pm.id}/impact`))
      .set('Authorization', as('owner'));
    expect(re.status).toBe(200);
    expect(re.body.impact.computedAt >= pm.impact!.computedAt).toBe(true);
  });

  it('writes a Japanese postmortem when asked for one', async () => {
    const res = await request(server)
      .post(api('/postmortems'))
      .set('Authorization', as('owner'))
      .set('Accept-Language', 'ja,en;q=0.5')
      .send({ entityRef: 'component:default/cart-service' });
    expect(res.status).toBe(201);
    expect(res.body.language).toBe('ja');
    expect(res.body.document).toContain('## 根本原因と寄与要因');
    expect(res.body.title).toBe('無題のポストモーテム');
    // Exported for an English reader: the template's headings and the labels in English.
    const en = await request(server)
      .get(api(`/postmortems/${res.body.id}/export.md?lang=en`))
      .set('Authorization', as('owner'));
    expect(en.text).toContain('## Root cause and contributing factors');
    expect(en.text).toContain('- Status: draft');
    expect(en.text).not.toContain('## 根本原因と寄与要因');
  });

  it('two saves based on the same revision: the second gets 409 with the current revision; nothing is lost', async () => {
    const pm = await blank();
    const first = await request(server)
      .put(api(`/postmortems/${pm.id}`))
      .set('Authorization', as('owner'))
      .send({ baseRevision: 1, document: 'A wrote this\n' });
    expect(first.status).toBe(200);
    expect(first.body.revision).toBe(2);
    const second = await request(server)
      .put(api(`/postmortems/${pm.id}`))
      .set('Authorization', as('platform'))
      .send({ baseRevision: 1, document: 'B wrote this\n' });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({
      error: { name: 'ConflictError' },
      baseRevision: 1,
      currentRevision: 2,
      current: { revision: 2, document: 'A wrote this\n', author: 'user:default/owner' },
    });
    const revisions = await request(server)
      .get(api(`/postmortems/${pm.id}/revisions`))
      .set('Authorization', as('owner'));
    expect(revisions.body.map((r: any) => r.revision)).toEqual([2, 1]);
    const base = await request(server)
      .get(api(`/postmortems/${pm.id}/revisions/1`))
      .set('Authorization', as('owner'));
    expect(base.body.document).toBe(pm.document);
    const merged = await request(server)
      .patch(api(`/postmortems/${pm.id}`))
      .set('Authorization', as('platform'))
      .send({ baseRevision: 2, document: 'A wrote this\nB wrote this\n' });
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({ revision: 3, document: 'A wrote this\nB wrote this\n' });
  });

  it('review workflow: in review, reviewers approve, published is read-only until reopened', async () => {
    const pm = await blank();
    const review = await request(server)
      .post(api(`/postmortems/${pm.id}/review`))
      .set('Authorization', as('owner'))
      .send({ reviewers: ['user:default/reviewer', 'platform'] });
    expect(review.status).toBe(200);
    expect(review.body.status).toBe('in_review');
    expect(review.body.reviewers.map((r: any) => r.userRef)).toEqual([
      'user:default/platform',
      'user:default/reviewer',
    ]);
    const notReviewer = await request(server)
      .post(api(`/postmortems/${pm.id}/approve`))
      .set('Authorization', as('outsider'));
    expect(notReviewer.status).toBe(403);
    expect(
      (
        await request(server)
          .post(api(`/postmortems/${pm.id}/approve`))
          .set('Authorization', as('reviewer'))
      ).body.status,
    ).toBe('in_review');
    const published = await request(server)
      .post(api(`/postmortems/${pm.id}/approve`))
      .set('Authorization', as('platform'));
    expect(published.body.status).toBe('published');
    expect(published.body.publishedAt).toBeDefined();
    const edit = await request(server)
      .put(api(`/postmortems/${pm.id}`))
      .set('Authorization', as('owner'))
      .send({ baseRevision: 1, document: 'x' });
    expect(edit.status).toBe(409);
    expect(edit.body.error.message).toMatch(/read-only/);
    const entry = await request(server)
      .post(api(`/postmortems/${pm.id}/timeline`))
      .set('Authorization', as('owner'))
      .send({ at: '2026-11-20T01:00:00Z', kind: 'note', text: 'late' });
    expect(entry.status).toBe(409);
    const reopen = await request(server)
      .post(api(`/postmortems/${pm.id}/reopen`))
      .set('Authorization', as('owner'))
      .send({ reason: 'new data' });
    expect(reopen.body.status).toBe('draft');
    expect(
      (
        await request(server)
          .put(api(`/postmortems/${pm.id}`))
          .set('Authorization', as('owner'))
          .send({ baseRevision: 1, document: 'x' })
      ).status,
    ).toBe(200);
    const history = await request(server)
      .get(api(`/postmortems/${pm.id}/history`))
      .set('Authorization', as('outsider'));
    expect(history.body.map((h: any) => h.action)).toEqual([
      'created',
      'review-requested',
      'approved',
      'approved',
      'published',
      'reopened',
      'saved',
    ]);
    // Reviewers were told to review; the author and owning team that it was published.
    const mine = sent.filter(s => s.payload.link === `/postmortems/${pm.id}?tab=review`);
    expect(mine.map(s => s.recipients.entityRef)).toEqual([
      ['user:default/reviewer', 'user:default/platform'],
      ['user:default/owner', 'group:default/team-checkout'],
    ]);
    expect(mine[0].payload.title).toMatch(/^Postmortem to review: /);
    expect(mine[1].payload.title).toMatch(/^Postmortem published: /);
  });

  it('action items: overdue across postmortems, mine by group, updates by their owner', async () => {
    const pm = await blank();
    const add = (body: object) =>
      request(server)
        .post(api(`/postmortems/${pm.id}/action-items`))
        .set('Authorization', as('owner'))
        .send(body);
    const overdue = await add({
      title: 'Add a circuit breaker',
      ownerRef: 'team-storefront',
      dueDate: '2020-01-31',
      priority: 'P1',
    });
    expect(overdue.status).toBe(201);
    expect(overdue.body).toMatchObject({ ownerRef: 'group:default/team-storefront', status: 'open', overdue: true });
    expect((await add({ title: 'Later', ownerRef: 'user:default/owner', dueDate: '2999-01-01' })).status).toBe(201);
    const list = await request(server).get(api('/action-items?overdue=true')).set('Authorization', as('outsider'));
    expect(list.body.map((i: any) => i.id)).toContain(overdue.body.id);
    expect(list.body.every((i: any) => i.overdue)).toBe(true);
    const mine = await request(server)
      .get(api('/action-items?owner=me&status=open,in_progress'))
      .set('Authorization', as('outsider'));
    expect(mine.body.map((i: any) => i.title)).toContain('Add a circuit breaker');
    expect(mine.body.map((i: any) => i.title)).not.toContain('Later');
    // The item's owner (a member of team-storefront) may update it, though not an owner of cart-service.
    const done = await request(server)
      .patch(api(`/postmortems/${pm.id}/action-items/${overdue.body.id}`))
      .set('Authorization', as('outsider'))
      .send({ status: 'done' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'done', overdue: false });
    const entityItems = await request(server)
      .get(api('/action-items?entity=component:default/cart-service&status=open'))
      .set('Authorization', as('owner'));
    expect(entityItems.body.map((i: any) => i.title)).toContain('Later');
    expect(entityItems.body.map((i: any) => i.title)).not.toContain('Add a circuit breaker');
  });

  it('lists with filters and computes MTTA and MTTR per service and team from PagerDuty', async () => {
    await blank();
    const byEntity = await request(server)
      .get(api('/postmortems?entity=cart-service&status=draft&q=blank'))
      .set('Authorization', as('outsider'));
    expect(byEntity.status).toBe(200);
    expect(byEntity.body.length).toBeGreaterThan(0);
    expect(
      byEntity.body.every((p: any) => p.entityRef === 'component:default/cart-service' && p.status === 'draft'),
    ).toBe(true);
    expect(
      (await request(server).get(api('/postmortems?team=team-storefront')).set('Authorization', as('owner'))).body,
    ).toEqual([]);
    await scheduler.triggerTask(INCIDENT_HISTORY_TASK_ID);
    const metrics = await request(server).get(api('/metrics')).set('Authorization', as('outsider'));
    expect(metrics.status).toBe(200);
    const payment = metrics.body.services.find((r: any) => r.ref === 'component:default/payment-service');
    expect(payment.incidents).toBeGreaterThan(0);
    expect(payment.mttaSeconds).toBeGreaterThan(0);
    const checkout = metrics.body.teams.find((r: any) => r.ref === 'group:default/team-checkout');
    expect(checkout.incidents).toBeGreaterThanOrEqual(payment.incidents);
    const team = await request(server).get(api('/metrics?team=team-checkout')).set('Authorization', as('outsider'));
    expect(team.body.teams.map((r: any) => r.ref)).toEqual(['group:default/team-checkout']);
  });

  describe('authentication and permissions on every mutating route', () => {
    const UUID = '00000000-0000-4000-8000-000000000000';
    it('answers 401 without a token, on every route', async () => {
      const routes: Array<[string, string]> = [
        ['get', '/postmortems'],
        ['post', '/postmortems'],
        ['get', `/postmortems/${UUID}`],
        ['put', `/postmortems/${UUID}`],
        ['patch', `/postmortems/${UUID}`],
        ['delete', `/postmortems/${UUID}`],
        ['get', `/postmortems/${UUID}/revisions`],
        ['get', `/postmortems/${UUID}/revisions/1`],
        ['get', `/postmortems/${UUID}/history`],
        ['get', `/postmortems/${UUID}/export.md`],
        ['post', `/postmortems/${UUID}/impact`],
        ['post', `/postmortems/${UUID}/timeline`],
        ['patch', `/postmortems/${UUID}/timeline/${UUID}`],
        ['delete', `/postmortems/${UUID}/timeline/${UUID}`],
        ['post', `/postmortems/${UUID}/review`],
        ['post', `/postmortems/${UUID}/approve`],
        ['post', `/postmortems/${UUID}/reopen`],
        ['post', `/postmortems/${UUID}/action-items`],
        ['patch', `/postmortems/${UUID}/action-items/${UUID}`],
        ['delete', `/postmortems/${UUID}/action-items/${UUID}`],
        ['get', '/action-items'],
        ['get', '/incidents?entity=cart-service'],
        ['get', '/metrics'],
      ];
      for (const [method, url] of routes) {
        const res = await (request(server) as any)[method](api(url)).send({});
        expect({ url, method, status: res.status }).toEqual({ url, method, status: 401 });
      }
    });

    it('403 for a user who neither owns the entity nor is platform, and nothing changes; owner and platform succeed', async () => {
      const pm = await blank();
      const item = (
        await request(server)
          .post(api(`/postmortems/${pm.id}/action-items`))
          .set('Authorization', as('owner'))
          .send({ title: 't', ownerRef: 'team-checkout' })
      ).body;
      const entry =
        pm.id &&
        (
          await request(server)
            .post(api(`/postmortems/${pm.id}/timeline`))
            .set('Authorization', as('owner'))
            .send({ at: '2026-11-20T01:00:00Z', kind: 'note', text: 'n' })
        ).body;
      const mutations: Array<[string, string, object]> = [
        ['post', '/postmortems', { entityRef: 'component:default/cart-service' }],
        ['put', `/postmortems/${pm.id}`, { baseRevision: 1, document: 'x' }],
        ['patch', `/postmortems/${pm.id}`, { baseRevision: 1, title: 'x' }],
        ['post', `/postmortems/${pm.id}/impact`, {}],
        ['post', `/postmortems/${pm.id}/timeline`, { at: '2026-11-20T01:00:00Z', kind: 'note', text: 'x' }],
        ['patch', `/postmortems/${pm.id}/timeline/${entry.id}`, { keyMoment: true }],
        ['delete', `/postmortems/${pm.id}/timeline/${entry.id}`, {}],
        ['post', `/postmortems/${pm.id}/action-items`, { title: 'x', ownerRef: 'team-checkout' }],
        ['patch', `/postmortems/${pm.id}/action-items/${item.id}`, { status: 'done' }],
        ['delete', `/postmortems/${pm.id}/action-items/${item.id}`, {}],
        ['post', `/postmortems/${pm.id}/review`, { reviewers: ['user:default/outsider'] }],
        ['post', `/postmortems/${pm.id}/reopen`, {}],
        ['delete', `/postmortems/${pm.id}`, {}],
      ];
      const before = (
        await request(server)
          .get(api(`/postmortems/${pm.id}`))
          .set('Authorization', as('owner'))
      ).body;
      const listBefore = (await request(server).get(api('/postmortems')).set('Authorization', as('owner'))).body.length;
      for (const [method, url, body] of mutations) {
        const res = await (request(server) as any)[method](api(url)).set('Authorization', as('outsider')).send(body);
        expect({ method, url, status: res.status }).toEqual({ method, url, status: 403 });
      }
      expect(
        (
          await request(server)
            .get(api(`/postmortems/${pm.id}`))
            .set('Authorization', as('owner'))
        ).body,
      ).toEqual(before);
      expect((await request(server).get(api('/postmortems')).set('Authorization', as('owner'))).body.length).toBe(
        listBefore,
      );
      // The entity's owner and the platform team may.
      expect(
        (
          await request(server)
            .put(api(`/postmortems/${pm.id}`))
            .set('Authorization', as('owner'))
            .send({ baseRevision: 1, document: 'o' })
        ).status,
      ).toBe(200);
      expect(
        (
          await request(server)
            .put(api(`/postmortems/${pm.id}`))
            .set('Authorization', as('platform'))
            .send({ baseRevision: 2, document: 'p' })
        ).status,
      ).toBe(200);
      expect(
        (
          await request(server)
            .patch(api(`/postmortems/${pm.id}/timeline/${entry.id}`))
            .set('Authorization', as('platform'))
            .send({ keyMoment: true })
        ).body.keyMoment,
      ).toBe(true);
      expect(
        (
          await request(server)
            .delete(api(`/postmortems/${pm.id}/timeline/${entry.id}`))
            .set('Authorization', as('owner'))
        ).status,
      ).toBe(204);
      expect(
        (
          await request(server)
            .patch(api(`/postmortems/${pm.id}/action-items/${item.id}`))
            .set('Authorization', as('owner'))
            .send({ status: 'in_progress' })
        ).status,
      ).toBe(200);
      expect(
        (
          await request(server)
            .delete(api(`/postmortems/${pm.id}/action-items/${item.id}`))
            .set('Authorization', as('platform'))
        ).status,
      ).toBe(204);
      // Deleting is for the platform team only: the entity's owner may not.
      expect(
        (
          await request(server)
            .delete(api(`/postmortems/${pm.id}`))
            .set('Authorization', as('owner'))
        ).status,
      ).toBe(403);
      expect(
        (
          await request(server)
            .delete(api(`/postmortems/${pm.id}`))
            .set('Authorization', as('platform'))
        ).status,
      ).toBe(204);
      expect(
        (
          await request(server)
            .get(api(`/postmortems/${pm.id}`))
            .set('Authorization', as('owner'))
        ).status,
      ).toBe(404);
    });

    it('rejects malformed input with 4xx naming the field, and oversized bodies with 413', async () => {
      const pm = await blank();
      const cases: Array<[string, string, any, RegExp]> = [
        ['post', '/postmortems', { entityRef: 'component:default/cart-service', severity: 'SEV9' }, /severity/],
        ['post', '/postmortems', { entityRef: 'component:default/nope' }, /entityRef/],
        ['post', '/postmortems', { entityRef: 'component:default/cart-service', extra: 1 }, /extra|Unrecognized/],
        ['post', '/postmortems', { entityRef: 'component:default/cart-service', incidentId: '../x' }, /incidentId/],
        ['put', `/postmortems/${pm.id}`, { document: 'no base' }, /baseRevision/],
        ['put', `/postmortems/${pm.id}`, { baseRevision: '1' }, /baseRevision/],
        [
          'put',
          `/postmortems/${pm.id}`,
          { baseRevision: 1, startedAt: '2026-11-20T02:00:00Z', endedAt: '2026-11-20T01:00:00Z' },
          /endedAt/,
        ],
        ['post', `/postmortems/${pm.id}/timeline`, { at: 'noon', kind: 'note', text: 'x' }, /at/],
        [
          'post',
          `/postmortems/${pm.id}/action-items`,
          { title: 'x', ownerRef: 'team-checkout', dueDate: '2026-02-31x' },
          /dueDate/,
        ],
        [
          'post',
          `/postmortems/${pm.id}/action-items`,
          { title: 'x', ownerRef: 'team-checkout', link: ['javascript', 'alert(1)'].join(':') },
          /link/,
        ],
        ['post', `/postmortems/${pm.id}/action-items`, { title: 'x', ownerRef: 'component:default/x' }, /ownerRef/],
        ['post', `/postmortems/${pm.id}/review`, { reviewers: ['group:default/team-checkout'] }, /reviewers/],
        ['get', '/action-items?status=closed', undefined, /status/],
        ['get', '/postmortems?severity=SEV0', undefined, /severity/],
        ['get', `/postmortems/not-a-uuid`, undefined, /id/],
        ['put', `/postmortems/${pm.id}`, { baseRevision: 1, document: 'nul \u0000 byte' }, /document/],
        ['put', `/postmortems/${pm.id}`, { baseRevision: 1e20 }, /baseRevision/],
        ['post', `/postmortems/${pm.id}/timeline`, { at: '2026-11-20T01:00:00+25:00', kind: 'note', text: 'x' }, /at/],
        [
          'post',
          `/postmortems/${pm.id}/timeline`,
          { at: '2026-11-20T01:00:00Z', kind: 'note', text: 'a\u0000b' },
          /text/,
        ],
      ];
      for (const [method, url, body, message] of cases) {
        const res = await (request(server) as any)[method](api(url)).set('Authorization', as('owner')).send(body);
        expect({ url, body, status: res.status }).toEqual({ url, body, status: 400 });
        expect(res.body.error.message).toMatch(message);
      }
      const unknownIncident = await request(server)
        .post(api('/postmortems'))
        .set('Authorization', as('owner'))
        .send({ entityRef: 'component:default/cart-service', incidentId: 'QNOSUCHINCIDENT' });
      expect(unknownIncident.status).toBe(404);
      expect(unknownIncident.body.error.message).toMatch(/incidentId/);
      const malformed = await request(server)
        .post(api('/postmortems'))
        .set('Authorization', as('owner'))
        .set('Content-Type', 'application/json')
        .send('{"entityRef": ');
      expect(malformed.status).toBe(400);
      const huge = await request(server)
        .put(api(`/postmortems/${pm.id}`))
        .set('Authorization', as('owner'))
        .send({ baseRevision: 1, document: 'x'.repeat(600_000) });
      expect(huge.status).toBe(413);
      expect(
        (
          await request(server)
            .get(api(`/postmortems/${pm.id}`))
            .set('Authorization', as('owner'))
        ).body.revision,
      ).toBe(1);
    });
  });
});
