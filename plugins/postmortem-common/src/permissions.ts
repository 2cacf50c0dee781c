import { createPermission, type Permission } from '@backstage/plugin-permission-common';

/**
 * Writing the postmortems of an entity: create, edit the document, the timeline and the action
 * items, send for review, reopen, recompute the SLO impact. A resource permission on the entity
 * (`resourceRef` = the postmortem's entity ref): its owners and the platform team.
 */
export const postmortemEditPermission = createPermission({
  name: 'postmortem.edit',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});

/** Deleting a postmortem with its revisions, timeline and action items: platform team only. */
export const postmortemDeletePermission = createPermission({
  name: 'postmortem.delete',
  attributes: { action: 'delete' },
});

/**
 * Approving a postmortem one was assigned to review. Allowed to everybody by the policy; the
 * backend also requires the user to be an assigned reviewer.
 */
export const postmortemReviewPermission = createPermission({
  name: 'postmortem.review',
  attributes: { action: 'update' },
});

/**
 * The postmortem plugin's permissions by role, read by the portal's permission policy
 * (packages/backend/src/permissions): `owner` permissions are resource permissions on a
 * catalog entity, allowed to the entity's owners and the platform team; `platform` permissions
 * are allowed to the platform team only.
 */
export const postmortemPermissionRoles: {
  owner: Permission[];
  platform: Permission[];
} = {
  owner: [postmortemEditPermission],
  platform: [postmortemDeletePermission],
};

export const postmortemPermissions: Permission[] = [
  ...postmortemPermissionRoles.owner,
  ...postmortemPermissionRoles.platform,
  postmortemReviewPermission,
];
