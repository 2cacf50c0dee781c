import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { infraServiceRef } from '@internal/plugin-infra-node';
import { postmortemPermissions } from '@internal/plugin-postmortem-common';
import { readPostmortemConfig } from './config';
import { IncidentHistoryStore } from './database/IncidentHistoryStore';
import { PostmortemStore } from './database/PostmortemStore';
import { createRouter } from './service/router';
import { registerPostmortemActions } from './service/actions';
import { IncidentHistory, INCIDENT_HISTORY_TASK_ID } from './services/Incidents/IncidentHistory';
import { IncidentImporter } from './services/Incidents/IncidentImporter';
import { DefaultPostmortemService } from './services/Postmortem/DefaultPostmortemService';
import { SloImpactClient } from './services/SloImpact/SloImpactClient';

/** `/api/postmortem`: postmortems from PagerDuty incidents, SLO impact, review, action items. */
export const postmortemPlugin = createBackendPlugin({
  pluginId: 'postmortem',
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
        discovery: coreServices.discovery,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        catalog: catalogServiceRef,
        infra: infraServiceRef,
        notifications: notificationService,
        scheduler: coreServices.scheduler,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init(deps) {
        const { logger, rootConfig, database, httpRouter, httpAuth, auditor, permissionsRegistry } = deps;
        permissionsRegistry.addPermissions(postmortemPermissions);
        const config = readPostmortemConfig(rootConfig);
        const store = await PostmortemStore.create({ database });
        const history = await IncidentHistoryStore.create({ database });
        const importer = new IncidentImporter(deps.infra);
        const refresher = new IncidentHistory({
          store: history,
          importer,
          logger,
          options: {
            historyDays: config.metrics.historyDays,
            maxLogLookupsPerRun: config.metrics.maxLogLookupsPerRun,
            // Lookups stop starting 15 s before the task's timeout, so the run records how it went.
            runDeadlineMs: Math.max(10_000, config.metrics.refreshTimeoutMinutes * 60_000 - 15_000),
          },
        });
        // Global: once per interval across all replicas (the scheduler's lock in the shared database).
        await deps.scheduler.scheduleTask({
          id: INCIDENT_HISTORY_TASK_ID,
          scope: 'global',
          frequency: { milliseconds: Math.round(config.metrics.refreshMinutes * 60_000) },
          timeout: { milliseconds: Math.round(config.metrics.refreshTimeoutMinutes * 60_000) },
          initialDelay: { milliseconds: Math.round(config.metrics.initialDelaySeconds * 1000) },
          fn: async signal => {
            await refresher.refresh(signal);
          },
        });
        const postmortems = new DefaultPostmortemService({
          store,
          catalog: deps.catalog,
          permissions: deps.permissions,
          userInfo: deps.userInfo,
          auth: deps.auth,
          importer,
          history,
          sloImpact: new SloImpactClient({ discovery: deps.discovery, auth: deps.auth, logger }),
          config,
          logger,
          notifications: deps.notifications,
        });
        httpRouter.use(await createRouter({ httpAuth, auditor, postmortems }));
        // Reads and writes as tools for agents (served over MCP by the mcp-actions plugin).
        registerPostmortemActions({ actionsRegistry: deps.actionsRegistry, auth: deps.auth, auditor, postmortems });
      },
    });
  },
});
