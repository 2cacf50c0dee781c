import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult, createPermission } from '@backstage/plugin-permission-common';
import { infraPagerDutyEventCreatePermission, infraPodLogsReadPermission } from '@internal/plugin-infra-common';
import { sloCorrectionManagePermission, sloDatadogSyncPermission } from '@internal/plugin-slo-common';
import { PLATFORM_TEAM_REF, PortalPermissionPolicy } from './PortalPermissionPolicy';

const policy = new PortalPermissionPolicy();
const userOf = (ownershipEntityRefs: string[]) => ({
  credentials: mockCredentials.user('user:default/someone'),
  info: { userEntityRef: 'user:default/someone', ownershipEntityRefs },
});
const platformMember = userOf(['user:default/sato.yuki', PLATFORM_TEAM_REF]);
const productEngineer = userOf(['user:default/kato.minato', 'group:default/team-checkout']);

describe('PortalPermissionPolicy', () => {
  it('lets the platform team do everything', async () => {
    for (const permission of [
      sloCorrectionManagePermission,
      sloDatadogSyncPermission,
      infraPodLogsReadPermission,
      infraPagerDutyEventCreatePermission,
    ]) {
      expect(await policy.handle({ permission }, platformMember)).toEqual({ result: AuthorizeResult.ALLOW });
    }
  });

  it('lets others act on what their teams own, and nothing platform-only', async () => {
    const decision = await policy.handle({ permission: sloCorrectionManagePermission }, productEngineer);
    expect(decision).toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        params: { claims: ['user:default/kato.minato', 'group:default/team-checkout'] },
      },
    });
    expect((await policy.handle({ permission: infraPodLogsReadPermission }, productEngineer)).result).toBe(
      AuthorizeResult.CONDITIONAL,
    );
    expect(await policy.handle({ permission: sloDatadogSyncPermission }, productEngineer)).toEqual({
      result: AuthorizeResult.DENY,
    });
    expect(await policy.handle({ permission: infraPagerDutyEventCreatePermission }, productEngineer)).toEqual({
      result: AuthorizeResult.DENY,
    });
  });

  it('denies portal actions without a user, and leaves Backstage reads alone', async () => {
    expect(await policy.handle({ permission: sloCorrectionManagePermission })).toEqual({
      result: AuthorizeResult.DENY,
    });
    const catalogRead = createPermission({ name: 'catalog.entity.read', attributes: { action: 'read' }, resourceType: 'catalog-entity' });
    expect(await policy.handle({ permission: catalogRead }, productEngineer)).toEqual({ result: AuthorizeResult.ALLOW });
  });
});
