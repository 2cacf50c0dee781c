import { Router, type Request } from 'express';
import type { SimulatorContext } from '../context';
import { HEX, hash32, idFrom } from '../world/hash';
import type { Service } from '../world/types';
import { badRequest, boolParam, intParam, isObject, listParam, notFound, stringParam } from './http';
import { monitorIds, ownerOf, sloIdFor } from './ids';
import {
  chooseInterval,
  ENV,
  evaluateExpr,
  type Evaluated,
  HITS_BY_STATUS,
  makeGrid,
  singleBucketGrid,
  totalPerBucket,
} from './metrics';
import { parseExpression, queriesOf, QuerySyntaxError, tagMatches } from './queryLanguage';

/**
 * Service level objectives: one availability SLO per service with endpoints (good = neither 5xx
 * nor 405), plus whatever clients create. History and status are computed from the same metric
 * queries the SLO holds, so they agree with `/api/v1/query`.
 */

const TIMEFRAMES = ['7d', '30d', '90d', 'custom'] as const;
const TIMEFRAME_SECONDS: Record<string, number> = {
  '7d': 7 * 86400,
  '30d': 30 * 86400,
  '90d': 90 * 86400,
};
const SLO_TYPES = ['metric', 'monitor', 'time_slice'] as const;
const TYPE_ID: Record<string, number> = {
  metric: 1,
  monitor: 0,
  time_slice: 2,
};

/** 2025-01-01T00:00:00Z: SLOs and monitors were set up after this. */
const SETUP_EPOCH = 1735689600;

export interface Threshold {
  timeframe: string;
  target: number;
  target_display?: string;
  warning?: number;
  warning_display?: string;
}

export interface Slo {
  id: string;
  name: string;
  description: string | null;
  tags: string[];
  type: string;
  query?: { numerator: string; denominator: string };
  sli_specification?: unknown;
  monitor_ids: number[];
  monitor_tags: string[];
  groups: string[];
  thresholds: Threshold[];
  timeframe?: string;
  target_threshold?: number;
  warning_threshold?: number;
  created_at: number;
  modified_at: number;
  creator: { email: string; handle: string; name: string | null };
}

export function goodQuery(service: string): string {
  return `sum:${HITS_BY_STATUS}{service:${service},env:${ENV},!http.status_class:5xx,!http.status_code:405}.as_count()`;
}

export function totalQuery(service: string): string {
  return `sum:${HITS_BY_STATUS}{service:${service},env:${ENV}}.as_count()`;
}

const display = (n: number) => String(n);

function serviceSlo(ctx: SimulatorContext, service: Service): Slo {
  const created = SETUP_EPOCH + (hash32(service.name, 'slo-created') % 90) * 86400 + 3600 * 2;
  const modified = created + (hash32(service.name, 'slo-modified') % 120) * 86400;
  const threshold = (timeframe: string): Threshold => ({
    timeframe,
    target: 99.9,
    target_display: '99.9',
    warning: 99.95,
    warning_display: '99.95',
  });
  return {
    id: sloIdFor(service.name),
    name: `${service.name} availability`,
    description: `Share of ${
      service.title ?? service.name
    } requests in ${ENV} answered without a server error (5xx) or a 405.`,
    tags: [`service:${service.name}`, `team:${service.team}`, `env:${ENV}`],
    type: 'metric',
    query: {
      numerator: goodQuery(service.name),
      denominator: totalQuery(service.name),
    },
    monitor_ids: [],
    monitor_tags: [],
    groups: [],
    thresholds: [threshold('30d'), threshold('7d')],
    timeframe: '30d',
    target_threshold: 99.9,
    warning_threshold: 99.95,
    created_at: created,
    modified_at: Math.min(modified, ctx.clock.anchor),
    creator: ownerOf(ctx.world, service, 'slo-owner'),
  };
}

