import type { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  EntityPrr,
  HistoryEntry,
  ItemComment,
  ManualAnswer,
  PrrTemplate,
  Review,
  Scorecard,
  Tier,
} from '@internal/plugin-prr-common';

export interface ManualUpdate {
  state: 'pending' | 'done' | 'not-applicable';
  evidenceUrl?: string;
  evidenceText?: string;
  reason?: string;
}

export interface ScorecardFilter {
  team?: string;
  tier?: Tier | 'untiered';
}

/** The client of the `prr` backend. */
export interface PrrApi {
  getEntity(entity: CompoundEntityRef): Promise<EntityPrr>;
  evaluate(entity: CompoundEntityRef): Promise<EntityPrr>;
  openReview(entity: CompoundEntityRef): Promise<Review>;
  submit(entity: CompoundEntityRef): Promise<Review>;
  approve(entity: CompoundEntityRef): Promise<Review>;
  requestChanges(entity: CompoundEntityRef, reason: string): Promise<Review>;
  setManual(entity: CompoundEntityRef, itemId: string, update: ManualUpdate): Promise<ManualAnswer>;
  addComment(entity: CompoundEntityRef, itemId: string, text: string): Promise<ItemComment>;
  getHistory(entity: CompoundEntityRef): Promise<HistoryEntry[]>;
  exportMarkdown(entity: CompoundEntityRef, lang: 'en' | 'ja'): Promise<string>;
  getScorecard(filter?: ScorecardFilter): Promise<Scorecard>;
  getTemplates(): Promise<PrrTemplate[]>;
}

export const prrApiRef = createApiRef<PrrApi>({ id: 'plugin.prr.service' });
