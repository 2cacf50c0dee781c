import { Router } from 'express';
import type { SimulatorContext } from '../context';
import { hash32, idFrom } from '../world/hash';
import { badRequest, intParam, iso, isObject } from './http';
import { ownerOf } from './ids';

/** `GET /api/v1/dashboard`: an APM overview per service with endpoints and one per team. */

const ID_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
/** 2025-01-01T00:00:00Z. */
const SETUP_EPOCH = 1735689600;

const dashboardId = (...parts: string[]) =>
  [0, 1, 2].map(i => idFrom(3, ID_ALPHABET, 'datadog-dashboard', i, ...parts)).join('-');

const slug = (title: string) =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

function buildDashboards(ctx: SimulatorContext) {
  const out: Array<Record<string, unknown>> = [];
  const add = (title: string, description: string, author: string, key: string) => {
    const id = dashboardId(key);
    const created = SETUP_EPOCH + (hash32(key, 'dashboard-created') % 150) * 86400;
    const modified = Math.min(created + (hash32(key, 'dashboard-modified') % 300) * 86400, ctx.clock.anchor - 3600);
    out.push({
      id,
      title,
      description,
      layout_type: 'ordered',
      url: `/dashboard/${id}/${slug(title)}`,
      is_read_only: false,
      author_handle: author,
      created_at: iso(created),
      modified_at: iso(Math.max(created, modified)),
    });
  };
  for (const team of ctx.world.teams) {
    const first = team.members[0];
    add(
      `${team.title} overview`,
      `Services, SLOs and monitors of ${team.title}.`,
      first?.email ?? 'sandbox@example.com',
      `team:${team.name}`,
    );
  }
  for (const s of ctx.world.services.filter(x => x.endpoints.length)) {
    add(
      `${s.name} APM overview`,
      `Requests, errors by status and p95 latency of ${s.name} in prod.`,
      ownerOf(ctx.world, s, 'dashboard').email,
      `service:${s.name}`,
    );
  }
  return out;
}

export function dashboardRouter(ctx: SimulatorContext): Router {
  const router = Router();
  const dashboards = buildDashboards(ctx);
  router.get('/api/v1/dashboard', (req, res) => {
    const filter: unknown = req.query.filter;
    const flag = (name: 'shared' | 'deleted') => {
      const v = isObject(filter) ? filter[name] : req.query[`filter[${name}]`];
      if (v === undefined) return false;
      if (v !== 'true' && v !== 'false') throw badRequest(`Invalid value for parameter "filter[${name}]"`);
      return v === 'true';
    };
    const shared = flag('shared');
    const deleted = flag('deleted');
    const count = intParam(req, 'count') ?? 100;
    const start = intParam(req, 'start') ?? 0;
    if (count < 0 || start < 0) throw badRequest('count and start must not be negative');
    const list = shared || deleted ? [] : dashboards;
    res.json({ dashboards: list.slice(start, start + count) });
  });
  return router;
}
