import type { Person, Service, World } from '../world/types';
import { hash32, unit } from '../world/hash';
import { SANDBOX_CREDENTIALS } from '../context';
import { ACCOUNT_TIME_ZONE, DAY, WEEK, apiUrl, hexKey, isoTime, pdId, webUrl, type JsonObject } from './format';

/**
 * The PagerDuty account of the simulated company: users, teams, schedules, escalation policies,
 * services with their Events API v2 integrations, and priorities, all derived from the world.
 */

export interface PdUser {
  id: string;
  person: Person;
  name: string;
  email: string;
  role: string;
  jobTitle: string;
  color: string;
  teamId: string;
  avatarHash: string;
  contactMethods: Array<{
    id: string;
    kind: 'email' | 'phone' | 'sms' | 'push_notification';
    label: string;
    address: string;
  }>;
  notificationRules: Array<{ id: string; contactMethodId: string; delay: number; urgency: 'high' | 'low' }>;
}

export interface PdTeam {
  id: string;
  /** The catalog group name, e.g. `team-checkout`. */
  slug: string;
  name: string;
  description: string;
  userIds: string[];
}

export interface PdSchedule {
  id: string;
  name: string;
  kind: 'primary' | 'secondary';
  teamId: string;
  layerId: string;
  /** Users in rotation order. */
  userIds: string[];
  /** Epoch seconds of a handoff (Monday 10:00 JST) from which the rotation counts turns. */
  virtualStart: number;
  turnSeconds: number;
}

export type EscalationTarget = { kind: 'schedule'; id: string } | { kind: 'user'; id: string };

export interface PdEscalationRule {
  id: string;
  delayMinutes: number;
  target: EscalationTarget;
}

export interface PdEscalationPolicy {
  id: string;
  name: string;
  teamId: string;
  rules: PdEscalationRule[];
  serviceIds: string[];
}

export interface PdIntegration {
  id: string;
  name: string;
  routingKey: string;
  createdAt: number;
}

export interface PdService {
  id: string;
  name: string;
  description: string;
  world: Service;
  teamId: string;
  escalationPolicyId: string;
  createdAt: number;
  integration: PdIntegration;
}

export interface PdPriority {
  id: string;
  name: string;
  description: string;
  order: number;
  color: string;
}

/** What the services' status and last incident come from (the incident store). */
export interface ServiceStats {
  status: 'active' | 'warning' | 'critical';
  lastIncidentAt?: number;
}

/** Rotation origin: Monday 2024-01-01 10:00 JST, the weekly handoff. */
export const ROTATION_START = Date.UTC(2024, 0, 1, 1, 0, 0) / 1000;
export const ESCALATION_DELAY_MINUTES = 30;

const COLORS = ['purple', 'teal', 'orange', 'green', 'red', 'cayenne', 'blue', 'violet', 'turquoise', 'brown'];

export const PRIORITY_SPECS = [
  {
    name: 'P1',
    color: 'a8171c',
    description: 'Critical: customers cannot check out or sign in. Page everyone, open an incident channel.',
  },
  { name: 'P2', color: 'eb6016', description: 'High: a customer-facing service is degraded. Respond immediately.' },
  {
    name: 'P3',
    color: 'f9b406',
    description: 'Moderate: partial degradation or an internal system down. Respond within the hour.',
  },
  { name: 'P4', color: '555555', description: 'Low: no customer impact yet. Handle during business hours.' },
  { name: 'P5', color: '999999', description: 'Informational: follow up in the next sprint.' },
];

const ref = (type: string, id: string, summary: string, path: string, htmlPath: string | null) => ({
  id,
  type: `${type}_reference`,
  summary,
  self: apiUrl(path),
  html_url: htmlPath === null ? null : webUrl(htmlPath),
});

/** Builds ids that are unique across the account, deterministically. */
class IdAllocator {
  private readonly used = new Set<string>();

  constructor(reserved: string[]) {
    for (const id of reserved) this.used.add(id);
  }

  take(...parts: Array<string | number>): string {
    for (let salt = 0; ; salt++) {
      const id = salt === 0 ? pdId(...parts) : pdId(...parts, 'salt', salt);
      if (!this.used.has(id)) {
        this.used.add(id);
        return id;
      }
    }
  }
}

