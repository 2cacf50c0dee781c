import { rootHttpRouterServiceFactory } from '@backstage/backend-defaults/rootHttpRouter';
import express from 'express';
import type { AddressInfo } from 'node:net';
import { portalMetrics } from './metrics';
import { requestContext } from './requestContext';

/**
 * Backstage's root HTTP router with the portal's request handling: the same middleware as the
 * default (helmet, CORS, compression, rate limit, health, routes, not-found, errors), with the
 * default request log replaced by `requestContext` (request ids, Prometheus counters, one
 * structured line per request). When `portal.metrics.port` is set, Prometheus metrics are served
 * at `/metrics` on that separate port, which is not behind the Ingress.
 */
export const portalRootHttpRouterServiceFactory = rootHttpRouterServiceFactory({
  configure({ app, middleware, routes, healthRouter, config, logger, lifecycle }) {
    if (process.env.NODE_ENV === 'development') app.set('json spaces', 2);
    const trustProxy = config.getOptional('backend.trustProxy');
    if (trustProxy !== undefined) app.set('trust proxy', trustProxy);
    app.use(middleware.helmet());
    app.use(middleware.cors());
    app.use(middleware.compression());
    app.use(requestContext({ logger }));
    app.use(middleware.rateLimit());
    app.use(healthRouter);
    app.use(routes);
    app.use(middleware.notFound());
    app.use(middleware.error());

    const port = config.getOptionalNumber('portal.metrics.port');
    if (port === undefined) return;
    const host = config.getOptionalString('portal.metrics.host') ?? '0.0.0.0';
    const metricsApp = express();
    metricsApp.get('/metrics', async (_req, res) => {
      res.setHeader('Content-Type', portalMetrics.registry.contentType);
      res.end(await portalMetrics.registry.metrics());
    });
    const server = metricsApp.listen(port, host, () => {
      const address = server.address() as AddressInfo;
      logger.info(`Prometheus metrics at http://${host}:${address.port}/metrics`);
    });
    lifecycle.addShutdownHook(() => new Promise<void>(resolve => server.close(() => resolve())));
  },
});
