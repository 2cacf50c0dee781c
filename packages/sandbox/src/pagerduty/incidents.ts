import type { TrafficClock } from '../world/traffic';
import type { World } from '../world/types';
import type { Directory, PdService, ServiceStats } from './directory';
import { DAY, HISTORY_DAYS, MINUTE, apiUrl, incidentId, isoTime, logEntryId, pdId, webUrl } from './format';
import { seedIncidents, type SeedIncident } from './history';

/**
 * Incidents are event-sourced: each one is a timeline of what happened to it (trigger,
 * notifications, escalations, acknowledgement, notes, resolution). Seeded incidents may carry
 * steps later than "now" (e.g. the monitor recovering at the end of a 5xx burst that is still
 * going on); only the steps up to the clock are visible, so a running sandbox moves forward on
 * its own. Actions through the APIs append steps at the current time.
 */

export type Agent = { kind: 'user'; id: string } | { kind: 'service'; id: string };
export type Channel = { type: string } & Record<string, unknown>;
export type NotifyMethod = 'push' | 'sms' | 'phone' | 'email';

export type Step =
  | { kind: 'trigger'; at: number; agent: Agent; channel: Channel; userIds: string[]; reopen?: boolean }
  | { kind: 'notify'; at: number; userId: string; method: NotifyMethod }
  | { kind: 'escalate'; at: number; level: number; userIds: string[]; agent?: Agent; channel: Channel }
  | { kind: 'acknowledge'; at: number; agent: Agent; channel: Channel }
  | { kind: 'unacknowledge'; at: number; agent: Agent; channel: Channel; userIds: string[] }
  | { kind: 'annotate'; at: number; userId: string; content: string }
  | { kind: 'resolve'; at: number; agent: Agent; channel: Channel; resolution?: string }
  | { kind: 'urgency_change'; at: number; agent: Agent; from: 'high' | 'low'; to: 'high' | 'low' };

export type LoggedStep = Step & { seq: number; id: string };

export interface IncidentRecord {
  id: string;
  number: number;
  title: string;
  serviceId: string;
  urgency: 'high' | 'low';
  priorityId?: string;
  incidentKey: string;
  createdAt: number;
  origin: 'history' | 'event';
  steps: LoggedStep[];
}

export type IncidentStatus = 'triggered' | 'acknowledged' | 'resolved';

/** What an incident looks like at the clock's current time. */
export interface IncidentState {
  status: IncidentStatus;
  urgency: 'high' | 'low';
  level: number;
  assignments: Array<{ userId: string; at: number }>;
  acknowledgements: Array<{ agent: Agent; at: number }>;
  lastChange: { at: number; agent?: Agent };
  resolvedAt?: number;
  updatedAt: number;
  visible: LoggedStep[];
}

/** The account's first incident number; later ones count up from it over time. */
function firstNumber(originSec: number): number {
  // About two incidents a day since 2020 before the simulated history begins.
  return 1000 + Math.max(0, Math.floor((originSec - Date.UTC(2020, 0, 1) / 1000) / DAY) * 2);
}

export class IncidentStore {
  private readonly records: IncidentRecord[] = [];
  private readonly byId = new Map<string, IncidentRecord>();
  private readonly byNumber = new Map<number, IncidentRecord>();
  private readonly seeded = new Set<string>();
  private nextNumber: number;
  private syncedTo: number;
  private eventSeq = 0;
  private initialized = false;
  /** First second of the simulated history. */
  readonly origin: number;

  constructor(private readonly world: World, private readonly dir: Directory, private readonly clock: TrafficClock) {
    this.origin = clock.anchor - (world.historyDays ?? HISTORY_DAYS) * DAY;
    this.nextNumber = firstNumber(this.origin);
    this.syncedTo = this.origin;
    this.sync();
  }

  now(): number {
    return this.clock.now();
  }

  /** Adds the incidents the traffic model has produced since the last call. */
  sync() {
    const now = this.now();
    if (this.initialized && now <= this.syncedTo) return;
    // Later syncs look back a day: a window is reported once its first hour has begun.
    const from = this.initialized ? this.syncedTo - DAY : this.origin;
    this.initialized = true;
    const fresh = seedIncidents(this.world, this.dir, this.clock, from, now).filter(s => !this.seeded.has(s.key));
    fresh.sort((a, b) => a.createdAt - b.createdAt || a.serviceId.localeCompare(b.serviceId));
    for (const seed of fresh) {
      this.seeded.add(seed.key);
      this.add(seed, 'history');
    }
    this.syncedTo = Math.max(this.syncedTo, now);
  }

