import { ResponseError } from '@backstage/errors';
import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import type { RequestList, RequestType, SupportAnalytics, SupportRequest } from '@internal/plugin-support-common';
import type { RequestQuery, SupportApi } from './SupportApi';

/** Talks to the `support` backend through the app's discovery and (authenticated) fetch. */
export class SupportClient implements SupportApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  private async request<T>(path: string, init?: RequestInit): Promise<T> {
    const base = await this.discoveryApi.getBaseUrl('support');
    const res = await this.fetchApi.fetch(`${base}${path}`, init);
    if (!res.ok) throw await ResponseError.fromResponse(res);
    return (await res.json()) as T;
  }

  private send<T>(method: string, path: string, body: unknown, headers: Record<string, string> = {}) {
    return this.request<T>(path, {
      method,
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  }

  me() {
    return this.request<{ userEntityRef: string; triage: boolean }>('/me');
  }

  async types(): Promise<RequestType[]> {
    return (await this.request<{ items: RequestType[] }>('/types')).items;
  }

  list(query: RequestQuery): Promise<RequestList> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value === undefined || value === '' || value === false) continue;
      params.set(key, Array.isArray(value) ? value.join(',') : String(value));
    }
    return this.request(`/requests?${params}`);
  }

  get(id: number): Promise<SupportRequest> {
    return this.request(`/requests/${encodeURIComponent(String(id))}`);
  }

  create(input: Parameters<SupportApi['create']>[0], idempotencyKey?: string): Promise<SupportRequest> {
    return this.send('POST', '/requests', input, idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {});
  }

  update(id: number, patch: Parameters<SupportApi['update']>[1]): Promise<SupportRequest> {
    return this.send('PATCH', `/requests/${encodeURIComponent(String(id))}`, patch);
  }

  comment(id: number, input: { body: string; internal: boolean }): Promise<SupportRequest> {
    return this.send('POST', `/requests/${encodeURIComponent(String(id))}/comments`, input);
  }

  analytics(range: { from?: string; to?: string } = {}): Promise<SupportAnalytics> {
    const params = new URLSearchParams(Object.entries(range).filter(([, v]) => !!v) as Array<[string, string]>);
    return this.request(`/analytics?${params}`);
  }
}
