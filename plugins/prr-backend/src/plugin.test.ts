import { createServiceFactory, type BackstageCredentials } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  formatEvidence,
  type EntityPrr,
  type HistoryEntry,
  type Review,
  type Scorecard,
} from '@internal/plugin-prr-common';
import { startSandbox, type Sandbox } from '@internal/sandbox';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { parseAllDocuments } from 'yaml';
import { prrPlugin } from './plugin';

/**
 * The PRR backend against the real sandbox (Kubernetes, Datadog, PagerDuty through the shared
 * infra layer), with the example organisation in a mocked catalog and a permission policy keyed by
 * user: platform members may do everything, owners may change their team's reviews.
 */
jest.setTimeout(120_000);

const examples = path.resolve(__dirname, '../../../examples/components.yaml');
const entities: Entity[] = parseAllDocuments(fs.readFileSync(examples, 'utf8'))
  .map(d => d.toJS() as Entity)
  .filter(e => e?.kind);

const ALICE = 'user:default/alice'; // platform team
const BOB = 'user:default/bob'; // platform team
const CAROL = 'user:default/carol'; // team-checkout
const DAVE = 'user:default/dave'; // team-catalog
const EVE = 'user:default/eve'; // neither
const PLATFORM = new Set([ALICE, BOB]);
const TEAM_OF: Record<string, string> = { [CAROL]: 'team-checkout', [DAVE]: 'team-catalog' };

function ownerTeam(entityRef: string): string | undefined {
  const name = entityRef.split('/')[1];
  const e = entities.find(x => x.metadata.name === name);
  return String(e?.spec?.owner ?? '').replace(/^group:(default\/)?/, '');
}

function userOf(credentials: BackstageCredentials): string | undefined {
  return (credentials.principal as { userEntityRef?: string }).userEntityRef;
}

const permissions = mockServices.permissions.mock({
  authorize: async (requests, options) => {
    const user = userOf(options!.credentials);
    return requests.map(r => {
      if (user && PLATFORM.has(user)) return { result: AuthorizeResult.ALLOW };
      const ref = (r as { resourceRef?: string }).resourceRef;
      if (user && r.permission.name === 'prr.review.manage' && ref && TEAM_OF[user] === ownerTeam(ref)) {
        return { result: AuthorizeResult.ALLOW };
      }
      return { result: AuthorizeResult.DENY };
    }) as any;
  },
});

const sent: any[] = [];
const notifications = createServiceFactory({
  service: notificationService,
  deps: {},
  factory: () => ({
    send: async (options: any) => {
      sent.push(options);
    },
  }),
});

let sandbox: Sandbox;
let server: any;
beforeAll(async () => {
  sandbox = await startSandbox({
    ports: { admin: 0, datadog: 0, pagerduty: 0, pagerdutyEvents: 0, kubernetes: [0, 0] },
  });
  const infra = sandbox.infraConfig();
  const backend = await startTestBackend({
    features: [
      prrPlugin,
      catalogServiceMock.factory({ entities }),
      notifications,
      permissions.factory,
      mockServices.rootConfig.factory({
        data: {
          backend: { cache: { store: 'memory' } },
          infra: {
            ...infra,
            // Every evaluation reads the simulators again (a deleted PDB shows at once).
            kubernetes: { ...infra.kubernetes, cacheTtlSeconds: 0 },
            resilience: { timeoutMs: 15_000, deadlineMs: 30_000, retries: 1 },
          },
          prr: { schedule: { initialDelaySeconds: 3600 } },
        },
      }),
      mockServices.httpAuth.factory({ defaultCredentials: mockCredentials.none() }),
    ],
  });
  server = backend.server;
});
afterAll(() => sandbox.stop());
afterEach(() => {
  sandbox.deletions.restoreAll();
  sandbox.faults.clear();
});

const as = (user: string) => mockCredentials.user.header(user);
const api = (p: string) => `/api/prr${p}`;
const entityUrl = (name: string) => api(`/entities/component/default/${name}`);
const get = (url: string, user = CAROL) => request(server).get(url).set('Authorization', as(user));
const post = (url: string, user: string, body: object = {}) =>
  request(server).post(url).set('Authorization', as(user)).send(body);
