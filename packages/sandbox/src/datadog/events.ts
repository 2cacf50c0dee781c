import { Router, type Request } from 'express';
import type { SimulatorContext } from '../context';
import { hash32, HEX, idFrom } from '../world/hash';
import { HOUR } from '../world/traffic';
import type { Service } from '../world/types';
import { badRequest, boolParam, intParam, isObject, iso, listParam, notFound, stringParam } from './http';
import { ownerOf } from './ids';
import { ENV } from './metrics';
import { tagMatches } from './queryLanguage';

/**
 * Events: deploys of every service over the last 30 days (every one to four days, one event per
 * cluster), the deploy that broke cart-service's write endpoint three days ago, the one just
 * before payment-service's 5xx burst, and whatever clients post.
 */

const DAY = 86400;
const ALERT_TYPES = ['error', 'warning', 'info', 'success', 'user_update', 'recommendation', 'snapshot'];
const PRIORITIES = ['normal', 'low'];
/** Deploy numbering starts here (2025-01-01T00:00:00Z): version 1.<n>.0 is the n-th deploy since. */
const ORIGIN = 1735689600;
export const DEPLOY_SOURCE = 'deploy-bot';

export interface DdEvent {
  id: number;
  title: string;
  text: string;
  date_happened: number;
  alert_type: string;
  priority: string | null;
  source_type_name: string;
  tags: string[];
  host?: string;
  device_name?: string;
  aggregation_key?: string;
  related_event_id?: number;
}

function deployTimes(service: Service, anchor: number): number[] {
  const windowStart = anchor - 30 * DAY;
  const origin = Math.min(ORIGIN, Math.floor((windowStart - 10 * DAY) / DAY) * DAY);
  const special: number[] = [];
  if (service.scenarios.includes('method-405')) special.push(anchor - 72 * HOUR - 180);
  if (service.scenarios.includes('burning')) special.push(anchor - 2.5 * HOUR);
  const times: number[] = [];
  let day = origin / DAY;
  for (let k = 0; ; k++) {
    day += 1 + (hash32(service.name, 'deploy-gap', k) % 4);
    // Office hours in Japan: 10:00-18:00 JST is 01:00-09:00 UTC.
    const t =
      day * DAY +
      (1 + (hash32(service.name, 'deploy-hour', k) % 8)) * HOUR +
      (hash32(service.name, 'deploy-second', k) % 3600);
    if (t >= anchor) break;
    if (special.some(s => Math.abs(s - t) < 12 * HOUR)) continue;
    times.push(t);
  }
  return [...times, ...special].sort((a, b) => a - b);
}

export function buildDeployEvents(ctx: SimulatorContext): DdEvent[] {
  const anchor = ctx.clock.anchor;
  const windowStart = anchor - 30 * DAY;
  const out: DdEvent[] = [];
  for (const service of ctx.world.services) {
    const times = deployTimes(service, anchor);
    times.forEach((t, index) => {
      if (t < windowStart) return;
      const version = `1.${index + 1}.0`;
      const sha = idFrom(7, HEX, service.name, 'commit', t);
      const person = ownerOf(ctx.world, { ...service, name: `${service.name}#${t}` }, 'deployer');
      service.clusters.forEach((cluster, i) => {
        const when = t + i * 7 * 60;
        out.push({
          id: 0,
          title: `Deployed ${service.name} v${version} to ${cluster}`,
          text:
            `%%%\nRolled out **${service.name}** \`v${version}\` (commit \`${sha}\`) to \`${cluster}\`, ` +
            `namespace \`${service.namespace}\`, requested by ${person.name}.\n%%%`,
          date_happened: when,
          alert_type: 'info',
          priority: 'normal',
          source_type_name: DEPLOY_SOURCE,
          tags: [
            `service:${service.name}`,
            `env:${ENV}`,
            `version:${version}`,
            'deploy',
            `team:${service.team}`,
            `kube_cluster_name:${cluster}`,
            `kube_namespace:${service.namespace}`,
            `git.commit.sha:${sha}`,
            `source:${DEPLOY_SOURCE}`,
          ],
          aggregation_key: `deploy-${service.name}-${cluster}`,
        });
      });
    });
  }
  return out.sort((a, b) => a.date_happened - b.date_happened || a.title.localeCompare(b.title));
}

export class EventStore {
  private readonly events: DdEvent[] = [];
  private readonly byId = new Map<number, DdEvent>();
  private posted = 0;

