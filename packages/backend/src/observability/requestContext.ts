import type { LoggerService } from '@backstage/backend-plugin-api';
import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { portalMetrics, type PortalMetrics } from './metrics';

const VALID_ID = /^[A-Za-z0-9._:-]{1,64}$/;
const PLUGIN = /^\/api\/([a-z0-9-]+)/i;

/** The plugin a request is for: the first path segment after /api/, else `other` (bounded labels). */
export function pluginOf(path: string): string {
  const match = PLUGIN.exec(path);
  if (match) return match[1].toLowerCase();
  if (path.startsWith('/.backstage/')) return 'backstage';
  return 'other';
}

/**
 * Gives every request an id (the caller's `x-request-id` when it is a sane token, else a UUID),
 * echoes it in the response, and on finish counts the request, observes its latency and logs one
 * structured line: request id, method, path (never the query string, which may carry tokens),
 * status and duration.
 */
export function requestContext(options: { logger: LoggerService; metrics?: PortalMetrics }) {
  const metrics = options.metrics ?? portalMetrics;
  const logger = options.logger.child({ type: 'incomingRequest' });
  return (req: Request, res: Response, next: NextFunction) => {
    const incoming = req.headers['x-request-id'];
    const requestId = typeof incoming === 'string' && VALID_ID.test(incoming) ? incoming : randomUUID();
    req.headers['x-request-id'] = requestId;
    res.setHeader('x-request-id', requestId);
    const startedAt = process.hrtime.bigint();
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
      const path = (req.originalUrl ?? req.url).split('?')[0];
      const plugin = pluginOf(path);
      metrics.httpRequests.inc({ plugin, method: req.method, status: `${Math.floor(res.statusCode / 100)}xx` });
      metrics.httpDuration.observe({ plugin, method: req.method }, seconds);
      logger.info(`${req.method} ${path} ${res.statusCode} ${Math.round(seconds * 1000)}ms`, {
        requestId,
        method: req.method,
        path,
        status: res.statusCode,
        durationMs: Math.round(seconds * 1000),
        plugin,
      });
    });
    next();
  };
}
