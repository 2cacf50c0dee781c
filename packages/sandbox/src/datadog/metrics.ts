import type { SimulatorContext } from '../context';
import { countRequests, HOUR, latencyMs, type StatusCounts, type TrafficClock } from '../world/traffic';
import type { Endpoint, Service } from '../world/types';
import { type Expr, type MetricQuery, type ScopeTerm, normalizeTag, termMatches } from './queryLanguage';

/**
 * The metrics the simulator knows and the evaluation of parsed queries over a time grid.
 *
 * APM trace metrics (tags `service`, `env:prod`, `resource_name`, and for the by-status metric
 * `http.status_code`, `http.status_class`) are derived from the traffic model, so every sum of
 * counts equals `countRequests` for the same range.
 */

export interface Unit {
  family: string;
  name: string;
  plural: string;
  scale_factor: number;
  short_name: string;
}

const UNITS = {
  hit: {
    family: 'cache',
    name: 'hit',
    plural: 'hits',
    scale_factor: 1,
    short_name: 'hit',
  },
  error: {
    family: 'general',
    name: 'error',
    plural: 'errors',
    scale_factor: 1,
    short_name: 'err',
  },
  second: {
    family: 'time',
    name: 'second',
    plural: 'seconds',
    scale_factor: 1,
    short_name: 's',
  },
} satisfies Record<string, Unit>;

export const ENV = 'prod';

export const HITS_BY_STATUS = 'trace.http.request.hits.by_http_status';
export const HITS = 'trace.http.request.hits';
export const ERRORS = 'trace.http.request.errors';

type CountMetric = {
  kind: 'count';
  unit: Unit;
  /** Splits an endpoint's status counts into the metric's series (keyed) with their extra tags. */
  split(counts: StatusCounts): Array<{ key: string; tags: string[]; value: number }>;
};
type GaugeMetric = {
  kind: 'gauge';
  unit: Unit;
  percentile: 'p50' | 'p95';
  /** Whether the metric has a series per endpoint (`resource_name`) or per service. */
  perResource: boolean;
};
type MetricDef = CountMetric | GaugeMetric;

function statusTags(status: number): string[] {
  return [`http.status_code:${status}`, `http.status_class:${Math.floor(status / 100)}xx`];
}

function sumCounts(counts: StatusCounts, keep: (status: number) => boolean): number {
  let total = 0;
  for (const [status, n] of Object.entries(counts)) if (keep(+status)) total += n;
  return total;
}

export const METRICS: Record<string, MetricDef> = {
  [HITS_BY_STATUS]: {
    kind: 'count',
    unit: UNITS.hit,
    split: counts =>
      Object.entries(counts).map(([s, value]) => ({
        key: s,
        tags: statusTags(+s),
        value,
      })),
  },
  [HITS]: {
    kind: 'count',
    unit: UNITS.hit,
    split: counts => [{ key: 'all', tags: [], value: sumCounts(counts, () => true) }],
  },
  [ERRORS]: {
    kind: 'count',
    unit: UNITS.error,
    split: counts => [{ key: '5xx', tags: [], value: sumCounts(counts, s => s >= 500) }],
  },
  'trace.http.request.duration.by.service.95p': {
    kind: 'gauge',
    unit: UNITS.second,
    percentile: 'p95',
    perResource: false,
  },
  'trace.http.request.duration.by.service.50p': {
    kind: 'gauge',
    unit: UNITS.second,
    percentile: 'p50',
    perResource: false,
  },
  'trace.http.request.duration.by.resource_service.95p': {
    kind: 'gauge',
    unit: UNITS.second,
    percentile: 'p95',
    perResource: true,
  },
  'trace.http.request.duration.by.resource_service.50p': {
    kind: 'gauge',
    unit: UNITS.second,
    percentile: 'p50',
    perResource: true,
  },
};

export const KNOWN_METRICS = Object.keys(METRICS);

/** A time grid: bucket `i` starts at `times[i]` (aligned) and covers `[starts[i], ends[i])`. */
export interface Grid {
  interval: number;
  times: number[];
  starts: number[];
  ends: number[];
}

const NICE_INTERVALS = [60, 120, 300, 600, 1200, 1800, 3600, 7200, 14400, 28800, 43200, 86400, 172800, 604800];
/** Most points a series may have; a finer interval is widened like Datadog does. */
export const MAX_POINTS = 1500;

