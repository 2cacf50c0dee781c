import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { infraServiceRef } from '@internal/plugin-infra-node';
import { portalMetrics } from './metrics';

/** Connects the upstream gauges (calls, cache hits, breaker states) to the shared infra service. */
export const upstreamMetricsModule = createBackendModule({
  pluginId: 'infra',
  moduleId: 'prometheus-metrics',
  register(reg) {
    reg.registerInit({
      deps: { infra: infraServiceRef, logger: coreServices.logger },
      async init({ infra }) {
        portalMetrics.observeUpstreams(() => infra.upstreamStats());
      },
    });
  },
});
