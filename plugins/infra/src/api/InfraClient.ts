import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type {
  EntityDeploys,
  EntityKubernetes,
  EntityOverview,
  InfraHealth,
  TeamSummary,
} from '@internal/plugin-infra-common';
import type { InfraApi, PodLogOptions } from './InfraApi';

/** How long a settled overview is reused; long enough for one page's cards, short enough to stay live. */
const DEFAULT_OVERVIEW_TTL_MS = 5_000;

interface CacheEntry<T> {
  promise: Promise<T>;
  /** Unset while the request is in flight. */
  expiresAt?: number;
}

export class InfraClient implements InfraApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;
  private readonly overviewTtlMs: number;
  private readonly overviews = new Map<string, CacheEntry<EntityOverview>>();

  constructor(options: {
    discoveryApi: DiscoveryApi;
    fetchApi: FetchApi;
    /** How long a fetched overview is shared by later callers (default 5 s). */
    overviewTtlMs?: number;
  }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
    this.overviewTtlMs = options.overviewTtlMs ?? DEFAULT_OVERVIEW_TTL_MS;
  }

  private async request(path: string): Promise<Response> {
    const base = await this.discoveryApi.getBaseUrl('infra');
    const res = await this.fetchApi.fetch(`${base}${path}`);
    if (!res.ok) throw await ResponseError.fromResponse(res);
    return res;
  }

  private entityPath(entity: CompoundEntityRef) {
    return `/entities/${encodeURIComponent(entity.kind)}/${encodeURIComponent(entity.namespace)}/${encodeURIComponent(
      entity.name,
    )}`;
  }

  async getHealth(): Promise<InfraHealth> {
    return (await this.request('/health')).json();
  }

  getEntityOverview(entity: CompoundEntityRef): Promise<EntityOverview> {
    const path = `${this.entityPath(entity)}/overview`;
    // Entity refs are case-insensitive: `Component:default/Cart` is `component:default/cart`.
    const key = path.toLocaleLowerCase('en-US');
    const now = Date.now();
    for (const [k, e] of this.overviews) {
      if (e.expiresAt !== undefined && e.expiresAt <= now) this.overviews.delete(k);
    }
    const cached = this.overviews.get(key);
    if (cached) return cached.promise;

    const entry: CacheEntry<EntityOverview> = {
      promise: this.request(path)
        .then(res => res.json() as Promise<EntityOverview>)
        .then(
          overview => {
            entry.expiresAt = Date.now() + this.overviewTtlMs;
            return overview;
          },
          error => {
            // A failure is not shared with later callers: the next call (a retry) asks again.
            if (this.overviews.get(key) === entry) this.overviews.delete(key);
            throw error;
          },
        ),
    };
    this.overviews.set(key, entry);
    return entry.promise;
  }

  async getEntityKubernetes(entity: CompoundEntityRef): Promise<EntityKubernetes> {
    return (await this.request(`${this.entityPath(entity)}/kubernetes`)).json();
  }

  async getEntityDeploys(
    entity: CompoundEntityRef,
    window: { from?: string; to?: string } = {},
  ): Promise<EntityDeploys> {
    const q = new URLSearchParams({ entity: stringifyEntityRef(entity) });
    if (window.from) q.set('from', window.from);
    if (window.to) q.set('to', window.to);
    return (await this.request(`/deploys?${q}`)).json();
  }

  async getTeamSummary(group: CompoundEntityRef): Promise<TeamSummary> {
    return (await this.request(`${this.entityPath(group)}/team`)).json();
  }

  async getPodLog(entity: CompoundEntityRef, options: PodLogOptions): Promise<string> {
    const q = new URLSearchParams({
      cluster: options.cluster,
      pod: options.pod,
    });
    if (options.container) q.set('container', options.container);
    if (options.previous) q.set('previous', 'true');
    return (await this.request(`${this.entityPath(entity)}/logs?${q}`)).text();
  }
}