/** PagerDuty account roles: the platform team's first member owns the account, the rest administer it. */
function platformRole(team: string, index: number): 'owner' | 'admin' | 'user' {
  if (team !== 'team-platform') return 'user';
  return index === 0 ? 'owner' : 'admin';
}

function jobTitle(person: Person, index: number, team: string): string {
  if (team === 'team-platform') return index === 0 ? 'Engineering Manager' : 'Site Reliability Engineer';
  if (index === 0) return 'Tech Lead';
  return unit(person.name, 'seniority') < 0.5 ? 'Senior Software Engineer' : 'Software Engineer';
}

export class Directory {
  readonly users: PdUser[] = [];
  readonly teams: PdTeam[] = [];
  readonly schedules: PdSchedule[] = [];
  readonly escalationPolicies: PdEscalationPolicy[] = [];
  readonly services: PdService[] = [];
  readonly priorities: PdPriority[] = [];
  /** The user the API token belongs to (`GET /users/me`): the platform team's first member. */
  readonly me: PdUser;
  /** The escalation's last level on every policy: the platform team's manager. */
  readonly manager: PdUser;

  private readonly userById = new Map<string, PdUser>();
  private readonly userByEmail = new Map<string, PdUser>();
  private readonly teamById = new Map<string, PdTeam>();
  private readonly teamBySlug = new Map<string, PdTeam>();
  private readonly scheduleById = new Map<string, PdSchedule>();
  private readonly policyById = new Map<string, PdEscalationPolicy>();
  private readonly serviceById = new Map<string, PdService>();
  private readonly serviceByRoutingKey = new Map<string, PdService>();
  private readonly priorityById = new Map<string, PdPriority>();

