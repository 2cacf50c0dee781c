import { Router } from 'express';
import type { SimulatorContext } from '../context';
import { HOUR } from '../world/traffic';
import { hash32 } from '../world/hash';
import type { Service } from '../world/types';
import { badRequest, boolParam, intParam, iso, listParam, notFound, stringParam } from './http';
import { type MonitorKind, monitorIds, ownerOf, sloIdFor } from './ids';
import { ENV, HITS, HITS_BY_STATUS } from './metrics';
import { tagMatches } from './queryLanguage';

/**
 * Monitors: per service an error-rate alert, a p95 latency alert, a container-restarts alert
 * (Kubernetes workloads) and an SLO burn-rate alert. Their states follow the world's scenarios,
 * the same facts the Kubernetes and PagerDuty simulators show.
 */

export type MonitorState = 'OK' | 'Alert' | 'Warn' | 'No Data';

export interface Monitor {
  id: number;
  name: string;
  type: 'query alert' | 'slo alert';
  query: string;
  message: string;
  tags: string[];
  options: Record<string, unknown>;
  priority: number | null;
  overall_state: MonitorState;
  created: string;
  modified: string;
  creator: { email: string; handle: string; name: string };
  /** Not sent as such: scope tags, metrics and the time of the last state change. */
  scopes: string[];
  metrics: string[];
  lastTriggered: number | null;
  lastNoData: number | null;
  lastResolved: number | null;
  service: string;
}

/** 2025-01-01T00:00:00Z. */
const SETUP_EPOCH = 1735689600;
const ORG_ID = 1_048_576;

/** Two quiet services whose latency monitor reports No Data (their APM agent stopped sending). */
function noDataServices(services: Service[]): Set<string> {
  return new Set(
    services
      .filter(s => s.endpoints.length && !s.scenarios.length)
      .sort((a, b) => hash32(a.name, 'no-data') - hash32(b.name, 'no-data'))
      .slice(0, 2)
      .map(s => s.name),
  );
}

function stateOf(service: Service, kind: MonitorKind, noData: Set<string>): MonitorState {
  const has = (s: string) => service.scenarios.includes(s as never);
  switch (kind) {
    case 'error-rate':
      if (has('burning')) return 'Alert';
      if (has('method-405')) return 'Warn';
      return 'OK';
    case 'burn-rate':
      if (has('burning')) return 'Alert';
      if (has('exhausted')) return 'Warn';
      return 'OK';
    case 'restarts':
      if (has('crashloop') || has('oomkilled')) return 'Alert';
      if (has('readiness')) return 'Warn';
      return 'OK';
    default:
      return noData.has(service.name) ? 'No Data' : 'OK';
  }
}

/** When the monitor last triggered (for Alert/Warn), relative to the anchor like the scenarios. */
function triggeredAt(service: Service, kind: MonitorKind, state: MonitorState, anchor: number): number | null {
  if (state !== 'Alert' && state !== 'Warn') return null;
  const has = (s: string) => service.scenarios.includes(s as never);
  if (has('burning')) return anchor - 2 * HOUR + (kind === 'error-rate' ? 300 : 600);
  if (kind === 'error-rate' && has('method-405')) return anchor - 72 * HOUR + 600;
  if (kind === 'burn-rate' && has('exhausted')) return anchor - 5 * HOUR + 1200;
  if (kind === 'restarts' && has('readiness')) return anchor - 40 * 60;
  return anchor - (1 + (hash32(service.name, 'restarts') % 5)) * HOUR - 900;
}

function workloadTag(service: Service): string {
  return service.workload === 'StatefulSet' ? `kube_stateful_set:${service.name}` : `kube_deployment:${service.name}`;
}

