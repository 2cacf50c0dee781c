import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { QualityReport, QualityReportFilter } from '@internal/plugin-catalog-quality-common';

export * from '@internal/plugin-catalog-quality-common';

/** Builds the catalog data-quality report as the caller is allowed to see the catalog. */
export interface QualityReportService {
  report(options: { credentials: BackstageCredentials; filter?: QualityReportFilter }): Promise<QualityReport>;
}