  constructor(private readonly ctx: SimulatorContext) {
    for (const e of buildDeployEvents(ctx)) this.add(e, `${e.title}|${e.date_happened}`);
  }

  private add(e: DdEvent, salt: string) {
    // Below 2^53 so that JSON clients keep every digit.
    let id = 5_000_000_000_000_000 + e.date_happened * 1000 + (hash32('datadog-event', salt) % 1000);
    while (this.byId.has(id)) id++;
    const stored = { ...e, id };
    this.events.push(stored);
    this.byId.set(id, stored);
    return stored;
  }

  get(id: number) {
    return this.byId.get(id);
  }

  /** Events in `[from, to]` (epoch seconds) that happened by now, newest first. */
  between(fromSec: number, toSec: number): DdEvent[] {
    const now = this.ctx.clock.now();
    return this.events
      .filter(e => e.date_happened >= fromSec && e.date_happened <= toSec && e.date_happened <= now)
      .sort((a, b) => b.date_happened - a.date_happened || b.id - a.id);
  }

  create(body: unknown): DdEvent {
    if (!isObject(body)) throw badRequest('Invalid payload: the body must be a JSON object');
    const {
      title,
      text,
      alert_type,
      priority,
      date_happened,
      tags,
      source_type_name,
      host,
      device_name,
      aggregation_key,
      related_event_id,
    } = body;
    if (typeof title !== 'string' || !title.trim()) throw badRequest("Invalid payload: 'title' is required");
    if (typeof text !== 'string') throw badRequest("Invalid payload: 'text' is required");
    if (text.length > 4000) throw badRequest("Invalid payload: 'text' is longer than 4000 characters");
    if (alert_type !== undefined && !ALERT_TYPES.includes(alert_type))
      throw badRequest(`Invalid payload: 'alert_type' must be one of ${ALERT_TYPES.join(', ')}`);
    if (priority !== undefined && priority !== null && !PRIORITIES.includes(priority))
      throw badRequest("Invalid payload: 'priority' must be normal or low");
    if (date_happened !== undefined && !Number.isInteger(date_happened))
      throw badRequest("Invalid payload: 'date_happened' must be an integer (epoch seconds)");
    if (tags !== undefined && (!Array.isArray(tags) || tags.some(t => typeof t !== 'string')))
      throw badRequest("Invalid payload: 'tags' must be an array of strings");
    if (aggregation_key !== undefined && (typeof aggregation_key !== 'string' || aggregation_key.length > 100)) {
      throw badRequest("Invalid payload: 'aggregation_key' must be a string of at most 100 characters");
    }
    for (const [k, v] of Object.entries({
      source_type_name,
      host,
      device_name,
    })) {
      if (v !== undefined && typeof v !== 'string') throw badRequest(`Invalid payload: '${k}' must be a string`);
    }
    if (related_event_id !== undefined && !Number.isInteger(related_event_id))
      throw badRequest("Invalid payload: 'related_event_id' must be an integer");
    const now = this.ctx.clock.now();
    const event: DdEvent = {
      id: 0,
      title,
      text,
      date_happened: date_happened ?? now,
      alert_type: alert_type ?? 'info',
      priority: priority ?? 'normal',
      source_type_name: source_type_name ?? 'my apps',
      tags: (tags as string[] | undefined) ?? [],
      ...(host ? { host } : {}),
      ...(device_name ? { device_name } : {}),
      ...(aggregation_key ? { aggregation_key } : {}),
      ...(related_event_id !== undefined ? { related_event_id } : {}),
    };
    return this.add(event, `posted|${this.posted++}|${title}`);
  }
}

function presentV1(e: DdEvent) {
  return {
    id: e.id,
    id_str: String(e.id),
    title: e.title,
    text: e.text,
    date_happened: e.date_happened,
    alert_type: e.alert_type,
    priority: e.priority,
    source_type_name: e.source_type_name,
    tags: e.tags,
    ...(e.host ? { host: e.host } : {}),
    ...(e.device_name ? { device_name: e.device_name } : {}),
    url: `/event/event?id=${e.id}`,
    payload: '{}',
  };
}

