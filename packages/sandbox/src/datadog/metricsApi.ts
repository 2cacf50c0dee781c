import { Router, type Request, type Response } from 'express';
import type { SimulatorContext } from '../context';
import { badRequest, intParam, isObject, stringParam } from './http';
import {
  chooseInterval,
  type Evaluated,
  evaluateExpr,
  evaluateQuery,
  type Grid,
  makeGrid,
  METRICS,
  singleBucketGrid,
  type Unit,
} from './metrics';
import {
  type Expr,
  type MetricQuery,
  parseExpression,
  parseFormula,
  parseQueryList,
  queriesOf,
  QuerySyntaxError,
  refsOf,
  splitTopLevel,
} from './queryLanguage';

/**
 * Metric queries: v1 `GET /api/v1/query` and v2 `POST /api/v2/query/timeseries|scalar`.
 */

function parseOrThrow<T>(fn: () => T, what = 'query'): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof QuerySyntaxError) throw badRequest(`Error parsing ${what}: ${e.message}`);
    throw e;
  }
}

/** The bucket size for a set of queries: a rollup interval in the query wins over the request's. */
function intervalFor(queries: MetricQuery[], fromSec: number, toSec: number, requested?: number): number {
  const rollup = queries.map(q => q.rollup?.seconds).find(s => s !== undefined);
  return chooseInterval(fromSec, toSec, rollup ?? requested);
}

/** The scope of one series: the query's filter plus the series' group tags. */
function seriesScope(q: MetricQuery, tags: string[]): string {
  const parts = [...(q.scope === '*' ? [] : [q.scope]), ...tags];
  return parts.length ? parts.join(',') : '*';
}

function unitList(unit: Evaluated['unit']): Array<Unit | null> | undefined {
  return unit ? [unit[0], unit[1]] : undefined;
}

function v1Query(ctx: SimulatorContext, req: Request, res: Response) {
  const from = intParam(req, 'from', true)!;
  const to = intParam(req, 'to', true)!;
  const query = stringParam(req, 'query', true)!;
  if (to <= from) throw badRequest('The "to" timestamp must be after the "from" timestamp');
  const exprs = parseOrThrow(() => parseQueryList(query));
  const texts = splitTopLevel(query).map(t => t.trim());
  const interval = intervalFor(exprs.flatMap(queriesOf), from, to);
  const grid = makeGrid(ctx, from, to, interval);
  const series: unknown[] = [];
  const groupBy = new Set<string>();
  exprs.forEach((expr, queryIndex) => {
    const result = evaluateExpr(ctx, expr, grid);
    result.groupBy.forEach(g => groupBy.add(g));
    const plain = expr.kind === 'query' ? expr.query : undefined;
    for (const group of result.groups) {
      const pointlist: Array<[number, number]> = [];
      group.values.forEach((v, i) => {
        if (v !== null && Number.isFinite(v)) pointlist.push([grid.times[i] * 1000, v]);
      });
      if (!pointlist.length) continue;
      const scope = plain ? seriesScope(plain, group.tags) : group.tags.join(',') || '*';
      const expression = plain ? `${plain.aggregator}:${plain.metric}{${scope}}${plain.functions}` : texts[queryIndex];
      const unit = unitList(result.unit);
      series.push({
        metric: result.metric ?? '',
        display_name: plain ? plain.metric : expression,
        scope,
        tag_set: group.tags,
        expression,
        pointlist,
        start: pointlist[0][0],
        end: pointlist[pointlist.length - 1][0] + interval * 1000 - 1,
        interval,
        length: pointlist.length,
        aggr: plain ? plain.aggregator : null,
        query_index: queryIndex,
        ...(unit ? { unit } : {}),
      });
    }
  });
  res.json({
    status: 'ok',
    res_type: 'time_series',
    series,
    from_date: from * 1000,
    to_date: to * 1000,
    query,
    message: '',
    group_by: [...groupBy],
  });
}

interface FormulaRequest {
  fromSec: number;
  toSec: number;
  interval?: number;
  queries: Array<{ name: string; expr: Expr; aggregator?: string }>;
  formulas: Array<{
    text: string;
    expr: Expr;
    limit?: { count?: number; order?: string };
  }>;
}

const SCALAR_AGGREGATORS = ['avg', 'min', 'max', 'sum', 'last', 'mean', 'l2norm', 'area'];

