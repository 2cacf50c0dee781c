import { createPermission } from '@backstage/plugin-permission-common';

/** Reading the audit log (`GET /api/audit/events`): the platform team only. */
export const auditEventsReadPermission = createPermission({
  name: 'audit.events.read',
  attributes: { action: 'read' },
});
