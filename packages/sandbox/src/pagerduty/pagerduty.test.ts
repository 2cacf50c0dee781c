import { api, event } from '@pagerduty/pdjs';
import fs from 'node:fs';
import https from 'node:https';
import { SANDBOX_CREDENTIALS } from '../context';
import { loadContract } from '../contracts/loadContract';
import { startSandbox, type Sandbox } from '../server';
import { fixedClock, incidentWindows } from '../world/traffic';
import type { Service } from '../world/types';
import { routingKeyOf } from './directory';
import { HISTORY_DAYS } from './format';

jest.setTimeout(60_000);

/** Wednesday 2025-05-14 12:25 JST: the weekly handoff (Monday 10:00 JST) was two days ago. */
const NOW = Date.UTC(2025, 4, 14, 3, 25, 0) / 1000;
const TOKEN = SANDBOX_CREDENTIALS.pagerdutyToken;
const WEEK = 7 * 86400;
/** A Monday 10:00 JST from which the rotation counts its weeks. */
const ROTATION_ORIGIN = Date.UTC(2024, 0, 1, 1, 0, 0) / 1000;

interface Recorded {
  method: string;
  path: string;
  status: number;
  body: any;
  include: boolean;
}

let sandbox: Sandbox;
const recorded: Recorded[] = [];
const eventResponses: Array<{ path: string; status: number; body: any }> = [];

/** A REST call through the official client, recorded for the contract checks. */
async function rest(
  path: string,
  opts: {
    data?: Record<string, string | string[]>;
    method?: string;
    headers?: Record<string, string>;
    token?: string;
    body?: object;
  } = {},
) {
  const method = opts.method ?? 'GET';
  const r = await api({
    token: opts.token ?? TOKEN,
    url: `${sandbox.urls.pagerduty}${path}`,
    method,
    headers: opts.headers,
    data: method === 'GET' ? opts.data : opts.body,
  });
  const url = new URL(r.url);
  recorded.push({
    method,
    path: url.pathname,
    status: r.status,
    body: r.data,
    include: url.searchParams.has('include[]'),
  });
  return r;
}

/** Every page of a list, following the client's own `next()`. */
async function all(path: string, key: string, data: Record<string, string | string[]> = {}) {
  let r = await rest(path, { data: { limit: '100', ...data } });
  const items = [...r.data[key]];
  while (r.next) {
    r = await r.next();
    const url = new URL(r.url);
    recorded.push({
      method: 'GET',
      path: url.pathname,
      status: r.status,
      body: r.data,
      include: url.searchParams.has('include[]'),
    });
    items.push(...r.data[key]);
  }
  return items;
}

