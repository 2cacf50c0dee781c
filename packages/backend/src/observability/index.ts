/** Self-observability of the backend: request ids, structured request logs, Prometheus metrics. */
export { portalMetrics, PortalMetrics } from './metrics';
export { portalRootHttpRouterServiceFactory } from './rootHttpRouter';
export { instrumentedSchedulerServiceFactory, instrumentScheduler } from './scheduler';
export { upstreamMetricsModule } from './upstreamMetrics';
export { requestContext, pluginOf } from './requestContext';
