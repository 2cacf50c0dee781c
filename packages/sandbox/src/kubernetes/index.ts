import { Router } from 'express';
import type { SimulatorContext } from '../context';
import type { VendorErrorFormat } from '../faults';

export const kubernetesErrorFormat: VendorErrorFormat = {
  errorBody: (status, message) => ({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, code: status }),
  rateLimitHeaders: reset => ({ 'Retry-After': String(reset) }),
};

export function createKubernetesRouter(_ctx: SimulatorContext, _cluster: string): Router {
  return Router();
}
