import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { infraServiceRef, scheduleInfraRefresh } from '@internal/plugin-infra-node';
import { infraPermissions } from '@internal/plugin-infra-common';
import { createRouter } from './service/router';
import { registerInfraActions } from './service/actions';

/**
 * `/api/infra`: health of the upstreams, entity overviews, pod logs. Also schedules the background
 * refresh of the fleet snapshots (one global task per cluster, Datadog and PagerDuty): the infra
 * service is root-scoped and has no scheduler of its own.
 */
export const infraPlugin = createBackendPlugin({
  pluginId: 'infra',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
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
        httpRouter.use(await createRouter({ config, httpAuth, userInfo, permissions, catalog, infra }));
        // A service's live health as a tool for agents (served over MCP by the mcp-actions plugin).
        registerInfraActions({ actionsRegistry, catalog, infra });
      },
    });
  },
});
