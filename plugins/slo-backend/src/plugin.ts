import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { infraServiceRef } from '@internal/plugin-infra-node';
import { sloPermissions } from '@internal/plugin-slo-common';
import { readSloConfig } from './config';
import { CorrectionsStore } from './database/CorrectionsStore';
import { createRouter } from './service/router';
import { DatadogCountsReader } from './services/SloCounts/DatadogCountsReader';
import { DefaultSloService } from './services/Slo/DefaultSloService';
import { DatadogSloSync } from './services/DatadogSync/DatadogSloSync';
import { GateOverride } from './services/GateOverride/GateOverride';
import { registerSloActions } from './service/actions';

/** `/api/slo`: SLOs as code (`spec.slo`), SLIs from Datadog, budgets, alerts, gate, fleet, review. */
export const sloPlugin = createBackendPlugin({
  pluginId: 'slo',
  register(env) {
    env.registerInit({
      deps: {
        logger: coreServices.logger,
        rootConfig: coreServices.rootConfig,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        userInfo: coreServices.userInfo,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
        infra: infraServiceRef,
        scheduler: coreServices.scheduler,
        auditor: coreServices.auditor,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init(deps) {
        const { logger, rootConfig, database, httpRouter, httpAuth, permissionsRegistry, infra } = deps;
        permissionsRegistry.addPermissions(sloPermissions);
        const config = readSloConfig(rootConfig);
        const store = await CorrectionsStore.create({ database });
        const reader = new DatadogCountsReader(infra, config, logger);
        const slo = new DefaultSloService({ ...deps, store, reader, config });
        const sync = new DatadogSloSync(infra, config);
        // Re-read the fleet's counts in the background (once across replicas, shared through
        // the cache) before they expire, so pages find them fresh and never wait on Datadog.
        await deps.scheduler.scheduleTask({
          id: 'slo-refresh',
          scope: 'global',
          frequency: config.refreshFrequency,
          timeout: { minutes: 5 },
          initialDelay: { seconds: 15 },
          fn: async () => {
            const report = await slo.refreshCounts();
            logger.debug(
              `slo-refresh: ${report.services} services in ${report.groups} queries, Datadog ${report.freshness.state}`,
            );
          },
        });
        const gateOverride = new GateOverride({
          slo,
          permissions: deps.permissions,
          auth: deps.auth,
        });
        httpRouter.use(
          await createRouter({
            httpAuth,
            permissions: deps.permissions,
            slo,
            sync,
            auditor: deps.auditor,
            gateOverride,
          }),
        );
        // The same reads and writes as tools for agents (Backstage's actions registry, served over
        // MCP by the mcp-actions plugin): the SLO service's methods and checks, nothing of their own.
        registerSloActions({
          actionsRegistry: deps.actionsRegistry,
          auth: deps.auth,
          auditor: deps.auditor,
          slo,
        });
      },
    });
  },
});
