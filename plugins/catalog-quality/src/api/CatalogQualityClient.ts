import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { CatalogQualityApi, QualityReport } from './CatalogQualityApi';

export class CatalogQualityClient implements CatalogQualityApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  private async request<T>(path: string): Promise<T> {
    const base = await this.discoveryApi.getBaseUrl('catalog-quality');
    const res = await this.fetchApi.fetch(`${base}${path}`);
    if (!res.ok) throw await ResponseError.fromResponse(res);
    return res.json() as Promise<T>;
  }

  async getReport(): Promise<QualityReport> {
    return this.request<QualityReport>('/report');
  }
}
