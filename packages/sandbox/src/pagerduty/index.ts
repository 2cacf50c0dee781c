import { Router } from 'express';
import type { SimulatorContext } from '../context';
import type { VendorErrorFormat } from '../faults';

export const pagerDutyErrorFormat: VendorErrorFormat = {
  errorBody: (status, message) => ({ error: { message, code: status === 429 ? 2020 : 2000 } }),
  rateLimitHeaders: reset => ({ 'ratelimit-limit': '960', 'ratelimit-remaining': '0', 'ratelimit-reset': String(reset) }),
};

export function createPagerDutyRouter(_ctx: SimulatorContext): Router {
  return Router();
}