async function enqueue(body: unknown, path = '/v2/enqueue') {
  const r = await fetch(`${sandbox.urls.pagerduty}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const json = await r.json();
  eventResponses.push({ path, status: r.status, body: json });
  return { status: r.status, body: json };
}

const service = (name: string): Service => sandbox.world.services.find(s => s.name === name)!;
const team = (name: string) => sandbox.world.teams.find(t => t.name === name)!;
const windowsOf = (s: Service) => incidentWindows(s, sandbox.clock.anchor - HISTORY_DAYS * 86400, NOW, sandbox.clock);

beforeAll(async () => {
  sandbox = await startSandbox({
    ports: { admin: 0, datadog: 0, pagerduty: 0, pagerdutyEvents: 0, kubernetes: [0, 0] },
    clock: fixedClock(NOW),
  });
});

afterAll(async () => {
  await sandbox?.stop();
});

describe('authentication and errors', () => {
  it('answers 401 in PagerDuty format without the sandbox token', async () => {
    const r = await rest('/incidents', { token: 'wrong-token' });
    expect(r.status).toBe(401);
    expect(r.data).toEqual({ error: { message: 'Unauthorized', code: 2006 } });
    const bare = await fetch(`${sandbox.urls.pagerduty}/services`);
    expect(bare.status).toBe(401);
  });

  it('answers 404 for unknown ids', async () => {
    for (const path of [
      '/incidents/QNOTANINCIDENT',
      '/services/PNOPE00',
      '/users/PNOPE00',
      '/schedules/PNOPE00',
      '/escalation_policies/PNOPE00',
      '/incidents/QNOTANINCIDENT/log_entries',
    ]) {
      const r = await rest(path);
      expect(r.status).toBe(404);
      expect(r.data).toEqual({ error: { message: 'Not Found', code: 2100 } });
    }
  });

  it('answers 400 with the errors for invalid parameters', async () => {
    const invalid: Array<Record<string, string>> = [
      { 'statuses[]': 'bogus' },
      { limit: 'many' },
      { since: 'yesterday' },
      { sort_by: 'title:asc' },
      { 'include[]': 'everything' },
    ];
    for (const data of invalid) {
      const r = await rest('/incidents', { data });
      expect(r.status).toBe(400);
      expect(r.data.error).toMatchObject({ message: 'Invalid Input Provided', code: 2001 });
      expect(r.data.error.errors.length).toBeGreaterThan(0);
    }
    const tz = await rest('/oncalls', { data: { time_zone: 'Mars/Olympus_Mons' } });
    expect(tz.status).toBe(400);
  });
});

describe('directory', () => {
  it('has one user per team member, with stable PagerDuty ids', async () => {
    const members = sandbox.world.teams.flatMap(t => t.members);
    const me = await rest('/users/me');
    expect(me.status).toBe(200);
    expect(me.data.user).toMatchObject({
      type: 'user',
      email: team('team-platform').members[0].email,
      name: team('team-platform').members[0].displayName,
      time_zone: 'Asia/Tokyo',
    });
    // Every member is in a rotation: the schedules name them all.
    const schedules = await all('/schedules', 'schedules');
    expect(schedules).toHaveLength(2 * sandbox.world.teams.length);
    const ids = [...new Set<string>(schedules.flatMap((s: any) => s.users.map((u: any) => u.id)))];
    expect(ids).toHaveLength(members.length);
    const emails: string[] = [];
    for (const id of ids) {
      expect(id).toMatch(/^P[0-9A-Z]{6}$/);
      const user = (await rest(`/users/${id}`)).data.user;
      const member = members.find(m => m.email === user.email)!;
      expect(member).toBeDefined();
      expect(user).toMatchObject({
        id,
        name: member.displayName,
        time_zone: 'Asia/Tokyo',
        html_url: `https://example-co.pagerduty.com/users/${id}`,
      });
      expect(user.job_title).toEqual(expect.any(String));
      expect(['owner', 'admin', 'user']).toContain(user.role);
      emails.push(user.email);
    }
    expect(emails.sort()).toEqual(members.map(m => m.email).sort());
  });

  it('lists the catalog services under their PagerDuty ids, with routing keys', async () => {
    const services = await all('/services', 'services', { 'include[]': 'integrations', total: 'true' });
    const expectedIds = sandbox.world.services.flatMap(s => s.pagerdutyServiceIds);
    expect(services.map((s: any) => s.id).sort()).toEqual([...expectedIds].sort());
    expect(services.map((s: any) => s.name)).not.toContain('email-worker');
    const payment = service('payment-service');
    const byId = new Map(services.map((s: any) => [s.id, s]));
    expect(byId.get(payment.pagerdutyServiceIds[0])).toMatchObject({ name: 'payment-service', status: 'critical' });
    expect(byId.get(payment.pagerdutyServiceIds[1])).toMatchObject({ name: 'payment-service-providers' });
    expect(byId.get(service('recommendation-service').pagerdutyServiceIds[0])).toMatchObject({ status: 'critical' });
    const keys = services.map((s: any) => s.integrations[0].integration_key);
    for (const [i, s] of services.entries()) {
      expect(s.integrations[0]).toMatchObject({
        type: 'events_api_v2_inbound_integration',
        integration_key: routingKeyOf(s.id),
      });
      expect(keys[i]).toMatch(/^[0-9a-f]{32}$/);
      expect(s.escalation_policy.type).toBe('escalation_policy_reference');
    }
    expect(new Set(keys).size).toBe(keys.length);

    const checkout = await rest('/services', { data: { query: 'checkout' } });
    expect(checkout.data.services.map((s: any) => s.name)).toEqual(['checkout-service']);
    const one = await rest(`/services/${payment.pagerdutyServiceIds[0]}`, {
      data: { 'include[]': ['escalation_policies', 'teams'] },
    });
    expect(one.data.service.escalation_policy.escalation_rules).toHaveLength(3);
    expect(one.data.service.teams[0].name).toBe(team('team-checkout').title);
    const byTeam = await rest('/services', { data: { 'team_ids[]': one.data.service.teams[0].id, limit: '100' } });
    expect(byTeam.data.services.map((s: any) => s.name).sort()).toEqual(
      [
        'cart-service',
        'checkout-service',
        'fraud-scoring',
        'invoice-batch',
        'payment-service',
        'payment-service-providers',
      ].sort(),
    );
  });

  it('has an escalation policy per team: primary, secondary, then the manager', async () => {
    const policies = await all('/escalation_policies', 'escalation_policies');
    expect(policies).toHaveLength(sandbox.world.teams.length);
    const manager = team('team-platform').members[0];
    for (const p of policies) {
      const [l1, l2, l3] = p.escalation_rules;
      expect(l1.targets[0]).toMatchObject({ type: 'schedule_reference', summary: expect.stringMatching(/- Primary$/) });
      expect(l2.targets[0]).toMatchObject({
        type: 'schedule_reference',
        summary: expect.stringMatching(/- Secondary$/),
      });
      expect(l3.targets[0]).toMatchObject({ type: 'user_reference', summary: manager.displayName });
    }
    const checkout = policies.find((p: any) => p.teams[0].summary === team('team-checkout').title);
    const one = await rest(`/escalation_policies/${checkout.id}`, { data: { 'include[]': 'targets' } });
    expect(one.data.escalation_policy.escalation_rules[2].targets[0]).toMatchObject({
      type: 'user',
      email: manager.email,
    });
  });

  it('renders the weekly rotation of a schedule with Monday 10:00 JST handoffs', async () => {
    const schedules = await all('/schedules', 'schedules', { query: 'Checkout' });
    expect(schedules.map((s: any) => s.name).sort()).toEqual([
      'Checkout & Payments - Primary',
      'Checkout & Payments - Secondary',
    ]);
    const primary = schedules.find((s: any) => s.name.endsWith('Primary'));
    const r = await rest(`/schedules/${primary.id}`, {
      data: { since: '2025-05-01T00:00:00Z', until: '2025-06-01T00:00:00Z' },
    });
    const entries = r.data.schedule.final_schedule.rendered_schedule_entries;
    expect(entries[0].start).toBe('2025-05-01T09:00:00+09:00');
    expect(entries.slice(1).map((e: any) => e.start)).toEqual([
      '2025-05-05T10:00:00+09:00',
      '2025-05-12T10:00:00+09:00',
      '2025-05-19T10:00:00+09:00',
      '2025-05-26T10:00:00+09:00',
    ]);
    const members = team('team-checkout').members.map(m => m.displayName);
    expect(new Set(entries.slice(0, 4).map((e: any) => e.user.summary)).size).toBe(members.length);
    expect(r.data.schedule.time_zone).toBe('Asia/Tokyo');
    expect(r.data.schedule.schedule_layers[0].rotation_turn_length_seconds).toBe(WEEK);
  });

  it('lists the priorities P1 to P5', async () => {
    const r = await rest('/priorities');
    expect(r.data.priorities.map((p: any) => p.name)).toEqual(['P1', 'P2', 'P3', 'P4', 'P5']);
  });
});

