import { createPermission } from '@backstage/plugin-permission-common';

/** Placeholder until the postmortem plugin defines its permissions. */
export const postmortemPermissions = [] as ReturnType<typeof createPermission>[];
