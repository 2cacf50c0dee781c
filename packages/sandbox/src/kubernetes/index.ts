import type { Router } from 'express';
import type { SimulatorContext } from '../context';
import type { VendorErrorFormat } from '../faults';
import { createRouter } from './router';
import { statusBody } from './status';

/** Injected faults answer with a `Status` object, like every kube-apiserver error. */
export const kubernetesErrorFormat: VendorErrorFormat = {
  errorBody: (status, message) => statusBody(status, message, status === 429 ? { retryAfterSeconds: 1 } : undefined),
  rateLimitHeaders: reset => ({ 'Retry-After': String(reset) }),
};

/** The Kubernetes API of one cluster (see router.ts). */
export function createKubernetesRouter(ctx: SimulatorContext, cluster: string): Router {
  return createRouter(ctx, cluster);
}