/** Validates a v2 formula request body. */
function readFormulaRequest(body: unknown, type: 'timeseries_request' | 'scalar_request'): FormulaRequest {
  const data = isObject(body) ? body.data : undefined;
  if (!isObject(data)) throw badRequest('Invalid payload: "data" is required');
  if (data.type !== type) throw badRequest(`Invalid payload: "data.type" must be "${type}"`);
  const a = data.attributes;
  if (!isObject(a)) throw badRequest('Invalid payload: "data.attributes" is required');
  for (const k of ['from', 'to'] as const) {
    if (typeof a[k] !== 'number' || !Number.isFinite(a[k]))
      throw badRequest(`Invalid payload: "${k}" must be a timestamp in milliseconds`);
  }
  if (a.to <= a.from) throw badRequest('Invalid payload: "to" must be after "from"');
  if (!Array.isArray(a.queries) || !a.queries.length)
    throw badRequest('Invalid payload: "queries" must be a non-empty array');
  if (a.interval !== undefined && (typeof a.interval !== 'number' || a.interval <= 0)) {
    throw badRequest('Invalid payload: "interval" must be a positive number of milliseconds');
  }
  const names = new Set<string>();
  const queries = a.queries.map((q: unknown, i: number) => {
    if (!isObject(q)) throw badRequest(`Invalid payload: queries[${i}] must be an object`);
    if (q.data_source !== 'metrics')
      throw badRequest(`Unsupported data source "${String(q.data_source)}": only "metrics" is available`);
    if (typeof q.query !== 'string') throw badRequest(`Invalid payload: queries[${i}].query is required`);
    const name = typeof q.name === 'string' && q.name ? q.name : `query${i + 1}`;
    if (names.has(name)) throw badRequest(`Duplicate query name "${name}"`);
    names.add(name);
    if (type === 'scalar_request') {
      if (q.aggregator !== undefined && !SCALAR_AGGREGATORS.includes(q.aggregator)) {
        throw badRequest(`Unsupported aggregator "${String(q.aggregator)}" for queries[${i}]`);
      }
    }
    const expr = parseOrThrow(() => parseExpression(q.query as string));
    return {
      name,
      expr,
      aggregator: typeof q.aggregator === 'string' ? q.aggregator : undefined,
    };
  });
  if (a.formulas !== undefined && !Array.isArray(a.formulas))
    throw badRequest('Invalid payload: "formulas" must be an array');
  const formulas = ((a.formulas ?? []) as unknown[]).map((f, i) => {
    if (!isObject(f) || typeof f.formula !== 'string')
      throw badRequest(`Invalid payload: formulas[${i}].formula is required`);
    const expr = parseOrThrow(() => parseFormula(f.formula as string), 'formula');
    for (const ref of refsOf(expr)) {
      if (!names.has(ref)) throw badRequest(`Formula "${f.formula}" refers to an unknown query "${ref}"`);
    }
    return {
      text: f.formula as string,
      expr,
      limit: isObject(f.limit) ? f.limit : undefined,
    };
  });
  return {
    fromSec: Math.floor(a.from / 1000),
    toSec: Math.floor(a.to / 1000),
    interval: a.interval !== undefined ? Math.round(a.interval / 1000) : undefined,
    queries,
    formulas,
  };
}

function applyLimit(result: Evaluated, limit?: { count?: number; order?: string }): Evaluated {
  if (!limit?.count) return result;
  const total = (values: Array<number | null>) => values.reduce<number>((s, v) => s + (v ?? 0), 0);
  const sorted = [...result.groups].sort((x, y) =>
    limit.order === 'asc' ? total(x.values) - total(y.values) : total(y.values) - total(x.values),
  );
  return { ...result, groups: sorted.slice(0, limit.count) };
}

/** The outputs of a formula request: each formula, or each query when there are none. */
function outputs(ctx: SimulatorContext, request: FormulaRequest, grid: Grid, results: Map<string, Evaluated>) {
  if (!request.formulas.length) {
    return request.queries.map(q => ({
      name: q.name,
      result: results.get(q.name)!,
    }));
  }
  return request.formulas.map(f => ({
    name: f.text,
    result: applyLimit(evaluateExpr(ctx, f.expr, grid, results), f.limit),
  }));
}

