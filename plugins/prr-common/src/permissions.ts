import { createPermission, type Permission } from '@backstage/plugin-permission-common';

/**
 * Changing the production readiness review of an entity: creating and submitting the review,
 * recording evidence or "not applicable" on manual items, commenting, re-evaluating on demand.
 * A resource permission on the entity, so the policy allows it to the entity's owners.
 */
export const prrReviewManagePermission = createPermission({
  name: 'prr.review.manage',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});

/**
 * Signing off a review (approve or request changes): the platform team only. The backend also
 * refuses an approval by the review's author.
 */
export const prrReviewApprovePermission = createPermission({
  name: 'prr.review.approve',
  attributes: { action: 'update' },
});

/**
 * The prr plugin's permissions by role, read by the portal's permission policy
 * (packages/backend/src/permissions): `owner` permissions are resource permissions on a
 * catalog entity, allowed to the entity's owners and the platform team; `platform` permissions
 * are allowed to the platform team only.
 */
export const prrPermissionRoles: { owner: Permission[]; platform: Permission[] } = {
  owner: [prrReviewManagePermission],
  platform: [prrReviewApprovePermission],
};

export const prrPermissions: Permission[] = [...prrPermissionRoles.owner, ...prrPermissionRoles.platform];
