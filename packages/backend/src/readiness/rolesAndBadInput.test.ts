import { startSandbox, type Sandbox } from '@internal/sandbox';
import fc from 'fast-check';
import knexFactory from 'knex';
import { callPortal, type Answer } from '../testing/portalApi';
import { startPortalProcess, testPostgresUrl, type PortalProcess } from '../testing/portalProcess';

/**
 * The portal's own readiness, against the whole backend (every plugin, the real permission policy,
 * real user tokens) on PostgreSQL:
 *  1. every mutating route of the portal's plugins, called by nobody (no token), by a user who is
 *     neither an owner nor on the platform team, by an owner and by a platform member;
 *  2. a fuzz test of every mutating route: random and malformed JSON, wrong types, huge strings,
 *     unicode, deep nesting. Every answer must be a 4xx with a message (or a success), never a
 *     5xx, and a refused request must leave every table of the portal's plugins as it was.
 *
 * Two backend processes share one database: `platform` signs its guest in as user:default/guest
 * (a member of team-platform), `product` signs its guest in as user:default/kato.minato (a member
 * of team-checkout, which owns checkout-service and not search-service).
 */
const pgUrl = testPostgresUrl();
if (!pgUrl) {
  if (process.env.CI) {
    test('PostgreSQL for the readiness tests', () => {
      throw new Error('the readiness tests need PostgreSQL (npm test starts one)');
    });
  } else {
    // eslint-disable-next-line no-console
    console.warn('roles and bad-input tests skipped: no PostgreSQL (run through npm test)');
  }
}

/** fast-check seed of the bad-input test: the same inputs on every run. */
const SEED = 20261126;
const OWN = 'checkout-service';
const OTHER = 'search-service';
const entity = (name: string) => `component:default/${name}`;
const prr = (name: string) => `/api/prr/entities/component/default/${name}`;
const hourAgo = () => new Date(Date.now() - 3600_000).toISOString();

type Role = 'nobody' | 'other' | 'owner' | 'platform';