/** The interval Datadog picks for a range when the query does not set one. */
export function defaultInterval(rangeSec: number): number {
  if (rangeSec <= HOUR) return 60;
  if (rangeSec <= 4 * HOUR) return 60;
  if (rangeSec <= 24 * HOUR) return 300;
  if (rangeSec <= 2 * 24 * HOUR) return 600;
  if (rangeSec <= 7 * 24 * HOUR) return 3600;
  if (rangeSec <= 32 * 24 * HOUR) return 14400;
  return 86400;
}

/** The interval to use: the requested one (at least 60 s), widened to keep under MAX_POINTS. */
export function chooseInterval(fromSec: number, toSec: number, requested?: number): number {
  const range = Math.max(1, toSec - fromSec);
  let interval = requested ? Math.max(60, Math.round(requested / 60) * 60) : defaultInterval(range);
  if (range / interval > MAX_POINTS) {
    interval = NICE_INTERVALS.find(n => range / n <= MAX_POINTS) ?? Math.ceil(range / MAX_POINTS / 86400) * 86400;
  }
  return interval;
}

/** The end of the data: nothing is known after the current minute. */
export function dataEnd(ctx: SimulatorContext, toSec: number): number {
  const now = ctx.clock.now();
  return Math.min(toSec, now - (now % 60));
}

export function makeGrid(ctx: SimulatorContext, fromSec: number, toSec: number, interval: number): Grid {
  const end = dataEnd(ctx, toSec);
  const grid: Grid = { interval, times: [], starts: [], ends: [] };
  for (let t = Math.floor(fromSec / interval) * interval; t < end; t += interval) {
    const s = Math.max(t, fromSec);
    const e = Math.min(t + interval, end);
    if (e <= s) continue;
    grid.times.push(t);
    grid.starts.push(s);
    grid.ends.push(e);
  }
  return grid;
}

/** One bucket over the whole range (for scalar totals). */
export function singleBucketGrid(ctx: SimulatorContext, fromSec: number, toSec: number): Grid {
  const end = dataEnd(ctx, toSec);
  if (end <= fromSec)
    return {
      interval: Math.max(1, toSec - fromSec),
      times: [],
      starts: [],
      ends: [],
    };
  return {
    interval: Math.max(1, toSec - fromSec),
    times: [fromSec],
    starts: [fromSec],
    ends: [end],
  };
}

export interface SeriesGroup {
  /** `key:value` tags of the group-by keys, in the order of the `by` clause ([] when not grouped). */
  tags: string[];
  key: string;
  values: Array<number | null>;
}

export interface Evaluated {
  groupBy: string[];
  groups: SeriesGroup[];
  /** `[unit, per-unit]` for plain queries. */
  unit?: [Unit | null, Unit | null];
  /** The metric of the first query of the expression. */
  metric?: string;
  /** Constant (a number in an expression). */
  constant?: boolean;
}

/**
 * The `resource_name` tag of an endpoint as Datadog stores it: normalised like every tag
 * (`GET /v1/carts/{cartId}` → `resource_name:get_/v1/carts/_cartid`), so answers group by, and
 * queries match, the stored form (a query may name a resource as written: scope patterns are
 * normalised too, see `tagMatches`).
 */
function resourceTag(resource: string): string {
  return normalizeTag(`resource_name:${resource}`);
}

function tagKey(tag: string): string {
  const i = tag.indexOf(':');
  return (i < 0 ? tag : tag.slice(0, i)).toLowerCase();
}

const SERVICE_KEYS = new Set(['service', 'env']);

/** Splits the scope terms by the earliest level their key is known at. */
function stageTerms(terms: ScopeTerm[]) {
  const service: ScopeTerm[] = [];
  const resource: ScopeTerm[] = [];
  const rest: ScopeTerm[] = [];
  for (const t of terms) {
    if (t.key && SERVICE_KEYS.has(t.key)) service.push(t);
    else if (t.key === 'resource_name') resource.push(t);
    else rest.push(t);
  }
  return { service, resource, rest };
}

class Accumulator {
  readonly groups = new Map<
    string,
    {
      tags: string[];
      sum: number[];
      n: number[];
      max: number[];
      min: number[];
      any: boolean;
    }
  >();
  constructor(readonly size: number, readonly groupBy: string[]) {}

