/** Wire types of `/api/support`. */

import type { SupportMessageCode, SupportMessageParams } from './messages';

export type Localized = { en: string; ja: string };

export type FieldKind = 'text' | 'textarea' | 'select' | 'entity' | 'url' | 'number' | 'boolean';

export interface RequestTypeField {
  id: string;
  label: Localized;
  kind: FieldKind;
  required: boolean;
  /** For `select`: the allowed values, with labels. */
  options?: Array<{ value: string; label: Localized }>;
  /** For text kinds: the longest accepted value (defaults: text 500, textarea 10 000, url 2 000). */
  maxLength?: number;
  help?: Localized;
}

export type Priority = 'P1' | 'P2' | 'P3' | 'P4';

/** SLA targets of one priority, in business minutes. */
export interface SlaTarget {
  firstResponseMinutes: number;
  resolutionMinutes: number;
}

export interface RequestType {
  id: string;
  title: Localized;
  description: Localized;
  fields: RequestTypeField[];
  defaultPriority: Priority;
  sla: Record<Priority, SlaTarget>;
  /** incident-assistance: the select field whose value `high` pages the platform on-call. */
  urgencyField?: string;
}

export type RequestStatus = 'new' | 'triaged' | 'in_progress' | 'waiting_on_requester' | 'resolved' | 'closed';

export type FreshnessState = 'fresh' | 'stale' | 'unavailable' | 'none';

/** One part of the context snapshot: what was read, when, and how fresh it was. */
export interface ContextPart<T> {
  state: FreshnessState;
  fetchedAt?: string;
  /** Why the part could not be read, in English (kept for older clients). */
  error?: string;
  /** `error` as a code of SUPPORT_MESSAGES_EN with parameters, rendered in the reader's language. */
  errorCode?: SupportMessageCode;
  errorParams?: SupportMessageParams;
  data?: T;
}

export interface KubernetesProblemSnapshot {
  cluster: string;
  workload: string;
  namespace: string;
  code: string;
  pod?: string;
  container?: string;
  detail?: string;
}

export interface ContextSnapshot {
  takenAt: string;
  entityRef?: string;
  owner: ContextPart<{ ownerRef: string }>;
  oncall: ContextPart<Array<{ level: number; name: string; email?: string; policy: string; url?: string }>>;
  slo: ContextPart<{
    objective: number;
    sli: number;
    budgetRemainingRatio: number;
    policy: string;
    alertState: string;
    burnRates: Record<string, number>;
  }>;
  kubernetes: ContextPart<KubernetesProblemSnapshot[]>;
  deploys: ContextPart<Array<{ title: string; at: string; version?: string; cluster?: string }>>;
  incidents: ContextPart<
    Array<{ id: string; number: number; title: string; status: string; url?: string; createdAt: string }>
  >;
}

export type SlaClockKind = 'first_response' | 'resolution';
export type SlaState = 'ok' | 'warning' | 'breached' | 'met';

export interface SlaClock {
  kind: SlaClockKind;
  targetMinutes: number;
  elapsedMinutes: number;
  remainingMinutes: number;
  state: SlaState;
  paused: boolean;
  /** When the target is due if the clock keeps running (absent when stopped or paused). */
  dueAt?: string;
  stoppedAt?: string;
}

export interface PageResult {
  status: 'sent' | 'failed' | 'deduplicated';
  dedupKey: string;
  at: string;
  /** In English (kept for older clients). */
  message?: string;
  /** `message` as a code of SUPPORT_MESSAGES_EN with parameters. */
  messageCode?: SupportMessageCode;
  messageParams?: SupportMessageParams;
  incident?: { id: string; number: number; url?: string; title: string };
  /** When deduplicated: the request whose page this one joined. */
  joinedRequestId?: number;
}

export interface SupportRequestSummary {
  id: number;
  type: string;
  title: string;
  status: RequestStatus;
  priority: Priority;
  entityRef?: string;
  ownerRef?: string;
  requester: string;
  assignee?: string;
  createdAt: string;
  updatedAt: string;
  sla: { firstResponse: SlaClock; resolution: SlaClock };
}

export interface SupportComment {
  id: number;
  author: string;
  body: string;
  internal: boolean;
  createdAt: string;
}

export interface HistoryEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  from?: string;
  to?: string;
}

export interface SupportRequest extends SupportRequestSummary {
  description: string;
  fields: Record<string, unknown>;
  context: ContextSnapshot;
  firstResponseAt?: string;
  resolvedAt?: string;
  page?: PageResult;
  comments: SupportComment[];
  history: HistoryEntry[];
  /** What the caller may do: the frontend shows the matching controls. */
  can: { triage: boolean; comment: boolean; transitions: RequestStatus[] };
}

export interface RequestList {
  items: SupportRequestSummary[];
  /** All requests matching the filters. */
  total: number;
  offset: number;
  limit: number;
  /** Present when more requests follow: pass it as `cursor` for the next page. */
  nextCursor?: string;
}

export interface NewSupportRequest {
  type: string;
  title: string;
  description?: string;
  entityRef?: string;
  priority?: Priority;
  fields: Record<string, unknown>;
}

export interface SupportAnalytics {
  from: string;
  to: string;
  total: number;
  byType: Array<{ type: string; count: number }>;
  byTeam: Array<{ team: string; count: number }>;
  byMonth: Array<{ month: string; count: number }>;
  medianFirstResponseMinutes?: number;
  medianResolutionMinutes?: number;
  automationCandidates: Array<{ type: string; count: number; share: number; medianResolutionMinutes?: number }>;
}
