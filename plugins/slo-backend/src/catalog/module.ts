import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { SloDefinitionProcessor } from './SloDefinitionProcessor';

/** Catalog module: validates `spec.slo` as entities are processed. */
export const catalogModuleSloDefinitions = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'slo-definitions',
  register(env) {
    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        logger: coreServices.logger,
      },
      async init({ catalog, logger }) {
        catalog.addProcessor(new SloDefinitionProcessor());
        logger.debug('slo: validating spec.slo of catalog entities');
      },
    });
  },
});