/** Checks an SLO body (create or update); answers the normalised SLO fields. */
function validateSlo(body: unknown): Omit<Slo, 'id' | 'created_at' | 'modified_at' | 'creator'> {
  if (!isObject(body)) throw badRequest('Invalid payload: the body must be a JSON object');
  const { name, type, thresholds, query, description, tags, monitor_ids, groups, sli_specification, timeframe } = body;
  if (typeof name !== 'string' || !name.trim()) throw badRequest("Invalid payload: 'name' is required");
  if (name.length > 1500) throw badRequest("Invalid payload: 'name' is too long");
  if (!SLO_TYPES.includes(type)) throw badRequest(`Invalid payload: 'type' must be one of ${SLO_TYPES.join(', ')}`);
  if (!Array.isArray(thresholds) || !thresholds.length)
    throw badRequest("Invalid payload: 'thresholds' must be a non-empty array");
  const cleanThresholds: Threshold[] = thresholds.map((t: unknown, i: number) => {
    if (!isObject(t)) throw badRequest(`Invalid payload: thresholds[${i}] must be an object`);
    if (!TIMEFRAMES.includes(t.timeframe))
      throw badRequest(`Invalid payload: thresholds[${i}].timeframe must be one of ${TIMEFRAMES.join(', ')}`);
    if (typeof t.target !== 'number' || !(t.target > 0 && t.target < 100)) {
      throw badRequest(`Invalid payload: thresholds[${i}].target must be a number between 0 and 100 (exclusive)`);
    }
    if (t.warning !== undefined && t.warning !== null) {
      if (typeof t.warning !== 'number' || !(t.warning > t.target && t.warning < 100)) {
        throw badRequest(`Invalid payload: thresholds[${i}].warning must be greater than the target and less than 100`);
      }
    }
    return {
      timeframe: t.timeframe,
      target: t.target,
      target_display: typeof t.target_display === 'string' ? t.target_display : display(t.target),
      ...(typeof t.warning === 'number'
        ? {
            warning: t.warning,
            warning_display: typeof t.warning_display === 'string' ? t.warning_display : display(t.warning),
          }
        : {}),
    };
  });
  const timeframes = new Set(cleanThresholds.map(t => t.timeframe));
  if (timeframes.size !== cleanThresholds.length)
    throw badRequest('Invalid payload: each timeframe may have only one threshold');
  if (tags !== undefined && (!Array.isArray(tags) || tags.some(t => typeof t !== 'string'))) {
    throw badRequest("Invalid payload: 'tags' must be an array of strings");
  }
  if (description !== undefined && description !== null && typeof description !== 'string') {
    throw badRequest("Invalid payload: 'description' must be a string");
  }
  let cleanQuery: Slo['query'];
  if (type === 'metric') {
    if (!isObject(query) || typeof query.numerator !== 'string' || typeof query.denominator !== 'string') {
      throw badRequest("Invalid payload: a metric SLO needs 'query' with 'numerator' and 'denominator'");
    }
    for (const part of ['numerator', 'denominator'] as const) {
      try {
        parseExpression(query[part]);
      } catch (e) {
        if (e instanceof QuerySyntaxError)
          throw badRequest(`Invalid payload: the ${part} query is invalid: ${e.message}`);
        throw e;
      }
    }
    cleanQuery = { numerator: query.numerator, denominator: query.denominator };
  }
  if (type === 'monitor') {
    if (!Array.isArray(monitor_ids) || !monitor_ids.length || monitor_ids.some(m => !Number.isInteger(m))) {
      throw badRequest("Invalid payload: a monitor SLO needs 'monitor_ids' (integers)");
    }
  }
  if (type === 'time_slice' && !(isObject(sli_specification) && isObject(sli_specification.time_slice))) {
    throw badRequest("Invalid payload: a time_slice SLO needs 'sli_specification.time_slice'");
  }
  const primary = cleanThresholds.find(t => t.timeframe === timeframe) ?? cleanThresholds[0];
  if (timeframe !== undefined && !timeframes.has(timeframe)) {
    throw badRequest("Invalid payload: 'timeframe' must be one of the thresholds' timeframes");
  }
  return {
    name,
    description: typeof description === 'string' ? description : null,
    tags: (tags ?? []) as string[],
    type,
    ...(cleanQuery ? { query: cleanQuery } : {}),
    ...(type === 'time_slice' ? { sli_specification } : {}),
    monitor_ids: type === 'monitor' ? (monitor_ids as number[]) : [],
    monitor_tags: [],
    groups: Array.isArray(groups) ? groups.filter((g: unknown) => typeof g === 'string') : [],
    thresholds: cleanThresholds,
    timeframe: primary.timeframe,
    target_threshold: primary.target,
    ...(primary.warning !== undefined ? { warning_threshold: primary.warning } : {}),
  };
}

