import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { SANDBOX_CREDENTIALS, type SimulatorContext } from '../context';
import { dashboardRouter } from './dashboards';
import { eventRouter } from './events';
import { ApiError } from './http';
import { metricsRouter } from './metricsApi';
import { monitorRouter } from './monitors';
import { SloStore, sloRouter } from './slos';

/** Event intake needs only the API key; everything else also the application key. */
function apiKeyOnly(req: Request): boolean {
  return req.method === 'POST' && /^\/api\/v[12]\/events\/?$/.test(req.path);
}

/** Datadog answers 403 `{"errors": ["Forbidden"]}` unless the keys are valid. */
function requireKeys(req: Request, res: Response, next: NextFunction) {
  if (
    req.get('DD-API-KEY') !== SANDBOX_CREDENTIALS.datadogApiKey ||
    (!apiKeyOnly(req) && req.get('DD-APPLICATION-KEY') !== SANDBOX_CREDENTIALS.datadogAppKey)
  ) {
    res.status(403).json({ errors: ['Forbidden'] });
    return;
  }
  next();
}

export function buildRouter(ctx: SimulatorContext): Router {
  const router = Router();
  router.use(requireKeys);
  router.use(
    express.json({
      limit: '5mb',
      type: ['application/json', 'application/*+json'],
    }),
  );
  router.use(metricsRouter(ctx));
  router.use(sloRouter(ctx, new SloStore(ctx)));
  router.use(monitorRouter(ctx));
  router.use(eventRouter(ctx));
  router.use(dashboardRouter(ctx));
  router.use((_req: Request, res: Response) => {
    res.status(404).json({ errors: ['Not found'] });
  });
  router.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof ApiError) {
      res.status(err.status).json({ errors: [err.message] });
      return;
    }
    const e = err as { type?: string; status?: number; message?: string };
    if (e?.type === 'entity.parse.failed') {
      res.status(400).json({
        errors: [`Invalid JSON: ${e.message ?? 'unparsable body'}`],
      });
      return;
    }
    if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
      res.status(e.status).json({ errors: [e.message ?? 'Bad request'] });
      return;
    }
    res.status(500).json({ errors: [`Internal error: ${e?.message ?? String(err)}`] });
  });
  return router;
}
