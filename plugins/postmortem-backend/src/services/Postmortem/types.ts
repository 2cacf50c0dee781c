import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type {
  ActionItem,
  ActionItemInput,
  ActionItemRow,
  ActionItemStatus,
  CreatePostmortemRequest,
  IncidentCandidate,
  IncidentMetrics,
  Postmortem,
  PostmortemHistoryEvent,
  PostmortemLanguage,
  PostmortemRevision,
  PostmortemSummary,
  TimelineEntry,
  TimelineEntryInput,
  UpdatePostmortemRequest,
} from '@internal/plugin-postmortem-common';
import type { PostmortemFilter, PostmortemPage } from '../../database/PostmortemStore';

export interface ActionItemQuery {
  /** `me` (the caller and their groups) or an entity ref. */
  owner?: string;
  status?: ActionItemStatus[];
  overdue?: boolean;
  entityRef?: string;
}

/** Postmortems: create from incidents, edit with revision checks, review, action items, metrics. */
export interface PostmortemService {
  list(filter: PostmortemFilter, credentials: BackstageCredentials): Promise<PostmortemSummary[]>;
  /** One page of the list (keyset cursor; `nextCursor` when more follow). */
  page(
    filter: PostmortemFilter,
    options: { limit: number; cursor?: string },
    credentials: BackstageCredentials,
  ): Promise<PostmortemPage>;
  create(input: CreatePostmortemRequest, credentials: BackstageCredentials): Promise<Postmortem>;
  get(id: string, credentials: BackstageCredentials): Promise<Postmortem>;
  update(id: string, input: UpdatePostmortemRequest, credentials: BackstageCredentials): Promise<Postmortem>;
  delete(id: string, credentials: BackstageCredentials): Promise<void>;
  revisions(id: string, credentials: BackstageCredentials): Promise<PostmortemRevision[]>;
  revision(id: string, revision: number, credentials: BackstageCredentials): Promise<PostmortemRevision>;
  history(id: string, credentials: BackstageCredentials): Promise<PostmortemHistoryEvent[]>;
  recomputeImpact(id: string, credentials: BackstageCredentials): Promise<Postmortem>;
  addTimelineEntry(id: string, input: TimelineEntryInput, credentials: BackstageCredentials): Promise<TimelineEntry>;
  updateTimelineEntry(
    id: string,
    entryId: string,
    input: Partial<TimelineEntryInput>,
    credentials: BackstageCredentials,
  ): Promise<TimelineEntry>;
  deleteTimelineEntry(id: string, entryId: string, credentials: BackstageCredentials): Promise<void>;
  requestReview(id: string, reviewers: string[], credentials: BackstageCredentials): Promise<Postmortem>;
  approve(id: string, credentials: BackstageCredentials): Promise<Postmortem>;
  reopen(id: string, reason: string | undefined, credentials: BackstageCredentials): Promise<Postmortem>;
  addActionItem(id: string, input: ActionItemInput, credentials: BackstageCredentials): Promise<ActionItem>;
  updateActionItem(
    id: string,
    itemId: string,
    input: Partial<ActionItemInput>,
    credentials: BackstageCredentials,
  ): Promise<ActionItem>;
  deleteActionItem(id: string, itemId: string, credentials: BackstageCredentials): Promise<void>;
  actionItems(query: ActionItemQuery, credentials: BackstageCredentials): Promise<ActionItemRow[]>;
  incidents(entityRef: string, credentials: BackstageCredentials): Promise<IncidentCandidate[]>;
  metrics(
    query: { from?: string; to?: string; entityRef?: string; team?: string },
    credentials: BackstageCredentials,
  ): Promise<IncidentMetrics>;
  /** The postmortem as Markdown; `language` (default: the postmortem's own) names labels and generated text. */
  exportMarkdown(
    id: string,
    credentials: BackstageCredentials,
    options?: { language?: PostmortemLanguage },
  ): Promise<{ title: string; markdown: string }>;
}
