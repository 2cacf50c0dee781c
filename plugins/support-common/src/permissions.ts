import { createPermission, type Permission } from '@backstage/plugin-permission-common';

/**
 * Triage of support requests: the queue, assignment, every status change, internal notes and
 * analytics. Platform team only.
 */
export const supportRequestTriagePermission = createPermission({
  name: 'support.request.triage',
  attributes: { action: 'update' },
});

/**
 * Reading, commenting on and updating the support requests filed for an entity (besides the
 * requester, who always may): a resource permission, allowed to the entity's owners.
 */
export const supportRequestUpdatePermission = createPermission({
  name: 'support.request.update',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});

/**
 * Paging the platform on-call: filing an urgent request (incident assistance with urgency `high`)
 * pages through PagerDuty. A resource permission on the request's entity: its owners and the
 * platform team may. A request without an entity may page only for the platform team. Without it,
 * an urgent request is refused (403) and nothing is filed or sent; it may be filed non-urgent.
 */
export const supportUrgentPagePermission = createPermission({
  name: 'support.urgent-page.create',
  attributes: { action: 'create' },
  resourceType: 'catalog-entity',
});

/** Filing a support request: every signed-in user may. */
export const supportRequestCreatePermission = createPermission({
  name: 'support.request.create',
  attributes: { action: 'create' },
});

/**
 * The support plugin's permissions by role, read by the portal's permission policy
 * (packages/backend/src/permissions): `owner` permissions are resource permissions on a
 * catalog entity, allowed to the entity's owners and the platform team; `platform` permissions
 * are allowed to the platform team only. `support.request.create` is in neither: everyone may.
 */
export const supportPermissionRoles: { owner: Permission[]; platform: Permission[] } = {
  owner: [supportRequestUpdatePermission, supportUrgentPagePermission],
  platform: [supportRequestTriagePermission],
};

export const supportPermissions: Permission[] = [
  ...supportPermissionRoles.owner,
  ...supportPermissionRoles.platform,
  supportRequestCreatePermission,
];