  private add(seed: Omit<SeedIncident, 'key'>, origin: IncidentRecord['origin']): IncidentRecord {
    const id = seed.id;
    const rec: IncidentRecord = {
      id,
      number: this.nextNumber++,
      title: seed.title,
      serviceId: seed.serviceId,
      urgency: seed.urgency,
      priorityId: seed.priority ? this.dir.priorityNamed(seed.priority)?.id : undefined,
      incidentKey: seed.incidentKey,
      createdAt: seed.createdAt,
      origin,
      steps: [],
    };
    for (const step of seed.steps) this.append(rec, step);
    this.records.push(rec);
    this.byId.set(id, rec);
    this.byNumber.set(rec.number, rec);
    return rec;
  }

  private append(rec: IncidentRecord, step: Step) {
    const seq = rec.steps.length ? Math.max(...rec.steps.map(s => s.seq)) + 1 : 0;
    const logged = { ...step, seq, id: logEntryId(rec.id, seq) } as LoggedStep;
    rec.steps.push(logged);
    rec.steps.sort((a, b) => a.at - b.at || a.seq - b.seq);
  }

  /** Incidents created up to now, oldest first. */
  list(): IncidentRecord[] {
    const now = this.now();
    return this.records.filter(r => r.createdAt <= now);
  }

  get(idOrNumber: string): IncidentRecord | undefined {
    const rec = /^\d+$/.test(idOrNumber) ? this.byNumber.get(Number(idOrNumber)) : this.byId.get(idOrNumber);
    return rec && rec.createdAt <= this.now() ? rec : undefined;
  }

  state(rec: IncidentRecord): IncidentState {
    const now = this.now();
    const visible = rec.steps.filter(s => s.at <= now);
    const st: IncidentState = {
      status: 'triggered',
      urgency: rec.urgency,
      level: 1,
      assignments: [],
      acknowledgements: [],
      lastChange: { at: rec.createdAt },
      updatedAt: rec.createdAt,
      visible,
    };
    for (const s of visible) {
      st.updatedAt = s.at;
      switch (s.kind) {
        case 'trigger':
          st.status = 'triggered';
          st.level = 1;
          st.assignments = s.userIds.map(userId => ({ userId, at: s.at }));
          st.acknowledgements = [];
          st.resolvedAt = undefined;
          st.lastChange = { at: s.at, agent: s.agent };
          break;
        case 'escalate':
          st.level = s.level;
          st.assignments = s.userIds.map(userId => ({ userId, at: s.at }));
          break;
        case 'acknowledge':
          st.status = 'acknowledged';
          if (!st.acknowledgements.some(a => a.agent.kind === s.agent.kind && a.agent.id === s.agent.id)) {
            st.acknowledgements.push({ agent: s.agent, at: s.at });
          }
          st.lastChange = { at: s.at, agent: s.agent };
          break;
        case 'unacknowledge':
          st.status = 'triggered';
          st.level = 1;
          st.acknowledgements = [];
          st.assignments = s.userIds.map(userId => ({ userId, at: s.at }));
          st.lastChange = { at: s.at, agent: s.agent };
          break;
        case 'resolve':
          st.status = 'resolved';
          st.assignments = [];
          st.acknowledgements = [];
          st.resolvedAt = s.at;
          st.lastChange = { at: s.at, agent: s.agent };
          break;
        case 'urgency_change':
          st.urgency = s.to;
          break;
        default:
          break;
      }
    }
    return st;
  }

  /** Status and last incident of a service, for the service objects. */
  serviceStats(serviceId: string): ServiceStats {
    let status: ServiceStats['status'] = 'active';
    let lastIncidentAt: number | undefined;
    for (const rec of this.list()) {
      if (rec.serviceId !== serviceId) continue;
      lastIncidentAt = Math.max(lastIncidentAt ?? 0, rec.createdAt);
      const st = this.state(rec);
      if (st.status === 'resolved') continue;
      if (st.urgency === 'high') status = 'critical';
      else if (status === 'active') status = 'warning';
    }
    return { status, lastIncidentAt };
  }

  // ---------------------------------------------------------------- actions

  /** Drops scripted future steps once someone acts on the incident (the monitor's recovery stays). */
  private takeOver(rec: IncidentRecord) {
    const now = this.now();
    rec.steps = rec.steps.filter(s => s.at <= now || (s.kind === 'resolve' && s.agent.kind === 'service'));
  }

