import type { BackstageUserInfo, LoggerService } from '@backstage/backend-plugin-api';
import {
  catalogEntityCreatePermission,
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
  catalogEntityRefreshPermission,
  catalogEntityValidatePermission,
  catalogIngestionManagePermission,
  catalogIngestionReadPermission,
  catalogLocationAnalyzePermission,
  catalogLocationCreatePermission,
  catalogLocationDeletePermission,
  catalogLocationReadPermission,
} from '@backstage/plugin-catalog-common/alpha';
import {
  unprocessedEntitiesDeletePermission,
  unprocessedEntitiesReadPermission,
} from '@backstage/plugin-catalog-unprocessed-entities-common';
import {
  AuthorizeResult,
  isResourcePermission,
  type Permission,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import type { PermissionPolicy, PolicyQuery, PolicyQueryUser } from '@backstage/plugin-permission-node';
import { catalogConditions, createCatalogConditionalDecision } from '@backstage/plugin-catalog-backend/alpha';
import { auditEventsReadPermission } from '@internal/plugin-audit-backend';
import { isPlatformMember } from '@internal/plugin-portal-node';
import { infraPagerDutyEventCreatePermission, infraPodLogsReadPermission } from '@internal/plugin-infra-common';
import { postmortemPermissionRoles, postmortemReviewPermission } from '@internal/plugin-postmortem-common';
import { prrPermissionRoles } from '@internal/plugin-prr-common';
import {
  sloCorrectionManagePermission,
  sloDatadogSyncPermission,
  sloGateOverridePermission,
} from '@internal/plugin-slo-common';
import { supportPermissionRoles, supportRequestCreatePermission } from '@internal/plugin-support-common';

const roles = [prrPermissionRoles, postmortemPermissionRoles, supportPermissionRoles];

/**
 * Every permission the policy knows, by who holds it. A permission in none of these lists is
 * denied to everyone (and logged once), so a plugin added or upgraded later gains nothing until
 * someone decides who may use it.
 */
export const PERMISSION_ROLES = {
  /** Any signed-in user: reading the catalog and its state, filing requests, reviewing what one is assigned. */
  everyone: [
    catalogEntityReadPermission,
    catalogLocationReadPermission,
    catalogEntityRefreshPermission,
    catalogEntityValidatePermission,
    catalogLocationAnalyzePermission,
    catalogIngestionReadPermission,
    unprocessedEntitiesReadPermission,
    supportRequestCreatePermission,
    // The postmortem backend also requires the user to be an assigned reviewer.
    postmortemReviewPermission,
  ] as Permission[],
  /**
   * Owners of the catalog entity (a conditional decision the catalog resolves) and the platform
   * team. Among them `support.urgent-page.create` (from `supportPermissionRoles`): who may page the
   * platform on-call with an urgent request about a service.
   */
  owner: [
    infraPodLogsReadPermission,
    sloCorrectionManagePermission,
    // Overriding the deploy gate of their service (a P0 or security fix), with a reason.
    sloGateOverridePermission,
    ...roles.flatMap(r => r.owner),
  ] as Permission[],
  /**
   * The platform team only. The catalog's contents come from GitHub (the discovery and org
   * providers), so registering, unregistering and deleting entities by hand is an operator's act.
   */
  platform: [
    catalogEntityCreatePermission,
    catalogEntityDeletePermission,
    catalogLocationCreatePermission,
    catalogLocationDeletePermission,
    catalogIngestionManagePermission,
    unprocessedEntitiesDeletePermission,
    sloDatadogSyncPermission,
    infraPagerDutyEventCreatePermission,
    auditEventsReadPermission,
    ...roles.flatMap(r => r.platform),
  ] as Permission[],
};

const EVERYONE = new Set(PERMISSION_ROLES.everyone.map(p => p.name));
const OWNER = new Set(PERMISSION_ROLES.owner.map(p => p.name));
const PLATFORM_ONLY = new Set(PERMISSION_ROLES.platform.map(p => p.name));

/**
 * The portal's permission policy, two roles:
 * - members of the platform groups (`portal.platformGroups`) may do everything the policy knows;
 * - everyone else holds the `everyone` permissions, and the `owner` ones on what their teams own;
 * - a permission the policy does not know is denied, to everybody.
 */
export class PortalPermissionPolicy implements PermissionPolicy {
  private readonly unknownLogged = new Set<string>();

  constructor(private readonly options: { platformGroups: string[]; logger?: LoggerService }) {}

  async handle(request: PolicyQuery, user?: PolicyQueryUser): Promise<PolicyDecision> {
    const name = request.permission.name;
    const known = EVERYONE.has(name) || OWNER.has(name) || PLATFORM_ONLY.has(name);
    if (!known) {
      if (!this.unknownLogged.has(name)) {
        this.unknownLogged.add(name);
        this.options.logger?.warn(`Permission ${name} is unknown to the portal's policy: denied`);
      }
      return { result: AuthorizeResult.DENY };
    }
    const info: BackstageUserInfo | undefined = user?.info;
    if (!info) return { result: AuthorizeResult.DENY };
    if (EVERYONE.has(name)) return { result: AuthorizeResult.ALLOW };
    if (isPlatformMember(info.ownershipEntityRefs, this.options.platformGroups)) {
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
