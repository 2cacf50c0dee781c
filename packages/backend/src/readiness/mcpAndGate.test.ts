import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { startSandbox, type Sandbox } from '@internal/sandbox';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { callPortal, waitForSloCounts } from '../testing/portalApi';
import { freePort, REPO_ROOT, startPortalProcess, type PortalProcess } from '../testing/portalProcess';

/**
 * The portal's actions over MCP and the deploy gate CLI, against the real backend (every plugin,
 * the portal's permission policy, real user tokens, the sandbox's upstreams):
 *  - an MCP client (the official SDK, Streamable HTTP) lists the tools, calls every read action
 *    and gets the data of the matching REST route; a product engineer's write on another team's
 *    service is refused with the REST route's message; a platform member's writes succeed and are
 *    in the audit log under their name;
 *  - `portal-gate` (packages/portal-gate) with a static token: exit 1 on an exhausted budget,
 *    0 on a healthy one, 2 when the portal cannot be reached within the deadline, 0 with an
 *    override whose reason, actor and entity the audit log keeps.
 *
 * Two processes, each with its own database: `platform` signs its guest in as user:default/guest
 * (team-platform), `product` as user:default/kato.minato (team-checkout: owns checkout-service,
 * not search-service).
 */
jest.setTimeout(600_000);

const OWN = 'component:default/checkout-service';
const OTHER = 'component:default/search-service';
const EXHAUSTED = 'component:default/auth-service';
const GATE_TOKEN = 'readiness-gate-token-0123456789';
const READ_TOKEN = 'readiness-mcp-read-token-0123456789';
const GATE_BIN = path.join(REPO_ROOT, 'packages/portal-gate/bin/portal-gate');
const entityPath = (ref: string) => ref.replace(':', '/');

const PORTAL_TOOLS = [
  'infra.get-service-health',
  'slo.get-slo-status',
  'slo.get-deploy-gate',
  'slo.add-slo-correction',
  'prr.get-prr-checklist',
  'postmortem.list-postmortems',
  'postmortem.create-postmortem-from-incident',
  'postmortem.update-action-item-status',
  'support.list-support-requests',
  'support.file-support-request',
];

