import { createApiRef } from '@backstage/frontend-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import type { EntityOverview, InfraHealth } from '@internal/plugin-infra-common';

/** The `infra` backend's REST API, as the frontend uses it. */
export interface InfraApi {
  getHealth(): Promise<InfraHealth>;
  getEntityOverview(entity: CompoundEntityRef): Promise<EntityOverview>;
  getPodLog(
    entity: CompoundEntityRef,
    options: { cluster: string; pod: string; container?: string; previous?: boolean },
  ): Promise<string>;
}

export const infraApiRef = createApiRef<InfraApi>({ id: 'plugin.infra.service' });
