import type { Router } from 'express';
import type { SimulatorContext } from '../context';
import type { VendorErrorFormat } from '../faults';
import { createRouter } from './router';
import { statusBody } from './status';

/** Injected faults answer with a `Status` object, like every kube-apiserver error. */
export const kubernetesErrorFormat: VendorErrorFormat = {
  errorBody: (status, message) => statusBody(status, message, status === 429 ? { retryAfterSeconds: 1 } : undefined),
  rateLimitHeaders: reset => ({ 'Retry-After': String(reset) }),
  // endlessPages: every list answers a `continue` token — the one it was sent, or (on the first
  // page) one that starts the list again — so a client that trusts the token never stops.
  endlessPage: req => body => {
    const list = body as { items?: unknown[]; metadata?: { resourceVersion?: string; continue?: string } };
    if (!Array.isArray(list?.items) || !list.metadata) return body;
    const sent = typeof req.query.continue === 'string' && req.query.continue ? req.query.continue : undefined;
    const restart = Buffer.from(
      JSON.stringify({ v: 'meta.k8s.io/v1', rv: Number(list.metadata.resourceVersion ?? 0), start: '' }),
    ).toString('base64');
    return { ...list, metadata: { ...list.metadata, continue: sent ?? restart } };
  },
};

/** The Kubernetes API of one cluster (see router.ts). */
export function createKubernetesRouter(ctx: SimulatorContext, cluster: string): Router {
  return createRouter(ctx, cluster);
}
