import type { Router } from 'express';
import type { SimulatorContext } from '../context';
import type { VendorErrorFormat } from '../faults';
import { buildPagerDutyRouter } from './router';

export const pagerDutyErrorFormat: VendorErrorFormat = {
  errorBody: (status, message) => ({ error: { message, code: status === 429 ? 2020 : 2000 } }),
  rateLimitHeaders: reset => ({
    'ratelimit-limit': '960',
    'ratelimit-remaining': '0',
    'ratelimit-reset': String(reset),
  }),
  // endlessPages: every classic-paged list says `more: true`, whatever the offset.
  endlessPage: () => body => {
    const page = body as { more?: unknown };
    return page && typeof page === 'object' && typeof page.more === 'boolean' ? { ...page, more: true } : body;
  },
};

/**
 * The PagerDuty simulator: REST API v2 (token auth) and Events API v2 (`/v2/enqueue`, routing-key
 * auth) on one router. All state (incidents, notes, events) lives in the router instance, so the
 * same router can be mounted on several servers (e.g. an HTTPS port for the Events API).
 */
export function createPagerDutyRouter(ctx: SimulatorContext): Router {
  return buildPagerDutyRouter(ctx);
}

export { Directory } from './directory';
export { routingKeyOf } from './directory';
