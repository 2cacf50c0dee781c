import type { InfraService } from '@internal/plugin-infra-node';
import type { SloSyncPlan } from '@internal/plugin-slo-common';
import type { SloConfig } from '../../config';
import type { SloEntity } from '../Slo/types';
import { ENTITY_TAG_PREFIX, MANAGED_TAG, planSync, type ExistingSlo } from './plan';

/**
 * Keeps Datadog's SLO objects in step with the catalog's `spec.slo`: `plan` reads the managed SLOs
 * and says what would change (dry run); `apply` creates and updates them. Only SLOs tagged
 * `managed-by:platform-portal` are read or written.
 */
export class DatadogSloSync {
  constructor(private readonly infra: InfraService, private readonly config: SloConfig) {}

  /** The managed SLOs as Datadog has them now (never a cached list). */
  private async existing(): Promise<ExistingSlo[]> {
    const read = await this.infra.listSlos(MANAGED_TAG);
    if (!read.data) {
      throw new Error(`Datadog SLOs could not be read: ${read.freshness.error ?? read.freshness.state}`);
    }
    return read.data.map(({ id, ...spec }) => ({ id, spec }));
  }

  async plan(entities: SloEntity[]): Promise<SloSyncPlan> {
    const changes = planSync(entities, await this.existing(), this.config);
    return { generatedAt: new Date().toISOString(), dryRun: true, changes };
  }

  /** Creates and updates what the plan says; each change reports whether it was written. */
  async apply(entities: SloEntity[]): Promise<SloSyncPlan> {
    const plan = await this.plan(entities);
    for (const change of plan.changes) {
      const desired = change.desired;
      if (!desired || (change.action !== 'create' && change.action !== 'update')) continue;
      try {
        // A create is attempted once (after an unclear failure the infra layer looks for it by
        // the entity's tag instead of creating a duplicate); an update (PUT) may be retried.
        const written =
          change.action === 'create'
            ? await this.infra.createSlo(desired, {
                identifyingTags: [MANAGED_TAG, `${ENTITY_TAG_PREFIX}${change.entityRef}`],
              })
            : await this.infra.updateSlo(change.sloId!, desired);
        change.applied = true;
        change.sloId = change.sloId ?? written.id;
      } catch (e) {
        change.applied = false;
        change.error = (e as Error)?.message || 'Datadog did not answer';
      }
    }
    return { ...plan, dryRun: false };
  }
}
