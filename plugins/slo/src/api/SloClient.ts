import type { CompoundEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import type {
  DeployGate,
  EntitySlo,
  Fleet,
  SloCorrection,
  SloHistory,
  WeeklyReview,
} from '@internal/plugin-slo-common';
import type { FleetFilter, NewSloCorrection, SloApi, WeeklyReviewFormat } from './SloApi';

/** Talks to the `slo` backend through the app's discovery and (authenticated) fetch. */
export class SloClient implements SloApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  /** One request to the backend; any non-2xx answer becomes a `ResponseError`. */
  private async request(path: string, init?: RequestInit): Promise<Response> {
    const base = await this.discoveryApi.getBaseUrl('slo');
    const res = await this.fetchApi.fetch(`${base}${path}`, init);
    if (!res.ok) throw await ResponseError.fromResponse(res);
    return res;
  }

  private async json<T>(path: string, init?: RequestInit): Promise<T> {
    return (await this.request(path, init)).json() as Promise<T>;
  }

  private entityPath(entity: CompoundEntityRef): string {
    return `/entities/${encodeURIComponent(entity.kind)}/${encodeURIComponent(entity.namespace)}/${encodeURIComponent(
      entity.name,
    )}`;
  }

  getEntitySlo(entity: CompoundEntityRef): Promise<EntitySlo> {
    return this.json(this.entityPath(entity));
  }

  getHistory(entity: CompoundEntityRef): Promise<SloHistory> {
    return this.json(`${this.entityPath(entity)}/history`);
  }

  getDeployGate(entity: CompoundEntityRef): Promise<DeployGate> {
    return this.json(`${this.entityPath(entity)}/gate`);
  }

  getFleet(filter: FleetFilter = {}): Promise<Fleet> {
    const query = new URLSearchParams();
    if (filter.owner) query.set('owner', filter.owner);
    if (filter.system) query.set('system', filter.system);
    const search = query.toString();
    return this.json(`/fleet${search ? `?${search}` : ''}`);
  }

  getWeeklyReview(): Promise<WeeklyReview> {
    return this.json('/review/weekly?format=json');
  }

  async getWeeklyReviewText(format: WeeklyReviewFormat, lang?: 'en' | 'ja'): Promise<string> {
    const query = new URLSearchParams({ format, ...(lang ? { lang } : {}) });
    return (await this.request(`/review/weekly?${query}`)).text();
  }

  getCorrections(entity: CompoundEntityRef): Promise<SloCorrection[]> {
    return this.json(`${this.entityPath(entity)}/corrections`);
  }

  createCorrection(entity: CompoundEntityRef, correction: NewSloCorrection): Promise<SloCorrection> {
    return this.json(`${this.entityPath(entity)}/corrections`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(correction),
    });
  }

  async deleteCorrection(id: string): Promise<void> {
    await this.request(`/corrections/${encodeURIComponent(id)}`, {
      method: 'DELETE',
    });
  }
}