function presentV2(e: DdEvent) {
  const service = e.tags.find(t => t.startsWith('service:'))?.slice('service:'.length);
  return {
    id: String(e.id),
    type: 'event',
    attributes: {
      timestamp: iso(e.date_happened),
      message: e.text,
      tags: e.tags,
      attributes: {
        title: e.title,
        timestamp: e.date_happened * 1000,
        ...(service ? { service } : {}),
        status:
          e.alert_type === 'user_update' || e.alert_type === 'recommendation' || e.alert_type === 'snapshot'
            ? 'info'
            : e.alert_type,
        priority: e.priority,
        source_type_name: e.source_type_name,
        ...(e.aggregation_key ? { aggregation_key: e.aggregation_key } : {}),
        ...(e.host ? { hostname: e.host } : {}),
        evt: {
          id: String(e.id),
          name: e.title,
          type: e.source_type_name === DEPLOY_SOURCE ? 'deployment' : 'event',
        },
      },
    },
  };
}

/** `now`, `now-15m`, epoch milliseconds or an ISO date (v2 search bounds), as epoch seconds. */
function parseTime(value: string | undefined, fallback: number, now: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const v = value.trim();
  const rel = /^now(?:\s*-\s*(\d+)\s*([smhdw]))?$/.exec(v);
  if (rel) {
    const units: Record<string, number> = {
      s: 1,
      m: 60,
      h: HOUR,
      d: DAY,
      w: 7 * DAY,
    };
    return rel[1] ? now - Number(rel[1]) * units[rel[2]] : now;
  }
  if (/^\d+$/.test(v)) return Math.floor(Number(v) / 1000);
  const parsed = Date.parse(v);
  if (Number.isNaN(parsed))
    throw badRequest(`Invalid ${name} "${value}": use now-15m, epoch milliseconds or an ISO date`);
  return Math.floor(parsed / 1000);
}

