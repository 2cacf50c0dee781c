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
};

/**
 * The Datadog API simulator: metric queries (v1 and v2), SLOs, monitors and events, derived
 * from the world's traffic model. See the files beside this one.
 */
export function createDatadogRouter(ctx: SimulatorContext): Router {
  return buildRouter(ctx);
}

export { sloIdFor, monitorIds } from './ids';