  constructor(world: World) {
    const serviceIds = world.services.flatMap(s => s.pagerdutyServiceIds);
    const ids = new IdAllocator(serviceIds);

    for (const t of world.teams) {
      const team: PdTeam = {
        id: ids.take('team', t.name),
        slug: t.name,
        name: t.title,
        description: `${t.title} (${t.name}): owns ${world.services.filter(s => s.team === t.name).length} services.`,
        userIds: [],
      };
      this.teams.push(team);
      this.teamById.set(team.id, team);
      this.teamBySlug.set(team.slug, team);
      t.members.forEach((person, index) => {
        const id = ids.take('user', person.name);
        const user: PdUser = {
          id,
          person,
          name: person.displayName,
          email: person.email,
          role: platformRole(t.name, index),
          jobTitle: jobTitle(person, index, t.name),
          color: COLORS[hash32(person.name, 'color') % COLORS.length],
          teamId: team.id,
          avatarHash: hexKey('avatar', person.email),
          contactMethods: [
            { id: ids.take('contact', person.name, 'email'), kind: 'email', label: 'Work', address: person.email },
            {
              id: ids.take('contact', person.name, 'phone'),
              kind: 'phone',
              label: 'Mobile',
              address: `900000${String(hash32(person.name, 'phone') % 10000).padStart(4, '0')}`,
            },
            {
              id: ids.take('contact', person.name, 'push'),
              kind: 'push_notification',
              label: 'iPhone',
              address: 'PagerDuty app',
            },
          ],
          notificationRules: [],
        };
        user.notificationRules = [
          {
            id: ids.take('rule', person.name, 0),
            contactMethodId: user.contactMethods[2].id,
            delay: 0,
            urgency: 'high',
          },
          {
            id: ids.take('rule', person.name, 1),
            contactMethodId: user.contactMethods[1].id,
            delay: 3,
            urgency: 'high',
          },
          {
            id: ids.take('rule', person.name, 2),
            contactMethodId: user.contactMethods[0].id,
            delay: 0,
            urgency: 'low',
          },
        ];
        team.userIds.push(id);
        this.users.push(user);
        this.userById.set(id, user);
        this.userByEmail.set(user.email.toLowerCase(), user);
      });
    }

    const platform = this.teamBySlug.get('team-platform') ?? this.teams[0];
    const first = platform ? this.userById.get(platform.userIds[0]) : undefined;
    if (!first) throw new Error('The PagerDuty simulator needs at least one team member in the world');
    this.me = first;
    this.manager = first;

    for (const team of this.teams) {
      const rotation = team.userIds;
      const primary: PdSchedule = {
        id: ids.take('schedule', team.slug, 'primary'),
        name: `${team.name} - Primary`,
        kind: 'primary',
        teamId: team.id,
        layerId: ids.take('layer', team.slug, 'primary'),
        userIds: [...rotation],
        virtualStart: ROTATION_START,
        turnSeconds: WEEK,
      };
      // The backup is next week's primary, so the two levels never page the same person.
      const secondary: PdSchedule = {
        ...primary,
        id: ids.take('schedule', team.slug, 'secondary'),
        name: `${team.name} - Secondary`,
        kind: 'secondary',
        layerId: ids.take('layer', team.slug, 'secondary'),
        userIds: [...rotation.slice(1), ...rotation.slice(0, 1)],
      };
      for (const s of [primary, secondary]) {
        this.schedules.push(s);
        this.scheduleById.set(s.id, s);
      }
      const policy: PdEscalationPolicy = {
        id: ids.take('escalation_policy', team.slug),
        name: `${team.name} Escalation Policy`,
        teamId: team.id,
        rules: [
          {
            id: ids.take('rule', team.slug, 1),
            delayMinutes: ESCALATION_DELAY_MINUTES,
            target: { kind: 'schedule', id: primary.id },
          },
          {
            id: ids.take('rule', team.slug, 2),
            delayMinutes: ESCALATION_DELAY_MINUTES,
            target: { kind: 'schedule', id: secondary.id },
          },
          {
            id: ids.take('rule', team.slug, 3),
            delayMinutes: ESCALATION_DELAY_MINUTES,
            target: { kind: 'user', id: this.manager.id },
          },
        ],
        serviceIds: [],
      };
      this.escalationPolicies.push(policy);
      this.policyById.set(policy.id, policy);
    }

    for (const ws of world.services) {
      const team = this.teamBySlug.get(ws.team) ?? platform;
      const policy = this.escalationPolicies.find(p => p.teamId === team.id)!;
      ws.pagerdutyServiceIds.forEach((id, index) => {
        const name = index === 0 ? ws.name : `${ws.name}-providers`;
        const createdAt =
          Date.UTC(2023, 3, 1) / 1000 + (hash32(id, 'created') % 300) * DAY + (hash32(id, 'created-s') % DAY);
        const service: PdService = {
          id,
          name,
          description:
            index === 0
              ? ws.description ?? `${ws.title ?? ws.name} (${ws.system})`
              : `Calls from ${ws.name} to external payment providers.`,
          world: ws,
          teamId: team.id,
          escalationPolicyId: policy.id,
          createdAt,
          integration: {
            id: ids.take('integration', id),
            name: 'Datadog (Events API v2)',
            routingKey: routingKeyOf(id),
            createdAt: createdAt + 600,
          },
        };
        policy.serviceIds.push(id);
        this.services.push(service);
        this.serviceById.set(id, service);
        this.serviceByRoutingKey.set(service.integration.routingKey, service);
      });
    }

    // The sandbox's well-known routing key reaches the platform team's first service.
    const platformService = this.services.find(s => s.teamId === platform.id) ?? this.services[0];
    if (platformService) this.serviceByRoutingKey.set(SANDBOX_CREDENTIALS.pagerdutyRoutingKey, platformService);

    PRIORITY_SPECS.forEach((p, i) => {
      const priority = { id: ids.take('priority', p.name), order: (PRIORITY_SPECS.length - i) * 32, ...p };
      this.priorities.push(priority);
      this.priorityById.set(priority.id, priority);
    });
  }

  user(id: string) {
    return this.userById.get(id);
  }
  userByEmailAddress(email: string) {
    return this.userByEmail.get(email.trim().toLowerCase());
  }
  team(id: string) {
    return this.teamById.get(id);
  }
  teamOf(slug: string) {
    return this.teamBySlug.get(slug);
  }
  schedule(id: string) {
    return this.scheduleById.get(id);
  }
  policy(id: string) {
    return this.policyById.get(id);
  }
  service(id: string) {
    return this.serviceById.get(id);
  }
  serviceForRoutingKey(key: string) {
    return this.serviceByRoutingKey.get(key);
  }
  priority(id: string) {
    return this.priorityById.get(id);
  }
  priorityNamed(name: string) {
    return this.priorities.find(p => p.name === name);
  }
  /** The PagerDuty service a world service's incidents go to first. */
  primaryServiceOf(worldServiceName: string) {
    return this.services.find(s => s.world.name === worldServiceName);
  }

