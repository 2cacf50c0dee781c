import { Router } from 'express';
import type { SimulatorContext } from '../context';
import type { VendorErrorFormat } from '../faults';

export const datadogErrorFormat: VendorErrorFormat = {
  errorBody: (_status, message) => ({ errors: [message] }),
  rateLimitHeaders: reset => ({ 'X-RateLimit-Limit': '100', 'X-RateLimit-Period': '60', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(reset) }),
};

export function createDatadogRouter(_ctx: SimulatorContext): Router {
  return Router();
}
