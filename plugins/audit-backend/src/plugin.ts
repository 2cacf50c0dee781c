import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { auditStoreServiceRef } from './auditor/auditStoreService';
import { auditEventsReadPermission } from './permissions';
import { createRouter } from './service/router';

/** `/api/audit`: the audit log of every change to the portal's data, for the platform team. */
export const auditPlugin = createBackendPlugin({
  pluginId: 'audit',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        store: auditStoreServiceRef,
      },
      async init({ httpRouter, httpAuth, permissions, permissionsRegistry, store }) {
        permissionsRegistry.addPermissions([auditEventsReadPermission]);
        httpRouter.use(await createRouter({ httpAuth, permissions, store }));
      },
    });
  },
});