  // ---------------------------------------------------------------- on-call arithmetic

  /** The shift of a schedule that contains `t`. */
  shiftAt(schedule: PdSchedule, t: number): { userId: string; start: number; end: number } | undefined {
    const n = schedule.userIds.length;
    if (!n) return undefined;
    const turn = Math.floor((t - schedule.virtualStart) / schedule.turnSeconds);
    const start = schedule.virtualStart + turn * schedule.turnSeconds;
    return { userId: schedule.userIds[((turn % n) + n) % n], start, end: start + schedule.turnSeconds };
  }

  /** Shifts overlapping [since, until]; a single instant gives the shift containing it. */
  shifts(schedule: PdSchedule, since: number, until: number) {
    const out: Array<{ userId: string; start: number; end: number }> = [];
    for (let s = this.shiftAt(schedule, since); s && (s.start < until || s.start <= since); ) {
      out.push(s);
      s = this.shiftAt(schedule, s.end);
    }
    return out;
  }

  /** Who a policy's level (1-based) pages at time `t`. */
  onCallAt(policy: PdEscalationPolicy, level: number, t: number): string[] {
    const rule = policy.rules[level - 1];
    if (!rule) return [];
    if (rule.target.kind === 'user') return [rule.target.id];
    const schedule = this.scheduleById.get(rule.target.id);
    const shift = schedule ? this.shiftAt(schedule, t) : undefined;
    return shift ? [shift.userId] : [];
  }

  // ---------------------------------------------------------------- references

  userRef(u: PdUser) {
    return ref('user', u.id, u.name, `/users/${u.id}`, `/users/${u.id}`);
  }
  teamRef(t: PdTeam) {
    return ref('team', t.id, t.name, `/teams/${t.id}`, `/teams/${t.id}`);
  }
  scheduleRef(s: PdSchedule) {
    return ref('schedule', s.id, s.name, `/schedules/${s.id}`, `/schedules/${s.id}`);
  }
  policyRef(p: PdEscalationPolicy) {
    return ref('escalation_policy', p.id, p.name, `/escalation_policies/${p.id}`, `/escalation_policies/${p.id}`);
  }
  serviceRef(s: PdService) {
    return ref('service', s.id, s.name, `/services/${s.id}`, `/service-directory/${s.id}`);
  }
  integrationRef(s: PdService) {
    return ref(
      'events_api_v2_inbound_integration',
      s.integration.id,
      s.integration.name,
      `/services/${s.id}/integrations/${s.integration.id}`,
      `/services/${s.id}/integrations/${s.integration.id}`,
    );
  }

  // ---------------------------------------------------------------- full objects

  renderUser(u: PdUser, include: string[] = []) {
    const team = this.teamById.get(u.teamId)!;
    const contactMethodRef = (c: PdUser['contactMethods'][number]) =>
      ref(`${c.kind}_contact_method`, c.id, c.label, `/users/${u.id}/contact_methods/${c.id}`, null);
    const contactMethod = (c: PdUser['contactMethods'][number]) => ({
      ...contactMethodRef(c),
      type: `${c.kind}_contact_method`,
      label: c.label,
      address: c.address,
      ...(c.kind === 'email' ? { send_short_email: false } : {}),
      ...(c.kind === 'phone' || c.kind === 'sms' ? { country_code: 81, enabled: true, blacklisted: false } : {}),
      ...(c.kind === 'push_notification' ? { device_type: 'ios', created_at: isoTime(ROTATION_START - 30 * DAY) } : {}),
    });
    const ruleRef = (r: PdUser['notificationRules'][number]) =>
      ref(
        'assignment_notification_rule',
        r.id,
        `${r.delay} minutes: channel ${r.contactMethodId}`,
        `/users/${u.id}/notification_rules/${r.id}`,
        null,
      );
    const rule = (r: PdUser['notificationRules'][number]) => ({
      ...ruleRef(r),
      type: 'assignment_notification_rule',
      start_delay_in_minutes: r.delay,
      urgency: r.urgency,
      contact_method: contactMethodRef(u.contactMethods.find(c => c.id === r.contactMethodId)!),
    });
    return {
      id: u.id,
      type: 'user',
      summary: u.name,
      self: apiUrl(`/users/${u.id}`),
      html_url: webUrl(`/users/${u.id}`),
      name: u.name,
      email: u.email,
      time_zone: ACCOUNT_TIME_ZONE,
      color: u.color,
      role: u.role,
      avatar_url: `https://secure.gravatar.com/avatar/${u.avatarHash}.png?d=mm&r=PG`,
      description: `${u.jobTitle}, ${team.name}`,
      invitation_sent: false,
      job_title: u.jobTitle,
      created_via_sso: false,
      billed: true,
      teams: [include.includes('teams') ? this.renderTeam(team) : this.teamRef(team)],
      contact_methods: u.contactMethods.map(include.includes('contact_methods') ? contactMethod : contactMethodRef),
      notification_rules: u.notificationRules.map(include.includes('notification_rules') ? rule : ruleRef),
      coordinated_incidents: [],
    };
  }

