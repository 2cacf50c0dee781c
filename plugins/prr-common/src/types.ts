/** Wire types of `/api/prr` and of the checklist templates. */
import type { EvidenceCode } from './evidence';

/** Service tiers, from the SLO objective: A ≥ 99.9 %, B 99–99.9 %, C below 99 %. */
export type Tier = 'A' | 'B' | 'C';
export const TIERS: Tier[] = ['A', 'B', 'C'];

export interface LocalizedText {
  en: string;
  ja: string;
}

/** What an automatic check found. */
export type CheckStatus = 'pass' | 'fail' | 'not-applicable' | 'unknown';

export interface CheckResult {
  status: CheckStatus;
  /** The objects and fields that passed or failed, one line each, in English. */
  evidence: string[];
  /**
   * The same lines as codes with parameters (`evidenceCodes[i]` is `evidence[i]`), to show them
   * in the reader's language. Absent in results stored before codes existed.
   */
  evidenceCodes?: EvidenceCode[];
}

export interface TemplateItem {
  id: string;
  title: LocalizedText;
  guidance: LocalizedText;
  tiers: Tier[];
  /** The automatic check that verifies the item (absent for manual items). */
  check?: string;
  manual?: boolean;
}

export interface TemplateSection {
  id: string;
  title: LocalizedText;
  items: TemplateItem[];
}

export interface PrrTemplate {
  id: string;
  title: LocalizedText;
  sections: TemplateSection[];
}

export type ReviewStatus = 'draft' | 'in_review' | 'approved' | 'changes_requested' | 'drifted';
export const REVIEW_STATUSES: ReviewStatus[] = ['draft', 'in_review', 'approved', 'changes_requested', 'drifted'];

/** A manual item's answer: done with evidence (a link or text), or not applicable with a reason. */
export type ManualState = 'pending' | 'done' | 'not-applicable';

export interface ManualAnswer {
  state: ManualState;
  evidenceUrl?: string;
  evidenceText?: string;
  reason?: string;
  updatedBy: string;
  updatedAt: string;
}

export interface ItemComment {
  id: string;
  itemId: string;
  author: string;
  text: string;
  createdAt: string;
}

/** The item's status as the checklist shows it. */
export type ItemStatus = 'pass' | 'fail' | 'pending' | 'not-applicable' | 'unknown';

export interface ChecklistItem {
  id: string;
  sectionId: string;
  title: LocalizedText;
  guidance: LocalizedText;
  tiers: Tier[];
  /** Whether the item applies to the entity's tier. */
  applies: boolean;
  kind: 'automatic' | 'manual';
  check?: string;
  /** The latest automatic result (automatic items). */
  result?: CheckResult & { evaluatedAt: string };
  /** The review's answer (manual items). */
  manual?: ManualAnswer;
  status: ItemStatus;
  comments: ItemComment[];
}

export interface SectionProgress {
  /** Applicable items. */
  total: number;
  passed: number;
  failed: number;
  pending: number;
  /** passed / total in percent (100 when nothing applies). */
  score: number;
}

export interface ChecklistSection {
  id: string;
  title: LocalizedText;
  progress: SectionProgress;
  items: ChecklistItem[];
}

export interface Review {
  id: string;
  entityRef: string;
  status: ReviewStatus;
  author: string;
  createdAt: string;
  updatedAt: string;
  submittedAt?: string;
  decidedBy?: string;
  decidedAt?: string;
  driftedAt?: string;
  /** The automatic items that went from pass to fail after approval. */
  driftedItems?: string[];
}

export interface EntityPrr {
  entityRef: string;
  title?: string;
  owner?: string;
  /** `null` when the entity has no SLO: then the tier C items apply ("untiered"). */
  tier: Tier | null;
  objective?: number;
  templateId: string;
  evaluatedAt?: string;
  score: number;
  progress: SectionProgress;
  sections: ChecklistSection[];
  review?: Review;
}

export interface HistoryEntry {
  id: number;
  entityRef: string;
  reviewId?: string;
  actor: string;
  action: string;
  itemId?: string;
  before?: unknown;
  after?: unknown;
  at: string;
}

export interface ScorePoint {
  at: string;
  score: number;
}

export interface ScorecardRow {
  entityRef: string;
  name: string;
  title?: string;
  owner?: string;
  tier: Tier | null;
  reviewStatus?: ReviewStatus;
  score: number | null;
  /** Score per section id; null when nothing applies or it was never evaluated. */
  sections: Record<string, number | null>;
  trend: ScorePoint[];
}

export interface Scorecard {
  sections: Array<{ id: string; title: LocalizedText }>;
  rows: ScorecardRow[];
  /** The fleet's mean score per evaluation day (of the rows shown). */
  trend: ScorePoint[];
}

export interface EvaluationSummary {
  entityRef: string;
  evaluatedAt: string;
  score: number;
  drifted: boolean;
  driftedItems: string[];
}