  groupOf(tags: string[]) {
    const groupTags = this.groupBy.map(g => {
      const found = tags.find(t => tagKey(t) === g.toLowerCase());
      return found ? `${g}:${found.slice(found.indexOf(':') + 1)}` : `${g}:N/A`;
    });
    const key = groupTags.join(',');
    let group = this.groups.get(key);
    if (!group) {
      group = {
        tags: groupTags,
        sum: new Array(this.size).fill(0),
        n: new Array(this.size).fill(0),
        max: new Array(this.size).fill(-Infinity),
        min: new Array(this.size).fill(Infinity),
        any: false,
      };
      this.groups.set(key, group);
    }
    return group;
  }

  finish(aggregator: MetricQuery['aggregator'], emptyAs: number | null): SeriesGroup[] {
    const out: SeriesGroup[] = [];
    for (const [key, g] of this.groups) {
      if (!g.any) continue;
      const values = g.sum.map((sum, i) => {
        if (g.n[i] === 0) return emptyAs;
        switch (aggregator) {
          case 'sum':
            return sum;
          case 'avg':
            return sum / g.n[i];
          case 'max':
            return g.max[i];
          default:
            return g.min[i];
        }
      });
      out.push({ key, tags: g.tags, values });
    }
    return out.sort((a, b) => a.key.localeCompare(b.key));
  }
}

type Group = ReturnType<Accumulator['groupOf']>;
function add(group: Group, i: number, value: number) {
  group.sum[i] += value;
  group.n[i] += 1;
  if (value > group.max[i]) group.max[i] = value;
  if (value < group.min[i]) group.min[i] = value;
  group.any = true;
}

/**
 * Whole hours that lie before the current minute never change (the traffic model is a function of
 * the clock's fixed anchor), so their counts are kept; a 30-day query then costs map look-ups.
 */
const hourCache = new WeakMap<TrafficClock, WeakMap<Endpoint, Map<number, number[]>>>();
const MAX_CACHED_HOURS = 24 * 100;

/** `countRequests` for `[s, e)`, from cached whole hours and exact partial ones (same result). */
export function bucketCounts(
  ctx: SimulatorContext,
  service: Service,
  endpoint: Endpoint,
  s: number,
  e: number,
): StatusCounts {
  if (e - s < HOUR) return countRequests(service, endpoint, s, e, ctx.clock);
  const now = ctx.clock.now();
  const stable = now - (now % 60);
  let byEndpoint = hourCache.get(ctx.clock);
  if (!byEndpoint) hourCache.set(ctx.clock, (byEndpoint = new WeakMap()));
  let hours = byEndpoint.get(endpoint);
  if (!hours) byEndpoint.set(endpoint, (hours = new Map()));
  const out: StatusCounts = {};
  const addAll = (counts: StatusCounts) => {
    for (const [k, v] of Object.entries(counts)) out[+k] = (out[+k] ?? 0) + v;
  };
  let a = s;
  // Head: the part before the first whole hour.
  if (a % HOUR) {
    const b = Math.min(e, a - (a % HOUR) + HOUR);
    addAll(countRequests(service, endpoint, a, b, ctx.clock));
    a = b;
  }
  for (; a + HOUR <= e && a + HOUR <= stable; a += HOUR) {
    const index = a / HOUR;
    let packed = hours.get(index);
    if (!packed) {
      packed = [];
      for (const [k, v] of Object.entries(countRequests(service, endpoint, a, a + HOUR, ctx.clock))) packed.push(+k, v);
      if (hours.size >= MAX_CACHED_HOURS) hours.clear();
      hours.set(index, packed);
    }
    for (let i = 0; i < packed.length; i += 2) out[packed[i]] = (out[packed[i]] ?? 0) + packed[i + 1];
  }
  // Tail: what is left (a partial hour, or hours not yet complete).
  if (a < e) addAll(countRequests(service, endpoint, a, e, ctx.clock));
  return out;
}

/** Splits `[s, e)` at hour boundaries. */
function hourSegments(s: number, e: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let a = s; a < e; ) {
    const b = Math.min(e, a - (a % HOUR) + HOUR);
    out.push([a, b]);
    a = b;
  }
  return out;
}

