import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { infraServiceRef } from '@internal/plugin-infra-node';
import { infraPermissions } from '@internal/plugin-infra-common';
import { createRouter } from './service/router';

/** `/api/infra`: health of the upstreams, entity overviews, pod logs. */
export const infraPlugin = createBackendPlugin({
  pluginId: 'infra',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        userInfo: coreServices.userInfo,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
        infra: infraServiceRef,
      },
      async init({ config, httpRouter, httpAuth, userInfo, permissions, permissionsRegistry, catalog, infra }) {
        permissionsRegistry.addPermissions(infraPermissions);
        httpRouter.use(await createRouter({ config, httpAuth, userInfo, permissions, catalog, infra }));
      },
    });
  },
});