const put = (url: string, user: string, body: object) =>
  request(server).put(url).set('Authorization', as(user)).send(body);

const item = (prr: EntityPrr, id: string) => prr.sections.flatMap(s => s.items).find(i => i.id === id)!;

/** Answers every applicable manual item (evidence or not applicable) as `user`. */
async function answerManualItems(name: string, user: string) {
  const prr = (await get(entityUrl(name), user)).body as EntityPrr;
  const manual = prr.sections.flatMap(s => s.items).filter(i => i.kind === 'manual' && i.applies);
  expect(manual.length).toBeGreaterThan(0);
  for (const [n, i] of manual.entries()) {
    const body =
      n % 2 === 0
        ? { state: 'done', evidenceUrl: `https://wiki.example.com/${name}/${i.id}` }
        : { state: 'not-applicable', reason: `${name} has no ${i.id}` };
    const res = await put(`${entityUrl(name)}/items/${i.id}`, user, body);
    expect({ id: i.id, status: res.status }).toEqual({ id: i.id, status: 200 });
  }
}

describe('prr backend against the sandbox', () => {
  it('requires a signed-in user on every route', async () => {
    const routes: Array<[string, string]> = [
      ['get', '/templates'],
      ['get', '/scorecard'],
      ['get', '/entities/component/default/fraud-scoring'],
      ['get', '/entities/component/default/fraud-scoring/history'],
      ['get', '/entities/component/default/fraud-scoring/export.md'],
      ['post', '/entities/component/default/fraud-scoring/evaluate'],
      ['post', '/entities/component/default/fraud-scoring/review'],
      ['post', '/entities/component/default/fraud-scoring/review/submit'],
      ['post', '/entities/component/default/fraud-scoring/review/approve'],
      ['post', '/entities/component/default/fraud-scoring/review/request-changes'],
      ['put', '/entities/component/default/fraud-scoring/items/runbook'],
      ['post', '/entities/component/default/fraud-scoring/items/runbook/comments'],
    ];
    for (const [method, url] of routes) {
      const res = await (request(server) as any)[method](api(url)).send({});
      expect({ url, status: res.status }).toEqual({ url, status: 401 });
    }
  });

  it('shows the missing probes and PDB of fraud-scoring with evidence naming the objects; inventory-service passes them', async () => {
    const fraud = await get(entityUrl('fraud-scoring'));
    expect(fraud.status).toBe(200);
    const f = fraud.body as EntityPrr;
    expect(f.tier).toBe('A'); // objective 99.9
    expect(f.evaluatedAt).toBeDefined();
    for (const id of ['liveness', 'readiness', 'pdb']) {
      expect({ id, status: item(f, id).status }).toEqual({ id, status: 'fail' });
    }
    expect(item(f, 'readiness').result!.evidence).toContain(
      'Deployment checkout/fraud-scoring, container fraud-scoring: no readinessProbe',
    );
    expect(item(f, 'liveness').result!.evidence).toContain(
      'Deployment checkout/fraud-scoring, container fraud-scoring: no livenessProbe',
    );
    expect(item(f, 'pdb').result!.evidence).toEqual([
      'Deployment checkout/fraud-scoring: no PodDisruptionBudget selects its pods',
    ]);
    // Beside each English line, its code and values (issue 15), for the UI to show in its language.
    expect(item(f, 'readiness').result!.evidenceCodes).toContainEqual({
      code: 'prr.k8s.probeMissing',
      params: { object: 'Deployment checkout/fraud-scoring', container: 'fraud-scoring', field: 'readinessProbe' },
    });
    expect(item(f, 'pdb').result!.evidenceCodes).toEqual([
      { code: 'prr.k8s.pdbMissing', params: { object: 'Deployment checkout/fraud-scoring' } },
    ]);

    const inventory = (await get(entityUrl('inventory-service'), DAVE)).body as EntityPrr;
    for (const id of [
      'liveness',
      'readiness',
      'pdb',
      'resources',
      'replicas',
      'graceful-shutdown',
      'non-root',
      'secrets',
      'image-tag',
      'rolling-update',
    ]) {
      expect({ id, status: item(inventory, id).status, evidence: item(inventory, id).result!.evidence }).toEqual({
        id,
        status: 'pass',
        evidence: expect.any(Array),
      });
    }
    expect(item(inventory, 'readiness').result!.evidence[0]).toMatch(
      /^Deployment catalog\/inventory-service, container inventory-service: readinessProbe \(httpGet \/ready\)$/,
    );
    expect(item(inventory, 'pdb').result!.evidence[0]).toMatch(
      /^PodDisruptionBudget catalog\/inventory-service: spec\.maxUnavailable 1 with 3 replica\(s\) of Deployment catalog\/inventory-service allows 1 disruption\(s\)$/,
    );
    expect(item(inventory, 'pdb').result!.evidenceCodes![0]).toEqual({
      code: 'prr.k8s.pdbAllows',
      params: {
        pdb: 'PodDisruptionBudget catalog/inventory-service',
        field: 'spec.maxUnavailable 1',
        replicas: 3,
        object: 'Deployment catalog/inventory-service',
        allowed: 1,
      },
    });
    // Every line of every automatic item has its code, and the code renders to the same English text.
    for (const i of [...f.sections, ...inventory.sections].flatMap(s => s.items).filter(x => x.result)) {
      const { evidence, evidenceCodes } = i.result!;
      expect({ id: i.id, codes: evidenceCodes!.length }).toEqual({ id: i.id, codes: evidence.length });
      evidenceCodes!.forEach((c, n) => expect(formatEvidence(c, 'en', '')).toBe(evidence[n]));
    }
    // On-call and observability come from PagerDuty and Datadog.
    for (const id of ['pagerduty-service', 'escalation', 'schedule', 'routing', 'apm', 'monitors', 'slo', 'owner']) {
      expect({ id, status: item(inventory, id).status }).toEqual({ id, status: 'pass' });
    }
    expect(inventory.score).toBeGreaterThan(f.score);
  });

  it('refuses an approval by the review author, also a platform member (403), and by a non-platform owner (403); another platform member approves', async () => {
    const url = entityUrl('checkout-service');
    expect((await post(`${url}/review`, ALICE)).status).toBe(201);
    await answerManualItems('checkout-service', ALICE);
    // Nothing changes for someone who is neither owner nor platform.
    const denied = await post(`${url}/review/submit`, EVE);
    expect(denied.status).toBe(403);
    expect(((await get(url)).body as EntityPrr).review!.status).toBe('draft');
    expect((await post(`${url}/review/submit`, CAROL)).status).toBe(200);

    const own = await post(`${url}/review/approve`, ALICE);
    expect(own.status).toBe(403);
    expect(own.body.error.message).toBe(
      'You opened this review (user:default/alice): another platform-team member must approve it',
    );
    const owner = await post(`${url}/review/approve`, CAROL);
    expect(owner.status).toBe(403);
    expect(owner.body.error.message).toBe('Only a platform-team member can sign off a production readiness review');
    expect(((await get(url)).body as EntityPrr).review!.status).toBe('in_review');

    const ok = await post(`${url}/review/approve`, BOB);
    expect(ok.status).toBe(200);
    expect(ok.body as Review).toMatchObject({ status: 'approved', author: ALICE, decidedBy: BOB });
    // Approving twice is a conflict, not a second approval.
    expect((await post(`${url}/review/approve`, BOB)).status).toBe(409);

    const history = (await get(`${url}/history`)).body.history as HistoryEntry[];
    expect(history[0]).toMatchObject({
      actor: BOB,
      action: 'approved',
      before: { status: 'in_review' },
      after: { status: 'approved' },
    });
    expect(history.map(h => h.action)).toEqual(
      expect.arrayContaining(['created', 'item-updated', 'submitted', 'approved']),
    );
  });

  it('turns an approved review into drifted when its PDB is deleted in the simulator, once, and notifies the owners', async () => {
    const url = entityUrl('inventory-service');
    const service = sandbox.world.services.find(s => s.name === 'inventory-service')!;
    expect((await post(`${url}/review`, DAVE)).status).toBe(201);
    await answerManualItems('inventory-service', DAVE);
    expect((await post(`${url}/review/submit`, DAVE)).status).toBe(200);
    expect((await post(`${url}/review/approve`, ALICE)).body.status).toBe('approved');

    // Still approved while nothing changes.
    const again = (await post(`${url}/evaluate`, DAVE)).body as EntityPrr;
    expect(again.review!.status).toBe('approved');
    expect(sent).toHaveLength(0);

    const deleted = await fetch(
      `${sandbox.urls.admin}/kubernetes/${service.clusters[0]}/poddisruptionbudgets/${service.namespace}/inventory-service`,
      { method: 'DELETE' },
    );
    expect(deleted.status).toBe(204);

    const after = (await post(`${url}/evaluate`, DAVE)).body as EntityPrr;
    expect(after.review!.status).toBe('drifted');
    expect(after.review!.driftedItems).toEqual(['pdb']);
    expect(after.review!.driftedAt).toBeDefined();
    expect(item(after, 'pdb').result!.evidence).toEqual([
      'Deployment catalog/inventory-service: no PodDisruptionBudget selects its pods',
    ]);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      recipients: { type: 'entity', entityRef: 'group:default/team-catalog' },
      payload: { title: 'Production readiness drifted: inventory-service', severity: 'high' },
    });

    // The next evaluation does not drift it again or notify twice.
    const third = (await post(`${url}/evaluate`, DAVE)).body as EntityPrr;
    expect(third.review!.status).toBe('drifted');
    expect(sent).toHaveLength(1);
    const history = (await get(`${url}/history`, DAVE)).body.history as HistoryEntry[];
    expect(history.filter(h => h.action === 'drifted')).toHaveLength(1);
    expect(history[0]).toMatchObject({ actor: 'plugin:prr', action: 'drifted', after: { status: 'drifted' } });

    // The scorecard shows the drop and the drifted state.
    const card = (await get(api('/scorecard?team=team-catalog'), DAVE)).body as Scorecard;
    const row = card.rows.find(r => r.name === 'inventory-service')!;
    expect(row.reviewStatus).toBe('drifted');
    expect(row.sections.kubernetes).toBeLessThan(100);
    expect(row.trend.length).toBeGreaterThan(0);
    expect(card.rows.every(r => r.owner === 'group:default/team-catalog')).toBe(true);
  });

  it('validates manual answers, comments and queries with 4xx naming the field', async () => {
    const url = entityUrl('fraud-scoring');
    expect((await post(`${url}/review`, CAROL)).status).toBe(201);
    expect((await post(`${url}/review`, CAROL)).status).toBe(409);
    const cases: Array<[object, string]> = [
      [{ state: 'done' }, 'evidenceUrl'],
      [{ state: 'not-applicable' }, 'reason'],
      // eslint-disable-next-line no-script-url
      [{ state: 'done', evidenceUrl: 'javascript:alert(1)' }, 'evidenceUrl'],
      [{ state: 'maybe' }, 'state'],
      [{ state: 'done', evidenceText: 'x'.repeat(10_001) }, 'evidenceText'],
      [{ state: 'done', evidenceText: 'ok', extra: { a: { b: { c: 1 } } } }, 'extra'],
    ];
    for (const [body, field] of cases) {
      const res = await put(`${url}/items/runbook`, CAROL, body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.body.error.message).toContain(field);
    }
    // An automatic item takes no evidence; an unknown item is 404.
    expect((await put(`${url}/items/pdb`, CAROL, { state: 'done', evidenceText: 'x' })).status).toBe(400);
    expect((await put(`${url}/items/no-such-item`, CAROL, { state: 'done', evidenceText: 'x' })).status).toBe(404);
    // Oversized and malformed bodies.
    const big = await put(`${url}/items/runbook`, CAROL, { state: 'done', evidenceText: 'x'.repeat(70_000) });
    expect(big.status).toBe(413);
    const malformed = await request(server)
      .put(`${url}/items/runbook`)
      .set('Authorization', as(CAROL))
      .set('Content-Type', 'application/json')
      .send('{"state":');
    expect(malformed.status).toBe(400);
    expect((await get(api('/scorecard?tier=Z'))).status).toBe(400);
    expect((await get(api('/scorecard?tier=Z'))).body.error.message).toContain('tier');

    // Valid: evidence, a comment, then export.
    expect(
      (await put(`${url}/items/runbook`, CAROL, { state: 'done', evidenceText: 'Runbook in the wiki' })).status,
    ).toBe(200);
    const comment = await post(`${url}/items/runbook/comments`, ALICE, { text: 'Please link it' });
    expect(comment.status).toBe(201);
    expect((await post(`${url}/items/runbook/comments`, EVE, { text: 'hi' })).status).toBe(403);
    const prr = (await get(url)).body as EntityPrr;
    expect(item(prr, 'runbook')).toMatchObject({
      status: 'pass',
      manual: { state: 'done', evidenceText: 'Runbook in the wiki', updatedBy: CAROL },
      comments: [{ author: ALICE, text: 'Please link it' }],
    });
    const md = await get(`${url}/export.md`);
    expect(md.status).toBe(200);
    expect(md.headers['content-type']).toMatch(/text\/markdown/);
    expect(md.text).toContain('# Production readiness review: fraud-scoring');
    expect(md.text).toContain('Deployment checkout/fraud-scoring, container fraud-scoring: no readinessProbe');
    expect(md.text).toContain('Comment by user:default/alice');
    // In Japanese (?lang=ja, or the browser's Accept-Language): headings, statuses and evidence.
    const ja = await get(`${url}/export.md?lang=ja`);
    expect(ja.status).toBe(200);
    expect(ja.text).toContain('# 本番準備レビュー: fraud-scoring');
    expect(ja.text).toContain('- スコア: ');
    expect(ja.text).toContain(
      'Deployment checkout/fraud-scoring のコンテナ fraud-scoring: readinessProbe がありません',
    );
    expect(ja.text).toContain('user:default/alice のコメント');
    expect(ja.text).not.toContain('no readinessProbe');
    const byHeader = await get(`${url}/export.md`).set('Accept-Language', 'ja,en;q=0.8');
    expect(byHeader.text).toContain('# 本番準備レビュー: fraud-scoring');
    expect((await get(`${url}/export.md?lang=ja`).set('Accept-Language', 'en')).text).toContain('# 本番準備レビュー');
    expect((await get(`${url}/export.md?lang=fr`)).status).toBe(400);
    expect(ja.text).toContain('Readiness プローブ');
  });

  it('lets only the owners and the platform team change a review; others get 403 and nothing changes', async () => {
    const url = entityUrl('cart-service');
    expect((await post(`${url}/review`, EVE)).status).toBe(403);
    expect(((await get(url)).body as EntityPrr).review).toBeUndefined();
    expect((await post(`${url}/review`, CAROL)).status).toBe(201);
    expect((await put(`${url}/items/runbook`, EVE, { state: 'done', evidenceText: 'x' })).status).toBe(403);
    expect((await put(`${url}/items/runbook`, DAVE, { state: 'done', evidenceText: 'x' })).status).toBe(403);
    expect(item((await get(url)).body, 'runbook').status).toBe('pending');
    expect((await post(`${url}/evaluate`, EVE)).status).toBe(403);
    expect((await post(`${url}/evaluate`, BOB)).status).toBe(200);
    // Submitting with unanswered manual items is refused with the items named.
    const early = await post(`${url}/review/submit`, CAROL);
    expect(early.status).toBe(409);
    expect(early.body.error.message).toContain('runbook');
    await answerManualItems('cart-service', CAROL);
    expect((await post(`${url}/review/submit`, CAROL)).status).toBe(200);
    expect((await post(`${url}/review/request-changes`, CAROL, { reason: 'no' })).status).toBe(403);
    expect((await post(`${url}/review/request-changes`, EVE, { reason: 'no' })).status).toBe(403);
    expect((await post(`${url}/review/approve`, EVE)).status).toBe(403);
    expect((await post(`${url}/items/runbook/comments`, EVE, { text: 'hi' })).status).toBe(403);
    const unchanged = (await get(url)).body as EntityPrr;
    expect(unchanged.review!.status).toBe('in_review');
    expect(item(unchanged, 'runbook').comments).toEqual([]);
    expect((await post(`${url}/review/request-changes`, ALICE, {})).status).toBe(400);
    const changes = await post(`${url}/review/request-changes`, ALICE, { reason: 'Add a PDB' });
    expect(changes.body).toMatchObject({ status: 'changes_requested', decidedBy: ALICE });
    const templates = (await get(api('/templates'))).body.templates;
    expect(templates.map((t: any) => t.id)).toContain('default');
  });
});
