import type { Directory } from './directory';
import { apiUrl, isoTime, webUrl, type JsonObject } from './format';
import type { Agent, IncidentRecord, IncidentStore, LoggedStep, NotifyMethod } from './incidents';

/** Incident log entries in PagerDuty's wire format, one per step of the incident's timeline. */

/** The contact method a notification goes to (SMS and phone calls go to the phone number). */
const CONTACT_KIND: Partial<Record<NotifyMethod, string>> = { email: 'email', push: 'push_notification' };

const NOTIFY_LABEL: Record<NotifyMethod, string> = {
  push: 'push notification',
  sms: 'SMS',
  phone: 'phone',
  email: 'email',
};

/** Log entry types shown with `is_overview=true`: the changes of state, not the paging noise. */
const OVERVIEW_KINDS = new Set(['trigger', 'acknowledge', 'unacknowledge', 'escalate', 'resolve', 'urgency_change']);

export function isOverviewStep(step: LoggedStep): boolean {
  return OVERVIEW_KINDS.has(step.kind);
}

export class LogEntryRenderer {
  constructor(private readonly dir: Directory, private readonly store: IncidentStore) {}

  private agentName(agent: Agent): string | undefined {
    return agent.kind === 'user' ? this.dir.user(agent.id)?.name : undefined;
  }

  private userName(id: string): string {
    return this.dir.user(id)?.name ?? id;
  }

  private summary(step: LoggedStep): string {
    switch (step.kind) {
      case 'trigger': {
        const who = this.agentName(step.agent);
        if (step.reopen) return who ? `Reopened by ${who}.` : 'Reopened through the API.';
        return who ? `Triggered by ${who}.` : 'Triggered through the API.';
      }
      case 'notify':
        return `Notified ${this.userName(step.userId)} by ${NOTIFY_LABEL[step.method]}.`;
      case 'escalate': {
        const to = step.userIds.map(id => this.userName(id)).join(', ') || 'nobody';
        const who = step.agent ? this.agentName(step.agent) : undefined;
        return who
          ? `Escalated to ${to} (level ${step.level}) by ${who}.`
          : `Escalated to ${to} (level ${step.level}) after the acknowledgement deadline passed.`;
      }
      case 'acknowledge': {
        const who = this.agentName(step.agent);
        return who ? `Acknowledged by ${who}.` : 'Acknowledged through the API.';
      }
      case 'unacknowledge': {
        const who = this.agentName(step.agent);
        return who ? `Unacknowledged by ${who}.` : 'Unacknowledged through the API.';
      }
      case 'annotate':
        // The note itself too (as PagerDuty's web UI shows it), so clients that read only the
        // summary see what was written.
        return `Note added by ${this.userName(step.userId)}: ${step.content}`;
      case 'resolve': {
        const who = this.agentName(step.agent);
        return who ? `Resolved by ${who}.` : 'Resolved through the API.';
      }
      case 'urgency_change':
        return `Urgency changed from ${step.from} to ${step.to}.`;
      default:
        return 'Log entry';
    }
  }

  render(rec: IncidentRecord, step: LoggedStep, tz: string, include: string[] = []): JsonObject {
    const service = this.dir.service(rec.serviceId)!;
    const team = this.dir.team(service.teamId)!;
    const base: JsonObject = {
      id: step.id,
      type: `${step.kind}_log_entry`,
      summary: this.summary(step),
      self: apiUrl(`/log_entries/${step.id}`),
      html_url: webUrl(`/incidents/${rec.id}/log_entries/${step.id}`),
      created_at: isoTime(step.at, tz),
      service: include.includes('services')
        ? this.dir.renderService(service, this.store.serviceStats(service.id), tz)
        : this.dir.serviceRef(service),
      incident: include.includes('incidents')
        ? this.store.renderIncident(rec, tz, [], (r, s) => this.render(r, s, tz))
        : this.store.incidentRef(rec),
      teams: [include.includes('teams') ? this.dir.renderTeam(team) : this.dir.teamRef(team)],
      contexts: [] as unknown[],
    };
    switch (step.kind) {
      case 'trigger':
        return {
          ...base,
          agent: this.store.agentRef(step.agent),
          channel: step.channel,
          event_details: { description: rec.title },
        };
      case 'notify': {
        const user = this.dir.user(step.userId)!;
        const kind = CONTACT_KIND[step.method] ?? 'phone';
        const contact = user.contactMethods.find(c => c.kind === kind);
        return {
          ...base,
          channel: {
            type: 'auto',
            notification: {
              type: `${step.method}_notification`,
              status: 'success',
              started_at: isoTime(step.at, tz),
              address: contact?.address ?? user.email,
              user: this.dir.userRef(user),
            },
          },
          user: this.dir.userRef(user),
        };
      }
      case 'escalate':
        return {
          ...base,
          ...(step.agent ? { agent: this.store.agentRef(step.agent) } : {}),
          channel: step.channel,
          assignees: step.userIds.map(id => this.dir.userRef(this.dir.user(id)!)),
        };
      case 'acknowledge':
      case 'unacknowledge':
      case 'resolve':
        return {
          ...base,
          agent: this.store.agentRef(step.agent),
          channel: step.channel,
          ...(step.kind === 'resolve' && step.resolution ? { note: step.resolution } : {}),
        };
      case 'annotate':
        return {
          ...base,
          agent: this.dir.userRef(this.dir.user(step.userId)!),
          channel: { type: 'note', summary: step.content },
          note: step.content,
        };
      case 'urgency_change':
        return { ...base, agent: this.store.agentRef(step.agent), channel: { type: 'api' } };
      default:
        return base;
    }
  }
}