export class SloStore {
  private readonly slos = new Map<string, Slo>();
  private created = 0;
  private readonly totalsCache = new Map<string, { good: number | null; total: number | null }>();

  constructor(private readonly ctx: SimulatorContext) {
    for (const s of [...ctx.world.services].sort((a, b) => a.name.localeCompare(b.name))) {
      if (s.endpoints.length) this.slos.set(sloIdFor(s.name), serviceSlo(ctx, s));
    }
  }

  all(): Slo[] {
    return [...this.slos.values()];
  }

  get(id: string): Slo | undefined {
    return this.slos.get(id);
  }

  create(body: unknown): Slo {
    const fields = validateSlo(body);
    let id: string;
    do {
      id = idFrom(32, HEX, 'datadog-slo-created', this.created++, fields.name);
    } while (this.slos.has(id));
    const now = this.ctx.clock.now();
    const slo: Slo = {
      id,
      ...fields,
      created_at: now,
      modified_at: now,
      creator: {
        email: 'sandbox@example.com',
        handle: 'sandbox@example.com',
        name: 'Sandbox API',
      },
    };
    this.slos.set(id, slo);
    return slo;
  }

  update(id: string, body: unknown): Slo {
    const existing = this.slos.get(id);
    if (!existing) throw notFound(`SLO with id ${id} not found`);
    const fields = validateSlo(body);
    const slo: Slo = {
      ...fields,
      id,
      created_at: existing.created_at,
      creator: existing.creator,
      modified_at: this.ctx.clock.now(),
    };
    this.slos.set(id, slo);
    this.totalsCache.clear();
    return slo;
  }

  /** Good and total events of a metric SLO over `[from, to)` (null for other SLO types). */
  totals(slo: Slo, fromSec: number, toSec: number): { good: number | null; total: number | null } {
    if (!slo.query) return { good: null, total: null };
    const key = `${slo.id}|${slo.modified_at}|${fromSec}|${toSec}`;
    const cached = this.totalsCache.get(key);
    if (cached) return cached;
    const grid = singleBucketGrid(this.ctx, fromSec, toSec);
    const sum = (text: string) =>
      totalPerBucket(evaluateExpr(this.ctx, parseExpression(text), grid), grid.times.length)[0] ?? 0;
    const result = {
      good: sum(slo.query.numerator),
      total: sum(slo.query.denominator),
    };
    if (this.totalsCache.size > 500) this.totalsCache.clear();
    this.totalsCache.set(key, result);
    return result;
  }
}

/** The SLO as the API shows it (fields in Datadog's order). */
function present(slo: Slo) {
  return {
    id: slo.id,
    name: slo.name,
    description: slo.description,
    tags: slo.tags,
    monitor_tags: slo.monitor_tags,
    thresholds: slo.thresholds,
    type: slo.type,
    ...(slo.query ? { query: slo.query } : {}),
    ...(slo.sli_specification ? { sli_specification: slo.sli_specification } : {}),
    monitor_ids: slo.monitor_ids,
    groups: slo.groups,
    ...(slo.timeframe ? { timeframe: slo.timeframe } : {}),
    ...(slo.target_threshold !== undefined ? { target_threshold: slo.target_threshold } : {}),
    ...(slo.warning_threshold !== undefined ? { warning_threshold: slo.warning_threshold } : {}),
    created_at: slo.created_at,
    modified_at: slo.modified_at,
    creator: slo.creator,
  };
}

function sli(good: number | null, total: number | null): number | null {
  return good === null || total === null || total <= 0 ? null : (100 * good) / total;
}

function budgetRemaining(sliValue: number | null, target: number): number | null {
  if (sliValue === null) return null;
  return (1 - (100 - sliValue) / (100 - target)) * 100;
}

function state(sliValue: number | null, t: Threshold): 'breached' | 'warning' | 'ok' | 'no_data' {
  if (sliValue === null) return 'no_data';
  if (sliValue < t.target) return 'breached';
  if (t.warning !== undefined && sliValue < t.warning) return 'warning';
  return 'ok';
}

function tagValues(tags: string[], key: string): string[] {
  return tags.filter(t => t.toLowerCase().startsWith(`${key}:`));
}