(pgUrl ? describe : describe.skip)('the portal under two roles and bad input', () => {
  jest.setTimeout(900_000);
  let sandbox: Sandbox;
  let platform: PortalProcess;
  let product: PortalProcess;
  let tokens: Record<'platform' | 'product', string>;
  let prefix: string;
  const ids: Record<string, string> = {};

  const as = (role: Role, method: string, route: string, body?: unknown) => {
    if (role === 'nobody') return callPortal(platform, undefined, method, route, body);
    if (role === 'platform') return callPortal(platform, tokens.platform, method, route, body);
    return callPortal(product, tokens.product, method, route, body);
  };
  const ok = async (p: Promise<Answer>) => {
    const a = await p;
    if (a.status >= 300) throw new Error(`fixture failed: ${a.status} ${a.text.slice(0, 500)}`);
    return a.json;
  };

  beforeAll(async () => {
    sandbox = await startSandbox({
      ports: { admin: 0, datadog: 0, pagerduty: 0, pagerdutyEvents: 0, kubernetes: [0, 0], github: 0 },
    });
    prefix = `roles_${process.pid}_${Date.now() % 100000}_`;
    const config = {
      backend: { database: { client: 'pg', connection: pgUrl, prefix }, cache: { store: 'memory' } },
      infra: sandbox.infraConfig(),
      // The catalog from the sandbox's GitHub.
      ...sandbox.githubConfig(),
      // Background jobs off: the bad-input test compares table contents around each request.
      prr: { schedule: { frequencyMinutes: 1440, initialDelaySeconds: 86400 } },
      support: { sla: { checkFrequencyMinutes: 1440 } },
      slo: { refresh: { frequency: { hours: 24 } } },
    };
    platform = await startPortalProcess({ name: 'platform', config });
    product = await startPortalProcess({
      name: 'product',
      config: { ...config, auth: { providers: { guest: { userEntityRef: 'user:default/kato.minato' } } } },
    });
    tokens = { platform: await platform.guestToken(), product: await product.guestToken() };

    // Fixtures, made by the platform member unless said otherwise.
    const pm = async (name: string) => {
      const created = await ok(
        as('platform', 'POST', '/api/postmortem/postmortems', { entityRef: entity(name), title: `Fixture ${name}` }),
      );
      // An incident window, so the SLO impact can be computed.
      await ok(
        as('platform', 'PATCH', `/api/postmortem/postmortems/${created.id}`, {
          baseRevision: created.revision,
          startedAt: new Date(Date.now() - 3 * 3600_000).toISOString(),
          endedAt: new Date(Date.now() - 2 * 3600_000).toISOString(),
        }),
      );
      return created.id;
    };
    ids.pmOwn = await pm(OWN);
    ids.pmOther = await pm(OTHER);
    ids.pmDelete = await pm(OTHER);
    for (const key of ['pmOwn', 'pmOther']) {
      for (const n of [1, 2]) {
        const entry = await ok(
          as('platform', 'POST', `/api/postmortem/postmortems/${ids[key]}/timeline`, {
            at: hourAgo(),
            kind: 'note',
            text: `entry ${n}`,
          }),
        );
        ids[`${key}Entry${n}`] = entry.id;
        // Action items belong to the postmortem's team (their owners may update them).
        const ownerRef = key === 'pmOwn' ? 'group:default/team-checkout' : 'group:default/team-catalog';
        const item = await ok(
          as('platform', 'POST', `/api/postmortem/postmortems/${ids[key]}/action-items`, {
            title: `item ${n}`,
            ownerRef,
          }),
        );
        ids[`${key}Item${n}`] = item.id;
      }
    }
    const filed = async (role: Role, name: string) =>
      (
        await ok(
          as(role, 'POST', '/api/support/requests', {
            type: 'question',
            title: `Fixture for ${name}`,
            entityRef: entity(name),
            fields: { question: 'How do I rotate a secret?' },
          }),
        )
      ).id;
    ids.reqOther = String(await filed('platform', OTHER));
    ids.reqOwn = String(await filed('owner', OWN));
    const correction = async (name: string) =>
      (
        await ok(
          as('platform', 'POST', `/api/slo/entities/component/default/${name}/corrections`, {
            start: '2026-12-01T02:00:00+09:00',
            end: '2026-12-01T03:00:00+09:00',
            reason: 'fixture maintenance',
          }),
        )
      ).id;
    ids.corrOwn = await correction(OWN);
    ids.corrOther = await correction(OTHER);
  });

  afterAll(async () => {
    await Promise.all([platform?.stop(), product?.stop()]);
    await sandbox?.stop();
  });

  describe('every mutating route under both roles and without a token', () => {
    /**
     * Steps run in order (reviews and postmortems move through their workflows). `expect` lists
     * the statuses that are right for that caller.
     */
    const steps: Array<{ route: string; role: Role; call: () => Promise<Answer>; expect: number[] }> = [];
    const step = (route: string, role: Role, call: () => Promise<Answer>, expect: number[]) =>
      steps.push({ route, role, call, expect });
    const denied = [403];
    const allowed = [200, 201, 204];

    // The three refusals every route must give: nobody, and a user acting on what they do not own.
    const refusals = (
      route: string,
      method: string,
      ownPath: () => string,
      otherPath: () => string,
      body?: () => unknown,
    ) => {
      step(route, 'nobody', () => as('nobody', method, ownPath(), body?.()), [401]);
      step(route, 'other', () => as('other', method, otherPath(), body?.()), denied);
    };

    // --- Production Readiness Review -------------------------------------------------------------
    /** Answers every applicable manual item (not applicable, with a reason) so a review can be submitted. */
    const answerManualItems = async (role: Role, name: string): Promise<Answer> => {
      const checklist = (await as(role, 'GET', prr(name))).json;
      let last: Answer = { status: 200, text: '', json: undefined };
      for (const section of checklist.sections) {
        for (const item of section.items) {
          if (item.kind !== 'manual' || !item.applies || item.id === 'runbook') continue;
          last = await as(role, 'PUT', `${prr(name)}/items/${item.id}`, {
            state: 'not-applicable',
            reason: 'Covered by the platform baseline',
          });
          if (last.status >= 300) return last;
        }
      }
      return last;
    };
    for (const [route, suffix, body] of [
      ['POST /api/prr/entities/{ref}/evaluate', '/evaluate', {}],
      ['POST /api/prr/entities/{ref}/review', '/review', {}],
      [
        'PUT /api/prr/entities/{ref}/items/{itemId}',
        '/items/runbook',
        { state: 'done', evidenceUrl: 'https://wiki.example.com/runbooks/checkout' },
      ],
      [
        'POST /api/prr/entities/{ref}/items/{itemId}/comments',
        '/items/runbook/comments',
        { text: 'Runbook reviewed with the on-call.' },
      ],
      ['POST /api/prr/entities/{ref}/review/submit', '/review/submit', {}],
    ] as const) {
      const method = route.split(' ')[0];
      if (suffix === '/review/submit') {
        step('PUT /api/prr/entities/{ref}/items/{itemId}', 'owner', () => answerManualItems('owner', OWN), allowed);
        step(
          'PUT /api/prr/entities/{ref}/items/{itemId}',
          'platform',
          () => answerManualItems('platform', OTHER),
          allowed,
        );
      }
      refusals(
        route,
        method,
        () => prr(OWN) + suffix,
        () => prr(OTHER) + suffix,
        () => body,
      );
      step(route, 'owner', () => as('owner', method, prr(OWN) + suffix, body), allowed);
      step(route, 'platform', () => as('platform', method, prr(OTHER) + suffix, body), allowed);
    }
    // Sign-off is the platform team's: owners may not approve or request changes, even their own.
    refusals(
      'POST /api/prr/entities/{ref}/review/request-changes',
      'POST',
      () => `${prr(OWN)}/review/request-changes`,
      () => `${prr(OTHER)}/review/request-changes`,
      () => ({ reason: 'Add a runbook link' }),
    );
    step(
      'POST /api/prr/entities/{ref}/review/request-changes',
      'owner',
      () => as('owner', 'POST', `${prr(OWN)}/review/request-changes`, { reason: 'mine' }),
      denied,
    );
    step(
      'POST /api/prr/entities/{ref}/review/request-changes',
      'platform',
      () => as('platform', 'POST', `${prr(OWN)}/review/request-changes`, { reason: 'Link the dashboard' }),
      allowed,
    );
    step(
      'POST /api/prr/entities/{ref}/review/submit',
      'owner',
      () => as('owner', 'POST', `${prr(OWN)}/review/submit`, {}),
      allowed,
    );
    refusals(
      'POST /api/prr/entities/{ref}/review/approve',
      'POST',
      () => `${prr(OWN)}/review/approve`,
      () => `${prr(OTHER)}/review/approve`,
      () => ({}),
    );
    step(
      'POST /api/prr/entities/{ref}/review/approve',
      'owner',
      () => as('owner', 'POST', `${prr(OWN)}/review/approve`, {}),
      denied,
    );
    step(
      'POST /api/prr/entities/{ref}/review/approve',
      'platform',
      () => as('platform', 'POST', `${prr(OWN)}/review/approve`, {}),
      allowed,
    );
    // The platform member authored search-service's review: an author never approves alone.
    step(
      'POST /api/prr/entities/{ref}/review/approve',
      'platform',
      () => as('platform', 'POST', `${prr(OTHER)}/review/approve`, {}),
      [403, 409],
    );

    // --- Postmortems -----------------------------------------------------------------------------
    const pmPath = (key: string) => `/api/postmortem/postmortems/${ids[key]}`;
    const rev = async (key: string) => (await as('platform', 'GET', pmPath(key))).json.revision;
    refusals(
      'POST /api/postmortem/postmortems',
      'POST',
      () => '/api/postmortem/postmortems',
      () => '/api/postmortem/postmortems',
      () => ({ entityRef: entity(OTHER) }),
    );
    step(
      'POST /api/postmortem/postmortems',
      'owner',
      () => as('owner', 'POST', '/api/postmortem/postmortems', { entityRef: entity(OWN), title: 'Owner-made' }),
      allowed,
    );
    step(
      'POST /api/postmortem/postmortems',
      'platform',
      () => as('platform', 'POST', '/api/postmortem/postmortems', { entityRef: entity(OTHER), title: 'Platform-made' }),
      allowed,
    );
    for (const method of ['PUT', 'PATCH']) {
      const route = `${method} /api/postmortem/postmortems/{id}`;
      step(
        route,
        'nobody',
        async () => as('nobody', method, pmPath('pmOwn'), { baseRevision: await rev('pmOwn'), title: 'x' }),
        [401],
      );
      step(
        route,
        'other',
        async () => as('other', method, pmPath('pmOther'), { baseRevision: await rev('pmOther'), title: 'Not mine' }),
        denied,
      );
      step(
        route,
        'owner',
        async () =>
          as('owner', method, pmPath('pmOwn'), { baseRevision: await rev('pmOwn'), title: `Owner ${method}` }),
        allowed,
      );
      step(
        route,
        'platform',
        async () =>
          as('platform', method, pmPath('pmOther'), {
            baseRevision: await rev('pmOther'),
            title: `Platform ${method}`,
          }),
        allowed,
      );
    }
    const sub = (
      route: string,
      method: string,
      suffix: (key: string) => string,
      body: () => unknown,
      ownerKey = 'pmOwn',
      platformKey = 'pmOther',
    ) => {
      refusals(
        route,
        method,
        () => suffix(ownerKey),
        () => suffix(platformKey),
        body,
      );
      step(route, 'owner', () => as('owner', method, suffix(ownerKey), body()), allowed);
      step(route, 'platform', () => as('platform', method, suffix(platformKey), body()), allowed);
    };
    sub(
      'POST /api/postmortem/postmortems/{id}/impact',
      'POST',
      k => `${pmPath(k)}/impact`,
      () => ({}),
    );
    sub(
      'POST /api/postmortem/postmortems/{id}/timeline',
      'POST',
      k => `${pmPath(k)}/timeline`,
      () => ({ at: hourAgo(), kind: 'note', text: 'Rolled back' }),
    );
    sub(
      'PATCH /api/postmortem/postmortems/{id}/timeline/{entryId}',
      'PATCH',
      k => `${pmPath(k)}/timeline/${ids[`${k}Entry1`]}`,
      () => ({ text: 'Edited', keyMoment: true }),
    );
    sub(
      'DELETE /api/postmortem/postmortems/{id}/timeline/{entryId}',
      'DELETE',
      k => `${pmPath(k)}/timeline/${ids[`${k}Entry2`]}`,
      () => undefined,
    );
    sub(
      'POST /api/postmortem/postmortems/{id}/action-items',
      'POST',
      k => `${pmPath(k)}/action-items`,
      () => ({ title: 'Add an alert', ownerRef: 'group:default/team-checkout', priority: 'P2' }),
    );
    sub(
      'PATCH /api/postmortem/postmortems/{id}/action-items/{itemId}',
      'PATCH',
      k => `${pmPath(k)}/action-items/${ids[`${k}Item1`]}`,
      () => ({ status: 'in_progress' }),
    );
    sub(
      'DELETE /api/postmortem/postmortems/{id}/action-items/{itemId}',
      'DELETE',
      k => `${pmPath(k)}/action-items/${ids[`${k}Item2`]}`,
      () => undefined,
    );
    sub(
      'POST /api/postmortem/postmortems/{id}/review',
      'POST',
      k => `${pmPath(k)}/review`,
      () => ({ reviewers: ['user:default/guest'] }),
    );
    // Approving is for the assigned reviewers (the platform guest here), nobody else.
    refusals(
      'POST /api/postmortem/postmortems/{id}/approve',
      'POST',
      () => `${pmPath('pmOwn')}/approve`,
      () => `${pmPath('pmOther')}/approve`,
      () => ({}),
    );
    step(
      'POST /api/postmortem/postmortems/{id}/approve',
      'owner',
      () => as('owner', 'POST', `${pmPath('pmOwn')}/approve`, {}),
      denied,
    );
    step(
      'POST /api/postmortem/postmortems/{id}/approve',
      'platform',
      () => as('platform', 'POST', `${pmPath('pmOwn')}/approve`, {}),
      allowed,
    );
    step(
      'POST /api/postmortem/postmortems/{id}/approve',
      'platform',
      () => as('platform', 'POST', `${pmPath('pmOther')}/approve`, {}),
      allowed,
    );
    sub(
      'POST /api/postmortem/postmortems/{id}/reopen',
      'POST',
      k => `${pmPath(k)}/reopen`,
      () => ({ reason: 'New facts' }),
    );
    refusals(
      'DELETE /api/postmortem/postmortems/{id}',
      'DELETE',
      () => pmPath('pmDelete'),
      () => pmPath('pmDelete'),
    );
    step('DELETE /api/postmortem/postmortems/{id}', 'owner', () => as('owner', 'DELETE', pmPath('pmOwn')), denied);
    step(
      'DELETE /api/postmortem/postmortems/{id}',
      'platform',
      () => as('platform', 'DELETE', pmPath('pmDelete')),
      allowed,
    );

    // --- Support requests ------------------------------------------------------------------------
    const req = (key: string) => `/api/support/requests/${ids[key]}`;
    step(
      'POST /api/support/requests',
      'nobody',
      () => as('nobody', 'POST', '/api/support/requests', { type: 'question', title: 'q', fields: { question: 'q?' } }),
      [401],
    );
    step(
      'POST /api/support/requests',
      'owner',
      () =>
        as('owner', 'POST', '/api/support/requests', {
          type: 'question',
          title: 'Anyone may ask',
          entityRef: entity(OTHER),
          fields: { question: 'q?' },
        }),
      allowed,
    );
    step(
      'POST /api/support/requests',
      'platform',
      () =>
        as('platform', 'POST', '/api/support/requests', {
          type: 'question',
          title: 'Platform asks',
          fields: { question: 'q?' },
        }),
      allowed,
    );
    refusals(
      'POST /api/support/requests/{id}/comments',
      'POST',
      () => `${req('reqOwn')}/comments`,
      () => `${req('reqOther')}/comments`,
      () => ({ body: 'Any news?' }),
    );
    step(
      'POST /api/support/requests/{id}/comments',
      'owner',
      () => as('owner', 'POST', `${req('reqOwn')}/comments`, { body: 'More detail: it is the payments key.' }),
      allowed,
    );
    step(
      'POST /api/support/requests/{id}/comments',
      'owner',
      () => as('owner', 'POST', `${req('reqOwn')}/comments`, { body: 'sneaky', internal: true }),
      denied,
    );
    step(
      'POST /api/support/requests/{id}/comments',
      'platform',
      () => as('platform', 'POST', `${req('reqOwn')}/comments`, { body: 'Internal: rotate via Vault', internal: true }),
      allowed,
    );
    refusals(
      'PATCH /api/support/requests/{id}',
      'PATCH',
      () => req('reqOwn'),
      () => req('reqOther'),
      () => ({ status: 'closed' }),
    );
    // Triage (assignment, priority) is the platform team's; the requester may not.
    step(
      'PATCH /api/support/requests/{id}',
      'owner',
      () => as('owner', 'PATCH', req('reqOwn'), { assignee: 'user:default/kato.minato' }),
      denied,
    );
    step(
      'PATCH /api/support/requests/{id}',
      'platform',
      () => as('platform', 'PATCH', req('reqOwn'), { assignee: 'user:default/guest', status: 'triaged' }),
      allowed,
    );

    // --- SLO corrections and the Datadog sync ----------------------------------------------------
    const slo = (name: string) => `/api/slo/entities/component/default/${name}/corrections`;
    const corrBody = () => ({
      start: '2026-12-02T02:00:00+09:00',
      end: '2026-12-02T03:00:00+09:00',
      reason: 'Planned failover test',
    });
    refusals(
      'POST /api/slo/entities/{ref}/corrections',
      'POST',
      () => slo(OWN),
      () => slo(OTHER),
      corrBody,
    );
    step('POST /api/slo/entities/{ref}/corrections', 'owner', () => as('owner', 'POST', slo(OWN), corrBody()), allowed);
    step(
      'POST /api/slo/entities/{ref}/corrections',
      'platform',
      () => as('platform', 'POST', slo(OTHER), corrBody()),
      allowed,
    );
    refusals(
      'DELETE /api/slo/corrections/{id}',
      'DELETE',
      () => `/api/slo/corrections/${ids.corrOwn}`,
      () => `/api/slo/corrections/${ids.corrOther}`,
    );
    step(
      'DELETE /api/slo/corrections/{id}',
      'owner',
      () => as('owner', 'DELETE', `/api/slo/corrections/${ids.corrOwn}`),
      allowed,
    );
    step(
      'DELETE /api/slo/corrections/{id}',
      'platform',
      () => as('platform', 'DELETE', `/api/slo/corrections/${ids.corrOther}`),
      allowed,
    );
    // The deploy gate's override (P0 and security fixes): owners and the platform team, with a reason.
    const override = (name: string) => `/api/slo/entities/component/default/${name}/gate/override`;
    refusals(
      'POST /api/slo/entities/{ref}/gate/override',
      'POST',
      () => override(OWN),
      () => override(OTHER),
      () => ({ reason: 'P0: hotfix' }),
    );
    step(
      'POST /api/slo/entities/{ref}/gate/override',
      'owner',
      () => as('owner', 'POST', override(OWN), { reason: 'P0: checkout hotfix' }),
      allowed,
    );
    step(
      'POST /api/slo/entities/{ref}/gate/override',
      'platform',
      () => as('platform', 'POST', override(OTHER), { reason: 'Security fix' }),
      allowed,
    );
    step('POST /api/slo/datadog-sync', 'nobody', () => as('nobody', 'POST', '/api/slo/datadog-sync', {}), [401]);
    step('POST /api/slo/datadog-sync', 'owner', () => as('owner', 'POST', '/api/slo/datadog-sync', {}), denied);
    step('POST /api/slo/datadog-sync', 'platform', () => as('platform', 'POST', '/api/slo/datadog-sync', {}), allowed);

    it('answers each caller as the policy says', async () => {
      const wrong: string[] = [];
      const covered = new Map<string, Set<Role>>();
      for (const s of steps) {
        const answer = await s.call();
        if (!s.expect.includes(answer.status)) {
          wrong.push(
            `${s.route} as ${s.role}: ${answer.status} (expected ${s.expect.join('/')}) ${answer.text.slice(0, 200)}`,
          );
        }
        covered.set(s.route, (covered.get(s.route) ?? new Set()).add(s.role));
      }
      expect(wrong).toEqual([]);
      // Every route was tried without a token and by both roles.
      for (const [route, roles] of covered) {
        expect({ route, roles: [...roles].sort() }).toEqual({
          route,
          roles: expect.arrayContaining(['nobody', 'owner', 'platform']),
        });
      }
      // eslint-disable-next-line no-console
      console.log(`permission matrix: ${covered.size} mutating routes, ${steps.length} calls`);
    });

    it('shows internal notes to the platform team only, and the audit log to the platform team only', async () => {
      const asPlatform = await as('platform', 'GET', `/api/support/requests/${ids.reqOwn}`);
      const asRequester = await as('owner', 'GET', `/api/support/requests/${ids.reqOwn}`);
      expect(asPlatform.status).toBe(200);
      expect(asRequester.status).toBe(200);
      expect(asPlatform.text).toContain('Internal: rotate via Vault');
      expect(asRequester.text).not.toContain('Internal: rotate via Vault');
      expect(asRequester.text).toContain('More detail: it is the payments key.');

      expect((await as('owner', 'GET', '/api/audit/events')).status).toBe(403);
      expect((await as('nobody', 'GET', '/api/audit/events')).status).toBe(401);
      const audit = await as('platform', 'GET', '/api/audit/events?limit=500');
      expect(audit.status).toBe(200);
      const seen = new Set<string>(audit.json.items.map((e: any) => `${e.plugin}.${e.eventId}`));
      // Changes from every plugin are in the log, by the user who made them.
      expect([...seen].filter(s => /^(prr|postmortem|support|slo)\./.test(s)).length).toBeGreaterThan(8);
      expect(
        audit.json.items.some((e: any) => e.actor === 'user:default/kato.minato' && e.status === 'succeeded'),
      ).toBe(true);
      expect(audit.json.items.some((e: any) => e.status === 'failed')).toBe(true);
    });
  });

  describe('bad input on every mutating route', () => {
    /** Row counts of every table of the portal's own plugin databases. */
    async function snapshot(): Promise<Record<string, number>> {
      const counts: Record<string, number> = {};
      for (const plugin of ['prr', 'postmortem', 'support', 'slo']) {
        const url = new URL(pgUrl!);
        url.pathname = `/${prefix}${plugin}`;
        const db = knexFactory({ client: 'pg', connection: url.toString(), pool: { min: 0, max: 1 } });
        try {
          const tables = await db.raw(
            "select tablename from pg_tables where schemaname = 'public' and tablename not like 'knex_%'",
          );
          for (const { tablename } of tables.rows as Array<{ tablename: string }>) {
            const r = await db.raw(`select count(*)::int as n from "${tablename}"`);
            counts[`${plugin}.${tablename}`] = r.rows[0].n;
          }
        } finally {
          await db.destroy();
        }
      }
      return counts;
    }

    it('never answers 5xx, explains every refusal, and stores nothing from a refused request', async () => {
      // The SLA job runs once shortly after start (then daily here); let it, before comparing tables.
      const slaRuns = async () =>
        (await platform.metric('portal_scheduled_task_runs_total', { task: 'support-sla-events' })) +
        (await product.metric('portal_scheduled_task_runs_total', { task: 'support-sla-events' }));
      for (let i = 0; i < 120 && (await slaRuns()) === 0; i++) await new Promise(r => setTimeout(r, 1000));
      const pmId = ids.pmOwn;
      const routes: Array<{ method: string; path: () => string; valid: () => Record<string, unknown> }> = [
        {
          method: 'POST',
          path: () => `${prr(OWN)}/review/request-changes`,
          valid: () => ({ reason: 'Add a dashboard' }),
        },
        {
          method: 'PUT',
          path: () => `${prr(OWN)}/items/runbook`,
          valid: () => ({ state: 'done', evidenceText: 'See the wiki' }),
        },
        { method: 'POST', path: () => `${prr(OWN)}/items/runbook/comments`, valid: () => ({ text: 'ok' }) },
        { method: 'POST', path: () => `${prr(OWN)}/review`, valid: () => ({}) },
        {
          method: 'POST',
          path: () => '/api/postmortem/postmortems',
          valid: () => ({ entityRef: entity(OWN), title: 'Fuzz', severity: 'SEV3', language: 'en' }),
        },
        {
          method: 'PUT',
          path: () => `/api/postmortem/postmortems/${pmId}`,
          valid: () => ({ baseRevision: 1, title: 'Fuzz', document: '# Summary' }),
        },
        {
          method: 'POST',
          path: () => `/api/postmortem/postmortems/${pmId}/timeline`,
          valid: () => ({ at: hourAgo(), kind: 'note', text: 'x', keyMoment: false }),
        },
        {
          method: 'PATCH',
          path: () => `/api/postmortem/postmortems/${pmId}/timeline/${ids.pmOwnEntry1}`,
          valid: () => ({ text: 'y' }),
        },
        {
          method: 'POST',
          path: () => `/api/postmortem/postmortems/${pmId}/action-items`,
          valid: () => ({
            title: 'Fix',
            ownerRef: 'group:default/team-checkout',
            priority: 'P3',
            dueDate: '2026-12-24',
          }),
        },
        {
          method: 'PATCH',
          path: () => `/api/postmortem/postmortems/${pmId}/action-items/${ids.pmOwnItem1}`,
          valid: () => ({ status: 'done' }),
        },
        {
          method: 'POST',
          path: () => `/api/postmortem/postmortems/${pmId}/review`,
          valid: () => ({ reviewers: ['user:default/guest'] }),
        },
        {
          method: 'POST',
          path: () => '/api/support/requests',
          valid: () => ({
            type: 'question',
            title: 'Fuzz',
            description: 'd',
            entityRef: entity(OWN),
            priority: 'P3',
            fields: { question: 'q?' },
          }),
        },
        { method: 'PATCH', path: () => `/api/support/requests/${ids.reqOther}`, valid: () => ({ priority: 'P2' }) },
        {
          method: 'POST',
          path: () => `/api/support/requests/${ids.reqOther}/comments`,
          valid: () => ({ body: 'hello', internal: false }),
        },
        {
          method: 'POST',
          path: () => slo(OWN),
          valid: () => ({ start: '2026-12-03T02:00:00+09:00', end: '2026-12-03T03:00:00+09:00', reason: 'x' }),
        },
        // Routes whose body is empty: the inputs are then all garbage around `{}`.
        { method: 'POST', path: () => `${prr(OWN)}/evaluate`, valid: () => ({}) },
        { method: 'POST', path: () => `${prr(OWN)}/review/submit`, valid: () => ({}) },
        { method: 'POST', path: () => `${prr(OTHER)}/review/approve`, valid: () => ({}) },
        {
          method: 'PATCH',
          path: () => `/api/postmortem/postmortems/${pmId}`,
          valid: () => ({ baseRevision: 1, severity: 'SEV2' }),
        },
        { method: 'POST', path: () => `/api/postmortem/postmortems/${pmId}/impact`, valid: () => ({}) },
        { method: 'POST', path: () => `/api/postmortem/postmortems/${pmId}/approve`, valid: () => ({}) },
        {
          method: 'POST',
          path: () => `/api/postmortem/postmortems/${pmId}/reopen`,
          valid: () => ({ reason: 'again' }),
        },
        { method: 'POST', path: () => '/api/slo/datadog-sync', valid: () => ({}) },
        {
          method: 'POST',
          path: () => `/api/slo/entities/component/default/${OWN}/gate/override`,
          valid: () => ({ reason: 'P0 fix' }),
        },
      ];
      // Routes with ids in the path (the DELETEs have nothing else): garbage ids.
      const pathRoutes: Array<{ method: string; path: (id: string) => string }> = [
        { method: 'DELETE', path: id => `/api/postmortem/postmortems/${id}` },
        { method: 'DELETE', path: id => `/api/postmortem/postmortems/${pmId}/timeline/${id}` },
        { method: 'DELETE', path: id => `/api/postmortem/postmortems/${pmId}/action-items/${id}` },
        { method: 'DELETE', path: id => `/api/slo/corrections/${id}` },
        { method: 'PATCH', path: id => `/api/support/requests/${id}` },
        { method: 'POST', path: id => `/api/support/requests/${id}/comments` },
        { method: 'PUT', path: id => `${prr(OWN)}/items/${id}` },
        { method: 'POST', path: id => `/api/prr/entities/component/default/${id}/evaluate` },
      ];
      const garbageIds = [
        ...fc.sample(fc.string({ minLength: 1, maxLength: 30 }), { numRuns: 4, seed: SEED + 5 }),
        "1' OR '1'='1",
        '../../../etc/passwd',
        '%00',
        '-1',
        '99999999999999999999999',
        '00000000-0000-0000-0000-000000000000',
        'ünïcödé-🚀',
        'x'.repeat(5000),
      ];
      function slo(name: string) {
        return `/api/slo/entities/component/default/${name}/corrections`;
      }

      // Inputs: each is a raw body (string) sent as application/json unless said otherwise.
      type Input = { kind: string; raw: string; contentType?: string };
      const huge = (n: number) => 'x'.repeat(n);
      const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
      const nestedObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
      const inputsFor = (valid: Record<string, unknown>): Input[] => {
        const keys = Object.keys(valid);
        const inputs: Input[] = [];
        const jsonValues = fc.sample(fc.jsonValue({ maxDepth: 4 }), { numRuns: 6, seed: SEED });
        for (const v of jsonValues) inputs.push({ kind: 'random JSON', raw: JSON.stringify(v) ?? 'null' });
        for (const s of fc.sample(fc.string({ minLength: 1, maxLength: 40 }), { numRuns: 4, seed: SEED + 1 })) {
          inputs.push({ kind: 'malformed JSON', raw: `{"${s}": ${s}` });
        }
        inputs.push({ kind: 'malformed JSON', raw: JSON.stringify(valid).slice(0, -1) });
        inputs.push({ kind: 'malformed JSON', raw: "{'single': 'quotes'}" });
        const wrongTypes = fc.sample(
          fc.oneof(
            fc.integer(),
            fc.double(),
            fc.boolean(),
            fc.constant(null),
            fc.array(fc.string()),
            fc.dictionary(fc.string(), fc.string()),
          ),
          { numRuns: Math.max(4, keys.length * 2), seed: SEED + 2 },
        );
        keys.forEach((key, i) => {
          for (const w of wrongTypes.slice(i * 2, i * 2 + 2)) {
            inputs.push({ kind: 'wrong type', raw: JSON.stringify({ ...valid, [key]: w }) });
          }
          const { [key]: _dropped, ...missing } = valid;
          inputs.push({ kind: 'missing field', raw: JSON.stringify(missing) });
          inputs.push({ kind: 'huge string', raw: JSON.stringify({ ...valid, [key]: huge(300_000) }) });
        });
        for (const u of fc.sample(fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }), {
          numRuns: 3,
          seed: SEED + 3,
        })) {
          inputs.push({
            kind: 'unicode',
            raw: JSON.stringify(Object.fromEntries(keys.map(k => [k, typeof valid[k] === 'string' ? u : valid[k]]))),
          });
        }
        inputs.push({
          kind: 'unicode',
          raw: JSON.stringify(
            Object.fromEntries(
              keys.map(k => [k, typeof valid[k] === 'string' ? 'nul\u0000byte 🚀 \u202etxet' : valid[k]]),
            ),
          ),
        });
        inputs.push({ kind: 'huge body', raw: JSON.stringify({ ...valid, padding: huge(3_000_000) }) });
        inputs.push({ kind: 'deep nesting', raw: nested(20_000) });
        inputs.push({ kind: 'deep nesting', raw: `{"${keys[0] ?? 'x'}":${nestedObject(2_000)}}` });
        inputs.push({
          kind: 'extra field',
          raw: JSON.stringify({ ...valid, isAdmin: true, __proto__: { polluted: true } }),
        });
        inputs.push({
          kind: 'prototype',
          raw: `{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}`,
        });
        inputs.push({ kind: 'array body', raw: JSON.stringify([valid]) });
        inputs.push({ kind: 'wrong content type', raw: JSON.stringify(valid), contentType: 'text/plain' });
        inputs.push({ kind: 'empty body', raw: '' });
        return inputs;
      };

      const tally = { tried: 0, accepted: 0, refused4xx: 0, server5xx: 0, byStatus: {} as Record<number, number> };
      const problems: string[] = [];
      for (const r of routes) {
        for (const input of inputsFor(r.valid())) {
          const before = await snapshot();
          const answer = await callPortal(platform, tokens.platform, r.method, r.path(), undefined, {
            raw: input.raw,
            contentType: input.contentType,
          });
          tally.tried += 1;
          tally.byStatus[answer.status] = (tally.byStatus[answer.status] ?? 0) + 1;
          const label = `${r.method} ${r.path()} [${input.kind}] ${input.raw.slice(0, 60)}`;
          if (answer.status >= 500) {
            tally.server5xx += 1;
            problems.push(`${label} -> ${answer.status} ${answer.text.slice(0, 200)}`);
          } else if (answer.status >= 400) {
            tally.refused4xx += 1;
            if (!answer.json?.error?.message) problems.push(`${label} -> ${answer.status} without an error message`);
            const after = await snapshot();
            const changed = Object.keys(after).filter(t => after[t] !== before[t]);
            if (changed.length) problems.push(`${label} -> ${answer.status} but changed ${changed.join(', ')}`);
          } else {
            tally.accepted += 1;
          }
        }
      }
      for (const r of pathRoutes) {
        for (const id of garbageIds) {
          const before = await snapshot();
          const answer = await callPortal(platform, tokens.platform, r.method, r.path(encodeURIComponent(id)), {
            body: 'x',
            status: 'closed',
            state: 'pending',
            text: 'x',
          });
          tally.tried += 1;
          tally.byStatus[answer.status] = (tally.byStatus[answer.status] ?? 0) + 1;
          const label = `${r.method} ${r.path('{id}')} [garbage id] ${id.slice(0, 40)}`;
          if (answer.status >= 500) {
            tally.server5xx += 1;
            problems.push(`${label} -> ${answer.status} ${answer.text.slice(0, 200)}`);
          } else if (answer.status >= 400) {
            tally.refused4xx += 1;
            if (!answer.json?.error?.message && answer.status !== 404)
              problems.push(`${label} -> ${answer.status} without an error message`);
            const after = await snapshot();
            const changed = Object.keys(after).filter(t => after[t] !== before[t]);
            if (changed.length) problems.push(`${label} -> ${answer.status} but changed ${changed.join(', ')}`);
          } else {
            tally.accepted += 1;
            problems.push(`${label} -> ${answer.status}: a garbage id was accepted`);
          }
        }
      }
      // Nothing polluted the server's prototypes either.
      const probe = await callPortal(platform, tokens.platform, 'GET', '/api/support/types');
      expect(probe.status).toBe(200);
      // eslint-disable-next-line no-console
      console.log(
        `bad-input fuzz (seed ${SEED}): ${routes.length} routes with bodies and ${pathRoutes.length} with ids, ${
          tally.tried
        } inputs, ${tally.refused4xx} answered 4xx, ${tally.accepted} accepted, ${
          tally.server5xx
        } answered 5xx; by status ${JSON.stringify(tally.byStatus)}`,
      );
      expect(problems).toEqual([]);
      expect(tally.tried).toBeGreaterThan(400);
    });
  });
});
