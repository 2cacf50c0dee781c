import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import type {
  DeployGate,
  EntitySlo,
  Fleet,
  SloCorrection,
  SloCorrectionInput,
  SloHistory,
  SloImpactReport,
  SloSpec,
  WeeklyReview,
} from '@internal/plugin-slo-common';

/** A catalog entity with a valid `spec.slo`, as the SLO engine needs it. */
export interface SloEntity {
  entityRef: string;
  name: string;
  /** `group:default/team-x` */
  owner?: string;
  /** `system:default/payments` */
  system?: string;
  /** The Datadog `service` tag (annotation `datadoghq.com/service-name`, else the entity name). */
  service: string;
  slo: SloSpec;
}

export interface FleetFilter {
  /** A team: `team-checkout` or `group:default/team-checkout`. */
  owner?: string;
  /** `payments` or `system:default/payments`. */
  system?: string;
}

/** The SLO engine: SLIs, budgets, burn-rate alerts, policy, history, fleet, review, corrections. */
export interface SloService {
  entitySlo(ref: CompoundEntityRef, credentials: BackstageCredentials): Promise<EntitySlo>;
  history(ref: CompoundEntityRef, credentials: BackstageCredentials): Promise<SloHistory>;
  gate(ref: CompoundEntityRef, credentials: BackstageCredentials): Promise<DeployGate>;
  fleet(filter: FleetFilter, credentials: BackstageCredentials): Promise<Fleet>;
  weeklyReview(filter: FleetFilter, credentials: BackstageCredentials): Promise<WeeklyReview>;
  listCorrections(ref: CompoundEntityRef, credentials: BackstageCredentials): Promise<SloCorrection[]>;
  addCorrection(
    ref: CompoundEntityRef,
    input: SloCorrectionInput,
    credentials: BackstageCredentials,
  ): Promise<SloCorrection>;
  deleteCorrection(id: string, credentials: BackstageCredentials): Promise<void>;
  /** What the window `[from, to)` (epoch seconds) cost the entity's SLO. */
  impact(
    ref: CompoundEntityRef,
    window: { from: number; to: number },
    credentials: BackstageCredentials,
  ): Promise<SloImpactReport>;
  /** Every entity with a valid `spec.slo` the caller can see. */
  sloEntities(credentials: BackstageCredentials): Promise<SloEntity[]>;
}
