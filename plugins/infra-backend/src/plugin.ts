import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { infraServiceRef, scheduleInfraRefresh } from '@internal/plugin-infra-node';
import { infraPermissions } from '@internal/plugin-infra-common';
import { RolloutStore } from './database/RolloutStore';
import { createRouter } from './service/router';
import { registerInfraActions } from './service/actions';
import { scheduleRolloutWatcher } from './services/RolloutWatcher';

/**
 * `/api/infra`: health of the upstreams, entity overviews, pod logs, deploys. Also schedules the
 * background refresh of the fleet snapshots (one global task per cluster, Datadog and PagerDuty):
 * the infra service is root-scoped and has no scheduler of its own; and the rollout watcher
 * (`infra-rollouts`), which records rollouts and sends their PagerDuty change events.
 */
export const infraPlugin = createBackendPlugin({
  pluginId: 'infra',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        auth: coreServices.auth,
        scheduler: coreServices.scheduler,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        userInfo: coreServices.userInfo,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
        infra: infraServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init({
        config,
        logger,
        database,
        auth,
        scheduler,
        httpRouter,
        httpAuth,
        userInfo,
        permissions,
        permissionsRegistry,
        catalog,
        infra,
        actionsRegistry,
      }) {
        permissionsRegistry.addPermissions(infraPermissions);
        await scheduleInfraRefresh({ scheduler, infra, logger, config });
        const rollouts = await RolloutStore.create({ database });
        await scheduleRolloutWatcher({ scheduler, config, logger, store: rollouts, infra, catalog, auth });
        httpRouter.use(await createRouter({ config, httpAuth, userInfo, permissions, catalog, infra, rollouts }));
        // A service's live health as a tool for agents (served over MCP by the mcp-actions plugin).
        registerInfraActions({ actionsRegistry, catalog, infra });
      },
    });
  },
});
