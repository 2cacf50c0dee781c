import { PagerDutyChangeLog } from '../context';
import type { Directory, PdService } from './directory';
import { hexKey, isoTime } from './format';
import type { IncidentStore } from './incidents';

/**
 * Events API v2 (`POST /v2/enqueue`, `POST /v2/change/enqueue`). Authentication is the
 * `routing_key` of the body, which routes the event to a service's integration.
 */

export interface EventsReply {
  status: number;
  body: { status: string; message: string; dedup_key?: string; errors?: string[] };
}

const ACTIONS = ['trigger', 'acknowledge', 'resolve'];
const SEVERITIES = ['critical', 'error', 'warning', 'info'];
const MAX_SUMMARY = 1024;
const MAX_DEDUP_KEY = 255;

const invalid = (...errors: string[]): EventsReply => ({
  status: 400,
  body: { status: 'invalid event', message: 'Event object is invalid', errors },
});

export const unrecognized = (): EventsReply => ({
  status: 400,
  body: { status: 'Unrecognized object', message: 'Event object format is unrecognized', errors: ['JSON parse error'] },
});

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const blank = (v: unknown) => typeof v !== 'string' || v.trim() === '';

/** The urgency a severity gets under the services' severity-based urgency rule. */
function urgencyOf(severity: string): 'high' | 'low' {
  return severity === 'critical' || severity === 'error' ? 'high' : 'low';
}

const PRIORITY_OF: Record<string, string> = { critical: 'P1', error: 'P2', warning: 'P3', info: 'P4' };

export class EventsApi {
  private seq = 0;

  constructor(
    private readonly dir: Directory,
    private readonly store: IncidentStore,
    /** Change events received (they do not open incidents). */
    readonly changes: PagerDutyChangeLog = new PagerDutyChangeLog(),
  ) {}

  private route(body: Record<string, unknown>): PdService | EventsReply {
    const key = body.routing_key;
    if (blank(key)) return invalid("'routing_key' is missing or blank");
    if ((key as string).length !== 32) return invalid("Length of 'routing_key' is incorrect (should be 32 characters)");
    const service = this.dir.serviceForRoutingKey(key as string);
    if (!service) return invalid("'routing_key' does not match an integration of this account");
    return service;
  }

  enqueue(raw: unknown): EventsReply {
    if (!isObject(raw)) return unrecognized();
    this.store.sync();
    const routed = this.route(raw);
    if (!('id' in routed)) return routed;
    const service = routed;
    const action = raw.event_action;
    if (typeof action !== 'string' || !ACTIONS.includes(action)) {
      return invalid("'event_action' is missing or invalid (must be one of 'trigger', 'acknowledge' or 'resolve')");
    }
    const dedup = raw.dedup_key;
    if (dedup !== undefined && dedup !== null && typeof dedup !== 'string')
      return invalid("'dedup_key' must be a string");
    if (typeof dedup === 'string' && dedup.length > MAX_DEDUP_KEY) {
      return invalid(`'dedup_key' is too long (maximum is ${MAX_DEDUP_KEY} characters)`);
    }

    if (action !== 'trigger') {
      if (blank(dedup)) return invalid("'dedup_key' is missing or blank");
      const rec = this.store.findOpen(service.id, dedup as string);
      if (rec) {
        const channel = { type: 'api', summary: `${action} event`, details: {} };
        const agent = { kind: 'service' as const, id: service.id };
        if (action === 'acknowledge') {
          if (this.store.state(rec).status === 'triggered') this.store.acknowledge(rec, agent, channel);
        } else {
          this.store.resolve(rec, agent, channel);
        }
      }
      // PagerDuty accepts the event even when nothing is open under the key.
      return { status: 202, body: { status: 'success', message: 'Event processed', dedup_key: dedup as string } };
    }

    const payload = raw.payload;
    if (!isObject(payload)) return invalid("'payload' is missing or not an object");
    const errors: string[] = [];
    if (blank(payload.summary)) errors.push("'payload.summary' is missing or blank");
    if (blank(payload.source)) errors.push("'payload.source' is missing or blank");
    if (typeof payload.severity !== 'string' || !SEVERITIES.includes(payload.severity)) {
      errors.push("'payload.severity' is missing or invalid (must be one of 'critical', 'error', 'warning' or 'info')");
    }
    if (
      payload.timestamp !== undefined &&
      (typeof payload.timestamp !== 'string' || Number.isNaN(Date.parse(payload.timestamp)))
    ) {
      errors.push("'payload.timestamp' is not a valid ISO 8601 timestamp");
    }
    if (
      payload.custom_details !== undefined &&
      payload.custom_details !== null &&
      typeof payload.custom_details !== 'object'
    ) {
      errors.push("'payload.custom_details' must be an object");
    }
    for (const list of ['links', 'images'] as const) {
      if (raw[list] !== undefined && !Array.isArray(raw[list])) errors.push(`'${list}' must be an array`);
    }
    if (errors.length) return invalid(...errors);

    const summary = (payload.summary as string).slice(0, MAX_SUMMARY);
    const severity = payload.severity as string;
    const dedupKey = blank(dedup) ? hexKey('event', service.id, this.seq++, this.store.now()) : (dedup as string);
    const open = this.store.findOpen(service.id, dedupKey);
    if (!open) {
      this.store.createFromEvent(service, {
        incidentKey: dedupKey,
        title: summary,
        urgency: urgencyOf(severity),
        priority: PRIORITY_OF[severity],
        channel: {
          type: 'api',
          summary,
          description: summary,
          incident_key: dedupKey,
          ...(typeof raw.client === 'string' ? { client: raw.client } : {}),
          ...(typeof raw.client_url === 'string' ? { client_url: raw.client_url } : {}),
          details: {
            severity,
            source: payload.source,
            ...(typeof payload.component === 'string' ? { component: payload.component } : {}),
            ...(typeof payload.group === 'string' ? { group: payload.group } : {}),
            ...(typeof payload.class === 'string' ? { class: payload.class } : {}),
            timestamp: typeof payload.timestamp === 'string' ? payload.timestamp : isoTime(this.store.now()),
            ...(isObject(payload.custom_details) ? { custom_details: payload.custom_details } : {}),
          },
        },
      });
    }
    return { status: 202, body: { status: 'success', message: 'Event processed', dedup_key: dedupKey } };
  }