function v2Timeseries(ctx: SimulatorContext, req: Request, res: Response) {
  const request = readFormulaRequest(req.body, 'timeseries_request');
  const interval = intervalFor(
    request.queries.flatMap(q => queriesOf(q.expr)),
    request.fromSec,
    request.toSec,
    request.interval,
  );
  const grid = makeGrid(ctx, request.fromSec, request.toSec, interval);
  const results = new Map(request.queries.map(q => [q.name, evaluateExpr(ctx, q.expr, grid)]));
  const series: unknown[] = [];
  const values: Array<Array<number | null>> = [];
  outputs(ctx, request, grid, results).forEach(({ result }, index) => {
    for (const g of result.groups) {
      series.push({
        group_tags: g.tags,
        query_index: index,
        unit: unitList(result.unit) ?? null,
      });
      values.push(g.values.map(v => (v === null || !Number.isFinite(v) ? null : v)));
    }
  });
  res.json({
    data: {
      type: 'timeseries_response',
      attributes: { series, times: grid.times.map(t => t * 1000), values },
    },
  });
}

function reduce(values: Array<number | null>, aggregator: string, interval: number): number | null {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (!present.length) return null;
  switch (aggregator) {
    case 'sum':
      return present.reduce((s, v) => s + v, 0);
    case 'min':
      return Math.min(...present);
    case 'max':
      return Math.max(...present);
    case 'last':
      return present[present.length - 1];
    case 'area':
      return present.reduce((s, v) => s + v, 0) * interval;
    case 'l2norm':
      return Math.sqrt(present.reduce((s, v) => s + v * v, 0));
    default:
      return present.reduce((s, v) => s + v, 0) / present.length;
  }
}

/** A query's result reduced to one value per group (one-point series). */
function scalarOf(ctx: SimulatorContext, expr: Expr, aggregator: string, fromSec: number, toSec: number): Evaluated {
  const q = expr.kind === 'query' ? expr.query : undefined;
  const def = q ? METRICS[q.metric] : undefined;
  const totalsOnly =
    q && def?.kind === 'count' && q.asCount && aggregator === 'sum' && (!q.rollup || q.rollup.method === 'sum');
  if (q && totalsOnly) {
    // Sum of counts over the range: one bucket gives the same total, much faster.
    return evaluateQuery(ctx, q, singleBucketGrid(ctx, fromSec, toSec));
  }
  const interval = intervalFor(queriesOf(expr), fromSec, toSec);
  const grid = makeGrid(ctx, fromSec, toSec, interval);
  const result = evaluateExpr(ctx, expr, grid);
  return {
    ...result,
    groups: result.groups.map(g => ({
      ...g,
      values: [reduce(g.values, aggregator, interval)],
    })),
  };
}

function v2Scalar(ctx: SimulatorContext, req: Request, res: Response) {
  const request = readFormulaRequest(req.body, 'scalar_request');
  const results = new Map(
    request.queries.map(q => [q.name, scalarOf(ctx, q.expr, q.aggregator ?? 'avg', request.fromSec, request.toSec)]),
  );
  const grid: Grid = {
    interval: request.toSec - request.fromSec,
    times: [request.fromSec],
    starts: [request.fromSec],
    ends: [request.toSec],
  };
  const outs = outputs(ctx, request, grid, results);

  // Rows: every group any output has, in a stable order; one group column per group-by key.
  const keys: string[] = [];
  const rows = new Map<string, string[]>();
  for (const { result } of outs) {
    for (const g of result.groups) {
      if (!rows.has(g.key)) rows.set(g.key, g.tags);
      for (const t of g.tags) {
        const k = t.slice(0, t.indexOf(':'));
        if (!keys.includes(k)) keys.push(k);
      }
    }
  }
  const rowKeys = [...rows.keys()].sort();
  const columns: unknown[] = keys.map(k => ({
    name: k,
    type: 'group',
    values: rowKeys.map(rk => {
      const tag = rows.get(rk)!.find(t => t.startsWith(`${k}:`));
      return tag ? [tag.slice(k.length + 1)] : [];
    }),
  }));
  for (const { name, result } of outs) {
    const byKey = new Map(result.groups.map(g => [g.key, g.values[0]]));
    columns.push({
      name,
      type: 'number',
      values: rowKeys.map(rk => {
        const v = byKey.get(rk);
        return v === undefined || v === null || !Number.isFinite(v) ? null : v;
      }),
      meta: { unit: unitList(result.unit) ?? null },
    });
  }
  res.json({ data: { type: 'scalar_response', attributes: { columns } } });
}

export function metricsRouter(ctx: SimulatorContext): Router {
  const router = Router();
  router.get('/api/v1/query', (req, res) => v1Query(ctx, req, res));
  router.post('/api/v2/query/timeseries', (req, res) => v2Timeseries(ctx, req, res));
  router.post('/api/v2/query/scalar', (req, res) => v2Scalar(ctx, req, res));
  return router;
}
