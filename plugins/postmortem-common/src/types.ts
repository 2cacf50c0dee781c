/** Wire types of the `postmortem` plugin's REST API (`/api/postmortem`). */

import type { Freshness } from '@internal/plugin-infra-common';
import type { TimelineMessageCode, TimelineMessageParams } from './messages';

export type PostmortemStatus = 'draft' | 'in_review' | 'published';
export type Severity = 'SEV1' | 'SEV2' | 'SEV3' | 'SEV4';
export type PostmortemLanguage = 'en' | 'ja';
export type TimelineSource = 'pagerduty' | 'manual';
export type ActionItemStatus = 'open' | 'in_progress' | 'done';
export type ActionItemPriority = 'P1' | 'P2' | 'P3' | 'P4';

export interface TimelineEntry {
  id: string;
  /** ISO 8601 (UTC). */
  at: string;
  /** `trigger`, `acknowledge`, `escalate`, `note`, `resolve`, `notify`, `action`, `detection`, … */
  kind: string;
  text: string;
  keyMoment: boolean;
  source: TimelineSource;
  /** Who did it (PagerDuty agent), when known. */
  actor?: string;
  /**
   * A PagerDuty sentence as a code of POSTMORTEM_MESSAGES with its parameters (computed when read;
   * absent for manual entries and for a text PagerDuty did not write that way). `text` stays as written.
   */
  code?: TimelineMessageCode;
  params?: TimelineMessageParams;
}

export interface Reviewer {
  /** `user:default/sato.yuki` */
  userRef: string;
  approvedAt?: string;
}

export interface ActionItem {
  id: string;
  postmortemId: string;
  title: string;
  /** A user or group ref: `user:default/sato.yuki`, `group:default/team-checkout`. */
  ownerRef: string;
  priority: ActionItemPriority;
  /** `YYYY-MM-DD` */
  dueDate?: string;
  status: ActionItemStatus;
  link?: string;
  createdAt: string;
  updatedAt: string;
  /** Open or in progress and past its due date (computed at read time). */
  overdue: boolean;
}

/** An action item with its postmortem, as the cross-postmortem list shows it. */
export interface ActionItemRow extends ActionItem {
  postmortemTitle: string;
  entityRef: string;
}

/** What was imported from the PagerDuty incident(s). */
export interface IncidentImport {
  incidentId: string;
  number?: number;
  title: string;
  url?: string;
  urgency?: string;
  status?: string;
  /** PagerDuty service names (or ids). */
  services: string[];
  /** Assignees, acknowledgers, escalation targets and note authors. */
  responders: string[];
  triggeredAt?: string;
  acknowledgedAt?: string;
  escalatedAt?: string;
  /** Times of notes added to the incident. */
  noteTimes: string[];
  resolvedAt?: string;
}

/** One SLO's figures for an incident window (`GET /api/slo/entities/.../impact`). */
export interface SloImpactSlo {
  entityRef: string;
  /** e.g. `service` (all SLO endpoints together). */
  name: string;
  objective: number;
  window: string;
  bad: number;
  total: number;
  /** bad / the error budget (allowed bad requests) of the SLO window ending at `to`. */
  budgetConsumedRatio: number;
  allowedBad: number;
  /** The highest burn rate over `bucketSeconds` buckets of the incident window. */
  peakBurnRate: number;
  peakBurnAt?: string;
  bucketSeconds: number;
  endpoints: Array<{ resource: string; bad: number; total: number }>;
}

export interface SloImpact {
  entityRef: string;
  from: string;
  to: string;
  computedAt: string;
  slos: SloImpactSlo[];
  /** Why there are no figures (no SLO, SLO backend unavailable), when that is the case. */
  error?: string;
}

export interface PostmortemSummary {
  id: string;
  entityRef: string;
  ownerRef?: string;
  title: string;
  severity: Severity;
  status: PostmortemStatus;
  language: PostmortemLanguage;
  incidentIds: string[];
  startedAt?: string;
  endedAt?: string;
  revision: number;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
  publishedAt?: string;
  openActionItems: number;
}