describe('on-call', () => {
  it('answers who is on call now by escalation level', async () => {
    const policies = await rest('/escalation_policies', { data: { query: 'Checkout' } });
    const policyId = policies.data.escalation_policies[0].id;
    const r = await rest('/oncalls', { data: { 'escalation_policy_ids[]': [policyId], 'include[]': ['users'] } });
    expect(r.status).toBe(200);
    const byLevel = new Map<number, any>(r.data.oncalls.map((o: any) => [o.escalation_level, o]));
    expect([...byLevel.keys()].sort()).toEqual([1, 2, 3]);

    const members = team('team-checkout').members;
    const week = Math.floor((NOW - ROTATION_ORIGIN) / WEEK);
    const primary = members[week % members.length];
    expect(byLevel.get(1)).toMatchObject({
      user: { type: 'user', email: primary.email, name: primary.displayName },
      schedule: { type: 'schedule_reference', summary: 'Checkout & Payments - Primary' },
      start: '2025-05-12T10:00:00+09:00',
      end: '2025-05-19T10:00:00+09:00',
    });
    expect(byLevel.get(2).user.email).not.toBe(primary.email);
    expect(byLevel.get(3).user.email).toBe(team('team-platform').members[0].email);
    expect(byLevel.get(3).start).toBeUndefined();
  });

  it('lists the shifts of a range and the earliest one per user', async () => {
    const schedules = await rest('/schedules', { data: { query: 'Storefront - Primary' } });
    const scheduleId = schedules.data.schedules[0].id;
    const range = { 'schedule_ids[]': [scheduleId], since: '2025-05-14T00:00:00Z', until: '2025-06-30T00:00:00Z' };
    const shifts = await rest('/oncalls', { data: range });
    // The shift of 12 May (containing `since`) and the six that start before `until`.
    expect(shifts.data.oncalls.map((o: any) => o.start.slice(0, 10))).toEqual([
      '2025-05-12',
      '2025-05-19',
      '2025-05-26',
      '2025-06-02',
      '2025-06-09',
      '2025-06-16',
      '2025-06-23',
    ]);
    const earliest = await rest('/oncalls', { data: { ...range, earliest: 'true' } });
    expect(earliest.data.oncalls.length).toBe(team('team-storefront').members.length);
  });
});

