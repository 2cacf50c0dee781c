import type { BackstageUserInfo } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isResourcePermission,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import { postmortemPermissionRoles } from '@internal/plugin-postmortem-common';
import { prrPermissionRoles } from '@internal/plugin-prr-common';
import { supportPermissionRoles } from '@internal/plugin-support-common';

/** Members of this group are the platform team: they may do everything in the portal. */
export const PLATFORM_TEAM_REF = 'group:default/team-platform';

const roles = [prrPermissionRoles, postmortemPermissionRoles, supportPermissionRoles];

/** Portal actions that change an entity's data or expose its runtime: owners and the platform team. */
const OWNER_ACTIONS = new Set([
  'infra.pod-logs.read',
  'slo.correction.manage',
  ...roles.flatMap(r => r.owner.map(p => p.name)),
]);

/** Portal actions only the platform team may take. */
const PLATFORM_ONLY = new Set([
  'slo.datadog-sync.apply',
  'infra.pagerduty-event.create',
  'audit.events.read',
  ...roles.flatMap(r => r.platform.map(p => p.name)),
]);

/**
 * The portal's permission policy, two roles from the catalog:
 * - members of the platform team may do everything;
 * - everyone else reads everything, and changes (or reads logs of) only what their teams own;
 *   platform-only actions are denied to them.
 * Backstage's own permissions (catalog, search, …) are allowed as before.
 */
export class PortalPermissionPolicy implements PermissionPolicy {
  async handle(request: PolicyQuery, user?: PolicyQueryUser): Promise<PolicyDecision> {
    const name = request.permission.name;
    if (!OWNER_ACTIONS.has(name) && !PLATFORM_ONLY.has(name)) {
      return { result: AuthorizeResult.ALLOW };
    }
    const info: BackstageUserInfo | undefined = user?.info;
    if (!info) return { result: AuthorizeResult.DENY };
    if (info.ownershipEntityRefs.includes(PLATFORM_TEAM_REF)) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (PLATFORM_ONLY.has(name)) return { result: AuthorizeResult.DENY };
    if (isResourcePermission(request.permission, 'catalog-entity')) {
      return createCatalogConditionalDecision(
        request.permission,
        catalogConditions.isEntityOwner({ claims: info.ownershipEntityRefs }),
      );
    }
    return { result: AuthorizeResult.DENY };
  }
}