function evaluateCount(ctx: SimulatorContext, def: CountMetric, q: MetricQuery, grid: Grid): SeriesGroup[] {
  const { service: sTerms, resource: rTerms, rest } = stageTerms(q.terms);
  const acc = new Accumulator(grid.times.length, q.groupBy);
  const method = q.rollup?.method ?? 'sum';
  const perSecond = !q.asCount;
  // How a count over `seconds` becomes the point value.
  const scale = (count: number, seconds: number) => {
    if (perSecond) return count / seconds;
    return method === 'sum' ? count : count / (seconds / 60);
  };
  for (const service of ctx.world.services) {
    const serviceTags = [`service:${service.name}`, `env:${ENV}`];
    if (!sTerms.every(t => termMatches(t, serviceTags))) continue;
    for (const endpoint of service.endpoints) {
      const endpointTags = [...serviceTags, resourceTag(endpoint.resource)];
      if (!rTerms.every(t => termMatches(t, endpointTags))) continue;
      const series = new Map<string, Group | null>();
      const seriesGroup = (key: string, extra: string[]) => {
        let g = series.get(key);
        if (g === undefined) {
          const tags = [...endpointTags, ...extra];
          g = rest.every(t => termMatches(t, tags)) ? acc.groupOf(tags) : null;
          series.set(key, g);
        }
        return g;
      };
      for (let i = 0; i < grid.times.length; i++) {
        const s = grid.starts[i];
        const e = grid.ends[i];
        if (method === 'max' || method === 'min') {
          const best = new Map<string, { tags: string[]; value: number }>();
          for (const [a, b] of hourSegments(s, e)) {
            for (const part of def.split(countRequests(service, endpoint, a, b, ctx.clock))) {
              const v = scale(part.value, b - a);
              const prev = best.get(part.key);
              if (!prev || (method === 'max' ? v > prev.value : v < prev.value)) {
                best.set(part.key, { tags: part.tags, value: v });
              }
            }
          }
          for (const [key, { tags, value }] of best) {
            const g = seriesGroup(key, tags);
            if (g && value > 0) add(g, i, value);
          }
          continue;
        }
        for (const part of def.split(bucketCounts(ctx, service, endpoint, s, e))) {
          if (part.value <= 0) continue;
          const g = seriesGroup(part.key, part.tags);
          if (g) add(g, i, scale(part.value, e - s));
        }
      }
    }
  }
  return acc.finish(q.aggregator, 0);
}

/** A service's (or endpoint's) latency percentile in seconds for one hour, weighted by traffic. */
function hourlyLatency(ctx: SimulatorContext, service: Service, endpoints: Endpoint[], hour: number, p: 'p50' | 'p95') {
  let weighted = 0;
  let weights = 0;
  for (const e of endpoints) {
    weighted += latencyMs(service, e, hour, ctx.clock)[p] * e.peakRps;
    weights += e.peakRps;
  }
  return weights ? weighted / weights / 1000 : 0;
}

function evaluateGauge(ctx: SimulatorContext, def: GaugeMetric, q: MetricQuery, grid: Grid): SeriesGroup[] {
  const { service: sTerms, resource: rTerms, rest } = stageTerms(q.terms);
  const acc = new Accumulator(grid.times.length, q.groupBy);
  const method = q.rollup?.method ?? 'avg';
  for (const service of ctx.world.services) {
    if (!service.endpoints.length) continue;
    const serviceTags = [`service:${service.name}`, `env:${ENV}`];
    if (!sTerms.every(t => termMatches(t, serviceTags))) continue;
    const sources = def.perResource
      ? service.endpoints.map(e => ({
          tags: [...serviceTags, resourceTag(e.resource)],
          endpoints: [e],
        }))
      : [{ tags: serviceTags, endpoints: service.endpoints }];
    for (const source of sources) {
      if (!rTerms.every(t => termMatches(t, source.tags)) || !rest.every(t => termMatches(t, source.tags))) continue;
      const group = acc.groupOf(source.tags);
      for (let i = 0; i < grid.times.length; i++) {
        let total = 0;
        let seconds = 0;
        let best: number | undefined;
        for (const [a, b] of hourSegments(grid.starts[i], grid.ends[i])) {
          const v = hourlyLatency(ctx, service, source.endpoints, a - (a % HOUR), def.percentile);
          total += method === 'sum' ? v : v * (b - a);
          seconds += b - a;
          if (best === undefined || (method === 'max' ? v > best : v < best)) best = v;
        }
        if (!seconds) continue;
        let value = best!;
        if (method === 'sum') value = total;
        else if (method === 'avg') value = total / seconds;
        add(group, i, Math.round(value * 1e6) / 1e6);
      }
    }
  }
  return acc.finish(q.aggregator, null);
}

