import { createPermission } from '@backstage/plugin-permission-common';

/** Reading pod logs of an entity's workloads (they may hold personal data or secrets). */
export const infraPodLogsReadPermission = createPermission({
  name: 'infra.pod-logs.read',
  attributes: { action: 'read' },
  resourceType: 'catalog-entity',
});

/** Sending events to PagerDuty (trigger/resolve) on behalf of a user. */
export const infraPagerDutyEventCreatePermission = createPermission({
  name: 'infra.pagerduty-event.create',
  attributes: { action: 'create' },
});

export const infraPermissions = [
  infraPodLogsReadPermission,
  infraPagerDutyEventCreatePermission,
];
