import type { BackstageCredentials } from '@backstage/backend-plugin-api';
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

export interface EntityParams {
  kind: string;
  namespace: string;
  name: string;
}

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

/** The production readiness reviews: checklists, live checks, workflow, drift and the scorecard. */
export interface PrrService {
  templates(): PrrTemplate[];
  entityPrr(ref: EntityParams, credentials: BackstageCredentials): Promise<EntityPrr>;
  evaluate(ref: EntityParams, credentials: BackstageCredentials): Promise<EntityPrr>;
  openReview(ref: EntityParams, credentials: BackstageCredentials): Promise<Review>;
  submit(ref: EntityParams, credentials: BackstageCredentials): Promise<Review>;
  approve(ref: EntityParams, credentials: BackstageCredentials): Promise<Review>;
  requestChanges(ref: EntityParams, reason: string, credentials: BackstageCredentials): Promise<Review>;
  setManual(
    ref: EntityParams,
    itemId: string,
    update: ManualUpdate,
    credentials: BackstageCredentials,
  ): Promise<ManualAnswer>;
  addComment(ref: EntityParams, itemId: string, text: string, credentials: BackstageCredentials): Promise<ItemComment>;
  history(ref: EntityParams, credentials: BackstageCredentials): Promise<HistoryEntry[]>;
  exportMarkdown(ref: EntityParams, lang: 'en' | 'ja', credentials: BackstageCredentials): Promise<string>;
  scorecard(filter: ScorecardFilter, credentials: BackstageCredentials): Promise<Scorecard>;
  /** The scheduled run: every component evaluated, drift detected. */
  evaluateAll(): Promise<{ evaluated: number; drifted: number }>;
  /** Deletes evaluations past the retention (each entity keeps its latest); returns how many. */
  prune(): Promise<number>;
}
