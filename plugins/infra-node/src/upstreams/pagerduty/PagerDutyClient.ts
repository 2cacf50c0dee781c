import type { IncidentSummary, OnCallEntry } from '@internal/plugin-infra-common';
import { api, change, event } from '@pagerduty/pdjs';
import fs from 'node:fs';
import https from 'node:https';
import { UpstreamError, isRetryableStatus, retryAfterFromHeaders } from '../../resilience/errors';
import { DEFAULT_PAGE_LIMITS, PageGuard } from '../../resilience/paging';
import type { InfraConfig } from '../../config';

export interface PdService {
  id: string;
  name: string;
  url?: string;
  status: string;
  escalationPolicy?: { id: string; name: string };
}

/** An incident as the portal shows it (the wire type of the infra API). */
export type PdIncident = IncidentSummary;

/** Who is on call, by escalation level (the wire type of the infra API). */
export type PdOnCall = OnCallEntry;

export interface PdLogEntry {
  id: string;
  type: string;
  summary: string;
  createdAt: string;
  agent?: string;
  channel?: string;
}

/** An Events API v2 event. The dedup key is required: it makes a retried send idempotent. */
export interface PdEvent {
  routing_key: string;
  event_action: 'trigger' | 'acknowledge' | 'resolve';
  dedup_key: string;
  payload?: { summary: string; source: string; severity: 'critical' | 'error' | 'warning' | 'info' };
}

/**
 * An Events API v2 change event (`POST /v2/change/enqueue`): informational, opens no incident.
 * It has no dedup key, so PagerDuty keeps every copy it receives.
 */
export interface PdChangeEvent {
  routing_key: string;
  payload: {
    summary: string;
    timestamp?: string;
    source?: string;
    custom_details?: Record<string, unknown>;
  };
  links?: Array<{ href: string; text?: string }>;
}

/** The Events API's answer. */
export interface PdEventResult {
  status: string;
  dedup_key?: string;
  message?: string;
}

type Query = Record<string, string | number | boolean | string[] | undefined>;

/**
 * PagerDuty through `@pagerduty/pdjs`, used only inside infra-node (behind the resilience layer);
 * every call takes the signal of its attempt (pdjs hands it to fetch, so a timeout cancels). pdjs builds `https://<server>/…` URLs itself, so REST calls
 * pass full URLs under the configured API base. pdjs retries a 429 itself (three times, after
 * `retryTimeout`); it is set to 0 so that the final 429 — with PagerDuty's `ratelimit-reset`
 * header — reaches the resilience layer, which then holds further calls until the reset.
 */
export class PagerDutyClient {
  private eventsAgent?: https.Agent;

  constructor(private readonly config: NonNullable<InfraConfig['pagerduty']>) {}

  /** An agent that trusts the configured CA (read at first use: the sandbox makes it at start). */
  private agent(): https.Agent | undefined {
    if (!this.config.eventsCaFile) return undefined;
    this.eventsAgent ??= new https.Agent({ ca: fs.readFileSync(this.config.eventsCaFile) });
    return this.eventsAgent;
  }

  get webUrl() {
    return this.config.webUrl;
  }

