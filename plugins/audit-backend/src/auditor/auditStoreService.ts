import { coreServices, createServiceFactory, createServiceRef } from '@backstage/backend-plugin-api';
import { DatabaseManager } from '@backstage/backend-defaults/database';
import { AuditStore } from '../database/AuditStore';

/**
 * Root-scoped: the one audit table of the backend process. Every plugin's auditor writes into it
 * and the `audit` plugin reads it, so it cannot live in any single plugin's database service.
 * It uses the backend's database configuration under the plugin id `audit`
 * (`backstage_plugin_audit` on PostgreSQL, `audit.sqlite` with a SQLite directory).
 * Without `backend.database` it refuses to start: an audit log that silently kept its events in
 * memory would forget them at the next restart.
 */
/** Throws, naming the key, when the backend has no database for the audit log. */
export function assertAuditDatabaseConfigured(config: { has(key: string): boolean }) {
  if (!config.has('backend.database.client')) {
    throw new Error(
      'The audit log needs a database: backend.database is not configured (it will not fall back to memory)',
    );
  }
}

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
        assertAuditDatabaseConfigured(config);
        const database = DatabaseManager.fromConfig(config).forPlugin('audit', {
          logger: logger.child({ plugin: 'audit' }),
          lifecycle,
        });
        return AuditStore.create({ database });
      },
    }),
});
