import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  ActionItem,
  ActionItemInput,
  ActionItemRow,
  CreatePostmortemRequest,
  IncidentCandidate,
  IncidentMetrics,
  Postmortem,
  PostmortemConflict,
  PostmortemList,
  PostmortemHistoryEvent,
  PostmortemLanguage,
  PostmortemRevision,
  PostmortemSummary,
  TimelineEntry,
  TimelineEntryInput,
  UpdatePostmortemRequest,
} from '@internal/plugin-postmortem-common';

export interface PostmortemListFilter {
  entity?: string;
  team?: string;
  severity?: string;
  status?: string;
  from?: string;
  to?: string;
  q?: string;
}

/** One page of the list: `limit` (at most 200) and the previous page's `nextCursor`. */
export interface PostmortemPageQuery extends PostmortemListFilter {
  limit?: number;
  cursor?: string;
}

export interface ActionItemFilter {
  owner?: string;
  status?: string;
  overdue?: boolean;
  entity?: string;
}

/** A save based on an old revision: the server's current revision is in `conflict`. */
export class PostmortemConflictError extends Error {
  readonly name = 'PostmortemConflictError';
  constructor(readonly conflict: PostmortemConflict) {
    super(conflict.error.message);
  }
}

/** The client of the `postmortem` backend (`/api/postmortem`). */
export interface PostmortemApi {
  list(filter?: PostmortemListFilter): Promise<PostmortemSummary[]>;
  /** One page of the list; `nextCursor` when more follow. */
  page(query: PostmortemPageQuery): Promise<PostmortemList>;
  create(request: CreatePostmortemRequest): Promise<Postmortem>;
  get(id: string): Promise<Postmortem>;
  /** Throws {@link PostmortemConflictError} when `baseRevision` is not the latest. */
  update(id: string, request: UpdatePostmortemRequest): Promise<Postmortem>;
  revisions(id: string): Promise<PostmortemRevision[]>;
  revision(id: string, revision: number): Promise<PostmortemRevision>;
  history(id: string): Promise<PostmortemHistoryEvent[]>;
  recomputeImpact(id: string): Promise<Postmortem>;
  addTimelineEntry(id: string, input: TimelineEntryInput): Promise<TimelineEntry>;
  updateTimelineEntry(id: string, entryId: string, input: Partial<TimelineEntryInput>): Promise<TimelineEntry>;
  deleteTimelineEntry(id: string, entryId: string): Promise<void>;
  requestReview(id: string, reviewers: string[]): Promise<Postmortem>;
  approve(id: string): Promise<Postmortem>;
  reopen(id: string, reason?: string): Promise<Postmortem>;
  addActionItem(id: string, input: ActionItemInput): Promise<ActionItem>;
  updateActionItem(id: string, itemId: string, input: Partial<ActionItemInput>): Promise<ActionItem>;
  deleteActionItem(id: string, itemId: string): Promise<void>;
  actionItems(filter?: ActionItemFilter): Promise<ActionItemRow[]>;
  incidents(entityRef: string): Promise<IncidentCandidate[]>;
  metrics(filter?: { from?: string; to?: string; entity?: string; team?: string }): Promise<IncidentMetrics>;
  /** The Markdown export; `lang` names the language of its labels and generated text (the UI's). */
  exportMarkdown(id: string, lang?: PostmortemLanguage): Promise<string>;
}

export const postmortemApiRef = createApiRef<PostmortemApi>({
  id: 'plugin.postmortem.service',
});