export function buildMonitors(ctx: SimulatorContext): Monitor[] {
  const ids = monitorIds(ctx.world);
  const noData = noDataServices(ctx.world.services);
  const anchor = ctx.clock.anchor;
  const out: Monitor[] = [];
  const usedIds = new Set(ids.values());
  for (const service of ctx.world.services) {
    const name = service.name;
    const scope = `service:${name},env:${ENV}`;
    const tags = [`service:${name}`, `team:${service.team}`, `env:${ENV}`];
    const notify = `@pagerduty-${name} @slack-${service.team}-alerts`;
    const runbook = `Runbook: https://backstage.example.com/catalog/default/component/${name}`;
    const kinds: MonitorKind[] = [];
    if (service.endpoints.length) kinds.push('error-rate', 'latency');
    if (service.workload !== 'none') kinds.push('restarts');
    if (service.endpoints.length) kinds.push('burn-rate');
    for (const kind of kinds) {
      const state = stateOf(service, kind, noData);
      const created =
        SETUP_EPOCH + (hash32(name, kind, 'created') % 120) * 86400 + (hash32(name, kind, 'h') % 9) * HOUR;
      const modified = Math.min(created + (hash32(name, kind, 'modified') % 200) * 86400, anchor - 86400);
      const last = triggeredAt(service, kind, state, anchor);
      const base = {
        id: ids.get(`${name}/${kind}`)!,
        tags,
        created: iso(created),
        modified: iso(Math.max(created, modified)),
        creator: ownerOf(ctx.world, service, 'monitor-owner'),
        overall_state: state,
        lastTriggered: last,
        lastNoData: state === 'No Data' ? anchor - 6 * HOUR : null,
        lastResolved: state === 'OK' ? anchor - (24 + (hash32(name, kind, 'resolved') % 400)) * HOUR : null,
        service: name,
      };
      const commonOptions = {
        notify_audit: false,
        include_tags: true,
        require_full_window: false,
        new_group_delay: 60,
        renotify_interval: 0,
        escalation_message: '',
        silenced: {},
      };
      if (kind === 'error-rate') {
        out.push({
          ...base,
          name: `[${name}] High error rate (5xx and 405)`,
          type: 'query alert',
          query:
            `sum(last_5m):(sum:${HITS_BY_STATUS}{${scope},http.status_class:5xx}.as_count() + ` +
            `sum:${HITS_BY_STATUS}{${scope},http.status_code:405}.as_count()) / ` +
            `sum:${HITS}{${scope}}.as_count() * 100 > 2.5`,
          message:
            `{{#is_alert}}More than {{threshold}}% of ${name} requests fail (5xx or 405): {{value}}%.{{/is_alert}}\n` +
            `{{#is_warning}}${name} error rate is {{value}}% (warning at {{warn_threshold}}%).{{/is_warning}}\n${runbook}\n${notify}`,
          options: {
            ...commonOptions,
            thresholds: { critical: 2.5, warning: 1 },
            notify_no_data: false,
            no_data_timeframe: null,
            evaluation_delay: 60,
          },
          priority: 2,
          scopes: [`service:${name}`, `env:${ENV}`],
          metrics: [HITS_BY_STATUS, HITS],
        });
      } else if (kind === 'latency') {
        out.push({
          ...base,
          name: `[${name}] p95 latency above 500 ms`,
          type: 'query alert',
          query: `avg(last_10m):avg:trace.http.request.duration.by.service.95p{${scope}} > 0.5`,
          message: `{{#is_alert}}${name} p95 latency is {{value}} s.{{/is_alert}}\n{{#is_no_data}}No APM data from ${name} for 10 minutes.{{/is_no_data}}\n${runbook}\n${notify}`,
          options: {
            ...commonOptions,
            thresholds: { critical: 0.5, warning: 0.3 },
            notify_no_data: true,
            no_data_timeframe: 10,
            evaluation_delay: 60,
          },
          priority: 3,
          scopes: [`service:${name}`, `env:${ENV}`],
          metrics: ['trace.http.request.duration.by.service.95p'],
        });
      } else if (kind === 'restarts') {
        out.push({
          ...base,
          name: `[${name}] Pods restarting`,
          type: 'query alert',
          query: `change(max(last_10m),last_10m):sum:kubernetes_state.container.restarts{kube_namespace:${
            service.namespace
          },${workloadTag(service)}} > 2`,
          message: `{{#is_alert}}Containers of ${name} restarted {{value}} times in 10 minutes (CrashLoopBackOff or OOMKilled?).{{/is_alert}}\n{{#is_warning}}Containers of ${name} are restarting.{{/is_warning}}\n${runbook}\n${notify}`,
          options: {
            ...commonOptions,
            thresholds: { critical: 2, warning: 0 },
            notify_no_data: false,
            no_data_timeframe: null,
          },
          priority: 3,
          scopes: [`kube_namespace:${service.namespace}`, workloadTag(service)],
          metrics: ['kubernetes_state.container.restarts'],
        });
      } else {
        out.push({
          ...base,
          name: `[${name}] Error budget burn rate`,
          type: 'slo alert',
          query: `burn_rate("${sloIdFor(name)}").over("30d").long_window("6h").short_window("30m") > 6`,
          message: `{{#is_alert}}${name} burns its 30-day error budget {{value}}x faster than sustainable.{{/is_alert}}\n{{#is_warning}}${name} burns its error budget faster than sustainable ({{value}}x).{{/is_warning}}\n${runbook}\n${notify}`,
          options: {
            ...commonOptions,
            thresholds: { critical: 6, warning: 1.5 },
            notify_no_data: false,
            no_data_timeframe: null,
          },
          priority: 1,
          scopes: [],
          metrics: [HITS_BY_STATUS],
        });
      }
    }
    if (ctx.world.endpointMonitors) out.push(...endpointMonitors(ctx, service, usedIds));
  }
  return out.sort((a, b) => a.id - b.id);
}

