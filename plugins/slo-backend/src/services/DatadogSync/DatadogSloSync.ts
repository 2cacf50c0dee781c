import type { InfraService } from '@internal/plugin-infra-node';
import type { SloSyncPlan } from '@internal/plugin-slo-common';
import type { SloConfig } from '../../config';
import type { SloEntity } from '../Slo/types';
import { MANAGED_TAG, planSync, type ExistingSlo } from './plan';

const PAGE = 1000;

/**
 * Keeps Datadog's SLO objects in step with the catalog's `spec.slo`: `plan` reads the managed SLOs
 * and says what would change (dry run); `apply` creates and updates them. Only SLOs tagged
 * `managed-by:platform-portal` are read or written.
 */
export class DatadogSloSync {
  constructor(
    private readonly infra: InfraService,
    private readonly config: SloConfig,
  ) {}

  private async existing(): Promise<ExistingSlo[]> {
    const read = await this.infra.datadogCall(`slo-sync:list:${Date.now()}`, 0, async client => {
      const out: ExistingSlo[] = [];
      for (let offset = 0; ; offset += PAGE) {
        const res = await client.run(() =>
          client.sloApi.listSLOs({ tagsQuery: MANAGED_TAG, limit: PAGE, offset }),
        );
        for (const slo of res.data ?? []) {
          const threshold = slo.thresholds?.[0];
          out.push({
            id: String(slo.id),
            spec: {
              name: slo.name ?? '',
              description: slo.description ?? '',
              tags: slo.tags ?? [],
              numerator: slo.query?.numerator ?? '',
              denominator: slo.query?.denominator ?? '',
              timeframe: (threshold?.timeframe ?? '30d') as ExistingSlo['spec']['timeframe'],
              target: threshold?.target ?? 0,
            },
          });
        }
        if ((res.data ?? []).length < PAGE) return out;
      }
    });
    if (!read.data) {
      throw new Error(`Datadog SLOs could not be read: ${read.freshness.error ?? read.freshness.state}`);
    }
    return read.data;
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
      const body = {
        name: desired.name,
        description: desired.description,
        tags: desired.tags,
        type: 'metric' as const,
        query: { numerator: desired.numerator, denominator: desired.denominator },
        thresholds: [{ timeframe: desired.timeframe, target: desired.target }],
      };
      // A unique key: writes are never coalesced or served from cache.
      const key = `slo-sync:${change.action}:${change.entityRef}:${Date.now()}`;
      const result = await this.infra.datadogCall(key, 0, client =>
        client.run(() =>
          change.action === 'create'
            ? client.sloApi.createSLO({ body })
            : client.sloApi.updateSLO({ sloId: change.sloId!, body }),
        ),
      );
      if (result.data) {
        change.applied = true;
        change.sloId = change.sloId ?? String(result.data.data?.[0]?.id ?? '');
      } else {
        change.applied = false;
        change.error = result.freshness.error ?? 'Datadog did not answer';
      }
    }
    return { ...plan, dryRun: false };
  }
}