describe('MCP actions and the deploy gate', () => {
  let sandbox: Sandbox;
  let platform: PortalProcess;
  let product: PortalProcess;
  const tokens: Record<'platform' | 'product', string> = { platform: '', product: '' };
  const clients: Client[] = [];

  /** An MCP client of the process, signed in as its guest (or with another token). */
  async function mcp(portal: PortalProcess, token: string, server = '') {
    const client = new Client({ name: 'readiness-test', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${portal.url}/api/mcp-actions/v1${server}`), {
        requestInit: { headers: { Authorization: `Bearer ${token}` } },
      }),
    );
    clients.push(client);
    return client;
  }

  /** Calls a tool; its structured output, or throws with the tool's error text. */
  async function call(client: Client, name: string, args: Record<string, unknown>) {
    const result = await client.callTool({ name, arguments: args });
    if (result.isError) throw new Error((result.content as Array<{ text: string }>)[0].text);
    return result.structuredContent as any;
  }

  async function refusal(client: Client, name: string, args: Record<string, unknown>) {
    const result = await client.callTool({ name, arguments: args });
    expect(result.isError).toBe(true);
    return (result.content as Array<{ text: string }>)[0].text;
  }

  const rest = async (who: 'platform' | 'product', method: string, route: string, body?: unknown) => {
    const portal = who === 'platform' ? platform : product;
    return callPortal(portal, tokens[who], method, route, body);
  };
  const ok = async (p: ReturnType<typeof rest>) => {
    const a = await p;
    if (a.status >= 300) throw new Error(`${a.status} ${a.text.slice(0, 400)}`);
    return a.json;
  };

  beforeAll(async () => {
    sandbox = await startSandbox({
      ports: { admin: 0, datadog: 0, pagerduty: 0, pagerdutyEvents: 0, kubernetes: [0, 0], github: 0 },
    });
    const config = {
      backend: {
        database: { client: 'better-sqlite3', connection: ':memory:' },
        cache: { store: 'memory' },
        // The CI deploy gate's token, restricted as in app-config.production.yaml.
        auth: {
          externalAccess: [
            {
              type: 'static',
              options: { token: GATE_TOKEN, subject: 'ci-deploy-gate' },
              accessRestrictions: [{ plugin: 'slo', permission: ['slo.gate.override'] }, { plugin: 'catalog' }],
            },
            // Read-only MCP clients, restricted as in app-config.production.yaml.
            {
              type: 'static',
              options: { token: READ_TOKEN, subject: 'mcp-read' },
              accessRestrictions: [
                { plugin: 'mcp-actions' },
                { plugin: 'catalog' },
                { plugin: 'infra' },
                { plugin: 'slo' },
              ],
            },
          ],
        },
      },
      infra: sandbox.infraConfig(),
      ...sandbox.githubConfig(),
      portal: { platformGroups: ['group:default/team-platform'] },
      // Background jobs off; no demo requests (the lists compared below are the tests' own).
      prr: { schedule: { frequencyMinutes: 1440, initialDelaySeconds: 86400 } },
      support: { demoData: false, sla: { checkFrequencyMinutes: 1440 } },
      slo: { refresh: { frequency: { hours: 24 } } },
    };
    [platform, product] = await Promise.all([
      startPortalProcess({ name: 'mcp-platform', config }),
      startPortalProcess({
        name: 'mcp-product',
        config: { ...config, auth: { providers: { guest: { userEntityRef: 'user:default/kato.minato' } } } },
      }),
    ]);
    tokens.platform = await platform.guestToken();
    tokens.product = await product.guestToken();
    // The comparisons below read the same counts twice (REST and MCP): not while they still load.
    await Promise.all([waitForSloCounts(platform, tokens.platform), waitForSloCounts(product, tokens.product)]);
  });

  afterAll(async () => {
    await Promise.all(clients.map(c => c.close().catch(() => undefined)));
    await Promise.all([platform?.stop(), product?.stop()]);
    await sandbox?.stop();
  });

  describe('MCP', () => {
    it('lists the portal tools beside the catalog ones, with truthful hints, and not the excluded ones', async () => {
      const { tools } = await (await mcp(product, tokens.product)).listTools();
      const names = tools.map(t => t.name);
      expect(names).toEqual(
        expect.arrayContaining([...PORTAL_TOOLS, 'catalog.get-catalog-entity', 'catalog.query-catalog-entities']),
      );
      expect(names).not.toContain('catalog.register-entity');
      expect(names).not.toContain('catalog.unregister-entity');
      const hints = (name: string) => tools.find(t => t.name === name)!.annotations;
      for (const read of [
        'infra.get-service-health',
        'slo.get-deploy-gate',
        'prr.get-prr-checklist',
        'postmortem.list-postmortems',
        'support.list-support-requests',
      ]) {
        expect(hints(read)).toMatchObject({ readOnlyHint: true, destructiveHint: false, idempotentHint: true });
      }
      expect(hints('support.file-support-request')).toMatchObject({
        readOnlyHint: false,
        destructiveHint: false,
        idempotentHint: false,
      });
      expect(hints('postmortem.update-action-item-status')).toMatchObject({
        readOnlyHint: false,
        idempotentHint: true,
      });
      // Each input schema is the action's zod schema, e.g. the entity the gate is asked about.
      expect(tools.find(t => t.name === 'slo.get-deploy-gate')!.inputSchema).toMatchObject({
        type: 'object',
        properties: { entityRef: { type: 'string' } },
        required: ['entityRef'],
      });

      // The read-only server (mcpActions.servers.read) offers no write.
      const readOnly = (await (await mcp(product, tokens.product, '/read')).listTools()).tools.map(t => t.name);
      expect(readOnly).toContain('slo.get-deploy-gate');
      expect(readOnly).not.toContain('slo.add-slo-correction');
      expect(readOnly).not.toContain('support.file-support-request');

      // The static read token: the plugins it may reach, read-only; no write even where listed.
      const machine = await mcp(product, READ_TOKEN, '/read');
      const machineTools = (await machine.listTools()).tools.map(t => t.name);
      expect(machineTools).toEqual(
        expect.arrayContaining(['infra.get-service-health', 'slo.get-deploy-gate', 'catalog.get-catalog-entity']),
      );
      expect(machineTools).not.toContain('prr.get-prr-checklist');
      expect(machineTools).not.toContain('support.list-support-requests');
      expect((await call(machine, 'slo.get-deploy-gate', { entityRef: EXHAUSTED })).decision).toBe('blocked');
      const everything = await mcp(product, READ_TOKEN);
      expect(
        await refusal(everything, 'slo.add-slo-correction', {
          entityRef: OWN,
          start: '2026-12-01T02:00:00+09:00',
          end: '2026-12-01T03:00:00+09:00',
          reason: 'not a person',
        }),
      ).toMatch(/^NotAllowedError: This action does not allow 'service' credentials/);
    });

    it('answers every read action with the data of its REST route', async () => {
      const client = await mcp(product, tokens.product);

      // Fixtures of the product engineer's own service: a postmortem with an open action item, a support request.
      const pm = await ok(
        rest('product', 'POST', '/api/postmortem/postmortems', { entityRef: OWN, title: 'Checkout 5xx after deploy' }),
      );
      await ok(
        rest('product', 'POST', `/api/postmortem/postmortems/${pm.id}/action-items`, {
          title: 'Add a canary',
          ownerRef: 'group:default/team-checkout',
        }),
      );
      await ok(
        rest('product', 'POST', '/api/support/requests', {
          type: 'question',
          title: 'How do I rotate a secret?',
          entityRef: OWN,
          fields: { question: 'Which vault path?' },
        }),
      );

      const health = await call(client, 'infra.get-service-health', { entityRef: OWN });
      const overview = await ok(rest('product', 'GET', `/api/infra/entities/${entityPath(OWN)}/overview`));
      expect(health.entityRef).toBe(overview.entityRef);
      expect(
        health.workloads.clusters.map((c: any) => [
          c.cluster,
          c.workloads.map((w: any) => [w.name, w.desiredReplicas]),
        ]),
      ).toEqual(
        overview.kubernetes.data.clusters.map((c: any) => [
          c.cluster,
          c.workloads.map((w: any) => [w.name, w.desiredReplicas]),
        ]),
      );
      expect(health.workloads.clusters.length).toBeGreaterThan(0);
      expect(health.oncall.entries).toEqual(overview.oncall.data);
      expect(health.openIncidents.incidents.map((i: any) => i.id)).toEqual(
        overview.incidents.data.open.map((i: any) => i.id),
      );
      expect(health.workloads.freshness.state).toBe(overview.kubernetes.freshness.state);

      const status = await call(client, 'slo.get-slo-status', { entityRef: OWN });
      const slo = await ok(rest('product', 'GET', `/api/slo/entities/${entityPath(OWN)}`));
      expect(status).toMatchObject({
        entityRef: slo.entityRef,
        objective: slo.objective,
        window: slo.window,
        policy: slo.policy,
        total: slo.total,
        bad: slo.bad,
        budget: slo.budget,
      });
      expect(status.endpoints.map((e: any) => [e.resource, e.total, e.bad, e.alertState])).toEqual(
        slo.endpoints.map((e: any) => [e.resource, e.total, e.bad, e.alertState]),
      );

      for (const ref of [EXHAUSTED, OWN]) {
        const gate = await call(client, 'slo.get-deploy-gate', { entityRef: ref });
        const { freshness, ...restGate } = await ok(
          rest('product', 'GET', `/api/slo/entities/${entityPath(ref)}/gate`),
        );
        expect(gate).toEqual(restGate);
      }

      const checklist = await call(client, 'prr.get-prr-checklist', { entityRef: OWN });
      const prr = await ok(rest('product', 'GET', `/api/prr/entities/${entityPath(OWN)}`));
      expect(checklist).toMatchObject({
        entityRef: prr.entityRef,
        tier: prr.tier,
        score: prr.score,
        progress: prr.progress,
      });
      const failing = prr.sections.flatMap((s: any) => s.items).filter((i: any) => i.applies && i.status === 'fail');
      expect(checklist.failing.map((i: any) => [i.id, i.evidence])).toEqual(
        failing.map((i: any) => [i.id, i.result?.evidence ?? []]),
      );

      const pms = await call(client, 'postmortem.list-postmortems', { entityRef: OWN });
      const restPms = await ok(
        rest('product', 'GET', `/api/postmortem/postmortems?entity=${encodeURIComponent(OWN)}&limit=50`),
      );
      const restItems = await ok(
        rest(
          'product',
          'GET',
          `/api/postmortem/action-items?entity=${encodeURIComponent(OWN)}&status=open,in_progress`,
        ),
      );
      expect(pms.postmortems.map((p: any) => [p.id, p.title, p.openActionItems])).toEqual(
        restPms.items.map((p: any) => [p.id, p.title, p.openActionItems]),
      );
      expect(pms.postmortems.map((p: any) => p.id)).toContain(pm.id);
      expect(pms.openActionItems.map((i: any) => [i.id, i.title, i.status])).toEqual(
        restItems.map((i: any) => [i.id, i.title, i.status]),
      );
      expect(pms.openActionItems).toHaveLength(1);

      const requests = await call(client, 'support.list-support-requests', { entityRef: OWN });
      const restRequests = await ok(
        rest('product', 'GET', `/api/support/requests?open=true&entity=${encodeURIComponent(OWN)}`),
      );
      expect(requests.total).toBe(restRequests.total);
      expect(
        requests.items.map((r: any) => [
          r.id,
          r.title,
          r.status,
          r.sla.firstResponse.state,
          r.sla.resolution.targetMinutes,
        ]),
      ).toEqual(
        restRequests.items.map((r: any) => [
          r.id,
          r.title,
          r.status,
          r.sla.firstResponse.state,
          r.sla.resolution.targetMinutes,
        ]),
      );
      expect(requests.total).toBe(1);
    });

    it("refuses a product engineer's write on another team's service with the REST route's message", async () => {
      const client = await mcp(product, tokens.product);
      const correction = {
        start: '2026-12-01T02:00:00+09:00',
        end: '2026-12-01T03:00:00+09:00',
        reason: 'maintenance',
      };
      const restRefusal = await rest(
        'product',
        'POST',
        `/api/slo/entities/${entityPath(OTHER)}/corrections`,
        correction,
      );
      expect(restRefusal.status).toBe(403);
      expect(await refusal(client, 'slo.add-slo-correction', { entityRef: OTHER, ...correction })).toBe(
        `NotAllowedError: ${restRefusal.json.error.message}`,
      );
      expect(restRefusal.json.error.message).toBe(`You may not manage SLO corrections of ${OTHER}`);

      const restPm = await rest('product', 'POST', '/api/postmortem/postmortems', {
        entityRef: OTHER,
        incidentId: 'Q0NOTOURS',
      });
      expect(restPm.status).toBe(403);
      expect(
        await refusal(client, 'postmortem.create-postmortem-from-incident', {
          entityRef: OTHER,
          incidentId: 'Q0NOTOURS',
        }),
      ).toBe(`NotAllowedError: ${restPm.json.error.message}`);
      // Nothing was written.
      expect(await ok(rest('product', 'GET', `/api/slo/entities/${entityPath(OTHER)}/corrections`))).toEqual([]);
      expect(
        await ok(rest('product', 'GET', `/api/postmortem/postmortems?entity=${encodeURIComponent(OTHER)}`)),
      ).toEqual([]);
    });

    it("makes a platform member's writes, recorded in the audit log under their name", async () => {
      const client = await mcp(platform, tokens.platform);
      const since = new Date(Date.now() - 1000).toISOString();

      const correction = await call(client, 'slo.add-slo-correction', {
        entityRef: OTHER,
        start: '2026-12-02T02:00:00+09:00',
        end: '2026-12-02T03:00:00+09:00',
        reason: 'database failover drill',
      });
      expect(correction).toMatchObject({
        entityRef: OTHER,
        author: 'user:default/guest',
        reason: 'database failover drill',
      });
      expect(
        (await ok(rest('platform', 'GET', `/api/slo/entities/${entityPath(OTHER)}/corrections`))).map((c: any) => c.id),
      ).toContain(correction.id);

      const [incident] = await ok(
        rest('platform', 'GET', `/api/postmortem/incidents?entity=${encodeURIComponent(OWN)}`),
      );
      expect(incident).toBeDefined();
      const draft = await call(client, 'postmortem.create-postmortem-from-incident', {
        entityRef: OWN,
        incidentId: incident.id,
      });
      expect(draft).toMatchObject({
        entityRef: OWN,
        status: 'draft',
        incidentIds: [incident.id],
        createdBy: 'user:default/guest',
      });
      const stored = await ok(rest('platform', 'GET', `/api/postmortem/postmortems/${draft.id}`));
      expect(stored.title).toBe(draft.title);

      const item = await ok(
        rest('platform', 'POST', `/api/postmortem/postmortems/${draft.id}/action-items`, {
          title: 'Alert on 5xx ratio',
          ownerRef: 'group:default/team-checkout',
        }),
      );
      const updated = await call(client, 'postmortem.update-action-item-status', {
        postmortemId: draft.id,
        itemId: item.id,
        status: 'done',
      });
      expect(updated).toMatchObject({ id: item.id, status: 'done' });
      const after = await ok(rest('platform', 'GET', `/api/postmortem/postmortems/${draft.id}`));
      expect(after.actionItems.find((i: any) => i.id === item.id).status).toBe('done');

      const filed = await call(client, 'support.file-support-request', {
        type: 'question',
        title: 'Search latency after the index rebuild',
        entityRef: OTHER,
        fields: { question: 'Is the rebuild finished?' },
      });
      expect(filed).toMatchObject({ created: true, entityRef: OTHER, requester: 'user:default/guest', status: 'new' });
      // The context snapshot taken when it was filed, as the request's REST detail shows it.
      const detail = await ok(rest('platform', 'GET', `/api/support/requests/${filed.id}`));
      expect(filed.context).toEqual(detail.context);
      expect(filed.context.entityRef).toBe(OTHER);

      const audit = await ok(rest('platform', 'GET', `/api/audit/events?from=${encodeURIComponent(since)}&limit=500`));
      const event = (plugin: string, eventId: string) =>
        audit.items.filter((e: any) => e.plugin === plugin && e.eventId === eventId);
      expect(event('slo', 'correction-create')).toEqual([
        expect.objectContaining({
          actor: 'user:default/guest',
          status: 'succeeded',
          meta: expect.objectContaining({ entity: OTHER, via: 'action', correctionId: correction.id }),
        }),
      ]);
      expect(event('postmortem', 'postmortem-create')).toEqual([
        expect.objectContaining({
          actor: 'user:default/guest',
          status: 'succeeded',
          meta: expect.objectContaining({ entityRef: OWN, incidentId: incident.id, via: 'action' }),
        }),
      ]);
      expect(event('postmortem', 'postmortem-action-item-update')).toEqual([
        expect.objectContaining({
          actor: 'user:default/guest',
          status: 'succeeded',
          meta: expect.objectContaining({ itemId: item.id, status: 'done', via: 'action' }),
        }),
      ]);
      expect(event('support', 'support-request-create')).toEqual([
        expect.objectContaining({
          actor: 'user:default/guest',
          status: 'succeeded',
          meta: expect.objectContaining({ requestId: filed.id, via: 'action' }),
        }),
      ]);
      // The MCP server's own record of each tool call, by the same user.
      const calls = event('mcp-actions', 'tool-execution')
        .filter((e: any) => e.status === 'succeeded')
        .map((e: any) => [e.actor, e.meta.toolName]);
      expect(calls).toEqual(
        expect.arrayContaining([
          ['user:default/guest', 'slo.add-slo-correction'],
          ['user:default/guest', 'postmortem.create-postmortem-from-incident'],
          ['user:default/guest', 'postmortem.update-action-item-status'],
          ['user:default/guest', 'support.file-support-request'],
        ]),
      );
    });
  });

  describe('portal-gate', () => {
    function gate(args: string[], env: Record<string, string> = { PORTAL_TOKEN: GATE_TOKEN }) {
      return new Promise<{ code: number | null; stdout: string; stderr: string; ms: number }>((resolve, reject) => {
        const started = Date.now();
        const child = spawn(process.execPath, [GATE_BIN, ...args], {
          env: { PATH: process.env.PATH ?? '', ...env },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', d => (stdout += d));
        child.stderr.on('data', d => (stderr += d));
        child.on('error', reject);
        child.on('exit', code => resolve({ code, stdout, stderr, ms: Date.now() - started }));
      });
    }

    it('blocks a service whose error budget is exhausted (exit 1) and lets a healthy one deploy (exit 0)', async () => {
      const restGate = await ok(rest('platform', 'GET', `/api/slo/entities/${entityPath(EXHAUSTED)}/gate`));
      expect(restGate).toMatchObject({ decision: 'blocked', policy: 'exhausted' });
      const blocked = await gate(['--entity', EXHAUSTED, '--url', platform.url]);
      expect(blocked.code).toBe(1);
      expect(blocked.stdout).toContain(`portal-gate: ${EXHAUSTED}: BLOCKED — ${restGate.reason}`);
      expect(blocked.stdout).toMatch(/budget/i);

      const allowed = await gate(['--entity', OWN, '--url', platform.url]);
      expect(allowed.code).toBe(0);
      expect(allowed.stdout).toContain(`portal-gate: ${OWN}: ALLOWED`);
    });

    it('exits 2 within its deadline when the portal cannot be reached', async () => {
      const port = await freePort();
      const r = await gate(['--entity', EXHAUSTED, '--url', `http://127.0.0.1:${port}`, '--deadline', '3s']);
      expect(r.code).toBe(2);
      expect(r.stdout).toMatch(
        /UNKNOWN — the portal at http:\/\/127\.0\.0\.1:\d+ did not answer within 3s: ECONNREFUSED \(after \d+ attempts\)/,
      );
      // The deadline, plus the start of a Node process that compiles the CLI's TypeScript.
      expect(r.ms).toBeLessThan(3000 + 4000);
      expect(r.stderr).toMatch(/attempt 1 failed \(ECONNREFUSED\); retrying/);
    });

    it('refuses a wrong token: exit 2', async () => {
      const r = await gate(['--entity', EXHAUSTED, '--url', platform.url], { PORTAL_TOKEN: 'not-the-token-at-all' });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/HTTP 401/);
    });

    it('overrides the gate with a reason (exit 0), recorded with actor, entity and reason', async () => {
      const since = new Date(Date.now() - 1000).toISOString();
      const reason = 'P0: login outage fix, INC-4711';
      const r = await gate(['--entity', EXHAUSTED, '--url', platform.url, '--override', '--reason', reason]);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(
        `portal-gate: ${EXHAUSTED}: ALLOWED (overridden by ci-deploy-gate: ${reason}) — the gate said blocked`,
      );
      const audit = await ok(
        rest('platform', 'GET', `/api/audit/events?plugin=slo&eventId=gate-override&from=${encodeURIComponent(since)}`),
      );
      expect(audit.items).toEqual([
        expect.objectContaining({
          actor: 'ci-deploy-gate',
          status: 'succeeded',
          meta: expect.objectContaining({ entity: EXHAUSTED, reason, gateDecision: 'blocked' }),
        }),
      ]);
      // Without a reason: refused before anything is sent.
      const none = await gate(['--entity', EXHAUSTED, '--url', platform.url, '--override']);
      expect(none.code).toBe(2);
      expect(none.stderr).toMatch(/--override needs --reason/);
      const direct = await callPortal(
        platform,
        GATE_TOKEN,
        'POST',
        `/api/slo/entities/${entityPath(EXHAUSTED)}/gate/override`,
        {},
      );
      expect(direct.status).toBe(400);
      // The override is for the gate only: the same token may not add SLO corrections.
      const correction = await callPortal(
        platform,
        GATE_TOKEN,
        'POST',
        `/api/slo/entities/${entityPath(EXHAUSTED)}/corrections`,
        {
          start: '2026-12-01T02:00:00+09:00',
          end: '2026-12-01T03:00:00+09:00',
          reason: 'not allowed',
        },
      );
      expect(correction.status).toBe(403);
    });
  });
});
