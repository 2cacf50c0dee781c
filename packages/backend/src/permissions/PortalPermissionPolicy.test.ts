import { mockCredentials } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogPermissions } from '@backstage/plugin-catalog-common/alpha';
import { unprocessedEntitiesPermissions } from '@backstage/plugin-catalog-unprocessed-entities-common';
import { AuthorizeResult, createPermission } from '@backstage/plugin-permission-common';
import { auditEventsReadPermission } from '@internal/plugin-audit-backend';
import { readPlatformGroups } from '@internal/plugin-portal-node';
import {
  infraPagerDutyEventCreatePermission,
  infraPodLogsReadPermission,
  infraPermissions,
} from '@internal/plugin-infra-common';
import { postmortemPermissions } from '@internal/plugin-postmortem-common';
import { prrPermissions } from '@internal/plugin-prr-common';
import { sloCorrectionManagePermission, sloDatadogSyncPermission, sloPermissions } from '@internal/plugin-slo-common';
import { supportPermissions } from '@internal/plugin-support-common';
import { PERMISSION_ROLES, PortalPermissionPolicy } from './PortalPermissionPolicy';

const userOf = (ownershipEntityRefs: string[]) => ({
  credentials: mockCredentials.user('user:default/someone'),
  info: { userEntityRef: 'user:default/someone', ownershipEntityRefs },
});
// The platform team is whatever config names: here a group that is not the example company's.
const platformGroups = readPlatformGroups(new ConfigReader({ portal: { platformGroups: ['sre-core'] } }));
const policy = new PortalPermissionPolicy({ platformGroups });
const platformMember = userOf(['user:default/sato.yuki', 'group:default/sre-core']);
const productEngineer = userOf(['user:default/kato.minato', 'group:default/team-checkout']);
const catalogRead = createPermission({
  name: 'catalog.entity.read',
  attributes: { action: 'read' },
  resourceType: 'catalog-entity',
});

describe('PortalPermissionPolicy', () => {
  it('reads the platform groups from config, with group refs completed', () => {
    expect(platformGroups).toEqual(['group:default/sre-core']);
    expect(readPlatformGroups(new ConfigReader({}))).toEqual([]);
    expect(() => readPlatformGroups(new ConfigReader({ portal: { platformGroups: ['user:default/x'] } }))).toThrow(
      /not a Group/,
    );
  });

  it('lets the configured platform groups do everything the policy knows', async () => {
    for (const permission of [
      sloCorrectionManagePermission,
      sloDatadogSyncPermission,
      infraPodLogsReadPermission,
      infraPagerDutyEventCreatePermission,
      auditEventsReadPermission,
    ]) {
      expect(await policy.handle({ permission }, platformMember)).toEqual({ result: AuthorizeResult.ALLOW });
    }
  });

  it('gives a member of team-platform nothing extra when config names another group', async () => {
    const teamPlatform = userOf(['user:default/x', 'group:default/team-platform']);
    expect(await policy.handle({ permission: sloDatadogSyncPermission }, teamPlatform)).toEqual({
      result: AuthorizeResult.DENY,
    });
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
    for (const permission of PERMISSION_ROLES.platform) {
      expect({ name: permission.name, decision: await policy.handle({ permission }, productEngineer) }).toEqual({
        name: permission.name,
        decision: { result: AuthorizeResult.DENY },
      });
    }
  });

  it('denies a permission it does not know, to everyone, and logs it once', async () => {
    const warn = jest.fn();
    const logged = new PortalPermissionPolicy({ platformGroups, logger: { warn } as any });
    const unknown = createPermission({ name: 'scaffolder.task.create', attributes: { action: 'create' } });
    expect(await logged.handle({ permission: unknown }, platformMember)).toEqual({ result: AuthorizeResult.DENY });
    expect(await logged.handle({ permission: unknown }, productEngineer)).toEqual({ result: AuthorizeResult.DENY });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toContain('scaffolder.task.create');
  });

  it('knows every permission of the Backstage plugins the portal runs and of its own plugins', () => {
    const known = new Set(
      Object.values(PERMISSION_ROLES)
        .flat()
        .map(p => p.name),
    );
    const relied = [
      ...catalogPermissions,
      ...Object.values(unprocessedEntitiesPermissions),
      ...infraPermissions,
      ...sloPermissions,
      ...prrPermissions,
      ...postmortemPermissions,
      ...supportPermissions,
      auditEventsReadPermission,
    ].map(p => p.name);
    expect(relied.filter(name => !known.has(name))).toEqual([]);
    // No permission in two roles.
    const all = Object.values(PERMISSION_ROLES)
      .flat()
      .map(p => p.name);
    expect(all.length).toBe(new Set(all).size);
  });

  it('lets every signed-in user read the catalog and file support requests; nobody without a user', async () => {
    for (const permission of PERMISSION_ROLES.everyone) {
      expect(await policy.handle({ permission }, productEngineer)).toEqual({ result: AuthorizeResult.ALLOW });
    }
    expect(await policy.handle({ permission: catalogRead })).toEqual({ result: AuthorizeResult.DENY });
    expect(await policy.handle({ permission: sloCorrectionManagePermission })).toEqual({
      result: AuthorizeResult.DENY,
    });
  });
});
