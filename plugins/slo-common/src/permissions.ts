import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Creating and deleting SLO corrections (maintenance windows excluded from the SLI) of an entity.
 * A resource permission, so a policy can allow it to the entity's owners only.
 */
export const sloCorrectionManagePermission = createPermission({
  name: 'slo.correction.manage',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});

/** Creating and updating the Datadog SLO objects from the catalog's `spec.slo` definitions. */
export const sloDatadogSyncPermission = createPermission({
  name: 'slo.datadog-sync.apply',
  attributes: { action: 'update' },
});

/**
 * Overriding the deploy gate of an entity (a P0 or security fix shipped while the budget is
 * exhausted), with a reason the audit log keeps. A resource permission: owners and the platform team.
 */
export const sloGateOverridePermission = createPermission({
  name: 'slo.gate.override',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});

export const sloPermissions = [sloCorrectionManagePermission, sloDatadogSyncPermission, sloGateOverridePermission];
