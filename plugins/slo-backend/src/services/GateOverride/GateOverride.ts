import type { AuthService, BackstageCredentials, PermissionsService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef, type CompoundEntityRef } from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  sloGateOverridePermission,
  type DeployGateOverride,
  type DeployGateOverrideInput,
} from '@internal/plugin-slo-common';
import type { SloService } from '../Slo/types';

/**
 * Overriding the deploy gate for one deploy (a P0 or security fix while the budget is exhausted):
 * the caller needs `slo.gate.override` on the entity, the gate is evaluated as usual (so the
 * entity must exist, declare an SLO and be visible to the caller), and the answer is "allowed" with the
 * reason and what the gate said. Nothing is stored here: the route records the override in the
 * audit log, and the next deploy asks the gate again.
 */
export class GateOverride {
  constructor(
    private readonly deps: {
      slo: SloService;
      permissions: PermissionsService;
      auth: AuthService;
      now?: () => Date;
    },
  ) {}

  async override(
    ref: CompoundEntityRef,
    input: DeployGateOverrideInput,
    credentials: BackstageCredentials,
  ): Promise<DeployGateOverride> {
    // The permission first: a caller who may not override learns nothing about the entity.
    const entityRef = stringifyEntityRef(ref);
    const [decision] = await this.deps.permissions.authorize(
      [{ permission: sloGateOverridePermission, resourceRef: entityRef }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`You may not override the deploy gate of ${entityRef}`);
    }
    const gate = await this.deps.slo.gate(ref, credentials);
    return {
      entityRef: gate.entityRef,
      allowed: true,
      decision: 'overridden',
      reason: input.reason.trim(),
      actor: this.actorOf(credentials),
      at: (this.deps.now?.() ?? new Date()).toISOString(),
      gate,
    };
  }

  private actorOf(credentials: BackstageCredentials): string {
    if (this.deps.auth.isPrincipal(credentials, 'user')) return credentials.principal.userEntityRef;
    if (this.deps.auth.isPrincipal(credentials, 'service')) return credentials.principal.subject;
    throw new NotAllowedError('An override needs an identified caller');
  }
}