  renderTeam(t: PdTeam) {
    return {
      id: t.id,
      type: 'team',
      summary: t.name,
      self: apiUrl(`/teams/${t.id}`),
      html_url: webUrl(`/teams/${t.id}`),
      name: t.name,
      description: t.description,
      default_role: 'manager',
    };
  }

  renderPriority(p: PdPriority) {
    return {
      id: p.id,
      type: 'priority',
      summary: p.name,
      self: apiUrl(`/priorities/${p.id}`),
      html_url: null,
      name: p.name,
      description: p.description,
      order: p.order,
      color: p.color,
    };
  }

  renderIntegration(s: PdService, tz: string) {
    return {
      ...this.integrationRef(s),
      type: 'events_api_v2_inbound_integration',
      name: s.integration.name,
      service: this.serviceRef(s),
      created_at: isoTime(s.integration.createdAt, tz),
      vendor: ref('vendor', pdId('vendor', 'datadog'), 'Datadog', `/vendors/${pdId('vendor', 'datadog')}`, null),
      integration_key: s.integration.routingKey,
    };
  }

  renderService(s: PdService, stats: ServiceStats, tz: string, include: string[] = []): JsonObject {
    const team = this.teamById.get(s.teamId)!;
    const policy = this.policyById.get(s.escalationPolicyId)!;
    return {
      id: s.id,
      type: 'service',
      summary: s.name,
      self: apiUrl(`/services/${s.id}`),
      html_url: webUrl(`/service-directory/${s.id}`),
      name: s.name,
      description: s.description,
      created_at: isoTime(s.createdAt, tz),
      updated_at: isoTime(s.integration.createdAt, tz),
      status: stats.status,
      ...(stats.lastIncidentAt !== undefined ? { last_incident_timestamp: isoTime(stats.lastIncidentAt, tz) } : {}),
      escalation_policy: include.includes('escalation_policies') ? this.renderPolicy(policy) : this.policyRef(policy),
      response_play: null,
      teams: [include.includes('teams') ? this.renderTeam(team) : this.teamRef(team)],
      integrations: [include.includes('integrations') ? this.renderIntegration(s, tz) : this.integrationRef(s)],
      incident_urgency_rule: { type: 'constant', urgency: 'severity_based' },
      scheduled_actions: [],
      addons: [],
      alert_creation: 'create_alerts_and_incidents',
      alert_grouping_parameters: { type: null },
      auto_pause_notifications_parameters: { enabled: false },
    };
  }

  private renderTarget(target: EscalationTarget, full: boolean) {
    if (target.kind === 'user') {
      const u = this.userById.get(target.id)!;
      return full ? this.renderUser(u) : this.userRef(u);
    }
    const s = this.scheduleById.get(target.id)!;
    return full ? this.renderSchedule(s, { tz: ACCOUNT_TIME_ZONE }) : this.scheduleRef(s);
  }

