import { coreServices, createServiceFactory } from '@backstage/backend-plugin-api';
import { PortalAuditor } from './PortalAuditor';
import { auditStoreServiceRef } from './auditStoreService';

/** Replaces Backstage's default auditor: logs every event and stores the changes (see PortalAuditor). */
export const portalAuditorServiceFactory = createServiceFactory({
  service: coreServices.auditor,
  deps: {
    auth: coreServices.auth,
    httpAuth: coreServices.httpAuth,
    logger: coreServices.logger,
    plugin: coreServices.pluginMetadata,
    store: auditStoreServiceRef,
  },
  factory({ auth, httpAuth, logger, plugin, store }) {
    return new PortalAuditor(plugin.getId(), {
      auth,
      httpAuth,
      logger: logger.child({ auditor: true }),
      store,
    });
  },
});