  /** Notifies the assignees now and schedules escalation through the policy's levels. */
  private page(rec: IncidentRecord, from: number, startLevel: number) {
    const service = this.dir.service(rec.serviceId)!;
    const policy = this.dir.policy(service.escalationPolicyId)!;
    const now = this.now();
    const urgent = this.state(rec).urgency === 'high';
    for (const userId of this.dir.onCallAt(policy, startLevel, now)) {
      this.append(rec, { kind: 'notify', at: now, userId, method: urgent ? 'push' : 'email' });
    }
    let at = from;
    for (let level = startLevel + 1; level <= policy.rules.length; level++) {
      at += policy.rules[level - 2].delayMinutes * MINUTE;
      const userIds = this.dir.onCallAt(policy, level, at);
      this.append(rec, { kind: 'escalate', at, level, userIds, channel: { type: 'timeout' } });
      for (const userId of userIds) this.append(rec, { kind: 'notify', at, userId, method: urgent ? 'push' : 'email' });
    }
  }

  acknowledge(rec: IncidentRecord, agent: Agent, channel: Channel) {
    this.takeOver(rec);
    this.append(rec, { kind: 'acknowledge', at: this.now(), agent, channel });
  }

  resolve(rec: IncidentRecord, agent: Agent, channel: Channel, resolution?: string) {
    const now = this.now();
    rec.steps = rec.steps.filter(s => s.at <= now);
    this.append(rec, { kind: 'resolve', at: now, agent, channel, ...(resolution ? { resolution } : {}) });
  }

  /** Back to triggered: from acknowledged (unacknowledge) or from resolved (reopen). */
  retrigger(rec: IncidentRecord, agent: Agent, channel: Channel) {
    const now = this.now();
    const service = this.dir.service(rec.serviceId)!;
    const policy = this.dir.policy(service.escalationPolicyId)!;
    const userIds = this.dir.onCallAt(policy, 1, now);
    const wasResolved = this.state(rec).status === 'resolved';
    this.takeOver(rec);
    if (wasResolved) this.append(rec, { kind: 'trigger', at: now, agent, channel, userIds, reopen: true });
    else this.append(rec, { kind: 'unacknowledge', at: now, agent, channel, userIds });
    this.page(rec, now, 1);
  }

  escalate(rec: IncidentRecord, level: number, agent: Agent) {
    const now = this.now();
    const service = this.dir.service(rec.serviceId)!;
    const policy = this.dir.policy(service.escalationPolicyId)!;
    this.takeOver(rec);
    const userIds = this.dir.onCallAt(policy, level, now);
    this.append(rec, { kind: 'escalate', at: now, level, userIds, agent, channel: { type: 'api' } });
    if (this.state(rec).status === 'triggered') this.page(rec, now, level);
  }

  changeUrgency(rec: IncidentRecord, to: 'high' | 'low', agent: Agent) {
    const from = this.state(rec).urgency;
    if (from === to) return;
    this.append(rec, { kind: 'urgency_change', at: this.now(), agent, from, to });
  }

  addNote(rec: IncidentRecord, userId: string, content: string): LoggedStep {
    this.append(rec, { kind: 'annotate', at: this.now(), userId, content });
    return rec.steps.filter(s => s.kind === 'annotate').slice(-1)[0];
  }

  /** The open incident of a service with this dedup key, if any. */
  findOpen(serviceId: string, incidentKey: string): IncidentRecord | undefined {
    return this.list().find(
      r => r.serviceId === serviceId && r.incidentKey === incidentKey && this.state(r).status !== 'resolved',
    );
  }

  /** A new incident from an Events API v2 trigger. */
  createFromEvent(
    service: PdService,
    event: { incidentKey: string; title: string; urgency: 'high' | 'low'; priority?: string; channel: Channel },
  ): IncidentRecord {
    const now = this.now();
    const seq = this.eventSeq++;
    const policy = this.dir.policy(service.escalationPolicyId)!;
    const rec = this.add(
      {
        id: incidentId('event', service.id, event.incidentKey, seq, now),
        title: event.title,
        serviceId: service.id,
        urgency: event.urgency,
        priority: event.priority,
        incidentKey: event.incidentKey,
        createdAt: now,
        steps: [
          {
            kind: 'trigger',
            at: now,
            agent: { kind: 'service', id: service.id },
            channel: event.channel,
            userIds: this.dir.onCallAt(policy, 1, now),
          },
        ],
      },
      'event',
    );
    this.page(rec, now, 1);
    return rec;
  }

  // ---------------------------------------------------------------- rendering

  incidentRef(rec: IncidentRecord) {
    return {
      id: rec.id,
      type: 'incident_reference',
      summary: `[#${rec.number}] ${rec.title}`,
      self: apiUrl(`/incidents/${rec.id}`),
      html_url: webUrl(`/incidents/${rec.id}`),
    };
  }

  agentRef(agent: Agent) {
    if (agent.kind === 'user') {
      const u = this.dir.user(agent.id);
      if (u) return this.dir.userRef(u);
    }
    const s = this.dir.service(agent.id);
    return s ? this.dir.serviceRef(s) : { id: agent.id, type: 'service_reference', summary: agent.id };
  }

