import type { CompoundEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import type {
  EntityPrr,
  HistoryEntry,
  ItemComment,
  ManualAnswer,
  PrrTemplate,
  Review,
  Scorecard,
} from '@internal/plugin-prr-common';
import type { ManualUpdate, PrrApi, ScorecardFilter } from './PrrApi';

/** Talks to the `prr` backend through the app's discovery and (authenticated) fetch. */
export class PrrClient implements PrrApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  /** One request to the backend; any non-2xx answer becomes a `ResponseError`. */
  private async request(path: string, init?: RequestInit): Promise<Response> {
    const base = await this.discoveryApi.getBaseUrl('prr');
    const res = await this.fetchApi.fetch(`${base}${path}`, init);
    if (!res.ok) throw await ResponseError.fromResponse(res);
    return res;
  }

  private async json<T>(path: string, init?: RequestInit): Promise<T> {
    return (await this.request(path, init)).json() as Promise<T>;
  }

  private send<T>(method: string, path: string, body: object = {}): Promise<T> {
    return this.json(path, {
      method,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  private entityPath(entity: CompoundEntityRef): string {
    return `/entities/${encodeURIComponent(entity.kind)}/${encodeURIComponent(entity.namespace)}/${encodeURIComponent(
      entity.name,
    )}`;
  }

  getEntity(entity: CompoundEntityRef): Promise<EntityPrr> {
    return this.json(this.entityPath(entity));
  }

  evaluate(entity: CompoundEntityRef): Promise<EntityPrr> {
    return this.send('POST', `${this.entityPath(entity)}/evaluate`);
  }

  openReview(entity: CompoundEntityRef): Promise<Review> {
    return this.send('POST', `${this.entityPath(entity)}/review`);
  }

  submit(entity: CompoundEntityRef): Promise<Review> {
    return this.send('POST', `${this.entityPath(entity)}/review/submit`);
  }

  approve(entity: CompoundEntityRef): Promise<Review> {
    return this.send('POST', `${this.entityPath(entity)}/review/approve`);
  }

  requestChanges(entity: CompoundEntityRef, reason: string): Promise<Review> {
    return this.send('POST', `${this.entityPath(entity)}/review/request-changes`, { reason });
  }

  setManual(entity: CompoundEntityRef, itemId: string, update: ManualUpdate): Promise<ManualAnswer> {
    return this.send('PUT', `${this.entityPath(entity)}/items/${encodeURIComponent(itemId)}`, update);
  }

  addComment(entity: CompoundEntityRef, itemId: string, text: string): Promise<ItemComment> {
    return this.send('POST', `${this.entityPath(entity)}/items/${encodeURIComponent(itemId)}/comments`, { text });
  }

  async getHistory(entity: CompoundEntityRef): Promise<HistoryEntry[]> {
    return (await this.json<{ history: HistoryEntry[] }>(`${this.entityPath(entity)}/history`)).history;
  }

  async exportMarkdown(entity: CompoundEntityRef, lang: 'en' | 'ja'): Promise<string> {
    return (await this.request(`${this.entityPath(entity)}/export.md?lang=${encodeURIComponent(lang)}`)).text();
  }

  getScorecard(filter: ScorecardFilter = {}): Promise<Scorecard> {
    const query = new URLSearchParams();
    if (filter.team) query.set('team', filter.team);
    if (filter.tier) query.set('tier', filter.tier);
    const qs = query.toString();
    return this.json(`/scorecard${qs ? `?${qs}` : ''}`);
  }

  async getTemplates(): Promise<PrrTemplate[]> {
    return (await this.json<{ templates: PrrTemplate[] }>('/templates')).templates;
  }
}
