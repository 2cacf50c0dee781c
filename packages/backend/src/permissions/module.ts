import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { readPlatformGroups } from '@internal/plugin-portal-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { PortalPermissionPolicy } from './PortalPermissionPolicy';

/** Installs the portal's permission policy in the permission backend, with the platform groups from config. */
export const portalPermissionPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'portal-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint, config: coreServices.rootConfig, logger: coreServices.logger },
      async init({ policy, config, logger }) {
        const platformGroups = readPlatformGroups(config);
        if (platformGroups.length === 0) {
          logger.warn('portal.platformGroups is empty: nobody holds the platform-only permissions');
        } else {
          logger.info(`Platform team: ${platformGroups.join(', ')}`);
        }
        policy.setPolicy(new PortalPermissionPolicy({ platformGroups, logger }));
      },
    });
  },
});
