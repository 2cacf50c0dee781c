import { createPermission } from '@backstage/plugin-permission-common';

/** Reading pod logs of an entity's workloads (they may hold personal data or secrets). */
export const infraPodLogsReadPermission = createPermission({
  name: 'infra.pod-logs.read',
  attributes: { action: 'read' },
  resourceType: 'catalog-entity',
});

/**
 * Sending events to PagerDuty (trigger/resolve) on behalf of a user: platform team only. Urgent
 * support requests page under their own permission, `support.urgent-page.create` (the entity's
 * owners may), not this one.
 */
export const infraPagerDutyEventCreatePermission = createPermission({
  name: 'infra.pagerduty-event.create',
  attributes: { action: 'create' },
});

export const infraPermissions = [infraPodLogsReadPermission, infraPagerDutyEventCreatePermission];
