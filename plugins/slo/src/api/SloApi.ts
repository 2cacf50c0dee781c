import type { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  DeployGate,
  EntitySlo,
  Fleet,
  SloCorrection,
  SloHistory,
  WeeklyReview,
} from '@internal/plugin-slo-common';

/** What the "Add correction" dialog sends: a window to leave out of the SLI, and why. */
export interface NewSloCorrection {
  /** ISO 8601. */
  start: string;
  /** ISO 8601, after `start`. */
  end: string;
  /** RFC 5545 RRULE when the window repeats, e.g. `FREQ=WEEKLY;BYDAY=TU,TH`. */
  rrule?: string;
  reason: string;
}

/** Narrows the fleet to one team (owner entity ref) and/or one system. */
export interface FleetFilter {
  owner?: string;
  system?: string;
}

/** The text formats of the weekly review. */
export type WeeklyReviewFormat = 'markdown' | 'csv';

/**
 * The `slo` backend's REST API (`/api/slo`), as the frontend uses it. Failures reject with a
 * `ResponseError` from `@backstage/errors`, which carries the HTTP status and the backend's message.
 */
export interface SloApi {
  /** The entity's SLO now; rejects with a 404 when the entity declares no SLO. */
  getEntitySlo(entity: CompoundEntityRef): Promise<EntitySlo>;
  /** Daily SLI and budget burn-down over the entity's SLO window. */
  getHistory(entity: CompoundEntityRef): Promise<SloHistory>;
  /** Whether the error-budget policy allows deploying the entity now. */
  getDeployGate(entity: CompoundEntityRef): Promise<DeployGate>;
  /** Every service with an SLO, optionally narrowed to a team or a system. */
  getFleet(filter?: FleetFilter): Promise<Fleet>;
  /** Twelve weeks of weekly attainment per service. */
  getWeeklyReview(): Promise<WeeklyReview>;
  /** The weekly review as Markdown or CSV text, for download. */
  /** The Markdown in `lang` (the backend's default, English, without it); CSV has no language. */
  getWeeklyReviewText(format: WeeklyReviewFormat, lang?: 'en' | 'ja'): Promise<string>;
  getCorrections(entity: CompoundEntityRef): Promise<SloCorrection[]>;
  /** Rejects with 403 without permission and 400 (with the reason) on bad input. */
  createCorrection(entity: CompoundEntityRef, correction: NewSloCorrection): Promise<SloCorrection>;
  deleteCorrection(id: string): Promise<void>;
}

export const sloApiRef = createApiRef<SloApi>({
  id: 'plugin.slo.service',
});