  renderPolicy(p: PdEscalationPolicy, include: string[] = [], stats?: (s: PdService) => ServiceStats): JsonObject {
    const team = this.teamById.get(p.teamId)!;
    const services = p.serviceIds.map(id => this.serviceById.get(id)!);
    return {
      id: p.id,
      type: 'escalation_policy',
      summary: p.name,
      self: apiUrl(`/escalation_policies/${p.id}`),
      html_url: webUrl(`/escalation_policies/${p.id}`),
      name: p.name,
      description: `Pages ${team.name}: primary on-call, then the secondary, then the engineering manager.`,
      num_loops: 0,
      on_call_handoff_notifications: 'if_has_services',
      escalation_rules: p.rules.map(r => ({
        id: r.id,
        escalation_delay_in_minutes: r.delayMinutes,
        targets: [this.renderTarget(r.target, include.includes('targets'))],
        escalation_rule_assignment_strategy: 'assign_to_everyone',
      })),
      services: services.map(s =>
        include.includes('services') && stats ? this.renderService(s, stats(s), 'UTC') : this.serviceRef(s),
      ),
      teams: [include.includes('teams') ? this.renderTeam(team) : this.teamRef(team)],
    };
  }

  private renderEntries(s: PdSchedule, since: number, until: number, overflow: boolean, tz: string) {
    return this.shifts(s, since, until).map(shift => ({
      start: isoTime(overflow ? shift.start : Math.max(shift.start, since), tz),
      end: isoTime(overflow ? shift.end : Math.min(shift.end, until), tz),
      user: this.userRef(this.userById.get(shift.userId)!),
    }));
  }

  /**
   * A schedule. With a range, the final schedule and the layer are rendered for it; the list
   * operation leaves out layers and sub-schedules unless `include[]` asks for them.
   */
  renderSchedule(
    s: PdSchedule,
    opts: { tz: string; since?: number; until?: number; overflow?: boolean; include?: string[]; detail?: boolean },
  ) {
    const team = this.teamById.get(s.teamId)!;
    const policies = this.escalationPolicies.filter(p => p.rules.some(r => r.target.id === s.id));
    const include = opts.include ?? [];
    const ranged = opts.since !== undefined && opts.until !== undefined;
    const entries = ranged ? this.renderEntries(s, opts.since!, opts.until!, opts.overflow ?? false, opts.tz) : [];
    const coverage = ranged ? { rendered_coverage_percentage: s.userIds.length ? 100 : 0 } : {};
    const layer = {
      id: s.layerId,
      name: 'Layer 1',
      start: isoTime(s.virtualStart, opts.tz),
      users: s.userIds.map(id => ({ user: this.userRef(this.userById.get(id)!) })),
      restrictions: [],
      rotation_virtual_start: isoTime(s.virtualStart, opts.tz),
      rotation_turn_length_seconds: s.turnSeconds,
      rendered_schedule_entries: entries,
      ...coverage,
    };
    return {
      id: s.id,
      type: 'schedule',
      summary: s.name,
      self: apiUrl(`/schedules/${s.id}`),
      html_url: webUrl(`/schedules/${s.id}`),
      name: s.name,
      description: `${s.kind === 'primary' ? 'Primary' : 'Secondary (backup)'} on-call of ${
        team.name
      }: weekly rotation, handoff Monday 10:00 JST.`,
      time_zone: ACCOUNT_TIME_ZONE,
      escalation_policies: policies.map(p => this.policyRef(p)),
      users: s.userIds.map(id => this.userRef(this.userById.get(id)!)),
      teams: [this.teamRef(team)],
      ...(opts.detail || include.includes('schedule_layers') ? { schedule_layers: [layer] } : {}),
      ...(opts.detail || include.includes('final_schedule')
        ? { final_schedule: { name: 'Final Schedule', rendered_schedule_entries: entries, ...coverage } }
        : {}),
      ...(opts.detail || include.includes('overrides_subschedule')
        ? {
            overrides_subschedule: {
              name: 'Overrides',
              rendered_schedule_entries: [],
              ...(ranged ? { rendered_coverage_percentage: 0 } : {}),
            },
          }
        : {}),
    };
  }
}

/** The Events API v2 routing key of a PagerDuty service's integration (32 hex characters). */
export function routingKeyOf(serviceId: string): string {
  return hexKey('routing', serviceId);
}