/**
 * The company world's per-endpoint monitors, as teams that alert per route have them: a p95
 * latency monitor per endpoint and an error-rate monitor per read endpoint. Always OK; ids like
 * the others (8 digits, collisions bumped).
 */
function endpointMonitors(ctx: SimulatorContext, service: Service, used: Set<number>): Monitor[] {
  const name = service.name;
  const latency = endpointLatencyMonitors(ctx, service, used);
  const errors = service.endpoints
    .filter(e => e.method === 'GET')
    .map(e => {
      let id = 10_000_000 + (hash32('datadog-monitor', name, e.resource, 'errors') % 90_000_000);
      while (used.has(id)) id = id >= 99_999_999 ? 10_000_000 : id + 1;
      used.add(id);
      const base = latency.find(m => m.name.includes(` ${e.resource} `))!;
      return {
        ...base,
        id,
        name: `[${name}] 5xx rate of ${e.resource} above 2 %`,
        query:
          `sum(last_5m):sum:${HITS_BY_STATUS}{service:${name},env:${ENV},http.status_class:5xx}.as_count() / ` +
          `sum:${HITS}{service:${name},env:${ENV}}.as_count() * 100 > 2`,
        message: `{{#is_alert}}{{value}}% of ${e.resource} requests to ${name} fail.{{/is_alert}}\n@slack-${service.team}-alerts`,
        options: { ...base.options, thresholds: { critical: 2, warning: 1 } },
        metrics: [HITS_BY_STATUS, HITS],
      };
    });
  return [...latency, ...errors];
}

function endpointLatencyMonitors(ctx: SimulatorContext, service: Service, used: Set<number>): Monitor[] {
  const name = service.name;
  return service.endpoints.map(e => {
    let id = 10_000_000 + (hash32('datadog-monitor', name, e.resource) % 90_000_000);
    while (used.has(id)) id = id >= 99_999_999 ? 10_000_000 : id + 1;
    used.add(id);
    const created = SETUP_EPOCH + (hash32(name, e.resource, 'created') % 200) * 86400;
    return {
      id,
      name: `[${name}] p95 latency of ${e.resource} above 800 ms`,
      type: 'query alert' as const,
      query: `avg(last_10m):avg:trace.http.request.duration.by.service.95p{service:${name},env:${ENV}} > 0.8`,
      message: `{{#is_alert}}${e.resource} of ${name} answers slowly: p95 {{value}} s.{{/is_alert}}\n@slack-${service.team}-alerts`,
      tags: [`service:${name}`, `team:${service.team}`, `env:${ENV}`, `endpoint:${e.route}`],
      options: {
        notify_audit: false,
        include_tags: true,
        require_full_window: false,
        new_group_delay: 60,
        renotify_interval: 0,
        escalation_message: '',
        silenced: {},
        thresholds: { critical: 0.8, warning: 0.5 },
        notify_no_data: false,
        no_data_timeframe: null,
        evaluation_delay: 60,
      },
      priority: 4,
      overall_state: 'OK' as const,
      created: iso(created),
      modified: iso(Math.max(created, Math.min(created + 30 * 86400, ctx.clock.anchor - 86400))),
      creator: ownerOf(ctx.world, service, 'monitor-owner'),
      scopes: [`service:${name}`, `env:${ENV}`],
      metrics: ['trace.http.request.duration.by.service.95p'],
      lastTriggered: null,
      lastNoData: null,
      lastResolved: ctx.clock.anchor - (24 + (hash32(name, e.resource, 'resolved') % 400)) * HOUR,
      service: name,
    };
  });
}

