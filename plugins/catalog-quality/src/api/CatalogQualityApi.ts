import { createApiRef } from '@backstage/frontend-plugin-api';

import type { QualityReport } from '@internal/plugin-catalog-quality-common';

export * from '@internal/plugin-catalog-quality-common';

/** The `catalog-quality` backend's REST API, as the frontend uses it. */
export interface CatalogQualityApi {
  getReport(): Promise<QualityReport>;
}

export const catalogQualityApiRef = createApiRef<CatalogQualityApi>({
  id: 'plugin.catalog-quality.service',
});