/** Evaluates one metric query; an unknown metric gives no series. */
export function evaluateQuery(ctx: SimulatorContext, q: MetricQuery, grid: Grid): Evaluated {
  const def = METRICS[q.metric];
  if (!def) return { groupBy: q.groupBy, groups: [], metric: q.metric };
  const groups = def.kind === 'count' ? evaluateCount(ctx, def, q, grid) : evaluateGauge(ctx, def, q, grid);
  const perUnit = def.kind === 'count' && !q.asCount ? UNITS.second : null;
  return {
    groupBy: q.groupBy,
    groups,
    unit: [def.unit, perUnit],
    metric: q.metric,
  };
}

function apply(op: '+' | '-' | '*' | '/', a: number | null, b: number | null): number | null {
  if (a === null || b === null) return null;
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    default:
      return b === 0 ? null : a / b;
  }
}

/** Joins two results point by point: by identical group tags, or broadcasting an ungrouped side. */
export function combine(op: '+' | '-' | '*' | '/', left: Evaluated, right: Evaluated): Evaluated {
  const single = (e: Evaluated) => e.groups.length === 1 && e.groups[0].key === '';
  const groups: SeriesGroup[] = [];
  const pair = (a: SeriesGroup, b: SeriesGroup, from: SeriesGroup) =>
    groups.push({
      key: from.key,
      tags: from.tags,
      values: a.values.map((v, i) => apply(op, v, b.values[i] ?? null)),
    });
  if (single(right)) for (const g of left.groups) pair(g, right.groups[0], g);
  else if (single(left)) for (const g of right.groups) pair(left.groups[0], g, g);
  else {
    const byKey = new Map(right.groups.map(g => [g.key, g]));
    for (const g of left.groups) {
      const other = byKey.get(g.key);
      if (other) pair(g, other, g);
    }
  }
  const constantUnit = (a: Evaluated, b: Evaluated) => {
    if (a.constant) return b.unit;
    return b.constant ? a.unit : undefined;
  };
  // A sum or difference keeps the unit of its non-constant side; a product the unit of the
  // side multiplied by a constant; a quotient by a constant keeps the dividend's unit.
  let unit: Evaluated['unit'];
  if (op === '+' || op === '-') unit = left.constant ? right.unit : left.unit;
  else if (op === '*') unit = constantUnit(left, right);
  else unit = right.constant ? left.unit : undefined;
  return {
    groupBy: single(left) ? right.groupBy : left.groupBy,
    groups,
    metric: left.metric ?? right.metric,
    unit,
    constant: left.constant && right.constant,
  };
}

/** Evaluates an expression of queries, numbers and (in formulas) named results. */
export function evaluateExpr(ctx: SimulatorContext, expr: Expr, grid: Grid, refs?: Map<string, Evaluated>): Evaluated {
  switch (expr.kind) {
    case 'query':
      return evaluateQuery(ctx, expr.query, grid);
    case 'number':
      return {
        groupBy: [],
        groups: [{ key: '', tags: [], values: grid.times.map(() => expr.value) }],
        constant: true,
      };
    case 'ref': {
      const found = refs?.get(expr.name);
      if (!found) throw new Error(`unknown query name "${expr.name}"`);
      return found;
    }
    case 'neg': {
      const inner = evaluateExpr(ctx, expr.expr, grid, refs);
      return {
        ...inner,
        groups: inner.groups.map(g => ({
          ...g,
          values: g.values.map(v => (v === null ? null : -v)),
        })),
      };
    }
    default:
      return combine(expr.op, evaluateExpr(ctx, expr.left, grid, refs), evaluateExpr(ctx, expr.right, grid, refs));
  }
}

/** Sums all groups of a result per bucket (null where none has a value). */
export function totalPerBucket(result: Evaluated, size: number): Array<number | null> {
  const out: Array<number | null> = new Array(size).fill(null);
  for (const g of result.groups) {
    g.values.forEach((v, i) => {
      if (v !== null) out[i] = (out[i] ?? 0) + v;
    });
  }
  return out;
}
