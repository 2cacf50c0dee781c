import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { infraServiceRef } from '@internal/plugin-infra-node';
import { supportPermissions } from '@internal/plugin-support-common';
import { readSupportConfig } from './config';
import { SupportStore } from './database/SupportStore';
import { createRouter } from './service/router';
import { registerSupportActions } from './service/actions';
import { ContextCollector } from './services/Context/ContextCollector';
import { UrgentPager } from './services/Paging/UrgentPager';
import { SlaMonitor } from './services/Sla/SlaMonitor';
import { seedDemoData } from './services/Support/demoData';
import { DefaultSupportService } from './services/Support/DefaultSupportService';
import { loadRequestTypes } from './types/loadTypes';

/** `/api/support`: support requests from product teams, with context, triage, SLA clocks and paging. */
export const supportPlugin = createBackendPlugin({
  pluginId: 'support',
  register(env) {
    env.registerInit({
      deps: {
        logger: coreServices.logger,
        rootConfig: coreServices.rootConfig,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        userInfo: coreServices.userInfo,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        auditor: coreServices.auditor,
        catalog: catalogServiceRef,
        notifications: notificationService,
        infra: infraServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init(deps) {
        const { logger, rootConfig, database, httpRouter, scheduler } = deps;
        deps.permissionsRegistry.addPermissions(supportPermissions);
        const config = readSupportConfig(rootConfig);
        const types = loadRequestTypes(rootConfig);
        const store = await SupportStore.create({ database });
        const context = new ContextCollector(deps);
        const pager = new UrgentPager({
          store,
          infra: deps.infra,
          logger,
          routingKey: config.routingKey,
          dedupWindowMinutes: config.dedupWindowMinutes,
          portalUrl: rootConfig.getOptionalString('app.baseUrl') ?? '',
        });
        const support = new DefaultSupportService({ ...deps, store, types, config, context, pager });
        // Demo data only ever goes into the local sandbox's database.
        if (config.demoData && rootConfig.getOptionalBoolean('infra.sandbox')) {
          await seedDemoData(store, logger);
        }
        // The SLA instants of requests filed before they were stored or under another SLA config
        // (in the background: lists compute the missing ones they need meanwhile).
        support.refreshSla({ configChanged: true }).then(
          n => n && logger.info(`support: computed the SLA due times of ${n} request(s)`),
          e => logger.warn(`support: computing the SLA due times failed: ${e}`),
        );

        const monitor = new SlaMonitor({ store, support, logger });
        await scheduler.scheduleTask({
          id: 'support-sla-events',
          frequency: { minutes: config.checkFrequencyMinutes },
          timeout: { minutes: 5 },
          initialDelay: { seconds: 30 },
          scope: 'global',
          fn: async () => {
            await monitor.run();
          },
        });

        httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            auditor: deps.auditor,
            support,
            maxBodyBytes: config.maxBodyBytes,
            timeZone: config.calendar.timeZone,
          }),
        );
        // Reading and filing requests as tools for agents (served over MCP by the mcp-actions plugin).
        registerSupportActions({
          actionsRegistry: deps.actionsRegistry,
          auth: deps.auth,
          auditor: deps.auditor,
          permissions: deps.permissions,
          support,
        });
      },
    });
  },
});
