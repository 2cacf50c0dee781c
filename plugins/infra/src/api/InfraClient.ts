import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import type { EntityOverview, InfraHealth } from '@internal/plugin-infra-common';
import type { InfraApi } from './InfraApi';

export class InfraClient implements InfraApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  private async request(path: string): Promise<Response> {
    const base = await this.discoveryApi.getBaseUrl('infra');
    const res = await this.fetchApi.fetch(`${base}${path}`);
    if (!res.ok) throw await ResponseError.fromResponse(res);
    return res;
  }

  private entityPath(entity: CompoundEntityRef) {
    return `/entities/${encodeURIComponent(entity.kind)}/${encodeURIComponent(
      entity.namespace,
    )}/${encodeURIComponent(entity.name)}`;
  }

  async getHealth(): Promise<InfraHealth> {
    return (await this.request('/health')).json();
  }

  async getEntityOverview(entity: CompoundEntityRef): Promise<EntityOverview> {
    return (await this.request(`${this.entityPath(entity)}/overview`)).json();
  }

  async getPodLog(
    entity: CompoundEntityRef,
    options: { cluster: string; pod: string; container?: string; previous?: boolean },
  ): Promise<string> {
    const q = new URLSearchParams({ cluster: options.cluster, pod: options.pod });
    if (options.container) q.set('container', options.container);
    if (options.previous) q.set('previous', 'true');
    return (await this.request(`${this.entityPath(entity)}/logs?${q}`)).text();
  }
}