  firstTrigger(rec: IncidentRecord): LoggedStep {
    return rec.steps.find(s => s.kind === 'trigger') ?? rec.steps[0];
  }

  /** The incident object; `renderTrigger` renders the first trigger log entry when included. */
  renderIncident(
    rec: IncidentRecord,
    tz: string,
    include: string[],
    renderTrigger: (rec: IncidentRecord, step: LoggedStep) => unknown,
  ) {
    const st = this.state(rec);
    const service = this.dir.service(rec.serviceId)!;
    const policy = this.dir.policy(service.escalationPolicyId)!;
    const team = this.dir.team(service.teamId)!;
    const priority = rec.priorityId ? this.dir.priority(rec.priorityId) : undefined;
    const fullUsers = (what: string) => include.includes(what) || include.includes('users');
    const userObj = (id: string, full: boolean) => {
      const u = this.dir.user(id)!;
      return full ? this.dir.renderUser(u) : this.dir.userRef(u);
    };
    const agentObj = (agent: Agent, full: boolean) => {
      if (!full) return this.agentRef(agent);
      if (agent.kind === 'user') return this.dir.renderUser(this.dir.user(agent.id)!);
      const s = this.dir.service(agent.id)!;
      return this.dir.renderService(s, this.serviceStats(s.id), tz);
    };
    const trigger = this.firstTrigger(rec);
    const pending =
      st.status === 'triggered' && st.level < policy.rules.length
        ? [
            {
              type: 'escalate',
              at: isoTime(
                Math.max(...st.assignments.map(a => a.at), st.lastChange.at) +
                  policy.rules[st.level - 1].delayMinutes * MINUTE,
                tz,
              ),
            },
          ]
        : [];
    return {
      id: rec.id,
      type: 'incident',
      summary: `[#${rec.number}] ${rec.title}`,
      self: apiUrl(`/incidents/${rec.id}`),
      html_url: webUrl(`/incidents/${rec.id}`),
      incident_number: rec.number,
      title: rec.title,
      description: rec.title,
      created_at: isoTime(rec.createdAt, tz),
      updated_at: isoTime(st.updatedAt, tz),
      status: st.status,
      incident_key: rec.incidentKey,
      service: include.includes('services')
        ? this.dir.renderService(service, this.serviceStats(service.id), tz)
        : this.dir.serviceRef(service),
      assignments: st.assignments.map(a => ({
        at: isoTime(a.at, tz),
        assignee: userObj(a.userId, fullUsers('assignees')),
      })),
      assigned_via: 'escalation_policy',
      last_status_change_at: isoTime(st.lastChange.at, tz),
      last_status_change_by: this.agentRef(st.lastChange.agent ?? { kind: 'service', id: service.id }),
      // The API sends null while the incident is open (the document says string: SOURCES.md).
      resolved_at: st.resolvedAt === undefined ? null : isoTime(st.resolvedAt, tz),
      first_trigger_log_entry: include.includes('first_trigger_log_entries')
        ? renderTrigger(rec, trigger)
        : {
            id: trigger.id,
            type: 'trigger_log_entry_reference',
            summary: 'Triggered through the API.',
            self: apiUrl(`/log_entries/${trigger.id}`),
            html_url: webUrl(`/incidents/${rec.id}/log_entries/${trigger.id}`),
          },
      alert_counts: { all: 1, triggered: st.status === 'resolved' ? 0 : 1, resolved: st.status === 'resolved' ? 1 : 0 },
      is_mergeable: true,
      incident_type: { name: 'incident_default' },
      escalation_policy: include.includes('escalation_policies')
        ? this.dir.renderPolicy(policy)
        : this.dir.policyRef(policy),
      teams: [include.includes('teams') ? this.dir.renderTeam(team) : this.dir.teamRef(team)],
      pending_actions: pending,
      acknowledgements: st.acknowledgements.map(a => ({
        at: isoTime(a.at, tz),
        acknowledger: agentObj(a.agent, fullUsers('acknowledgers')),
      })),
      ...(priority ? { priority: this.dir.renderPriority(priority) } : {}),
      urgency: st.urgency,
      incidents_responders: [],
      responder_requests: [],
    };
  }

  renderNote(rec: IncidentRecord, step: LoggedStep & { kind: 'annotate' }, tz: string) {
    const user = this.dir.user(step.userId)!;
    return {
      id: pdId('note', rec.id, step.seq),
      user: this.dir.userRef(user),
      channel: { summary: 'The PagerDuty website or APIs' },
      content: step.content,
      created_at: isoTime(step.at, tz),
    };
  }
}