describe('incidents', () => {
  it('has the open incidents of the seeded scenarios', async () => {
    const open = await all('/incidents', 'incidents', { 'statuses[]': ['triggered', 'acknowledged'] });
    const payment = open.find((i: any) => i.service.id === service('payment-service').pagerdutyServiceIds[0]);
    expect(payment).toMatchObject({
      status: 'acknowledged',
      urgency: 'high',
      title: 'High 5xx error rate on payment-service (3.0%)',
    });
    expect(payment.priority.name).toBe('P1');
    expect(payment.created_at).toBe(
      new Date((sandbox.clock.anchor - 2 * 3600) * 1000).toISOString().replace('.000', ''),
    );
    const members = team('team-checkout').members;
    const primary = members[Math.floor((NOW - ROTATION_ORIGIN) / WEEK) % members.length];
    const ack = await rest(`/incidents/${payment.id}`, { data: { 'include[]': 'acknowledgers' } });
    expect(ack.data.incident.acknowledgements[0].acknowledger.email).toBe(primary.email);

    const crash = open.find((i: any) => i.service.id === service('recommendation-service').pagerdutyServiceIds[0]);
    expect(crash).toMatchObject({
      status: 'triggered',
      title: 'Pods in CrashLoopBackOff: recommendation-service',
      resolved_at: null,
    });

    const triggered = await rest('/incidents', {
      data: { 'statuses[]': 'triggered', 'service_ids[]': service('recommendation-service').pagerdutyServiceIds },
    });
    expect(triggered.data.incidents.map((i: any) => i.id)).toEqual([crash.id]);
  });

  it('agrees with the incident windows of the traffic model', async () => {
    const incidents = await all('/incidents', 'incidents', { date_range: 'all' });
    const serviceOf = new Map(
      sandbox.world.services.flatMap(s => s.pagerdutyServiceIds.map(id => [id, s.name] as const)),
    );
    for (const s of sandbox.world.services) {
      const mine = incidents.filter((i: any) => serviceOf.get(i.service.id) === s.name);
      // A service without a PagerDuty service pages nobody: no windows, no crash-loop incident.
      const paged = s.pagerdutyServiceIds.length > 0;
      const windows = paged ? windowsOf(s) : [];
      const extra = paged && s.scenarios.includes('crashloop') ? 1 : 0;
      expect(mine).toHaveLength(windows.length + extra);
      for (const w of windows) {
        const match = mine.find((i: any) => Date.parse(i.created_at) / 1000 === w.start);
        expect(match).toBeDefined();
        expect(match.urgency).toBe(w.errorRate >= 0.01 ? 'high' : 'low');
        expect(match.title).toContain(`5xx error rate on ${s.name}`);
      }
      // Windows that ended more than 30 minutes ago are resolved, after their end.
      for (const w of windows.filter(x => x.end !== undefined && x.end + 30 * 60 <= NOW)) {
        const match = mine.find((i: any) => Date.parse(i.created_at) / 1000 === w.start);
        expect(match.status).toBe('resolved');
        expect(Date.parse(match.resolved_at) / 1000).toBeGreaterThanOrEqual(w.end!);
      }
    }
    // Numbers count up over time.
    const sorted = [...incidents].sort((a: any, b: any) => a.incident_number - b.incident_number);
    for (let i = 1; i < sorted.length; i++) {
      expect(Date.parse(sorted[i].created_at)).toBeGreaterThanOrEqual(Date.parse(sorted[i - 1].created_at));
    }
    expect(incidents.length).toBeGreaterThan(100);
  });

  it('filters by since/until, urgency and team, and sorts', async () => {
    const since = '2025-05-01T00:00:00Z';
    const until = '2025-05-10T00:00:00Z';
    const r = await all('/incidents', 'incidents', { since, until, 'urgencies[]': 'high', sort_by: 'created_at:desc' });
    for (const i of r) {
      expect(i.urgency).toBe('high');
      expect(Date.parse(i.created_at)).toBeGreaterThanOrEqual(Date.parse(since));
      expect(Date.parse(i.created_at)).toBeLessThan(Date.parse(until));
    }
    for (let k = 1; k < r.length; k++)
      expect(Date.parse(r[k - 1].created_at)).toBeGreaterThanOrEqual(Date.parse(r[k].created_at));
    const expected = sandbox.world.services
      .filter(s => s.pagerdutyServiceIds.length)
      .flatMap(s => incidentWindows(s, Date.parse(since) / 1000 - 3600, Date.parse(until) / 1000, sandbox.clock))
      .filter(w => w.start >= Date.parse(since) / 1000 && w.errorRate >= 0.01);
    expect(r).toHaveLength(expected.length);

    const teams = await rest('/incidents', { data: { date_range: 'all', 'team_ids[]': 'PNOPE00' } });
    expect(teams.data.incidents).toHaveLength(0);
  });

  it('pages with limit, offset, total and more', async () => {
    const first = await rest('/incidents', { data: { date_range: 'all', limit: '10', total: 'true' } });
    expect(first.data).toMatchObject({ limit: 10, offset: 0, more: true });
    const total = first.data.total as number;
    expect(total).toBeGreaterThan(100);
    const second = await first.next!();
    expect(second.data).toMatchObject({ limit: 10, offset: 10 });
    expect(second.data.incidents[0].id).not.toBe(first.data.incidents[0].id);
    const last = await rest('/incidents', { data: { date_range: 'all', limit: '10', offset: String(total - 4) } });
    expect(last.data.incidents).toHaveLength(4);
    expect(last.data).toMatchObject({ more: false, total: null });
    const withoutTotal = await rest('/priorities', { data: { limit: '2', offset: '1' } });
    expect(withoutTotal.data).toMatchObject({ limit: 2, offset: 1, more: true, total: null });
    expect(withoutTotal.data.priorities.map((p: any) => p.name)).toEqual(['P2', 'P3']);
  });

  it('has log entries in time order, newest first', async () => {
    const open = await rest('/incidents', {
      data: { 'statuses[]': 'acknowledged', 'service_ids[]': service('payment-service').pagerdutyServiceIds },
    });
    const id = open.data.incidents[0].id;
    const r = await rest(`/incidents/${id}/log_entries`, { data: { limit: '100' } });
    const entries = r.data.log_entries;
    const times = entries.map((e: any) => Date.parse(e.created_at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const types = entries.map((e: any) => e.type);
    expect(types[types.length - 1]).toBe('trigger_log_entry');
    expect(types).toEqual(expect.arrayContaining(['notify_log_entry', 'acknowledge_log_entry', 'annotate_log_entry']));
    const trigger = entries[entries.length - 1];
    expect(trigger.channel).toMatchObject({ type: 'api', client: 'Datadog' });
    expect(trigger.agent.type).toBe('service_reference');

    const overview = await rest(`/incidents/${id}/log_entries`, { data: { is_overview: 'true' } });
    expect(overview.data.log_entries.map((e: any) => e.type)).not.toContain('notify_log_entry');

    const notes = await rest(`/incidents/${id}/notes`);
    expect(notes.data.notes.length).toBeGreaterThan(0);
    expect(notes.data.notes[0].content).toMatch(/Investigating/);

    // Across the history: resolutions, escalations and notes all occur.
    const resolved = await rest('/incidents', {
      data: { 'statuses[]': 'resolved', date_range: 'all', limit: '40', 'urgencies[]': 'high' },
    });
    const seen = new Set<string>();
    for (const inc of resolved.data.incidents) {
      const log = await rest(`/incidents/${inc.id}/log_entries`);
      log.data.log_entries.forEach((e: any) => seen.add(e.type));
      expect(log.data.log_entries[0].type).toBe('resolve_log_entry');
    }
    expect([...seen]).toEqual(
      expect.arrayContaining([
        'trigger_log_entry',
        'notify_log_entry',
        'acknowledge_log_entry',
        'escalate_log_entry',
        'annotate_log_entry',
        'resolve_log_entry',
      ]),
    );
  });

  it('is deterministic', async () => {
    const again = await startSandbox({
      ports: { admin: 0, datadog: 0, pagerduty: 0, pagerdutyEvents: 0, kubernetes: [0, 0] },
      clock: fixedClock(NOW),
    });
    try {
      for (const path of [
        '/incidents?date_range=all&limit=100&offset=40',
        '/oncalls',
        '/services?limit=100',
        '/schedules',
        '/users/me',
      ]) {
        const [a, b] = await Promise.all(
          [sandbox, again].map(s =>
            fetch(`${s.urls.pagerduty}${path}`, { headers: { Authorization: `Token token=${TOKEN}` } }).then(r =>
              r.text(),
            ),
          ),
        );
        expect(a).toBe(b);
      }
    } finally {
      await again.stop();
    }
  });
});

describe('changing incidents', () => {
  const platform = () => service('platform-gateway');
  const from = () => team('team-platform').members[1].email;

  it('triggers, dedups, acknowledges and resolves through the Events API', async () => {
    const serviceId = platform().pagerdutyServiceIds[0];
    const before = await rest('/incidents', { data: { 'statuses[]': 'triggered', 'service_ids[]': serviceId } });
    const trigger = {
      routing_key: SANDBOX_CREDENTIALS.pagerdutyRoutingKey,
      event_action: 'trigger',
      dedup_key: 'gateway/tls-expiry',
      payload: {
        summary: 'TLS certificate of api.example.com expires in 3 days',
        source: 'platform-gateway',
        severity: 'warning',
        custom_details: { days_left: 3 },
      },
    };
    const first = await enqueue(trigger);
    expect(first).toEqual({
      status: 202,
      body: { status: 'success', message: 'Event processed', dedup_key: 'gateway/tls-expiry' },
    });
    const again = await enqueue(trigger);
    expect(again.status).toBe(202);

    const after = await rest('/incidents', { data: { 'statuses[]': 'triggered', 'service_ids[]': serviceId } });
    expect(after.data.incidents).toHaveLength(before.data.incidents.length + 1);
    const inc = after.data.incidents.find((i: any) => i.incident_key === 'gateway/tls-expiry');
    expect(inc).toMatchObject({ title: trigger.payload.summary, urgency: 'low', status: 'triggered' });
    expect(inc.assignments).toHaveLength(1);
    const log = await rest(`/incidents/${inc.id}/log_entries`);
    expect(log.data.log_entries.map((e: any) => e.type)).toEqual(['notify_log_entry', 'trigger_log_entry']);
    expect(log.data.log_entries[1].channel.details.custom_details).toEqual({ days_left: 3 });

    const ack = await enqueue({
      routing_key: SANDBOX_CREDENTIALS.pagerdutyRoutingKey,
      event_action: 'acknowledge',
      dedup_key: 'gateway/tls-expiry',
    });
    expect(ack.status).toBe(202);
    expect((await rest(`/incidents/${inc.id}`)).data.incident.status).toBe('acknowledged');
    const resolve = await enqueue({
      routing_key: routingKeyOf(serviceId),
      event_action: 'resolve',
      dedup_key: 'gateway/tls-expiry',
    });
    expect(resolve.status).toBe(202);
    const done = await rest(`/incidents/${inc.id}`);
    expect(done.data.incident.status).toBe('resolved');
    expect(done.data.incident.resolved_at).toEqual(expect.any(String));

    // The key is free again once resolved: a new trigger opens a new incident.
    const reopened = await enqueue(trigger);
    expect(reopened.status).toBe(202);
    const keyed = await rest('/incidents', { data: { incident_key: 'gateway/tls-expiry', date_range: 'all' } });
    expect(keyed.data.incidents.map((i: any) => i.status)).toEqual(['resolved', 'triggered']);
  });

  it('generates a dedup key and routes each service by its own key', async () => {
    const s = service('search-service');
    const r = await enqueue({
      routing_key: routingKeyOf(s.pagerdutyServiceIds[0]),
      event_action: 'trigger',
      payload: { summary: 'Search latency p95 above 2s', source: 'datadog', severity: 'critical' },
    });
    expect(r.status).toBe(202);
    expect(r.body.dedup_key).toMatch(/^[0-9a-f]{32}$/);
    const open = await rest('/incidents', { data: { incident_key: r.body.dedup_key } });
    expect(open.data.incidents[0]).toMatchObject({ urgency: 'high', service: { id: s.pagerdutyServiceIds[0] } });
    expect(open.data.incidents[0].priority.name).toBe('P1');
  });

  it('rejects invalid events with 400', async () => {
    const invalidKey = await enqueue({
      routing_key: 'f'.repeat(32),
      event_action: 'trigger',
      payload: { summary: 's', source: 's', severity: 'info' },
    });
    expect(invalidKey.status).toBe(400);
    expect(invalidKey.body).toMatchObject({
      status: 'invalid event',
      message: expect.any(String),
      errors: [expect.any(String)],
    });
    const shortKey = await enqueue({
      routing_key: 'abc',
      event_action: 'trigger',
      payload: { summary: 's', source: 's', severity: 'info' },
    });
    expect(shortKey.status).toBe(400);
    const noPayload = await enqueue({ routing_key: SANDBOX_CREDENTIALS.pagerdutyRoutingKey, event_action: 'trigger' });
    expect(noPayload.status).toBe(400);
    const badSeverity = await enqueue({
      routing_key: SANDBOX_CREDENTIALS.pagerdutyRoutingKey,
      event_action: 'trigger',
      payload: { summary: 's', source: 's', severity: 'fatal' },
    });
    expect(badSeverity.body.errors[0]).toMatch(/severity/);
    const badAction = await enqueue({
      routing_key: SANDBOX_CREDENTIALS.pagerdutyRoutingKey,
      event_action: 'explode',
      dedup_key: 'x',
    });
    expect(badAction.status).toBe(400);
    const notJson = await enqueue('{"routing_key": ');
    expect(notJson.status).toBe(400);
    expect(notJson.body.status).toBe('Unrecognized object');
  });

  it('takes events from the official client over HTTPS', async () => {
    // pdjs only speaks https to the Events API: trust the sandbox's self-signed certificate.
    const agentOptions = https.globalAgent.options;
    const previousCa = agentOptions.ca;
    agentOptions.ca = fs.readFileSync(sandbox.certFile);
    try {
      const r = await event({
        server: sandbox.urls.pagerdutyEventsServer,
        data: {
          routing_key: routingKeyOf(service('cart-service').pagerdutyServiceIds[0]),
          event_action: 'trigger',
          dedup_key: 'cart/405',
          payload: { summary: 'POST /v1/cart/items answers 405', source: 'cart-service', severity: 'error' },
        },
      });
      expect(r.status).toBe(202);
      expect(r.data).toEqual({ status: 'success', message: 'Event processed', dedup_key: 'cart/405' });
      eventResponses.push({ path: '/v2/enqueue', status: r.status, body: r.data });
    } finally {
      agentOptions.ca = previousCa;
    }
    // One state behind both ports: the REST API sees the incident.
    const open = await rest('/incidents', { data: { incident_key: 'cart/405', 'statuses[]': 'triggered' } });
    expect(open.data.incidents).toHaveLength(1);
  });

  it('accepts change events', async () => {
    const r = await enqueue(
      {
        routing_key: SANDBOX_CREDENTIALS.pagerdutyRoutingKey,
        payload: { summary: 'Deployed platform-gateway v2.14.0', source: 'argo-cd' },
      },
      '/v2/change/enqueue',
    );
    expect(r.status).toBe(202);
    expect(r.body.status).toBe('success');
  });

  it('requires From on updates, then acknowledges and resolves with the REST API', async () => {
    const trigger = await enqueue({
      routing_key: SANDBOX_CREDENTIALS.pagerdutyRoutingKey,
      event_action: 'trigger',
      dedup_key: 'gateway/5xx',
      payload: { summary: 'Gateway 5xx above 2%', source: 'platform-gateway', severity: 'error' },
    });
    expect(trigger.status).toBe(202);
    const id = (await rest('/incidents', { data: { incident_key: 'gateway/5xx' } })).data.incidents[0].id;

    const noFrom = await rest(`/incidents/${id}`, {
      method: 'PUT',
      body: { incident: { type: 'incident_reference', status: 'acknowledged' } },
    });
    expect(noFrom.status).toBe(400);
    expect(noFrom.data.error).toMatchObject({ message: 'Invalid Input Provided', code: 2001 });

    const ack = await rest(`/incidents/${id}`, {
      method: 'PUT',
      headers: { From: from() },
      body: { incident: { type: 'incident_reference', status: 'acknowledged' } },
    });
    expect(ack.status).toBe(200);
    expect(ack.data.incident.status).toBe('acknowledged');
    expect(ack.data.incident.acknowledgements[0].acknowledger.summary).toBe(
      team('team-platform').members[1].displayName,
    );
    expect(ack.data.incident.pending_actions).toEqual([]);

    const note = await rest(`/incidents/${id}/notes`, {
      method: 'POST',
      headers: { From: from() },
      body: { note: { content: 'Bad config push, rolling back.' } },
    });
    expect(note.status).toBe(200);
    expect(note.data.note).toMatchObject({
      content: 'Bad config push, rolling back.',
      user: { summary: team('team-platform').members[1].displayName },
    });
    const noteWithoutFrom = await rest(`/incidents/${id}/notes`, { method: 'POST', body: { note: { content: 'x' } } });
    expect(noteWithoutFrom.status).toBe(400);

    const resolve = await rest(`/incidents/${id}`, {
      method: 'PUT',
      headers: { From: from() },
      body: { incident: { type: 'incident_reference', status: 'resolved', resolution: 'Rolled back.' } },
    });
    expect(resolve.data.incident.status).toBe('resolved');
    const again = await rest(`/incidents/${id}`, {
      method: 'PUT',
      headers: { From: from() },
      body: { incident: { type: 'incident_reference', status: 'acknowledged' } },
    });
    expect(again.status).toBe(400);

    const log = await rest(`/incidents/${id}/log_entries`, { data: { is_overview: 'true' } });
    expect(log.data.log_entries.map((e: any) => e.type)).toEqual([
      'resolve_log_entry',
      'acknowledge_log_entry',
      'trigger_log_entry',
    ]);
    expect(log.data.log_entries[0].note).toBe('Rolled back.');
    const notes = await rest(`/incidents/${id}/notes`);
    expect(notes.data.notes.map((n: any) => n.content)).toEqual(['Bad config push, rolling back.']);
  });
});

// ------------------------------------------------------------------------------------ contracts

type SchemaError = { path: string; message: string; params: any; raw: string };

function parseError(raw: string): SchemaError {
  const m = /^(\S+) (.*?)(?: (\{.*\}))?$/.exec(raw);
  return { path: m?.[1] ?? '', message: m?.[2] ?? raw, params: m?.[3] ? JSON.parse(m[3]) : undefined, raw };
}

function valueAt(body: any, path: string): any {
  return path
    .split('/')
    .slice(1)
    .reduce((o, k) => (o === undefined || o === null ? undefined : o[k]), body);
}

/**
 * The errors strict validation reports for defects of PagerDuty's own document, listed in
 * shared/contracts/SOURCES.md (section pagerduty-rest.json, "Vendor defects"). Only these are
 * filtered; any other error fails the test.
 */
function withoutKnownVendorDefects(errors: string[], body: unknown, requestedInclude: boolean): string[] {
  const parsed = errors.map(parseError);
  // SOURCES.md: "its `channel` is also an ambiguous oneOf" - a channel matching several variants
  // (passingSchemas lists them) rather than none.
  const ambiguousChannel = (e: SchemaError) =>
    /\/channel$/.test(e.path) &&
    e.message === 'must match exactly one schema in oneOf' &&
    Array.isArray(e.params?.passingSchemas);
  const entriesWithAmbiguousChannel = new Set(
    parsed.filter(ambiguousChannel).map(e => e.path.replace(/\/channel$/, '')),
  );
  return parsed
    .filter(e => {
      // SOURCES.md: "`Incident.resolved_at` ... `type: string` without `nullable`, but the API ... send[s] `null`".
      if (/\/resolved_at$/.test(e.path) && e.message === 'must be string' && valueAt(body, e.path) === null)
        return false;
      if (ambiguousChannel(e)) return false;
      // SOURCES.md: "Each item of `log_entries[]` is a `oneOf` of 17 *LogEntry schemas with no
      // discriminator" (and `first_trigger_log_entry` is a oneOf of a reference and the entry).
      // Once the channel is ambiguous every variant fails: accept the resulting oneOf failure of
      // the entry and the `type` mismatches of the variants the entry is not (this includes
      // AcknowledgeLogEntry, whose enum says `acknowledgement_log_entry` where LogEntry and the API
      // say `acknowledge_log_entry`).
      if (
        entriesWithAmbiguousChannel.has(e.path) &&
        e.message === 'must match exactly one schema in oneOf' &&
        e.params?.passingSchemas === null
      ) {
        return false;
      }
      if (
        e.path.endsWith('/type') &&
        entriesWithAmbiguousChannel.has(e.path.slice(0, -'/type'.length)) &&
        e.message === 'must be equal to one of the allowed values' &&
        !e.params.allowedValues.includes(valueAt(body, e.path)) &&
        // A variant's own type (one value), or the reference variant of first_trigger_log_entry;
        // never LogEntry's list of all types, which the entry's type must be in.
        (e.params.allowedValues.length === 1 || e.params.allowedValues.every((v: string) => v.endsWith('_reference')))
      ) {
        return false;
      }
      // NOT yet in SOURCES.md (reported): with include[], the API embeds the full object where
      // the document only allows its *Reference (e.g. GET /oncalls?include[]=users sends
      // `"type": "user"`). Accept exactly that: a full object of the referenced kind.
      if (
        requestedInclude &&
        e.path.endsWith('/type') &&
        e.message === 'must be equal to one of the allowed values' &&
        e.params.allowedValues.includes(`${valueAt(body, e.path)}_reference`)
      ) {
        return false;
      }
      return true;
    })
    .map(e => e.raw);
}

describe('contracts', () => {
  const restContract = loadContract('pagerduty-rest');
  const eventsContract = loadContract('pagerduty-events');

  it('every REST response validates against pagerduty-rest.json', () => {
    if (!restContract) {
      console.warn('pagerduty-rest.json not found (../shared/contracts absent): contract check skipped');
      return;
    }
    expect(recorded.length).toBeGreaterThan(50);
    const problems: string[] = [];
    for (const r of recorded) {
      const errors = withoutKnownVendorDefects(
        restContract.validateResponse(r.method, r.path, r.status, r.body),
        r.body,
        r.include,
      )
        // NOT yet in SOURCES.md (reported): updateIncident documents no 400, although the API
        // answers 400 to an update without a From header or of a resolved incident.
        .filter(
          e => !(r.method === 'PUT' && r.status === 400 && e === 'status 400 is not documented for updateIncident'),
        );
      if (errors.length) problems.push(`${r.method} ${r.path} ${r.status}: ${errors.slice(0, 5).join('; ')}`);
    }
    expect(problems).toEqual([]);
  });

  it('the vendor defects the filter accepts do occur (the filter is not dead code)', () => {
    if (!restContract) return;
    const errors = recorded.flatMap(r => restContract.validateResponse(r.method, r.path, r.status, r.body));
    expect(errors.some(e => /\/resolved_at must be string/.test(e))).toBe(true);
    expect(errors.some(e => /\/channel must match exactly one schema/.test(e))).toBe(true);
  });

  it('every Events API response validates against pagerduty-events.json', () => {
    if (!eventsContract) {
      console.warn('pagerduty-events.json not found (../shared/contracts absent): contract check skipped');
      return;
    }
    expect(eventResponses.length).toBeGreaterThan(5);
    for (const r of eventResponses) {
      expect(eventsContract.validateResponse('POST', r.path.replace(/^\/v2/, ''), r.status, r.body)).toEqual([]);
    }
  });

  it('every request the clients sent is a documented operation with documented parameters', () => {
    if (!restContract || !eventsContract) {
      console.warn('PagerDuty contracts not found (../shared/contracts absent): request check skipped');
      return;
    }
    const log = sandbox.faults.requestLog.get('pagerduty') ?? [];
    expect(log.length).toBeGreaterThan(50);
    const problems = log.flatMap(line => {
      const [method, url] = line.split(' ');
      return url.startsWith('/v2/')
        ? eventsContract.checkRequest(method, url.slice(3))
        : restContract.checkRequest(method, url);
    });
    expect(problems).toEqual([]);
  });
});
