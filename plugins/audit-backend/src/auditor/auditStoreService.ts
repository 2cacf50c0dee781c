import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { DatabaseManager } from '@backstage/backend-defaults/database';
import { AuditStore } from '../database/AuditStore';

/**
 * Root-scoped: the one audit table of the backend process. Every plugin's auditor writes into it
 * and the `audit` plugin reads it, so it cannot live in any single plugin's database service.
 * It uses the backend's database configuration under the plugin id `audit`
 * (`backstage_plugin_audit` on PostgreSQL, `audit.sqlite` with a SQLite directory).
 */
export const auditStoreServiceRef = createServiceRef<AuditStore>({
  id: 'portal.audit.store',
  scope: 'root',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.rootLogger,
        lifecycle: coreServices.rootLifecycle,
      },
      async factory({ config, logger, lifecycle }) {
        const databaseConfig = config.has('backend.database')
          ? config
          : new ConfigReader({ backend: { database: { client: 'better-sqlite3', connection: ':memory:' } } });
        const database = DatabaseManager.fromConfig(databaseConfig).forPlugin('audit', {
          logger: logger.child({ plugin: 'audit' }),
          lifecycle,
        });
        return AuditStore.create({ database });
      },
    }),
});
