import type { Entity } from '@backstage/catalog-model';
import { InputError, NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import { ANNOTATION_PAGERDUTY_SERVICE_ID, type Freshness, type Sourced } from '@internal/plugin-infra-common';
import type { CallLimits, InfraService, PdIncident, PdLogEntry } from '@internal/plugin-infra-node';
import type { IncidentImport, TimelineEntry } from '@internal/plugin-postmortem-common';

/** PagerDuty service ids of an entity (annotation `pagerduty.com/service-id`, comma-separated). */
export function pagerDutyServiceIds(entity: Entity): string[] {
  return (entity.metadata.annotations?.[ANNOTATION_PAGERDUTY_SERVICE_ID] ?? '')
    .split(',')
    .map(s => s.trim())
    .filter(Boolean);
}

const KIND_OF: Record<string, string> = {
  trigger_log_entry: 'trigger',
  acknowledge_log_entry: 'acknowledge',
  unacknowledge_log_entry: 'unacknowledge',
  escalate_log_entry: 'escalate',
  annotate_log_entry: 'note',
  resolve_log_entry: 'resolve',
  notify_log_entry: 'notify',
  assign_log_entry: 'assign',
  reassign_log_entry: 'assign',
  urgency_change_log_entry: 'urgency',
  priority_change_log_entry: 'priority',
};

/** The moments a postmortem's timeline highlights by default. */
const KEY_KINDS = new Set(['trigger', 'acknowledge', 'escalate', 'resolve']);

const toIso = (text: string) => new Date(Date.parse(text)).toISOString();

/** Timeline entries from an incident's log entries (every entry, oldest first). */
export function timelineFromLogEntries(entries: PdLogEntry[]): Array<Omit<TimelineEntry, 'id'>> {
  return entries
    .filter(e => Number.isFinite(Date.parse(e.createdAt)))
    .map(e => {
      const kind = KIND_OF[e.type] ?? e.type.replace(/_log_entry$/, '');
      return {
        at: toIso(e.createdAt),
        kind,
        text: e.summary,
        keyMoment: KEY_KINDS.has(kind),
        source: 'pagerduty' as const,
        ...(e.agent ? { actor: e.agent } : {}),
      };
    })
    .sort((a, b) => a.at.localeCompare(b.at));
}

/** People named in the log: agents of acknowledgements, notes and resolutions, escalation targets. */
function respondersOf(incident: PdIncident, entries: PdLogEntry[]): string[] {
  const names = new Set<string>(incident.assignees);
  for (const e of entries) {
    const kind = KIND_OF[e.type];
    if (kind === 'acknowledge' || kind === 'note' || kind === 'resolve') {
      // A service agent (the monitor) is not a responder: its summary says "through the API".
      if (e.agent && !/through the API/.test(e.summary) && e.agent !== incident.serviceName) names.add(e.agent);
    }
    if (kind === 'escalate') {
      const to = /Escalated to (.+?) \(level/.exec(e.summary)?.[1];
      to?.split(', ').forEach(n => n && n !== 'nobody' && names.add(n));
    }
  }
  return [...names];
}

/** What a postmortem imports from an incident: title, urgency, services, responders, key times. */
export function importOf(incident: PdIncident, entries: PdLogEntry[]): IncidentImport {
  const first = (kind: string) => {
    const e = entries.find(x => KIND_OF[x.type] === kind);
    return e ? toIso(e.createdAt) : undefined;
  };
  const resolvedAt = incident.resolvedAt ? toIso(incident.resolvedAt) : first('resolve');
  return {
    incidentId: incident.id,
    number: incident.number,
    title: incident.title,
    ...(incident.url ? { url: incident.url } : {}),
    urgency: incident.urgency,
    status: incident.status,
    services: [incident.serviceName ?? incident.serviceId].filter(Boolean),
    responders: respondersOf(incident, entries),
    triggeredAt: first('trigger') ?? toIso(incident.createdAt),
    ...(first('acknowledge') ? { acknowledgedAt: first('acknowledge') } : {}),
    ...(first('escalate') ? { escalatedAt: first('escalate') } : {}),
    noteTimes: entries.filter(e => KIND_OF[e.type] === 'note').map(e => toIso(e.createdAt)),
    ...(resolvedAt ? { resolvedAt } : {}),
  };
}

const HOUR = 3600_000;

/** Reads incidents and their log entries through the shared infra layer. */
export class IncidentImporter {
  constructor(private readonly infra: InfraService) {}

  /** The incidents of the last days (the infra layer's recent list), newest first. */
  async recent(): Promise<PdIncident[]> {
    const recent = await this.infra.recentIncidents();
    if (!recent.data) {
      if (recent.freshness.state === 'not-configured') return [];
      throw new ServiceUnavailableError(
        `PagerDuty is unavailable: ${recent.freshness.error ?? recent.freshness.state}`,
      );
    }
    return recent.data;
  }

  /**
   * The infra layer's recent list (the last 7 days) as it answers: a background-refreshed snapshot,
   * listed with the refresh's generous limits; `loading` before its first listing finished.
   */
  recentSourced(): Promise<Sourced<PdIncident[]>> {
    return this.infra.recentIncidents();
  }

  /** Incidents of the entity's PagerDuty services from the recent list. */
  async candidates(entity: Entity): Promise<PdIncident[]> {
    const ids = new Set(pagerDutyServiceIds(entity));
    if (!ids.size) return [];
    return (await this.recent()).filter(i => ids.has(i.serviceId));
  }

  /** Incidents created in `[since, until)`: the recent list, or PagerDuty for older ones. */
  async between(since: Date, until: Date): Promise<PdIncident[]> {
    return (await this.sourcedBetween(since, until)).incidents;
  }

  /**
   * As `between`, with how fresh the list is (throws when PagerDuty gave no list at all). Older
   * windows read PagerDuty from the start of `since`'s hour: one cached, coalesced listing per
   * hour for every window starting in it, rather than one per request (the extra incidents are
   * filtered out).
   */
  async sourcedBetween(
    since: Date,
    until: Date,
    options?: { limits?: CallLimits },
  ): Promise<{ incidents: PdIncident[]; freshness: Freshness }> {
    const recentFrom = Date.now() - 7 * 86400_000 + 60_000;
    const read =
      since.getTime() >= recentFrom
        ? await this.infra.recentIncidents()
        : await this.infra.incidentsSince(new Date(Math.floor(since.getTime() / HOUR) * HOUR), options);
    if (!read.data) {
      if (read.freshness.state === 'not-configured') return { incidents: [], freshness: read.freshness };
      if (read.freshness.state === 'loading') {
        throw new ServiceUnavailableError('PagerDuty incidents are loading (the first listing is still running)');
      }
      throw new ServiceUnavailableError(`PagerDuty is unavailable: ${read.freshness.error ?? read.freshness.state}`);
    }
    const incidents = read.data.filter(i => {
      const at = Date.parse(i.createdAt);
      return at >= since.getTime() && at < until.getTime();
    });
    return { incidents, freshness: read.freshness };
  }

  async incident(id: string): Promise<PdIncident> {
    const found = (await this.recent().catch(() => [])).find(i => i.id === id);
    if (found) return found;
    const read = await this.infra.incident(id);
    if (read.freshness.state === 'not-configured') {
      throw new InputError(`incidentId: PagerDuty is not configured, cannot import ${id}`);
    }
    if (read.data === null) throw new NotFoundError(`incidentId: no PagerDuty incident ${id}`);
    if (!read.data) {
      throw new ServiceUnavailableError(`PagerDuty is unavailable: ${read.freshness.error ?? read.freshness.state}`);
    }
    return read.data;
  }

  async logEntries(id: string, options?: { limits?: CallLimits }): Promise<PdLogEntry[]> {
    const entries = await this.infra.incidentLogEntries(id, options);
    if (!entries.data) {
      throw new ServiceUnavailableError(
        `PagerDuty log entries of ${id} are unavailable: ${entries.freshness.error ?? entries.freshness.state}`,
      );
    }
    return entries.data;
  }
}
