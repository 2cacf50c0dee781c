import type { Router } from 'express';
import type { SimulatorContext } from '../context';
import type { VendorErrorFormat } from '../faults';
import { buildRouter } from './router';

export const datadogErrorFormat: VendorErrorFormat = {
  errorBody: (_status, message) => ({ errors: [message] }),
  rateLimitHeaders: reset => ({
    'X-RateLimit-Limit': '100',
    'X-RateLimit-Period': '60',
    'X-RateLimit-Remaining': '0',
    'X-RateLimit-Reset': String(reset),
  }),
  // endlessPages: a paged monitor list (`page`) or event list answers every page with a full page
  // of the first records (`page_size`, default 100, for monitors; 1,000 for events).
  endlessPage: req => {
    const paged = req.path === '/api/v1/monitor' && req.query.page !== undefined;
    if (!paged && req.path !== '/api/v1/events') return undefined;
    (req.query as Record<string, unknown>).page = '0';
    const size = paged ? Number(req.query.page_size ?? 100) : 1000;
    const fill = <T>(items: T[]) =>
      items.length ? Array.from({ length: size }, (_, i) => items[i % items.length]) : items;
    return body => {
      if (Array.isArray(body)) return fill(body);
      const events = body as { events?: unknown[] };
      return Array.isArray(events?.events) ? { ...events, events: fill(events.events) } : body;
    };
  },
};

/**
 * The Datadog API simulator: metric queries (v1 and v2), SLOs, monitors and events, derived
 * from the world's traffic model. See the files beside this one.
 */
export function createDatadogRouter(ctx: SimulatorContext): Router {
  return buildRouter(ctx);
}

export { sloIdFor, monitorIds } from './ids';
