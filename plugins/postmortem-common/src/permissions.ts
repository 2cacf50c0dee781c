import type { Permission } from '@backstage/plugin-permission-common';

/**
 * The postmortem plugin's permissions by role, read by the portal's permission policy
 * (packages/backend/src/permissions): `owner` permissions are resource permissions on a
 * catalog entity, allowed to the entity's owners and the platform team; `platform` permissions
 * are allowed to the platform team only. Filled in by the postmortem plugin.
 */
export const postmortemPermissionRoles: { owner: Permission[]; platform: Permission[] } = {
  owner: [],
  platform: [],
};

export const postmortemPermissions: Permission[] = [
  ...postmortemPermissionRoles.owner,
  ...postmortemPermissionRoles.platform,
];
