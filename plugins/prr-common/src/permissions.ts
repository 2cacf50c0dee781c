import { createPermission } from '@backstage/plugin-permission-common';

/** Placeholder until the prr plugin defines its permissions. */
export const prrPermissions = [] as ReturnType<typeof createPermission>[];
