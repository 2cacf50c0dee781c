import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { auditStoreServiceRef } from './auditStoreService';

/** A plugin that needs the audit store, as every plugin's auditor does. */
const needsAuditStore = createBackendPlugin({
  pluginId: 'needs-audit',
  register(reg) {
    reg.registerInit({ deps: { store: auditStoreServiceRef }, async init() {} });
  },
});

describe('the audit store', () => {
  it('refuses to start without backend.database instead of keeping the audit log in memory', async () => {
    await expect(
      startTestBackend({
        features: [
          needsAuditStore,
          mockServices.rootConfig.factory({ data: { backend: { baseUrl: 'http://localhost' } } }),
        ],
      }),
    ).rejects.toThrow(/audit log needs a database: backend\.database is not configured/);
  });

  it('starts with a configured database', async () => {
    const backend = await startTestBackend({
      features: [
        needsAuditStore,
        mockServices.rootConfig.factory({
          data: {
            backend: { baseUrl: 'http://localhost', database: { client: 'better-sqlite3', connection: ':memory:' } },
          },
        }),
      ],
    });
    await backend.stop();
  });
});