/** `GET /postmortems?limit=…&cursor=…`: one page of the list. */
export interface PostmortemList {
  items: PostmortemSummary[];
  /** Present when more postmortems follow: pass it as `cursor` for the next page. */
  nextCursor?: string;
}

export interface Postmortem extends PostmortemSummary {
  /** The document, Markdown from the template. Lines `{{timeline}}`, `{{sloImpact}}` and
   * `{{actionItems}}` are replaced by the live tables when rendered and exported. */
  document: string;
  incident?: IncidentImport;
  impact?: SloImpact;
  timeline: TimelineEntry[];
  reviewers: Reviewer[];
  actionItems: ActionItem[];
}

export interface PostmortemRevision {
  revision: number;
  title: string;
  severity: Severity;
  document: string;
  startedAt?: string;
  endedAt?: string;
  author: string;
  createdAt: string;
}

export interface PostmortemHistoryEvent {
  at: string;
  actor: string;
  /** `created`, `saved`, `review-requested`, `approved`, `published`, `reopened`, `impact-recomputed`, … */
  action: string;
  detail?: string;
}

/** Body of a 409 on a stale save: enough to fetch the current revision and show the diff. */
export interface PostmortemConflict {
  error: { name: 'ConflictError'; message: string };
  currentRevision: number;
  baseRevision: number;
  current: PostmortemRevision;
}

/** `POST /postmortems` */
export interface CreatePostmortemRequest {
  entityRef: string;
  incidentId?: string;
  title?: string;
  severity?: Severity;
  language?: PostmortemLanguage;
}

/** `PUT /postmortems/{id}` */
export interface UpdatePostmortemRequest {
  baseRevision: number;
  title?: string;
  severity?: Severity;
  document?: string;
  startedAt?: string | null;
  endedAt?: string | null;
}

export interface TimelineEntryInput {
  at: string;
  kind: string;
  text: string;
  keyMoment?: boolean;
}

export interface ActionItemInput {
  title: string;
  ownerRef: string;
  priority?: ActionItemPriority;
  dueDate?: string | null;
  status?: ActionItemStatus;
  link?: string | null;
}

/** Candidate incidents of an entity to create a postmortem from (`GET /incidents?entity=`). */
export interface IncidentCandidate {
  id: string;
  number: number;
  title: string;
  status: string;
  urgency: string;
  serviceName?: string;
  createdAt: string;
  resolvedAt?: string;
  url?: string;
  /** Ids of postmortems already written for it. */
  postmortemIds: string[];
}

export interface MttrRow {
  /** `component:default/x` (per service) or `group:default/team-x` (per team). */
  ref: string;
  incidents: number;
  acknowledged: number;
  resolved: number;
  /** Mean time to acknowledge, seconds (null without acknowledged incidents). */
  mttaSeconds: number | null;
  /** Mean time to resolve, seconds (null without resolved incidents). */
  mttrSeconds: number | null;
}

export interface IncidentMetrics {
  from: string;
  to: string;
  services: MttrRow[];
  teams: MttrRow[];
  generatedAt: string;
  /**
   * How old the incident history (refreshed in the background) is: `fresh` within two refresh
   * intervals, else `stale` with its age (and the last refresh's error); `loading` before the
   * first refresh completed (no rows yet, not an error); `unavailable` with the reason when that
   * first refresh failed; `not-configured` without PagerDuty.
   */
  freshness?: Freshness;
  /** Incidents whose log (the acknowledgement time) has been read (MTTA counts only these), of all. */
  acknowledgements?: { read: number; incidents: number };
  /** Why MTTA is partial (logs not read yet, or PagerDuty failed reading them); absent when complete. */
  partial?: string;
  /** The history holds every incident created since this time (absent before the first refresh). */
  historySince?: string;
  /**
   * Present when the window starts before `historySince`: incidents before it are not counted,
   * and why (e.g. PagerDuty did not list the whole history yet).
   */
  incomplete?: string;
}
