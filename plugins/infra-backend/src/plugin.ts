import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { infraServiceRef, scheduleInfraRefresh } from '@internal/plugin-infra-node';
import { infraPermissions } from '@internal/plugin-infra-common';
import { createRouter } from './service/router';

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
      }) {
        permissionsRegistry.addPermissions(infraPermissions);
        await scheduleInfraRefresh({ scheduler, infra, logger, config });
        httpRouter.use(await createRouter({ config, httpAuth, userInfo, permissions, catalog, infra }));
      },
    });
  },
});
