import { createPermission } from '@backstage/plugin-permission-common';

/** Placeholder until the support plugin defines its permissions. */
export const supportPermissions = [] as ReturnType<typeof createPermission>[];