const STATE_NAMES: Record<string, MonitorState> = {
  alert: 'Alert',
  warn: 'Warn',
  'no data': 'No Data',
  nodata: 'No Data',
  ok: 'OK',
};

/** The monitor as `GET /api/v1/monitor` shows it. */
function present(m: Monitor, groupStates: string[] | undefined, withDowntimes: boolean) {
  const groupState = {
    name: '*',
    status: m.overall_state,
    ...(m.lastTriggered !== null
      ? {
          last_triggered_ts: m.lastTriggered,
          last_notified_ts: m.lastTriggered,
        }
      : {}),
    ...(m.lastNoData !== null ? { last_nodata_ts: m.lastNoData } : {}),
    ...(m.lastResolved !== null ? { last_resolved_ts: m.lastResolved } : {}),
  };
  const wantState =
    groupStates &&
    (groupStates.includes('all') || groupStates.some(s => STATE_NAMES[s.toLowerCase()] === m.overall_state));
  return {
    id: m.id,
    name: m.name,
    type: m.type,
    query: m.query,
    message: m.message,
    tags: m.tags,
    options: m.options,
    priority: m.priority,
    restricted_roles: null,
    multi: false,
    overall_state: m.overall_state,
    created: m.created,
    modified: m.modified,
    deleted: null,
    creator: m.creator,
    draft_status: 'published',
    ...(groupStates ? { state: { groups: wantState ? { '*': groupState } : {} } } : {}),
    ...(withDowntimes ? { matching_downtimes: [] } : {}),
  };
}

function classification(m: Monitor): string {
  return m.type === 'slo alert' ? 'slo' : 'metric';
}