  private async get(path: string, query: Query = {}, signal?: AbortSignal): Promise<any> {
    let res: any;
    try {
      res = await api({
        token: this.config.token,
        url: `${this.config.apiBaseUrl.replace(/\/$/, '')}${path}`,
        method: 'GET',
        data: Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined)),
        retryTimeout: 0,
        signal,
      } as any);
    } catch (e: any) {
      if (signal?.aborted) throw signal.reason ?? e;
      // pdjs rejects with the response itself when the body is not JSON.
      if (e?.status) throw this.httpError(e);
      throw new UpstreamError(`PagerDuty unreachable: ${e?.message ?? e}`, { retryable: true });
    }
    const response = res.response as Response;
    if (!response.ok) throw this.httpError(response, res.data);
    return res.data;
  }

  private httpError(response: Response, body?: any): UpstreamError {
    const status = response.status;
    const message = body?.error?.message ?? response.statusText ?? 'error';
    return new UpstreamError(`PagerDuty API ${status}: ${message}`, {
      status,
      retryable: isRetryableStatus(status),
      retryAfterMs: status === 429 ? retryAfterFromHeaders(n => response.headers.get(n)) : undefined,
    });
  }

  /**
   * Follows offset paging until `more` is false: at most `maxPages` pages, and a page that
   * repeats the previous one while saying `more` (the same records, or empty twice) fails the listing.
   */
  private async all(path: string, key: string, query: Query = {}, signal?: AbortSignal): Promise<any[]> {
    const guard = new PageGuard(
      'PagerDuty',
      `GET ${path.replace(/\/[A-Z0-9]{5,}(?=\/|$)/g, '/{id}')}`,
      this.config.maxPages ?? DEFAULT_PAGE_LIMITS.pagerduty,
      signal,
    );
    const out: any[] = [];
    const limit = 100;
    let previous: string | undefined;
    for (let offset = 0; ; offset += limit) {
      guard.next();
      const page = await this.get(path, { ...query, limit, offset }, signal);
      const items: any[] = page[key] ?? [];
      out.push(...items);
      if (!page.more) return out;
      const identity = items.length ? JSON.stringify([items[0], items[items.length - 1]]) : '';
      if (identity === previous)
        guard.repeated(`page at offset ${offset} repeats the previous page but says more: true`);
      previous = identity;
    }
  }

  async listServices(signal?: AbortSignal): Promise<PdService[]> {
    const services = await this.all('/services', 'services', { 'include[]': ['escalation_policies'] }, signal);
    return services.map(s => ({
      id: s.id,
      name: s.name ?? s.summary,
      url: s.html_url,
      status: s.status,
      escalationPolicy: s.escalation_policy
        ? { id: s.escalation_policy.id, name: s.escalation_policy.name ?? s.escalation_policy.summary }
        : undefined,
    }));
  }

  /** Incidents of every service: the open ones, or all since a time. */
  async listIncidents(options: { open: true } | { since: Date }, signal?: AbortSignal): Promise<PdIncident[]> {
    const query: Query =
      'open' in options
        ? { 'statuses[]': ['triggered', 'acknowledged'], date_range: 'all' }
        : { since: options.since.toISOString(), until: new Date().toISOString() };
    const incidents = await this.all('/incidents', 'incidents', { ...query, sort_by: 'created_at:desc' }, signal);
    return incidents.map(toIncident);
  }

  async listOnCalls(signal?: AbortSignal): Promise<PdOnCall[]> {
    const oncalls = await this.all('/oncalls', 'oncalls', { 'include[]': ['users'] }, signal);
    return oncalls.map(o => ({
      escalationPolicy: {
        id: o.escalation_policy?.id,
        name: o.escalation_policy?.summary ?? o.escalation_policy?.name,
        url: o.escalation_policy?.html_url,
      },
      level: o.escalation_level,
      user: {
        id: o.user?.id,
        name: o.user?.name ?? o.user?.summary,
        email: o.user?.email,
        url: o.user?.html_url,
      },
      schedule: o.schedule ? { id: o.schedule.id, name: o.schedule.summary ?? o.schedule.name } : undefined,
      start: o.start ?? undefined,
      end: o.end ?? undefined,
    }));
  }

  async getIncident(id: string, signal?: AbortSignal): Promise<PdIncident> {
    const data = await this.get(`/incidents/${encodeURIComponent(id)}`, {}, signal);
    return toIncident(data.incident);
  }

  async listLogEntries(incidentId: string, signal?: AbortSignal): Promise<PdLogEntry[]> {
    const entries = await this.all(
      `/incidents/${encodeURIComponent(incidentId)}/log_entries`,
      'log_entries',
      {},
      signal,
    );
    return entries
      .map(e => ({
        id: e.id,
        type: e.type,
        summary: e.summary,
        createdAt: e.created_at,
        agent: e.agent?.summary,
        channel: e.channel?.type,
      }))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  /**
   * The integration key of a service's Events API v2 integration (`GET /services/{id}` with
   * `include[]=integrations`), or undefined when the service has none.
   */
  async eventsRoutingKey(serviceId: string, signal?: AbortSignal): Promise<string | undefined> {
    const data = await this.get(
      `/services/${encodeURIComponent(serviceId)}`,
      { 'include[]': ['integrations'] },
      signal,
    );
    const integration = (data.service?.integrations ?? []).find(
      (i: any) => i?.type === 'events_api_v2_inbound_integration' && typeof i.integration_key === 'string',
    );
    return integration?.integration_key;
  }

  /**
   * Events API v2 change event. Only answers that say nothing was taken are retryable: 429 and
   * 5xx, and a connection that was refused or whose host was not found. A timeout or a dropped
   * connection may have delivered it, and a change event has no dedup key: not retried.
   */
  async sendChangeEvent(data: PdChangeEvent, signal?: AbortSignal): Promise<PdEventResult> {
    let res: any;
    try {
      res = await change({
        server: this.config.eventsServer,
        data,
        retryTimeout: 0,
        signal,
        ...(this.config.eventsCaFile ? { agent: this.agent() } : {}),
      } as any);
    } catch (e: any) {
      if (signal?.aborted) throw signal.reason ?? e;
      const code = e?.code ?? e?.cause?.code ?? e?.errno;
      const notSent =
        ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'].includes(code) || /ECONNREFUSED|ENOTFOUND/.test(String(e?.message));
      throw new UpstreamError(`PagerDuty Events API unreachable: ${e?.message ?? e}`, { retryable: notSent });
    }
    const response = res.response as Response;
    if (!response.ok) throw this.httpError(response, { error: { message: res.data?.message } });
    return res.data;
  }

  /** Events API v2: trigger, acknowledge or resolve an alert on a service's integration. */
  async sendEvent(data: PdEvent, signal?: AbortSignal): Promise<PdEventResult> {
    let res: any;
    try {
      res = await event({
        server: this.config.eventsServer,
        data,
        retryTimeout: 0,
        signal,
        ...(this.config.eventsCaFile ? { agent: this.agent() } : {}),
      } as any);
    } catch (e: any) {
      if (signal?.aborted) throw signal.reason ?? e;
      throw new UpstreamError(`PagerDuty Events API unreachable: ${e?.message ?? e}`, { retryable: true });
    }
    const response = res.response as Response;
    if (!response.ok) throw this.httpError(response, { error: { message: res.data?.message } });
    return res.data;
  }
}

function toIncident(i: any): PdIncident {
  return {
    id: i.id,
    number: i.incident_number,
    title: i.title ?? i.summary,
    status: i.status,
    urgency: i.urgency,
    serviceId: i.service?.id,
    serviceName: i.service?.summary,
    createdAt: i.created_at,
    resolvedAt: i.resolved_at ?? undefined,
    url: i.html_url,
    assignees: (i.assignments ?? []).map((a: any) => a.assignee?.summary).filter(Boolean),
  };
}
