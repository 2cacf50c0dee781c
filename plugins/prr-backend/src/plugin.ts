import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { infraServiceRef } from '@internal/plugin-infra-node';
import { prrPermissions } from '@internal/plugin-prr-common';
import { readPrrConfig } from './config';
import { PrrStore } from './database/PrrStore';
import { createRouter } from './service/router';
import { registerPrrActions } from './service/actions';
import { DefaultPrrService } from './services/Prr/DefaultPrrService';
import { loadTemplates } from './templates/templates';

/** `/api/prr`: production readiness reviews verified against live data, sign-off, drift, scorecard. */
export const prrPlugin = createBackendPlugin({
  pluginId: 'prr',
  register(env) {
    env.registerInit({
      deps: {
        logger: coreServices.logger,
        rootConfig: coreServices.rootConfig,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        auditor: coreServices.auditor,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
        infra: infraServiceRef,
        notifications: notificationService,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init(deps) {
        const { logger, rootConfig, database, httpRouter, httpAuth, auditor, scheduler } = deps;
        deps.permissionsRegistry.addPermissions(prrPermissions);
        const config = readPrrConfig(rootConfig);
        const templates = loadTemplates(config);
        const store = await PrrStore.create({ database });
        const prr = new DefaultPrrService({ ...deps, store, config, templates });
        await scheduler.scheduleTask({
          id: 'prr-evaluate-all',
          frequency: { minutes: config.frequencyMinutes },
          timeout: { minutes: config.timeoutMinutes },
          initialDelay: { seconds: config.initialDelaySeconds },
          scope: 'global',
          fn: async () => {
            const { evaluated, drifted } = await prr.evaluateAll();
            const pruned = await prr.prune();
            logger.info(
              `PRR: evaluated ${evaluated} component(s), ${drifted} review(s) drifted, ${pruned} old evaluation(s) deleted`,
            );
          },
        });
        httpRouter.use(await createRouter({ httpAuth, auditor, prr }));
        // The checklist as a tool for agents (served over MCP by the mcp-actions plugin).
        registerPrrActions({ actionsRegistry: deps.actionsRegistry, auth: deps.auth, prr });
      },
    });
  },
});
