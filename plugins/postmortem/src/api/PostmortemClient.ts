import { ResponseError } from '@backstage/errors';
import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
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
import {
  PostmortemConflictError,
  type ActionItemFilter,
  type PostmortemApi,
  type PostmortemListFilter,
  type PostmortemPageQuery,
} from './PostmortemApi';

const query = (params: Record<string, string | boolean | undefined>) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
};

/** Talks to the `postmortem` backend through the app's discovery and (authenticated) fetch. */
export class PostmortemClient implements PostmortemApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  private async request(path: string, init?: RequestInit): Promise<Response> {
    const base = await this.discoveryApi.getBaseUrl('postmortem');
    const res = await this.fetchApi.fetch(`${base}${path}`, init);
    if (!res.ok) throw await this.error(res);
    return res;
  }

  /** A `ResponseError` whose message is the backend's (e.g. which field was invalid). */
  private async error(res: Response): Promise<ResponseError> {
    const error = await ResponseError.fromResponse(res);
    const message = error.body?.error?.message;
    if (message) error.message = message;
    return error;
  }

  private async json<T>(path: string, method = 'GET', body?: unknown): Promise<T> {
    const res = await this.request(path, {
      method,
      ...(body !== undefined ? { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) } : {}),
    });
    return (res.status === 204 ? undefined : await res.json()) as T;
  }

  private pm(id: string, rest = '') {
    return `/postmortems/${encodeURIComponent(id)}${rest}`;
  }

  list(filter: PostmortemListFilter = {}): Promise<PostmortemSummary[]> {
    return this.json(`/postmortems${query({ ...filter })}`);
  }

  page(pageQuery: PostmortemPageQuery): Promise<PostmortemList> {
    const { limit, ...rest } = pageQuery;
    return this.json(`/postmortems${query({ ...rest, limit: String(limit ?? 50) })}`);
  }

  create(request: CreatePostmortemRequest): Promise<Postmortem> {
    return this.json('/postmortems', 'POST', request);
  }

  get(id: string): Promise<Postmortem> {
    return this.json(this.pm(id));
  }

  async update(id: string, request: UpdatePostmortemRequest): Promise<Postmortem> {
    const base = await this.discoveryApi.getBaseUrl('postmortem');
    const res = await this.fetchApi.fetch(`${base}${this.pm(id)}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(request),
    });
    if (res.status === 409) {
      const body = (await res
        .clone()
        .json()
        .catch(() => undefined)) as PostmortemConflict | undefined;
      if (body?.current) throw new PostmortemConflictError(body);
    }
    if (!res.ok) throw await this.error(res);
    return res.json();
  }

  revisions(id: string): Promise<PostmortemRevision[]> {
    return this.json(this.pm(id, '/revisions'));
  }

  revision(id: string, revision: number): Promise<PostmortemRevision> {
    return this.json(this.pm(id, `/revisions/${encodeURIComponent(String(revision))}`));
  }

  history(id: string): Promise<PostmortemHistoryEvent[]> {
    return this.json(this.pm(id, '/history'));
  }

  recomputeImpact(id: string): Promise<Postmortem> {
    return this.json(this.pm(id, '/impact'), 'POST', {});
  }

  addTimelineEntry(id: string, input: TimelineEntryInput): Promise<TimelineEntry> {
    return this.json(this.pm(id, '/timeline'), 'POST', input);
  }

  updateTimelineEntry(id: string, entryId: string, input: Partial<TimelineEntryInput>): Promise<TimelineEntry> {
    return this.json(this.pm(id, `/timeline/${encodeURIComponent(entryId)}`), 'PATCH', input);
  }

  deleteTimelineEntry(id: string, entryId: string): Promise<void> {
    return this.json(this.pm(id, `/timeline/${encodeURIComponent(entryId)}`), 'DELETE');
  }

  requestReview(id: string, reviewers: string[]): Promise<Postmortem> {
    return this.json(this.pm(id, '/review'), 'POST', { reviewers });
  }

  approve(id: string): Promise<Postmortem> {
    return this.json(this.pm(id, '/approve'), 'POST', {});
  }

  reopen(id: string, reason?: string): Promise<Postmortem> {
    return this.json(this.pm(id, '/reopen'), 'POST', reason ? { reason } : {});
  }

  addActionItem(id: string, input: ActionItemInput): Promise<ActionItem> {
    return this.json(this.pm(id, '/action-items'), 'POST', input);
  }

  updateActionItem(id: string, itemId: string, input: Partial<ActionItemInput>): Promise<ActionItem> {
    return this.json(this.pm(id, `/action-items/${encodeURIComponent(itemId)}`), 'PATCH', input);
  }

  deleteActionItem(id: string, itemId: string): Promise<void> {
    return this.json(this.pm(id, `/action-items/${encodeURIComponent(itemId)}`), 'DELETE');
  }

  actionItems(filter: ActionItemFilter = {}): Promise<ActionItemRow[]> {
    return this.json(`/action-items${query({ ...filter, overdue: filter.overdue ? 'true' : undefined })}`);
  }

  incidents(entityRef: string): Promise<IncidentCandidate[]> {
    return this.json(`/incidents${query({ entity: entityRef })}`);
  }

  metrics(filter: { from?: string; to?: string; entity?: string; team?: string } = {}): Promise<IncidentMetrics> {
    return this.json(`/metrics${query(filter)}`);
  }

  async exportMarkdown(id: string, lang?: PostmortemLanguage): Promise<string> {
    return (await this.request(this.pm(id, `/export.md${lang ? query({ lang }) : ''}`))).text();
  }
}
