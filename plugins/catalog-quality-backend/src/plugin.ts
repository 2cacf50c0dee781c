import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { infraServiceRef } from '@internal/plugin-infra-node';
import { createRouter } from './service/router';
import { DefaultQualityReportService } from './services/QualityReport';

/** `/api/catalog-quality`: data-quality findings of the catalog and its drift from the clusters. */
export const catalogQualityPlugin = createBackendPlugin({
  pluginId: 'catalog-quality',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        logger: coreServices.logger,
        catalog: catalogServiceRef,
        infra: infraServiceRef,
      },
      async init({ httpRouter, httpAuth, auth, discovery, logger, catalog, infra }) {
        const qualityReport = new DefaultQualityReportService({
          catalog,
          infra,
          auth,
          discovery,
          logger,
        });
        httpRouter.use(await createRouter({ httpAuth, qualityReport }));
      },
    });
  },
});