/** The pieces of a search query: `key:value` tag filters and free text on the name. */
function matchesSearch(slo: Slo, query: string): boolean {
  const tokens = query.match(/(?:[^\s"]+|"[^"]*")+/g) ?? [];
  return tokens.every(raw => {
    if (raw === 'AND') return true;
    const negate = raw.startsWith('-') || raw.startsWith('!');
    const token = (negate ? raw.slice(1) : raw).replace(/"/g, '');
    let hit: boolean;
    const colon = token.indexOf(':');
    if (colon > 0) {
      const key = token.slice(0, colon).toLowerCase();
      const value = token.slice(colon + 1);
      if (key === 'slo_type' || key === 'type') hit = slo.type === value.toLowerCase();
      else if (key === 'name') hit = slo.name.toLowerCase().includes(value.toLowerCase());
      else hit = slo.tags.some(t => tagMatches(`${key}:${value}`, t));
    } else {
      hit = token === '*' || slo.name.toLowerCase().includes(token.toLowerCase());
    }
    return negate ? !hit : hit;
  });
}

function pageParam(req: Request, name: 'size' | 'number'): number | undefined {
  const nested: unknown = req.query.page;
  const raw = isObject(nested) ? nested[name] : req.query[`page[${name}]`];
  if (raw === undefined || raw === '') return undefined;
  const v = String(raw);
  if (!/^\d+$/.test(v)) throw badRequest(`Invalid value for parameter "page[${name}]": "${v}"`);
  return Number(v);
}

const METRIC_UNIT_IDS: Record<string, number> = {
  hit: 39,
  error: 41,
  second: 11,
};

export function sloRouter(ctx: SimulatorContext, store: SloStore): Router {
  const router = Router();
  const ids = monitorIds(ctx.world);

  const statusOf = (slo: Slo, t: Threshold, now: number) => {
    const to = now - (now % 300);
    const seconds = TIMEFRAME_SECONDS[t.timeframe];
    if (!seconds) return { sli: null, budget: null, raw: null, state: 'no_data' as const };
    const { good, total } = store.totals(slo, to - seconds, to);
    const value = sli(good, total);
    const raw = good !== null && total !== null ? total * (1 - t.target / 100) - (total - good) : null;
    return {
      sli: value,
      budget: budgetRemaining(value, t.target),
      raw,
      state: state(value, t),
    };
  };

  router.get('/api/v1/slo', (req, res) => {
    const wanted = listParam(req, 'ids');
    const query = stringParam(req, 'query');
    const tagsQuery = listParam(req, 'tags_query');
    const metricsQuery = stringParam(req, 'metrics_query');
    const limit = intParam(req, 'limit') ?? 1000;
    const offset = intParam(req, 'offset') ?? 0;
    if (limit < 0 || offset < 0) throw badRequest('limit and offset must not be negative');
    const all = store.all();
    const filtered = all.filter(
      s =>
        (!wanted.length || wanted.includes(s.id)) &&
        (!query || s.name.toLowerCase().includes(query.toLowerCase())) &&
        tagsQuery.every(tq => s.tags.some(t => tagMatches(tq, t))) &&
        (!metricsQuery ||
          `${s.query?.numerator ?? ''} ${s.query?.denominator ?? ''}`
            .toLowerCase()
            .includes(metricsQuery.toLowerCase())),
    );
    res.json({
      data: filtered.slice(offset, offset + limit).map(present),
      errors: [],
      metadata: {
        page: {
          total_count: all.length,
          total_filtered_count: filtered.length,
        },
      },
    });
  });

  router.post('/api/v1/slo', (req, res) => {
    const slo = store.create(req.body);
    res.json({ data: [present(slo)], errors: [] });
  });

  router.get('/api/v1/slo/search', (req, res) => {
    const query = stringParam(req, 'query') ?? '';
    const size = pageParam(req, 'size') ?? 10;
    const number = pageParam(req, 'number') ?? 0;
    const includeFacets = boolParam(req, 'include_facets') ?? false;
    if (size < 1 || size > 1000) throw badRequest('page[size] must be between 1 and 1000');
    const matched = store.all().filter(s => matchesSearch(s, query));
    const page = matched.slice(number * size, number * size + size);
    const now = ctx.clock.now();
    const indexedAt = now - (now % 300);
    const slos = page.map(s => {
      const primary = s.thresholds.find(t => t.timeframe === s.timeframe) ?? s.thresholds[0];
      const overall = s.thresholds
        .filter(t => t.timeframe !== 'custom')
        .map(t => {
          const st = statusOf(s, t, now);
          return {
            timeframe: t.timeframe,
            target: t.target,
            status: st.sli,
            error_budget_remaining: st.budget,
            state: st.state,
            span_precision: 2,
            indexed_at: indexedAt,
            raw_error_budget_remaining: st.raw === null ? null : { unit: 'requests', value: Math.round(st.raw) },
            error: null,
          };
        });
      const main = overall.find(o => o.timeframe === primary.timeframe) ?? overall[0];
      return {
        data: {
          id: s.id,
          type: 'slo',
          attributes: {
            name: s.name,
            description: s.description,
            all_tags: s.tags,
            env_tags: tagValues(s.tags, 'env'),
            service_tags: tagValues(s.tags, 'service'),
            team_tags: tagValues(s.tags, 'team'),
            slo_type: s.type,
            thresholds: s.thresholds
              .filter(t => t.timeframe !== 'custom')
              .map(t => ({
                ...t,
                warning: t.warning ?? null,
                warning_display: t.warning_display ?? null,
              })),
            query: s.query
              ? {
                  ...s.query,
                  metrics: [...new Set(queriesOf(parseExpression(s.query.denominator)).map(q => q.metric))],
                }
              : null,
            groups: s.groups.length ? s.groups : null,
            monitor_ids: s.monitor_ids.length ? s.monitor_ids : null,
            created_at: s.created_at,
            modified_at: s.modified_at,
            creator: {
              email: s.creator.email,
              id: hash32(s.creator.email) % 100000,
              name: s.creator.name,
            },
            overall_status: overall,
            status: main
              ? {
                  sli: main.status,
                  error_budget_remaining: main.error_budget_remaining,
                  state: main.state,
                  span_precision: 2,
                  indexed_at: indexedAt,
                  raw_error_budget_remaining: main.raw_error_budget_remaining,
                  calculation_error: null,
                }
              : { state: 'no_data', calculation_error: null },
          },
        },
      };
    });
    const facet = (values: string[]) => {
      const counts = new Map<string, number>();
      for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
      return [...counts].sort().map(([name, count]) => ({ name, count }));
    };
    const lastNumber = Math.max(0, Math.ceil(matched.length / size) - 1);
    const link = (n: number) =>
      `/api/v1/slo/search?page[number]=${n}&page[size]=${size}${query ? `&query=${encodeURIComponent(query)}` : ''}`;
    res.json({
      data: {
        type: 'search_slo_response',
        attributes: {
          slos,
          ...(includeFacets
            ? {
                facets: {
                  all_tags: facet(matched.flatMap(s => s.tags)),
                  env_tags: facet(matched.flatMap(s => tagValues(s.tags, 'env'))),
                  service_tags: facet(matched.flatMap(s => tagValues(s.tags, 'service'))),
                  team_tags: facet(matched.flatMap(s => tagValues(s.tags, 'team'))),
                  creator_name: facet(matched.map(s => s.creator.name ?? s.creator.email)),
                  timeframe: facet(matched.flatMap(s => s.thresholds.map(t => t.timeframe))),
                  slo_type: [...new Set(matched.map(s => s.type))].map(t => ({
                    name: TYPE_ID[t],
                    count: matched.filter(s => s.type === t).length,
                  })),
                  target: [...new Set(matched.flatMap(s => s.thresholds.map(t => t.target)))].map(target => ({
                    name: target,
                    count: matched.filter(s => s.thresholds.some(t => t.target === target)).length,
                  })),
                },
              }
            : {}),
        },
      },
      links: {
        self: link(number),
        first: link(0),
        last: link(lastNumber),
        next: link(Math.min(number + 1, lastNumber)),
        prev: number > 0 ? link(number - 1) : null,
      },
      meta: {
        pagination: {
          first_number: 0,
          last_number: lastNumber,
          next_number: Math.min(number + 1, lastNumber),
          number,
          prev_number: Math.max(0, number - 1),
          size,
          total: matched.length,
          type: 'number_size',
        },
      },
    });
  });

  router.get('/api/v1/slo/correction', (req, res) => {
    intParam(req, 'offset');
    intParam(req, 'limit');
    res.json({
      data: [],
      meta: { page: { total_count: 0, total_filtered_count: 0 } },
    });
  });

  const find = (id: string) => {
    const slo = store.get(id);
    if (!slo) throw notFound(`SLO with id ${id} not found`);
    return slo;
  };

  router.get('/api/v1/slo/:slo_id', (req, res) => {
    const slo = find(req.params.slo_id);
    const withAlerts = boolParam(req, 'with_configured_alert_ids') ?? false;
    const service = ctx.world.services.find(s => sloIdFor(s.name) === slo.id);
    const alerts = service ? [ids.get(`${service.name}/burn-rate`)!] : [];
    res.json({
      data: {
        ...present(slo),
        ...(withAlerts ? { configured_alert_ids: alerts } : {}),
      },
      errors: [],
    });
  });

  router.put('/api/v1/slo/:slo_id', (req, res) => {
    const slo = store.update(req.params.slo_id, req.body);
    res.json({ data: [present(slo)], errors: [] });
  });

  router.get('/api/v1/slo/:slo_id/corrections', (req, res) => {
    find(req.params.slo_id);
    res.json({
      data: [],
      meta: { page: { total_count: 0, total_filtered_count: 0 } },
    });
  });

  router.get('/api/v1/slo/:slo_id/history', (req, res) => {
    const slo = find(req.params.slo_id);
    const from = intParam(req, 'from_ts', true)!;
    const to = intParam(req, 'to_ts', true)!;
    const target = stringParam(req, 'target');
    boolParam(req, 'apply_correction');
    if (to <= from) throw badRequest('The from_ts must be before to_ts');
    let customTarget: number | undefined;
    if (target !== undefined) {
      customTarget = Number(target);
      if (!(customTarget > 0 && customTarget < 100))
        throw badRequest('target must be a number between 0 and 100 (exclusive)');
    }
    const thresholds: Record<string, Threshold> = Object.fromEntries(slo.thresholds.map(t => [t.timeframe, t]));
    if (customTarget !== undefined) {
      thresholds.custom = {
        timeframe: 'custom',
        target: customTarget,
        target_display: display(customTarget),
      };
    }
    const base = {
      from_ts: from,
      to_ts: to,
      type: slo.type,
      type_id: TYPE_ID[slo.type],
      thresholds,
    };
    if (!slo.query) {
      res.json({
        data: {
          ...base,
          overall: {
            name: slo.name,
            preview: false,
            sli_value: null,
            span_precision: 2,
            errors: [
              {
                error_type: 'no_data',
                error_message: `The sandbox keeps no history for ${slo.type} SLOs`,
              },
            ],
          },
        },
        errors: null,
      });
      return;
    }
    const grid = makeGrid(ctx, from, to, chooseInterval(from, to));
    const series = (text: string, index: number) => {
      const expr = parseExpression(text);
      const result: Evaluated = evaluateExpr(ctx, expr, grid);
      const values = totalPerBucket(result, grid.times.length).map(v => v ?? 0);
      const sum = values.reduce((a, b) => a + b, 0);
      const q = queriesOf(expr)[0];
      const unit = result.unit?.[0];
      return {
        count: values.length,
        sum,
        values,
        metadata: {
          aggr: q?.aggregator ?? 'sum',
          expression: text,
          metric: q?.metric ?? '',
          query_index: index,
          scope: q?.scope ?? '*',
          unit: unit ? [{ ...unit, id: METRIC_UNIT_IDS[unit.name] ?? 1 }, null] : null,
        },
      };
    };
    const numerator = series(slo.query.numerator, 0);
    const denominator = series(slo.query.denominator, 1);
    const value = sli(numerator.sum, denominator.sum);
    const budgets: Record<string, number> = {};
    const precision: Record<string, number> = {};
    for (const [tf, t] of Object.entries(thresholds)) {
      const b = budgetRemaining(value, t.target);
      if (b !== null) budgets[tf] = b;
      precision[tf] = 2;
    }
    res.json({
      data: {
        ...base,
        overall: {
          name: slo.name,
          preview: false,
          sli_value: value,
          uptime: value,
          span_precision: 2,
          precision,
          error_budget_remaining: budgets,
        },
        series: {
          res_type: 'time_series',
          resp_version: 2,
          interval: grid.interval,
          query: `${slo.query.numerator},${slo.query.denominator}`,
          message: '',
          times: grid.times.map(t => t * 1000),
          numerator,
          denominator,
        },
      },
      errors: null,
    });
  });

  return router;
}