function tokens(query: string): string[] {
  return query.match(/(?:[^\s"]+|"[^"]*")+/g) ?? [];
}

function matchesSearch(m: Monitor, query: string): boolean {
  return tokens(query).every(raw => {
    if (raw === 'AND') return true;
    const negate = raw.startsWith('-') || raw.startsWith('!');
    const token = negate ? raw.slice(1) : raw;
    const colon = token.indexOf(':');
    let hit: boolean;
    if (colon > 0) {
      const key = token.slice(0, colon).toLowerCase();
      const value = token.slice(colon + 1).replace(/"/g, '');
      const values =
        value.startsWith('(') && value.endsWith(')') ? value.slice(1, -1).split(/\s*(?:,|\bOR\b)\s*/) : [value];
      const one = (v: string) => {
        switch (key) {
          case 'tag':
            return m.tags.some(t => tagMatches(v, t));
          case 'scope':
            return m.scopes.some(t => tagMatches(v, t));
          case 'status':
            return STATE_NAMES[v.toLowerCase()] === m.overall_state;
          case 'type':
            return classification(m) === v.toLowerCase() || m.type === v.toLowerCase();
          case 'id':
            return String(m.id) === v;
          case 'metric':
            return m.metrics.some(x => tagMatches(v, x));
          case 'muted':
            return v.toLowerCase() === 'false';
          case 'priority':
            return String(m.priority) === v.replace(/^p/i, '');
          case 'notification':
            return m.message.includes(v.startsWith('@') ? v : `@${v}`);
          case 'creator':
            return m.creator.email.includes(v) || m.creator.name.includes(v);
          default:
            return m.tags.some(t => tagMatches(`${key}:${v}`, t));
        }
      };
      hit = values.filter(Boolean).some(one);
    } else {
      const text = token.replace(/"/g, '').toLowerCase();
      hit = text === '*' || m.name.toLowerCase().includes(text) || String(m.id) === text;
    }
    return negate ? !hit : hit;
  });
}

const STATUS_ORDER: Record<MonitorState, number> = {
  Alert: 0,
  Warn: 1,
  'No Data': 2,
  OK: 3,
};

export function monitorRouter(ctx: SimulatorContext): Router {
  const router = Router();
  const monitors = buildMonitors(ctx);

  router.get('/api/v1/monitor', (req, res) => {
    const groupStates = stringParam(req, 'group_states');
    const name = stringParam(req, 'name');
    const scopeTags = listParam(req, 'tags');
    const monitorTags = listParam(req, 'monitor_tags');
    const withDowntimes = boolParam(req, 'with_downtimes') ?? false;
    const idOffset = intParam(req, 'id_offset');
    const page = intParam(req, 'page');
    const pageSize = intParam(req, 'page_size');
    if (pageSize !== undefined && (pageSize < 1 || pageSize > 1000))
      throw badRequest('page_size must be between 1 and 1000');
    if (page !== undefined && page < 0) throw badRequest('page must not be negative');
    let list = monitors.filter(
      m =>
        (!name || m.name.toLowerCase().includes(name.toLowerCase())) &&
        scopeTags.every(t => m.scopes.some(s => tagMatches(t, s)) || m.tags.some(s => tagMatches(t, s))) &&
        monitorTags.every(t => m.tags.some(s => tagMatches(t, s))) &&
        (idOffset === undefined || m.id > idOffset),
    );
    if (page !== undefined || pageSize !== undefined) {
      const size = pageSize ?? 100;
      list = list.slice((page ?? 0) * size, (page ?? 0) * size + size);
    }
    const states = groupStates
      ?.split(',')
      .map(s => s.trim())
      .filter(Boolean);
    res.json(list.map(m => present(m, states, withDowntimes)));
  });

  router.get('/api/v1/monitor/search', (req, res) => {
    const query = stringParam(req, 'query') ?? '';
    const page = intParam(req, 'page') ?? 0;
    const perPage = intParam(req, 'per_page') ?? 30;
    const sort = stringParam(req, 'sort') ?? 'status,asc';
    if (perPage < 1 || perPage > 1000) throw badRequest('per_page must be between 1 and 1000');
    if (page < 0) throw badRequest('page must not be negative');
    const [field, order = 'asc'] = sort.split(',').map(s => s.trim().toLowerCase());
    const key = (m: Monitor): string | number => {
      switch (field) {
        case 'name':
          return m.name.toLowerCase();
        case 'id':
          return m.id;
        case 'priority':
          return m.priority ?? 9;
        case 'status':
          return STATUS_ORDER[m.overall_state];
        default:
          throw badRequest(`Unsupported sort field "${field}"`);
      }
    };
    const matched = monitors
      .filter(m => matchesSearch(m, query))
      .sort((a, b) => {
        const x = key(a);
        const y = key(b);
        let c = a.id - b.id;
        if (x < y) c = -1;
        else if (x > y) c = 1;
        return order === 'desc' ? -c : c;
      });
    const count = (values: string[]) => {
      const counts = new Map<string, number>();
      for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
      return [...counts]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .map(([n, c]) => ({ name: n, count: c }));
    };
    res.json({
      monitors: matched.slice(page * perPage, page * perPage + perPage).map(m => ({
        id: m.id,
        name: m.name,
        query: m.query,
        status: m.overall_state,
        type: m.type,
        classification: classification(m),
        tags: m.tags,
        scopes: m.scopes,
        metrics: m.metrics,
        creator: m.creator,
        notifications: (m.message.match(/@[\w.-]+/g) ?? []).map(h => ({
          handle: h.slice(1),
          name: h.slice(1),
        })),
        last_triggered_ts: m.lastTriggered,
        org_id: ORG_ID,
        quality_issues: [],
      })),
      metadata: {
        page,
        per_page: perPage,
        page_count: Math.ceil(matched.length / perPage),
        total_count: matched.length,
      },
      counts: {
        status: count(matched.map(m => m.overall_state)),
        type: count(matched.map(classification)),
        tag: count(matched.flatMap(m => m.tags)),
        muted: matched.length ? [{ name: false, count: matched.length }] : [],
      },
    });
  });

  router.get('/api/v1/monitor/:monitor_id', (req, res) => {
    const raw = req.params.monitor_id;
    if (!/^\d+$/.test(raw)) throw badRequest(`Invalid monitor_id "${raw}"`);
    const m = monitors.find(x => x.id === Number(raw));
    if (!m) throw notFound('Monitor not found');
    const groupStates = stringParam(req, 'group_states')
      ?.split(',')
      .map(s => s.trim())
      .filter(Boolean);
    stringParam(req, 'with_assets');
    res.json(present(m, groupStates, boolParam(req, 'with_downtimes') ?? false));
  });

  return router;
}