function matchesV2Query(e: DdEvent, query: string): boolean {
  const tokens = query.match(/(?:[^\s"]+|"[^"]*")+/g) ?? [];
  return tokens.every(raw => {
    if (raw === 'AND' || raw === '*') return true;
    const negate = raw.startsWith('-') || raw.startsWith('!');
    const token = negate ? raw.slice(1) : raw;
    const colon = token.indexOf(':');
    let hit: boolean;
    if (colon > 0 && !token.startsWith('"')) {
      const key = token.slice(0, colon).toLowerCase();
      const value = token.slice(colon + 1).replace(/"/g, '');
      if (key === 'source') hit = tagMatches(value, e.source_type_name);
      else if (key === 'status') hit = e.alert_type === value.toLowerCase();
      else if (key === 'priority') hit = e.priority === value.toLowerCase();
      else if (key === 'tags' || key === 'tag') hit = e.tags.some(t => tagMatches(value, t));
      else if (key === 'title') hit = e.title.toLowerCase().includes(value.toLowerCase());
      else hit = e.tags.some(t => tagMatches(`${key}:${value}`, t));
    } else {
      const text = token.replace(/"/g, '').toLowerCase();
      hit =
        e.title.toLowerCase().includes(text) ||
        e.text.toLowerCase().includes(text) ||
        e.tags.some(t => t.toLowerCase() === text);
    }
    return negate ? !hit : hit;
  });
}

function nested(req: Request, group: string, key: string): string | undefined {
  const obj: unknown = req.query[group];
  const raw = isObject(obj) ? obj[key] : req.query[`${group}[${key}]`];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string') throw badRequest(`Invalid value for parameter "${group}[${key}]"`);
  return raw;
}

function decodeCursor(cursor: string | undefined): number {
  if (!cursor) return 0;
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  const m = /^offset:(\d+)$/.exec(decoded);
  if (!m) throw badRequest('Invalid page cursor');
  return Number(m[1]);
}

const encodeCursor = (offset: number) => Buffer.from(`offset:${offset}`, 'utf8').toString('base64url');

export function eventRouter(ctx: SimulatorContext): Router {
  const router = Router();
  const store = new EventStore(ctx);
  const PAGE = 1000;

  router.get('/api/v1/events', (req, res) => {
    const start = intParam(req, 'start', true)!;
    const end = intParam(req, 'end', true)!;
    if (end < start) throw badRequest('The end timestamp must not be before the start timestamp');
    const priority = stringParam(req, 'priority');
    if (priority !== undefined && !PRIORITIES.includes(priority)) throw badRequest('priority must be normal or low');
    const sources = listParam(req, 'sources').map(s => s.toLowerCase());
    const tags = listParam(req, 'tags');
    boolParam(req, 'unaggregated');
    boolParam(req, 'exclude_aggregate');
    const page = intParam(req, 'page') ?? 0;
    if (page < 0) throw badRequest('page must not be negative');
    const events = store
      .between(start, end)
      .filter(
        e =>
          (!priority || e.priority === priority) &&
          (!sources.length || sources.includes(e.source_type_name.toLowerCase())) &&
          tags.every(t => e.tags.some(x => tagMatches(t, x))),
      );
    res.json({
      events: events.slice(page * PAGE, page * PAGE + PAGE).map(presentV1),
      status: 'ok',
    });
  });

  router.post('/api/v1/events', (req, res) => {
    const event = store.create(req.body);
    res.status(202).json({ status: 'ok', event: presentV1(event) });
  });

  router.get('/api/v1/events/:event_id', (req, res) => {
    const raw = req.params.event_id;
    if (!/^\d+$/.test(raw)) throw badRequest(`Invalid event_id "${raw}"`);
    const event = store.get(Number(raw));
    if (!event || event.date_happened > ctx.clock.now()) throw notFound('Event not found');
    res.json({ event: presentV1(event) });
  });

  const search = (
    params: {
      query?: string;
      from?: string;
      to?: string;
      sort?: string;
      cursor?: string;
      limit?: number;
    },
    self: string,
  ) => {
    const now = ctx.clock.now();
    const from = parseTime(params.from, now - 15 * 60, now, 'filter[from]');
    const to = parseTime(params.to, now, now, 'filter[to]');
    const sort = params.sort ?? '-timestamp';
    if (sort !== 'timestamp' && sort !== '-timestamp') throw badRequest('sort must be timestamp or -timestamp');
    const limit = params.limit ?? 10;
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
      throw badRequest('page[limit] must be between 1 and 1000');
    const offset = decodeCursor(params.cursor);
    let matched = store.between(from, to).filter(e => matchesV2Query(e, params.query ?? '*'));
    if (sort === 'timestamp') matched = matched.reverse();
    const page = matched.slice(offset, offset + limit);
    const more = offset + limit < matched.length;
    const after = more ? encodeCursor(offset + limit) : undefined;
    return {
      data: page.map(presentV2),
      meta: {
        elapsed: 1 + (page.length % 7),
        request_id: `pddv1${idFrom(22, HEX, 'events-search', self, offset)}`,
        status: 'done',
        page: after ? { after } : {},
        warnings: [],
      },
      ...(after
        ? {
            links: {
              next: `${self}${self.includes('?') ? '&' : '?'}page[cursor]=${after}`,
            },
          }
        : {}),
    };
  };

  router.get('/api/v2/events', (req, res) => {
    const limitText = nested(req, 'page', 'limit');
    if (limitText !== undefined && !/^\d+$/.test(limitText)) throw badRequest('page[limit] must be an integer');
    const path = req.originalUrl.replace(/[?&]page%5Bcursor%5D=[^&]*|[?&]page\[cursor\]=[^&]*/g, '');
    res.json(
      search(
        {
          query: nested(req, 'filter', 'query'),
          from: nested(req, 'filter', 'from'),
          to: nested(req, 'filter', 'to'),
          sort: stringParam(req, 'sort'),
          cursor: nested(req, 'page', 'cursor'),
          limit: limitText !== undefined ? Number(limitText) : undefined,
        },
        path,
      ),
    );
  });

  router.post('/api/v2/events/search', (req, res) => {
    const body = req.body ?? {};
    if (!isObject(body)) throw badRequest('Invalid payload: the body must be a JSON object');
    const filter = isObject(body.filter) ? body.filter : {};
    const page = isObject(body.page) ? body.page : {};
    for (const k of ['query', 'from', 'to'] as const) {
      if (filter[k] !== undefined && typeof filter[k] !== 'string')
        throw badRequest(`Invalid payload: filter.${k} must be a string`);
    }
    if (page.cursor !== undefined && typeof page.cursor !== 'string')
      throw badRequest('Invalid payload: page.cursor must be a string');
    if (page.limit !== undefined && typeof page.limit !== 'number')
      throw badRequest('Invalid payload: page.limit must be a number');
    const result = search(
      {
        query: filter.query,
        from: filter.from,
        to: filter.to,
        sort: body.sort,
        cursor: page.cursor,
        limit: page.limit,
      },
      '/api/v2/events/search',
    );
    // The search endpoint pages with the cursor in the body, not with a link.
    const { links: _links, ...rest } = result as typeof result & {
      links?: unknown;
    };
    res.json(rest);
  });

  return router;
}