  /**
   * `POST /v2/change/enqueue` (createChangeEvent of pagerduty-events.json): `routing_key` and
   * `payload` with a `summary` are required; `timestamp` is a date-time, `custom_details` an
   * object, `links` and `images` arrays. Change events open no incident; they are kept for the
   * service (admin `GET /pagerduty/change-events`).
   */
  change(raw: unknown): EventsReply {
    if (!isObject(raw)) return unrecognized();
    const routed = this.route(raw);
    if (!('id' in routed)) return routed;
    const payload = raw.payload;
    if (!isObject(payload)) return invalid("'payload' is missing or not an object");
    const errors: string[] = [];
    if (blank(payload.summary)) errors.push("'payload.summary' is missing or blank");
    if (payload.source !== undefined && typeof payload.source !== 'string')
      errors.push("'payload.source' must be a string");
    if (
      payload.timestamp !== undefined &&
      (typeof payload.timestamp !== 'string' || Number.isNaN(Date.parse(payload.timestamp)))
    ) {
      errors.push("'payload.timestamp' is not a valid ISO 8601 timestamp");
    }
    if (payload.custom_details !== undefined && !isObject(payload.custom_details)) {
      errors.push("'payload.custom_details' must be an object");
    }
    for (const list of ['links', 'images'] as const) {
      if (raw[list] !== undefined && !Array.isArray(raw[list])) errors.push(`'${list}' must be an array`);
    }
    const links = Array.isArray(raw.links) ? raw.links : [];
    if (links.some(l => !isObject(l) || blank(l.href))) errors.push("every link needs an 'href'");
    if (errors.length) return invalid(...errors);
    this.changes.add({
      id: hexKey('change', routed.id, this.seq++, this.store.now()),
      serviceId: routed.id,
      summary: (payload.summary as string).slice(0, MAX_SUMMARY),
      receivedAt: isoTime(this.store.now()),
      ...(typeof payload.timestamp === 'string' ? { timestamp: payload.timestamp } : {}),
      ...(typeof payload.source === 'string' ? { source: payload.source } : {}),
      ...(isObject(payload.custom_details) ? { customDetails: payload.custom_details } : {}),
      links: (links as Array<Record<string, unknown>>).map(l => ({
        href: l.href as string,
        ...(typeof l.text === 'string' ? { text: l.text } : {}),
      })),
      body: raw,
    });
    return { status: 202, body: { status: 'success', message: 'Change event processed' } };
  }
}
