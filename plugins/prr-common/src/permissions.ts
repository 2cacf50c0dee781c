import type { Permission } from '@backstage/plugin-permission-common';

/**
 * The prr plugin's permissions by role, read by the portal's permission policy
 * (packages/backend/src/permissions): `owner` permissions are resource permissions on a
 * catalog entity, allowed to the entity's owners and the platform team; `platform` permissions
 * are allowed to the platform team only. Filled in by the prr plugin.
 */
export const prrPermissionRoles: { owner: Permission[]; platform: Permission[] } = {
  owner: [],
  platform: [],
};

export const prrPermissions: Permission[] = [
  ...prrPermissionRoles.owner,
  ...prrPermissionRoles.platform,
];
