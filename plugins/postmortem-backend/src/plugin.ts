import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { infraServiceRef } from '@internal/plugin-infra-node';
import { postmortemPermissions } from '@internal/plugin-postmortem-common';
import { readPostmortemConfig } from './config';
import { PostmortemStore } from './database/PostmortemStore';
import { createRouter } from './service/router';
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
      },
      async init(deps) {
        const { logger, rootConfig, database, httpRouter, httpAuth, auditor, permissionsRegistry } = deps;
        permissionsRegistry.addPermissions(postmortemPermissions);
        const config = readPostmortemConfig(rootConfig);
        const store = await PostmortemStore.create({ database });
        const postmortems = new DefaultPostmortemService({
          store,
          catalog: deps.catalog,
          permissions: deps.permissions,
          userInfo: deps.userInfo,
          auth: deps.auth,
          importer: new IncidentImporter(deps.infra),
          sloImpact: new SloImpactClient({ discovery: deps.discovery, auth: deps.auth, logger }),
          config,
          logger,
          notifications: deps.notifications,
        });
        httpRouter.use(await createRouter({ httpAuth, auditor, postmortems }));
      },
    });
  },
});
